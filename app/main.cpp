// isnad: Arabic news → who-said-what-about-whom knowledge graph and timeline.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "commands.h"

namespace {

struct Command {
  const char* name;
  const char* help;
  int (*run)(const isnad::app::Args&);
};

constexpr Command kCommands[] = {
    {"build", "extract articles and write graph.json, graph.graphml, graph.dot, graph.svg", isnad::app::cmd_build},
    {"extract", "extract articles to JSON records, one line each, streaming (the map step)", isnad::app::cmd_extract},
    {"merge", "combine records of extract/merge runs into one graph (the reduce step)", isnad::app::cmd_merge},
    {"render", "re-render a graph.json as svg/png/dot (or any format), optionally one actor's ego network",
     isnad::app::cmd_render},
    {"eval", "score a graph.json against gold annotations (precision/recall/F1)", isnad::app::cmd_eval},
    {"train-clusters", "learn hierarchical word classes for the NER tagger from unlabelled text (JSON Lines, xz)",
     isnad::app::cmd_train_clusters},
    {"train-ner", "train the named-entity tagger on a CoNLL file (token TAG per line)", isnad::app::cmd_train_ner},
    {"train-speaker", "learn who speaks at a cue from annotated articles (news-gold layout)", isnad::app::cmd_train_speaker},
    {"tag", "tag CoNLL tokens (file or stdin) with BIO named-entity tags", isnad::app::cmd_tag},
    {"eval-ner", "entity-level P/R/F1 of the NER tagger on a gold CoNLL file", isnad::app::cmd_eval_ner},
    {"eval-timex", "span P/R/F1 and value accuracy of the temporal recogniser on TimeML TIMEX3 files",
     isnad::app::cmd_eval_timex},
    {"bench-ner", "NER tagging throughput (tokens/s, MB/s) and peak memory", isnad::app::cmd_bench_ner},
};

void print_usage(std::FILE* out) {
  std::fprintf(out, "usage: isnad COMMAND [ARGS...]\n\nArabic news → who said what about whom, and when.\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(out, "  %-10s %s\n", c.name, c.help);
  std::fprintf(out, "\n  isnad COMMAND --help   shows a command's options\n  isnad --version\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    print_usage(stderr);
    return 2;
  }
  std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    print_usage(stdout);
    return 0;
  }
  if (name == "--version") {
    std::printf("isnad %s\n", ISNAD_VERSION);
    return 0;
  }
  for (const auto& c : kCommands) {
    if (name != c.name) continue;
    try {
      return c.run(isnad::app::Args(argv + 2, argv + argc));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "isnad %s: %s\n", c.name, e.what());
      return 1;
    }
  }
  std::fprintf(stderr, "isnad: unknown command '%s' (see isnad --help)\n", name.c_str());
  return 2;
}
