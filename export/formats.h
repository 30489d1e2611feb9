// Factories of the individual exporters; only exporter.cpp includes this.
#pragma once
#include <memory>

#include "exporter.h"

namespace isnad {

std::unique_ptr<Exporter> make_json_exporter();

}  // namespace isnad
