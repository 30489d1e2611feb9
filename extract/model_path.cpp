#include "model_path.h"

#include <cstdlib>
#include <filesystem>

// Both set by extract/CMakeLists.txt: the source tree's models, and the install layout relative to the binary.
#ifndef ISNAD_MODEL_DIR
#define ISNAD_MODEL_DIR "extract/models"
#endif
#ifndef ISNAD_MODEL_RELDIR
#define ISNAD_MODEL_RELDIR "../share/isnad/models"
#endif

namespace isnad {

std::string model_path(const char* env_var, const char* file_name) {
  if (const char* env = std::getenv(env_var); env && *env) return env;
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::filesystem::path installed = exe.parent_path() / ISNAD_MODEL_RELDIR / file_name;
  if (!ec && std::filesystem::is_regular_file(installed, ec)) return installed.lexically_normal().string();
  return std::string(ISNAD_MODEL_DIR) + "/" + file_name;
}

}  // namespace isnad
