// isnad merge RECORDS... [-o DIR [--format LIST]]: the reduce step. Reads records written by `isnad extract`
// (or by an earlier merge) and combines them. The result does not depend on how the corpus was split nor on the
// order of the inputs: documents are a set keyed by id, and the graph is built from them sorted by id.
//   without -o: the merged records, sorted by id, on stdout (or --records FILE): a partial result to merge again
//   with -o DIR: graph files and run.json, exactly as `isnad build` writes them for the same articles
#include <cstdio>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "corpus.h"
#include "output.h"

namespace isnad::app {

namespace {

constexpr const char* kMergeHelp =
    "usage: isnad merge RECORDS... [-o DIR [--format LIST]] [--records FILE] [--strict]\n"
    "  RECORDS            files of `isnad extract` or `isnad merge` output, - for stdin\n"
    "  -o, --out DIR      write the graph and run.json there (default: merged records to stdout)\n"
    "  --format LIST      comma-separated, default json,graphml,dot,svg\n"
    "  --aliases FILE     analyst's TSV: NAME<TAB>NAME<TAB>same|different (graph/resolve.h)\n"
    "  --records FILE     also write the merged records (atomically)\n"
    "  --strict           any failed article or unreadable record is fatal (exit 4)\n"
    "exit codes: 0 ok, 1 some articles failed, 2 usage, 3 an output could not be written, 4 stopped by --strict\n";

}  // namespace

int cmd_merge(const Args& args) {
  std::vector<std::string> inputs;
  std::vector<AliasRule> aliases;
  std::string out_dir, records_file, formats = "json,graphml,dot,svg";
  bool strict = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
      return args[++i];
    };
    try {
      if (a == "--help" || a == "-h") {
        std::fputs(kMergeHelp, stdout);
        return kExitOk;
      } else if (a == "-o" || a == "--out") {
        out_dir = value();
      } else if (a == "--aliases") {
        if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
        aliases = load_aliases(args[++i]);
      } else if (a == "--format") {
        formats = value();
      } else if (a == "--records") {
        records_file = value();
      } else if (a == "--strict") {
        strict = true;
      } else if (a.size() > 1 && a[0] == '-') {
        throw std::invalid_argument("unknown option '" + a + "'");
      } else {
        inputs.push_back(a);
      }
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "isnad merge: %s\n", e.what());
      return kExitUsage;
    }
  }
  if (inputs.empty()) {
    std::fputs(kMergeHelp, stderr);
    return kExitUsage;
  }
  std::vector<std::unique_ptr<Exporter>> exporters;
  try {
    exporters = make_exporters(formats);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "isnad merge: %s\n", e.what());
    return kExitUsage;
  }

  corpus::RunReport report;
  report.command = "merge";
  report.inputs = inputs;
  corpus::RecordBag bag;
  for (const auto& input : inputs) {
    std::ifstream file;
    if (input != "-") {
      file.open(input, std::ios::binary);
      if (!file) {
        std::fprintf(stderr, "isnad merge: %s: cannot open file\n", input.c_str());
        return kExitUsage;
      }
    }
    std::istream& in = input == "-" ? std::cin : file;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      report.input_bytes += line.size() + 1;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string error;
      if (!bag.add_record_line(line, &error)) {
        std::string where = input + ":" + std::to_string(line_number);
        bag.add_failure({where, where, "not a valid record: " + error});
      }
    }
  }
  const std::vector<corpus::Failure>& failures = bag.failures();
  corpus::RunCounters& c = report.counters;
  c.articles = bag.documents() + failures.size() + bag.duplicates();
  RecordStats totals = bag.totals();
  c.chars = totals.chars;
  c.tokens = totals.tokens;
  bool stopped = strict && !failures.empty();

  if (!records_file.empty() || out_dir.empty()) {
    std::string error;
    if (records_file.empty() || records_file == "-") {
      bag.write_records(std::cout);
      std::cout.flush();
    } else if (!write_file_atomic(records_file, [&](std::ostream& os) { bag.write_records(os); }, &error)) {
      std::fprintf(stderr, "isnad merge: %s\n", error.c_str());
      return kExitOutputFailed;
    }
  }
  if (out_dir.empty()) {
    c.failures = failures;
    c.failed = failures.size();
    c.duplicates = bag.duplicates();
    c.done = bag.documents();
    c.entities = totals.entities;  // in-document counts: no graph, no cross-document merging
    c.statements = totals.statements;
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - report.started).count();
    print_problems("isnad merge", c);
    std::fprintf(stderr, "isnad merge: %s\n", corpus::summary_line(report).c_str());
    if (stopped) return kExitStrict;
    return c.failed ? kExitArticlesFailed : kExitOk;
  }
  return write_graph_and_report(bag, aliases, exporters, out_dir, report, stopped);
}

}  // namespace isnad::app
