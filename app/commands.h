// Subcommands of the isnad executable. Each takes its arguments after the command name
// and returns the process exit code (0 ok, 1 some input failed, 2 usage error).
#pragma once
#include <string>
#include <vector>

namespace isnad::app {

using Args = std::vector<std::string>;

int cmd_build(const Args& args);
int cmd_extract(const Args& args);
int cmd_merge(const Args& args);
int cmd_render(const Args& args);
int cmd_eval(const Args& args);
int cmd_train_clusters(const Args& args);
int cmd_train_ner(const Args& args);
int cmd_train_speaker(const Args& args);
int cmd_tag(const Args& args);
int cmd_eval_ner(const Args& args);
int cmd_bench_ner(const Args& args);
int cmd_eval_timex(const Args& args);

}  // namespace isnad::app
