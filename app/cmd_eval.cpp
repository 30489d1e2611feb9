// isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt] [--verbose]
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "graph_eval.h"

namespace isnad::app {

int cmd_eval(const Args& args) {
  std::vector<std::string> golds;
  std::string graph, text;
  bool verbose = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--graph" || a == "--text") && i + 1 < args.size()) {
      (a == "--graph" ? graph : text) = args[++i];
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::puts("usage: isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt] [--verbose]\n"
                "  scores entities, timexes, statements (speaker + act) and roles against hand annotations\n"
                "  (format: shared/data/seed/GOLD-FORMAT.md); --text also checks every mention's offsets");
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "isnad eval: unknown option '%s'\n", a.c_str());
      return 2;
    } else {
      golds.push_back(a);
    }
  }
  if (golds.empty() || graph.empty()) {
    std::fputs("usage: isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt] [--verbose]\n", stderr);
    return 2;
  }
  EvalReport report;
  for (const auto& g : golds) evaluate_article(g, graph, golds.size() == 1 ? text : "", report);
  print_report(report, verbose, std::cout);
  return 0;
}

}  // namespace isnad::app
