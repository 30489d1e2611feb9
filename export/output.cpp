#include "output.h"

#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace isnad {

bool write_file_atomic(const std::string& path, const std::function<void(std::ostream&)>& write, std::string* error) {
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  try {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot create file");
    write(out);
    out.flush();
    if (!out) throw std::runtime_error("write failed");
    out.close();
    std::filesystem::rename(tmp, path);
    return true;
  } catch (const std::exception& e) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    *error = path + ": " + e.what();
    return false;
  }
}

}  // namespace isnad
