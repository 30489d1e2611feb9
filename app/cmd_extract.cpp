// isnad extract INPUT... [-o FILE] [--run-report FILE] [corpus flags]: the map step. Writes one JSON record per
// article (extract/document_json.h), in input order, as the articles are done.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "commands.h"
#include "corpus.h"
#include "output.h"

namespace isnad::app {

namespace {

constexpr const char* kExtractHelp =
    "usage: isnad extract INPUT... [-o FILE] [--run-report FILE] [options]\n"
    "  writes one JSON record per article (failures as {\"id\",\"path\",\"error\"}) to stdout or FILE;\n"
    "  `isnad merge` combines them into a graph\n"
    "  -o, --out FILE       records file, written atomically (default: stdout, streamed)\n"
    "  --run-report FILE    also write the run summary as JSON\n";

}  // namespace

int cmd_extract(const Args& args) {
  std::vector<std::string> inputs;
  std::string out_file, report_file;
  CorpusFlags flags;
  flags.run.jobs = std::max(1u, std::thread::hardware_concurrency());
  flags.run.keep_documents = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    try {
      if (a == "--help" || a == "-h") {
        std::fputs(kExtractHelp, stdout);
        std::fputs(kCorpusFlagsHelp, stdout);
        return kExitOk;
      } else if (a == "-o" || a == "--out" || a == "--run-report") {
        if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
        (a == "--run-report" ? report_file : out_file) = args[++i];
      } else if (parse_corpus_flag(args, i, flags)) {
      } else if (a.size() > 1 && a[0] == '-') {
        throw std::invalid_argument("unknown option '" + a + "'");
      } else {
        inputs.push_back(a);
      }
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "isnad extract: %s\n", e.what());
      return kExitUsage;
    }
  }
  if (inputs.empty()) {
    std::fputs(kExtractHelp, stderr);
    std::fputs(kCorpusFlagsHelp, stderr);
    return kExitUsage;
  }

  if (std::string missing = missing_input(inputs); !missing.empty()) {
    std::fprintf(stderr, "isnad extract: %s\n", missing.c_str());
    return kExitUsage;
  }

  corpus::RunReport report;
  report.command = "extract";
  report.inputs = inputs;
  report.jobs = flags.run.jobs;
  corpus::RunCounters& c = report.counters;
  // A directory walk never reads this run's own outputs back.
  std::vector<std::string> own_outputs;
  for (const auto& f : {out_file, report_file})
    if (!f.empty() && f != "-") own_outputs.push_back(f);
  corpus::ArticleSource source(inputs, flags.run.read, flags.shard, own_outputs);
  bool stopped = false;
  auto run = [&](std::ostream& out) {
    corpus::run_corpus(source, flags.run, [&](corpus::ArticleOutcome& o) {
      ++c.articles;
      for (auto& w : o.warnings) c.warnings.push_back({o.id, o.path, std::move(w)});
      out << o.record << '\n';
      if (!o.ok) {
        ++c.failed;
        c.failures.push_back({o.id, o.path, o.error});
        stopped = flags.strict;
        return !flags.strict;
      }
      ++c.done;
      c.chars += o.stats.chars;
      c.tokens += o.stats.tokens;
      c.entities += o.stats.entities;
      c.statements += o.stats.statements;
      return true;
    });
    if (stopped) throw std::runtime_error("stopped by --strict");
  };

  int code = kExitOk;
  std::string error;
  if (out_file.empty() || out_file == "-") {
    std::ios::sync_with_stdio(false);
    try {
      run(std::cout);
    } catch (const std::runtime_error&) {
    }
    std::cout.flush();
    if (!std::cout) {
      std::fprintf(stderr, "isnad extract: writing stdout failed\n");
      code = kExitOutputFailed;
    }
  } else if (!write_file_atomic(out_file, run, &error) && !stopped) {
    std::fprintf(stderr, "isnad extract: %s\n", error.c_str());
    code = kExitOutputFailed;
  }
  report.input_bytes = source.bytes_read();
  add_skipped(source, c);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - report.started).count();
  if (!report_file.empty() &&
      !write_file_atomic(report_file, [&](std::ostream& os) { corpus::write_run_json(report, os); }, &error)) {
    std::fprintf(stderr, "isnad extract: %s\n", error.c_str());
    code = kExitOutputFailed;
  }
  print_problems("isnad extract", c);
  std::fprintf(stderr, "isnad extract: %s\n", corpus::summary_line(report).c_str());
  if (code != kExitOk) return code;
  if (stopped) return kExitStrict;
  return c.failed ? kExitArticlesFailed : kExitOk;
}

}  // namespace isnad::app
