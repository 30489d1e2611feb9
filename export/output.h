// Atomic output: write to "PATH.tmp-PID", flush, then rename over PATH, so an interrupted
// or failed run never leaves a half-written file.
#pragma once
#include <functional>
#include <ostream>
#include <string>

namespace isnad {

// Returns false and sets `error` ("out/graph.svg: <reason>") if writing failed; PATH is untouched then.
bool write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write, std::string* error);

}  // namespace isnad
