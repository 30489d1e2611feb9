// Corpus input: files, directories (recursive), JSON Lines and stdin, read one article at a time.
//
//   isnad build news/ extra.txt feed.jsonl -     → the article files under news/ (sorted, hidden names skipped),
//                                                  extra.txt, each line of feed.jsonl, then stdin
// A file whose name ends in .jsonl or .ndjson holds one article per line:
//   {"id": "a1", "text": "قال الرئيس ...", "title": "…", "date": "2016-11-03", "url": "…", "source": "…"}
// (`id` and `text` required; `date` may be a full ISO timestamp, its day is the DCT with dct_source "metadata").
// A .json file is sniffed: one JSON object (pretty-printed or not) is one record, whose `id` defaults to the
// file's id; otherwise, when it starts with '{', it is read as JSON Lines.
// Stdin is JSON Lines when its first non-blank byte is '{', otherwise one article with id "stdin".
//
// What a directory yields: only files isnad can read as articles — *.txt (one article each), *.jsonl / *.ndjson
// (JSON Lines), *.json (sniffed as above; one that holds no records, such as a stray graph.json, is skipped) and
// *.html / *.htm with --html (ReadOptions::strip_html). Everything else is skipped, and so are the excluded paths
// (the run's own outputs) and any folder below it that looks like an isnad output folder (run.json beside graph.*
// files); when the folder named is itself an output folder ("isnad build news -o news"), only the outputs in it are
// skipped.
// Each skip is listed in skipped() with its reason, for stderr and run.json's warnings. A file named on the command
// line is read whatever its extension (.json / .jsonl / .ndjson as records, anything else as one article).
//
// Ids: a file named on the command line → its stem ("samples/aleppo.txt" → "aleppo"); a file found under a
// directory → its path relative to that directory without extension ("news/2016/aleppo.txt" → "2016/aleppo").
// Memory stays bounded: files are read one at a time and never beyond ReadOptions::max_bytes.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pipeline.h"

namespace isnad::corpus {

// One article as read, before decoding: raw bytes plus metadata, or why it could not be read.
struct RawArticle {
  std::size_t seq = 0;   // position in the whole corpus (before sharding), 0-based
  std::string id, path;  // path: "news/x.txt" or "feed.jsonl:12"
  std::string bytes;     // the article text, UTF-8 as far as we know
  std::string title, date;
  std::string url, source;  // JSON Lines metadata: the article's address and its outlet ("رويترز")
  std::string error;     // non-empty: the article failed while reading ("feed.jsonl:12: invalid JSON ...")
};

// Which articles this process takes: those whose seq % count == index ("--shard 2/8").
struct Shard {
  std::size_t index = 0, count = 1;
};

// A file or folder a directory walk did not read, and why ("skipped: not an article file ...").
struct Skipped {
  std::string id, path, reason;
};

class ArticleSource {
 public:
  // Expands directories at once (sorted), reads files and JSON lines lazily. `exclude`: paths (files or folders,
  // existing or not yet) that directory walks must not read, e.g. the run's own output directory.
  ArticleSource(const std::vector<std::string>& inputs, const ReadOptions& options, Shard shard = {},
                const std::vector<std::string>& exclude = {});
  // JSON Lines from an open stream, not closed here (tests and fuzzing: fmemopen).
  ArticleSource(std::FILE* lines, const std::string& name, const ReadOptions& options);
  ~ArticleSource();
  ArticleSource(const ArticleSource&) = delete;
  ArticleSource& operator=(const ArticleSource&) = delete;

  // The next article of this shard; false at the end of the corpus.
  bool next(RawArticle& out);

  std::uint64_t total_bytes() const { return total_bytes_; }  // sum of input file sizes (stdin unknown: 0)
  std::uint64_t bytes_read() const;
  // What directory walks skipped so far, in input order: folders and files at construction, a .json holding no
  // records when its turn comes. Complete once next() has returned false.
  const std::vector<Skipped>& skipped() const { return skipped_; }

 private:
  struct Entry {
    enum Kind { File, Lines, Stdin, Json } kind = File;  // Json: sniffed when read (one record or JSON Lines)
    std::string path, id, error;
    std::FILE* stream = nullptr;  // Lines: already open, not ours
    bool in_directory = false;    // found by a directory walk (not named on the command line)
  };
  class LineReader;

  bool next_any(RawArticle& out);  // next article of any shard
  bool next_line(RawArticle& out);
  void read_file(const Entry& e, RawArticle& out);
  // A .json entry: true with `out` filled when it yields one record or an error now; false when it was opened as
  // JSON Lines (lines_ set) or skipped (skipped_ extended).
  bool read_json(const Entry& e, RawArticle& out);
  void add_directory(const std::string& input, const std::vector<std::string>& exclude);

  ReadOptions options_;
  Shard shard_;
  std::vector<Entry> entries_;
  std::size_t next_entry_ = 0;
  std::size_t seq_ = 0;
  std::uint64_t total_bytes_ = 0, done_bytes_ = 0;
  std::unique_ptr<LineReader> lines_;  // open JSON Lines input
  std::string lines_path_;
  std::size_t line_number_ = 0;
  std::vector<Skipped> skipped_;
};

// Fills `out` (id, text, title, date, url, source) from one JSON record, or sets out.error to the reason
// ("no \"text\" string"). `fallback_id` is used when the record has no id ("" = the id is required).
void fill_from_record(const nlohmann::json& record, RawArticle& out, const std::string& fallback_id = "");

// Whether a folder holds the outputs of an isnad run (run.json beside graph.* files): walks skip such a folder
// below the folder they were given; in the given folder itself they skip only the outputs (is_output_name).
bool looks_like_output_folder(const std::string& dir);
// A name isnad writes into an output folder: run.json, graph.*, neo4j, timeline.json, timeline.html, report.html.
bool is_output_name(const std::string& name);

// A date given by metadata ("2016-11-03", "2016-11-03T10:29:00+01:00", RFC 2822 "Sun, 01 Apr 2018 15:44:28 GMT")
// → "2016-11-03", or "" if not a date.
std::string metadata_date(const std::string& value);

}  // namespace isnad::corpus
