#include "exporter.h"

#include "formats.h"

namespace isnad {

std::unique_ptr<Exporter> make_exporter(std::string_view format) {
  if (format == "json") return make_json_exporter();
  return nullptr;
}

std::vector<std::string> exporter_names() { return {"json"}; }

}  // namespace isnad
