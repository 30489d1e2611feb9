// Files, folders and shell commands for the tests that run the isnad binary or write outputs.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace isnad::test {

namespace fs = std::filesystem;

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void spit(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

// Exit status of a shell command run from the source directory; output only where `command` redirects it.
inline int shell(const std::string& command) {
  int status = std::system(("cd " + std::string(ISNAD_SOURCE_DIR) + " && " + command).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A fresh folder under the system's temporary directory, removed with the object: "isnad-PREFIX-NAME-PID".
struct TempDir {
  fs::path path;
  TempDir(const std::string& prefix, const std::string& name) {
    path = fs::temp_directory_path() / ("isnad-" + prefix + "-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace isnad::test
