#include <cstdio>

#include "commands.h"

namespace isnad::app {

int cmd_eval(const Args& args) {
  std::fprintf(stderr, "isnad eval: not built yet\n");
  return 2;
}

}  // namespace isnad::app
