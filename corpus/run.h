// Running a corpus: a worker pool maps articles through extract() while the calling thread reads input and
// receives results IN INPUT ORDER, so every output is the same whatever the number of threads. A bag of
// records is the reduce side: documents keyed by id, sorted, duplicates resolved the same way in any order.
//
//   ArticleSource source(inputs, read_options);
//   RecordBag bag;
//   RunCounters counters;
//   run_corpus(source, options, [&](ArticleOutcome& o) { counters.add(o); bag.add(std::move(o)); return true; });
//   KnowledgeGraph kg = build_graph(bag.take_documents());
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string_view>
#include <string>
#include <vector>

#include "document_json.h"
#include "source.h"

namespace isnad::corpus {

struct RunOptions {
  ReadOptions read;
  std::string date;            // --date: DCT of articles whose metadata gives none (dct_source "given")
  unsigned jobs = 1;           // worker threads; 1 = everything on the calling thread
  bool keep_documents = true;  // build/merge need the compact Document; extract only the record line
  bool progress = true;        // a progress line on stderr, shown only when stderr is a terminal
};

struct Failure {
  std::string id, path, error;
  auto operator<=>(const Failure&) const = default;
};
struct Warning {
  std::string id, path, warning;
};

// One article after the map step: a record (and its compact Document) or a failure.
struct ArticleOutcome {
  std::size_t seq = 0;
  std::string id, path;
  bool ok = false;
  std::string error;                  // when !ok
  std::vector<std::string> warnings;  // ok or not
  std::string record;                 // one line of JSON, no newline (a failure record when !ok)
  Document document;                  // compact (document_from_json of the record) when keep_documents
  RecordStats stats;
  std::uint64_t hash = 0;             // record_hash of the record
};

// Identity of a record's content, independent of spacing: FNV-1a of its compact dump, keys in the order
// written (records are written by document_to_json, always in one order).
std::uint64_t record_hash(const RecordJson& record);
std::uint64_t dump_hash(std::string_view compact_dump);

// A warning when a decoded article is not Arabic: fewer than 20% of its letters (any script, digits aside) are in
// the Arabic blocks, or it has no letters at all; "" for an Arabic article. Exposed for tests.
std::string language_warning(std::u32string_view text);

// Decodes and extracts one article; never throws (an exception inside extract becomes a failure).
ArticleOutcome process_article(RawArticle raw, const RunOptions& options);

// Runs every article of `source` and calls `sink` with each outcome in input order. `sink` returns false to
// stop early (--strict): articles already in flight finish, nothing more is read.
void run_corpus(ArticleSource& source, const RunOptions& options, const std::function<bool(ArticleOutcome&)>& sink);

// Totals of a run, for the summary on stderr and run.json.
struct RunCounters {
  std::size_t articles = 0;    // read, whatever became of them
  std::size_t done = 0;        // documents in the graph
  std::size_t failed = 0;      // failures (reasons in `failures`)
  std::size_t duplicates = 0;  // identical records seen twice (kept once)
  std::size_t chars = 0, tokens = 0, entities = 0, statements = 0;
  std::size_t unattributed = 0;  // speech acts with no speaker found: in graph.json's documents, not nodes
  std::vector<Failure> failures;
  std::vector<Warning> warnings;
};

// The reduce side: documents by id (sorted), failures as a sorted set. Adding the same records in any order or
// grouping gives the same bag (an identical record twice is kept once; two different records with one id keep
// the one with the smaller (path, record) and the other becomes a "duplicate id" failure).
class RecordBag {
 public:
  void add_document(Document doc, std::uint64_t hash, RecordStats stats);
  void add_failure(Failure f);
  // Parses one line of `isnad extract` output; false and `error` set when the line is not a valid record.
  bool add_record_line(std::string_view line, std::string* error);

  std::size_t documents() const { return docs_.size(); }
  std::size_t duplicates() {
    failures();  // sorting folds repeated failures into the duplicate count
    return duplicates_;
  }
  const std::vector<Failure>& failures();  // sorted, unique
  RecordStats totals() const;              // summed over the documents
  // Records sorted by id then failures: the output of `isnad merge` without -o, itself a valid input of merge.
  void write_records(std::ostream& out);
  // Documents sorted by id, moved out of the bag (which keeps only failures then).
  std::vector<Document> take_documents();

 private:
  struct Entry {
    Document doc;
    std::uint64_t hash = 0;
    RecordStats stats;
  };
  std::map<std::string, Entry> docs_;
  std::vector<Failure> failures_;
  bool failures_sorted_ = true;
  std::size_t duplicates_ = 0;
};

// Seconds, peak memory, the summary line and run.json.
struct RunReport {
  std::string command;  // "build", "extract", "merge"
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::vector<std::string> inputs;
  unsigned jobs = 1;
  double seconds = 0;                                      // the whole run
  double read_seconds = 0, graph_seconds = 0, export_seconds = 0;  // its phases: read+extract, build_graph, exporters
  std::uint64_t input_bytes = 0;
  RunCounters counters;
  bool progress = false;                     // show the phase line on stderr (when it is a terminal)
  std::vector<std::string> removed_outputs;  // an earlier run's outputs this run removed ("graph.png")
};
std::uint64_t peak_rss_bytes();
std::string summary_line(const RunReport& report);  // "12 articles: 10 done, 2 failed; 98 entities, ..."
void write_run_json(const RunReport& report, std::ostream& out);

}  // namespace isnad::corpus
