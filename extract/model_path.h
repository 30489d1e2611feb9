// Where a shipped model file is found, for every model the pipeline loads (ner.model, speaker.model).
#pragma once
#include <string>

namespace isnad {

// $ENV_VAR when set; else the model installed beside the binary (/proc/self/exe → ../share/isnad/models, as
// `cmake --install` lays it out); else the source tree's extract/models (a binary in the build tree).
std::string model_path(const char* env_var, const char* file_name);

}  // namespace isnad
