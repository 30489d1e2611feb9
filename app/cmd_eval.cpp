// isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt | --texts DIR] [--verbose]
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "graph_eval.h"

namespace isnad::app {

int cmd_eval(const Args& args) {
  std::vector<std::string> golds;
  std::string graph, text, texts_dir;
  bool verbose = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--graph" || a == "--text" || a == "--texts") && i + 1 < args.size()) {
      (a == "--graph" ? graph : a == "--text" ? text : texts_dir) = args[++i];
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::puts("usage: isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt | --texts DIR] [--verbose]\n"
                "  scores entities, timexes, statements (speaker + act) and roles against hand annotations\n"
                "  (format: shared/data/seed/GOLD-FORMAT.md); with several gold files the graph is one built\n"
                "  from all their articles, each scored on its own nodes; --text / --texts (the folder of the\n"
                "  gold files' \"text\" files) also checks every mention's offsets");
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
  for (const auto& g : golds) {
    std::string article = golds.size() == 1 ? text : "";
    if (!texts_dir.empty()) article = texts_dir + "/" + gold_text_name(g);
    evaluate_article(g, graph, article, report);
  }
  print_report(report, verbose, std::cout);
  return 0;
}

}  // namespace isnad::app
