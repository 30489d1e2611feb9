// Command-line pieces shared by the corpus commands (build, extract, merge): flags, exit codes, outputs.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "exporter.h"
#include "resolve.h"
#include "run.h"

namespace isnad::app {

// Exit codes of build, extract and merge (README "Exit codes").
enum ExitCode : int {
  kExitOk = 0,              // every article is in the graph
  kExitArticlesFailed = 1,  // some articles failed (listed in run.json / on stderr); everything else was written
  kExitUsage = 2,           // bad command line
  kExitOutputFailed = 3,    // an output file could not be written (the old file, if any, is untouched)
  kExitStrict = 4,          // --strict: an article failed, the run stopped, no graph was written
};

struct CorpusFlags {
  corpus::RunOptions run;
  corpus::Shard shard;
  bool strict = false;
};

extern const char* const kCorpusFlagsHelp;

// Consumes args[i] (and its value, advancing i) if it is a corpus flag; throws std::invalid_argument on a bad value.
bool parse_corpus_flag(const Args& args, std::size_t& i, CorpusFlags& flags);

// Warnings and failures on stderr, the first 20 of each (all of them are in run.json).
void print_problems(const std::string& command_name, const corpus::RunCounters& counters);

// "json, graphml, ...": every format name make_exporter knows, for error messages.
std::string format_list();

// The first input (other than "-") that does not exist, as "PATH: reason", or "" when all exist. A mistyped path
// is a usage error (exit 2), not an article that failed.
std::string missing_input(const std::vector<std::string>& inputs);

// Puts what the source's directory walks skipped first among the run's warnings ("skipped: ..."), so that stderr
// and run.json say what was not read and why.
void add_skipped(const corpus::ArticleSource& source, corpus::RunCounters& counters);

// Exporters for a comma-separated list; throws std::invalid_argument naming an unknown format
// and listing the valid ones.
std::vector<std::unique_ptr<Exporter>> make_exporters(const std::string& list);

// Builds the graph from the bag and writes every format plus run.json into `dir`, each atomically; when `dir`
// holds an earlier isnad run (its run.json) and every format was written, removes what that run wrote and this one
// did not (remove_stale_outputs), naming it on stderr and in run.json. With report.progress on a terminal, a line
// on stderr says which phase runs ("exporting graph.svg…") until the end. Ctrl-C removes the temporary files.
// Fills the graph counts of `report`, prints the summary line on stderr and returns the exit code.
int write_graph_and_report(corpus::RecordBag& bag, const std::vector<AliasRule>& aliases,
                           const std::vector<std::unique_ptr<Exporter>>& exporters, const std::string& dir,
                           corpus::RunReport& report, bool strict_stopped);

// Removes from `dir` what an earlier isnad run wrote there and this run (`written`) did not: the other exporters'
// files (graph.png, report.html, the files of neo4j/ and the folder if nothing else is in it), and the temporary
// files of an isnad process that no longer runs. Never anything isnad does not write. Returns the names removed
// (relative to dir), in the order removed.
std::vector<std::string> remove_stale_outputs(const std::string& dir, const std::vector<std::unique_ptr<Exporter>>& written);

// Reads an --aliases file (graph/resolve.h format); throws std::invalid_argument with "FILE:LINE: reason".
std::vector<AliasRule> load_aliases(const std::string& path);

}  // namespace isnad::app
