// isnad build INPUT... -o DIR [--format LIST] [corpus flags]: extract + merge in one process.
#include <cstdio>
#include <sstream>
#include <thread>

#include "commands.h"
#include "corpus.h"

namespace isnad::app {

namespace {

constexpr const char* kBuildHelp =
    "usage: isnad build INPUT... -o DIR [--format LIST] [options]\n"
    "  -o, --out DIR      output directory (created if missing): graph files and run.json\n"
    "  --format LIST      comma-separated, default json,graphml,dot,svg (also: png, gexf, neo4j, rdf, timeline, ...)\n"
    "  --view full|entities  full: statements are nodes (default); entities: GraphML and GEXF collapse each\n"
    "                     statement into speaker → target edges (graph.entities.graphml, graph.entities.gexf)\n"
    "  --aliases FILE     analyst's TSV: NAME<TAB>NAME<TAB>same|different (graph/resolve.h)\n";

// "graphml,gexf,svg" in the entities view → "graphml-entities,gexf-entities,svg".
std::string apply_view(const std::string& formats, const std::string& view) {
  if (view == "full") return formats;
  std::string out;
  std::stringstream in(formats);
  for (std::string name; std::getline(in, name, ',');) {
    if (name == "graphml" || name == "gexf") name += "-entities";
    out += (out.empty() ? "" : ",") + name;
  }
  return out;
}

}  // namespace

int cmd_build(const Args& args) {
  std::vector<std::string> inputs;
  std::vector<AliasRule> aliases;
  std::string out_dir, formats = "json,graphml,dot,svg", view = "full";
  CorpusFlags flags;
  flags.run.jobs = std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    try {
      if (a == "--help" || a == "-h") {
        std::fputs(kBuildHelp, stdout);
        std::fputs(kCorpusFlagsHelp, stdout);
        return kExitOk;
      } else if (a == "-o" || a == "--out") {
        if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
        out_dir = args[++i];
      } else if (a == "--aliases") {
        if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
        aliases = load_aliases(args[++i]);
      } else if (a == "--format") {
        if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
        formats = args[++i];
      } else if (a == "--view") {
        if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
        view = args[++i];
        if (view != "full" && view != "entities") throw std::invalid_argument("--view must be full or entities");
      } else if (parse_corpus_flag(args, i, flags)) {
      } else if (a.size() > 1 && a[0] == '-') {
        throw std::invalid_argument("unknown option '" + a + "'");
      } else {
        inputs.push_back(a);
      }
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "isnad build: %s\n", e.what());
      return kExitUsage;
    }
  }
  if (inputs.empty() || out_dir.empty()) {
    std::fputs(kBuildHelp, stderr);
    std::fputs(kCorpusFlagsHelp, stderr);
    return kExitUsage;
  }
  std::vector<std::unique_ptr<Exporter>> exporters;
  try {
    exporters = make_exporters(apply_view(formats, view));
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "isnad build: %s\n", e.what());
    return kExitUsage;
  }

  if (std::string missing = missing_input(inputs); !missing.empty()) {
    std::fprintf(stderr, "isnad build: %s\n", missing.c_str());
    return kExitUsage;
  }

  corpus::RunReport report;
  report.command = "build";
  report.inputs = inputs;
  report.jobs = flags.run.jobs;
  report.progress = flags.run.progress;
  // A directory walk never reads the output directory back (building news/ into news/out twice).
  corpus::ArticleSource source(inputs, flags.run.read, flags.shard, {out_dir});
  corpus::RecordBag bag;
  bool stopped = false;
  corpus::run_corpus(source, flags.run, [&](corpus::ArticleOutcome& o) {
    ++report.counters.articles;
    for (auto& w : o.warnings) report.counters.warnings.push_back({o.id, o.path, std::move(w)});
    if (!o.ok) {
      bag.add_failure({o.id, o.path, o.error});
      if (flags.strict) stopped = true;
      return !flags.strict;
    }
    report.counters.chars += o.stats.chars;
    report.counters.tokens += o.stats.tokens;
    bag.add_document(std::move(o.document), o.hash, o.stats);
    return true;
  });
  report.input_bytes = source.bytes_read();
  add_skipped(source, report.counters);
  if (flags.strict && !bag.failures().empty()) stopped = true;  // a duplicate id is a failure too
  return write_graph_and_report(bag, aliases, exporters, out_dir, report, stopped);
}

}  // namespace isnad::app
