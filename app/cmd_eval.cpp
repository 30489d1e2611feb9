// isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt | --texts DIR] [--verbose]
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "graph_eval.h"

namespace isnad::app {

int cmd_eval(const Args& args) {
  std::vector<std::string> golds;
  std::string graph, text, texts_dir, pairs;
  bool verbose = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--graph" || a == "--text" || a == "--texts" || a == "--pairs") && i + 1 < args.size()) {
      (a == "--graph" ? graph : a == "--text" ? text : a == "--texts" ? texts_dir : pairs) = args[++i];
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::puts("usage: isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt | --texts DIR] [--verbose]\n"
                "       isnad eval --pairs PAIRS.tsv [--verbose]   (GOLD<TAB>GRAPH<TAB>TEXT per article)\n"
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
  // A mistyped path is a usage error naming it, as in build (the files of --pairs are checked as they are read).
  std::vector<std::string> named = golds;
  for (const auto* path : {&graph, &pairs, &text, &texts_dir})
    if (!path->empty()) named.push_back(*path);
  for (const auto& path : named)
    if (std::error_code ec; !std::filesystem::exists(path, ec)) {
      std::fprintf(stderr, "isnad eval: %s: no such file or directory\n", path.c_str());
      return 2;
    }
  EvalReport report;
  if (!pairs.empty()) {
    // One article per line: GOLD.json <TAB> graph.json <TAB> article text (as ../shared/tools/score_graph.py).
    std::ifstream in(pairs);
    if (!in) {
      std::fprintf(stderr, "isnad eval: %s: cannot open file\n", pairs.c_str());
      return 1;
    }
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      std::vector<std::string> f;
      std::stringstream row(line);
      for (std::string x; std::getline(row, x, '\t');) f.push_back(x);
      if (f.size() < 2) {
        std::fprintf(stderr, "isnad eval: %s: expected GOLD<TAB>GRAPH[<TAB>TEXT]: '%s'\n", pairs.c_str(), line.c_str());
        return 2;
      }
      try {
        evaluate_article(f[0], f[1], f.size() > 2 ? f[2] : "", report);
      } catch (const std::runtime_error& e) {
        std::fprintf(stderr, "isnad eval: %s\n", e.what());
        return 1;
      }
    }
    print_report(report, verbose, std::cout);
    return 0;
  }
  if (golds.empty() || graph.empty()) {
    std::fputs("usage: isnad eval GOLD.json... --graph graph.json [--text ARTICLE.txt] [--verbose]\n", stderr);
    return 2;
  }
  // Any unreadable or mismatched file stops the evaluation with its name and the reason (exit 1): a score over
  // the wrong files would look like a real one.
  try {
    for (const auto& g : golds) {
      std::string article = golds.size() == 1 ? text : "";
      if (!texts_dir.empty()) article = texts_dir + "/" + gold_text_name(g);
      evaluate_article(g, graph, article, report);
    }
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "isnad eval: %s\n", e.what());
    return 1;
  }
  print_report(report, verbose, std::cout);
  return 0;
}

}  // namespace isnad::app
