#include "source.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace isnad::corpus {

namespace fs = std::filesystem;

// Lines of a FILE* in 64 KiB blocks. A line longer than the limit is consumed whole but only its first
// `max` bytes are kept, so one 200 MB line costs 200 MB of reading, not of memory.
class ArticleSource::LineReader {
 public:
  LineReader(std::FILE* file, bool owned) : file_(file), owned_(owned), buffer_(1 << 16) {}
  ~LineReader() {
    if (owned_) std::fclose(file_);
  }

  bool next(std::string& line, std::size_t max, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == len_ && !fill()) return any;
      any = true;
      const char* start = buffer_.data() + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      std::size_t n = nl ? static_cast<const char*>(nl) - start : len_ - pos_;
      if (line.size() < max) line.append(start, std::min(n, max - line.size()));
      if (line.size() >= max && n > 0 && !nl) too_long = true;
      if (n > max) too_long = true;
      pos_ += n;
      consumed_ += n;
      if (nl) {
        ++pos_;
        ++consumed_;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
    }
  }
  // The first byte that is not white space (a UTF-8 BOM skipped), without consuming anything; -1 at end.
  int peek_first_nonblank() {
    for (std::size_t i = pos_;; ++i) {
      if (i == len_ && !fill_keep()) return -1;
      auto c = static_cast<unsigned char>(buffer_[i]);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      if (c == 0xEF || c == 0xBB || c == 0xBF) continue;
      return c;
    }
  }
  // Everything left, at most `max` + 1 bytes kept.
  std::string rest(std::size_t max) {
    std::string out;
    for (;;) {
      if (pos_ == len_ && !fill()) return out;
      std::size_t n = len_ - pos_;
      if (out.size() <= max) out.append(buffer_.data() + pos_, std::min(n, max + 1 - out.size()));
      pos_ = len_;
      consumed_ += n;
    }
  }
  std::uint64_t consumed() const { return consumed_; }

 private:
  bool fill() {
    pos_ = 0;
    len_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
    return len_ > 0;
  }
  // Appends to the buffer instead of replacing it (for peeking).
  bool fill_keep() {
    if (len_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    std::size_t n = std::fread(buffer_.data() + len_, 1, buffer_.size() - len_, file_);
    len_ += n;
    return n > 0;
  }

  std::FILE* file_;
  bool owned_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, len_ = 0;
  std::uint64_t consumed_ = 0;
};

namespace {

std::string lower_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

bool is_lines_file(const fs::path& p) {
  std::string ext = lower_extension(p);
  return ext == ".jsonl" || ext == ".ndjson";
}

// How a file found under a directory is read, or why it is skipped (Skip, with the reason set).
enum class FileKind { Text, Lines, Json, Skip };
FileKind directory_kind(const fs::path& p, const ReadOptions& options, std::string& reason) {
  std::string ext = lower_extension(p);
  if (ext == ".txt") return FileKind::Text;
  if (ext == ".jsonl" || ext == ".ndjson") return FileKind::Lines;
  if (ext == ".json") return FileKind::Json;
  if ((ext == ".html" || ext == ".htm") && options.strip_html) return FileKind::Text;
  reason = ext == ".html" || ext == ".htm"
               ? "skipped: HTML file (pass --html to read it as an article)"
               : "skipped: not an article file (a directory yields *.txt, *.jsonl, *.json, and *.html with --html; "
                 "name other files explicitly to read them)";
  return FileKind::Skip;
}

// A path as comparable as the file system allows, for paths that may not exist yet (an output folder).
fs::path comparable(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return ec ? p.lexically_normal() : c;
}

}  // namespace

bool is_output_name(const std::string& name) {
  // What the exporters (export/*.cpp) and run.json put into an output folder.
  return name == "run.json" || name.starts_with("graph.") || name == "neo4j" || name == "timeline.json" ||
         name == "timeline.html" || name == "report.html";
}

bool looks_like_output_folder(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(dir) / "run.json", ec)) return false;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().starts_with("graph.")) return true;
  return false;
}

namespace {

// The date of an RFC 2822 timestamp, the usual RSS pubDate: "Sun, 01 Apr 2018 15:44:28 GMT" → "2018-04-01"
// (the day as written, whatever the zone).
std::string rfc2822_date(const std::string& value) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::string v = value;
  if (auto comma = v.find(','); comma != std::string::npos && comma <= 4) v = v.substr(comma + 1);
  int day = 0, year = 0;
  char month[4] = {0};
  if (std::sscanf(v.c_str(), " %2d %3s %4d", &day, month, &year) != 3) return "";
  for (int m = 0; m < 12; ++m)
    if (std::string(month) == months[m]) {
      char out[11];
      std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, m + 1, day);
      return parse_iso_date(out) ? out : "";
    }
  return "";
}

}  // namespace

std::string metadata_date(const std::string& value) {
  if (std::string rfc = rfc2822_date(value); !rfc.empty()) return rfc;
  if (value.size() < 10) return "";
  std::string day = value.substr(0, 10);
  if (value.size() > 10 && value[10] != 'T' && value[10] != ' ') return "";
  return parse_iso_date(day) ? day : "";
}

ArticleSource::ArticleSource(const std::vector<std::string>& inputs, const ReadOptions& options, Shard shard,
                             const std::vector<std::string>& exclude)
    : options_(options), shard_(shard) {
  if (shard_.count == 0) shard_.count = 1;
  for (const auto& input : inputs) {
    if (input == "-") {
      entries_.push_back({Entry::Stdin, "-", "stdin", ""});
      continue;
    }
    std::error_code ec;
    fs::path root(input);
    if (fs::is_directory(root, ec)) {
      add_directory(input, exclude);
      continue;
    }
    Entry::Kind kind = is_lines_file(root) ? Entry::Lines : lower_extension(root) == ".json" ? Entry::Json : Entry::File;
    Entry e{kind, input, root.stem().string(), ""};
    if (e.id.empty()) e.id = input;
    if (fs::is_regular_file(root, ec)) total_bytes_ += fs::file_size(root, ec);
    entries_.push_back(std::move(e));
  }
}

void ArticleSource::add_directory(const std::string& input, const std::vector<std::string>& exclude) {
  fs::path root(input);
  std::vector<fs::path> excluded;
  for (const auto& x : exclude) excluded.push_back(comparable(x));
  auto is_excluded = [&](const fs::path& p) {
    if (excluded.empty()) return false;
    fs::path c = comparable(p);
    return std::find(excluded.begin(), excluded.end(), c) != excluded.end();
  };
  auto id_of = [&](const fs::path& p) {
    fs::path rel = p.lexically_relative(root);
    rel.replace_extension();
    return rel.generic_string();
  };
  // A folder named on the command line is walked even when it is (or holds) an output folder ("isnad build news -o
  // news"): only the files isnad writes there are skipped, not the articles beside them.
  const bool root_is_output = is_excluded(root) || looks_like_output_folder(input);
  const char* root_output_reason =
      is_excluded(root) ? "skipped: this run's output" : "skipped: an isnad output (run.json and graph files)";
  std::vector<Entry> found;
  std::vector<Skipped> skipped;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) entries_.push_back({Entry::File, input, root.filename().string(), "cannot read directory: " + ec.message()});
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    bool directory = it->is_directory(type_ec);
    if (p.filename().string().starts_with(".")) {  // hidden files and folders (.git): silently
      if (directory) it.disable_recursion_pending();
      continue;
    }
    if (root_is_output && it.depth() == 0 && is_output_name(p.filename().string())) {
      skipped.push_back({id_of(p), p.string(), root_output_reason});
      if (directory) it.disable_recursion_pending();
      continue;
    }
    if (directory) {
      // The run's own outputs (building into news/out twice must not read the first run's files back), and any
      // earlier run's output folder.
      if (is_excluded(p)) {
        skipped.push_back({id_of(p), p.string(), "skipped: this run's output"});
        it.disable_recursion_pending();
      } else if (looks_like_output_folder(p.string())) {
        skipped.push_back({id_of(p), p.string(), "skipped: an isnad output folder (run.json and graph files)"});
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!it->is_regular_file(type_ec)) continue;
    if (is_excluded(p)) {
      skipped.push_back({id_of(p), p.string(), "skipped: this run's output"});
      continue;
    }
    std::string reason;
    FileKind kind = directory_kind(p, options_, reason);
    if (kind == FileKind::Skip) {
      skipped.push_back({id_of(p), p.string(), reason});
      continue;
    }
    Entry e{kind == FileKind::Lines ? Entry::Lines : kind == FileKind::Json ? Entry::Json : Entry::File, p.string(),
            id_of(p), ""};
    e.in_directory = true;
    found.push_back(std::move(e));
    total_bytes_ += it->file_size(type_ec);
  }
  std::sort(found.begin(), found.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  std::sort(skipped.begin(), skipped.end(), [](const Skipped& a, const Skipped& b) { return a.path < b.path; });
  entries_.insert(entries_.end(), found.begin(), found.end());
  skipped_.insert(skipped_.end(), skipped.begin(), skipped.end());
}

ArticleSource::ArticleSource(std::FILE* lines, const std::string& name, const ReadOptions& options)
    : options_(options) {
  entries_.push_back({Entry::Lines, name, name, "", lines});
}

ArticleSource::~ArticleSource() = default;

std::uint64_t ArticleSource::bytes_read() const { return done_bytes_ + (lines_ ? lines_->consumed() : 0); }

bool ArticleSource::next(RawArticle& out) {
  for (;;) {
    out = RawArticle{};
    if (!next_any(out)) return false;
    if (out.seq % shard_.count == shard_.index) return true;
  }
}

void ArticleSource::read_file(const Entry& e, RawArticle& out) {
  std::FILE* f = std::fopen(e.path.c_str(), "rb");
  if (!f) {
    out.error = std::string("cannot open file: ") + std::strerror(errno);
    return;
  }
  LineReader reader(f, true);
  out.bytes = reader.rest(options_.max_bytes);
  done_bytes_ += reader.consumed();
  if (out.bytes.size() > options_.max_bytes) {
    out.bytes.clear();
    out.error = "too large (more than " + std::to_string(options_.max_bytes) + " bytes, see --max-bytes)";
  }
}

bool ArticleSource::next_any(RawArticle& out) {
  for (;;) {
    if (lines_) {
      if (next_line(out)) return true;
      done_bytes_ += lines_->consumed();
      lines_.reset();
      continue;
    }
    if (next_entry_ == entries_.size()) return false;
    const Entry& e = entries_[next_entry_++];
    bool wanted = seq_ % shard_.count == shard_.index;
    if (e.kind == Entry::Lines || e.kind == Entry::Stdin) {
      std::FILE* f = e.stream ? e.stream : e.kind == Entry::Stdin ? stdin : std::fopen(e.path.c_str(), "rb");
      if (!f) {
        out.seq = seq_++;
        out.id = e.id;
        out.path = e.path;
        out.error = std::string("cannot open file: ") + std::strerror(errno);
        return true;
      }
      lines_ = std::make_unique<LineReader>(f, e.kind != Entry::Stdin && !e.stream);
      lines_path_ = e.path;
      line_number_ = 0;
      if (e.kind == Entry::Stdin && lines_->peek_first_nonblank() != '{') {
        // Plain text on stdin: one article.
        out.seq = seq_++;
        out.id = e.id;
        out.path = e.path;
        out.bytes = lines_->rest(options_.max_bytes);
        if (out.bytes.size() > options_.max_bytes) {
          out.bytes.clear();
          out.error = "too large (more than " + std::to_string(options_.max_bytes) + " bytes, see --max-bytes)";
        }
        done_bytes_ += lines_->consumed();
        lines_.reset();
        return true;
      }
      continue;
    }
    if (e.kind == Entry::Json && e.error.empty()) {
      if (read_json(e, out)) return true;
      continue;  // opened as JSON Lines, or skipped
    }
    out.seq = seq_++;
    out.id = e.id;
    out.path = e.path;
    if (!e.error.empty()) {
      out.error = e.error;
    } else if (wanted) {
      read_file(e, out);
    } else {
      std::error_code ec;
      done_bytes_ += fs::file_size(e.path, ec);
    }
    return true;
  }
}

bool ArticleSource::next_line(RawArticle& out) {
  // JSON escapes can make a line up to six times longer than its text; leave room for them and metadata.
  const std::size_t line_limit = options_.max_bytes * 6 + 65536;
  std::string line;
  bool too_long = false;
  for (;;) {
    if (!lines_->next(line, line_limit, too_long)) return false;
    ++line_number_;
    bool blank = std::all_of(line.begin(), line.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r'; });
    if (line_number_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!blank) break;
  }
  out.seq = seq_++;
  out.path = lines_path_ + ":" + std::to_string(line_number_);
  out.id = out.path;  // until the record names itself
  if (out.seq % shard_.count != shard_.index) return true;  // another shard's: not parsed
  if (too_long) {
    out.error = "line too long (more than " + std::to_string(line_limit) + " bytes, see --max-bytes)";
    return true;
  }
  if (options_.repair_utf8) {
    Utf8Result check = decode_utf8(line);
    if (!check.ok) line = encode_utf8(to_u32(line));  // bad sequences → U+FFFD before JSON parsing
  }
  nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) {
    Utf8Result check = decode_utf8(line);
    out.error = check.ok ? "invalid JSON" : "invalid UTF-8 at byte " + std::to_string(check.error_byte) + " of the line";
    return true;
  }
  fill_from_record(j, out);
  return true;
}

void fill_from_record(const nlohmann::json& j, RawArticle& out, const std::string& fallback_id) {
  if (!j.is_object()) {
    out.error = "not a JSON object";
    return;
  }
  auto id = j.find("id");
  if (id != j.end() && id->is_string() && !id->get<std::string>().empty()) {
    out.id = id->get<std::string>();
  } else if (id != j.end() && id->is_number_integer()) {
    out.id = std::to_string(id->get<long long>());
  } else if (id == j.end() && !fallback_id.empty()) {
    out.id = fallback_id;
  } else {
    out.error = "no \"id\" (a non-empty string or an integer)";
    return;
  }
  auto text = j.find("text");
  if (text == j.end() || !text->is_string()) {
    out.error = "no \"text\" string";
    return;
  }
  out.bytes = text->get<std::string>();
  auto field = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  out.title = field("title");
  out.date = field("date");
  out.url = field("url");
  out.source = field("source");
}

bool ArticleSource::read_json(const Entry& e, RawArticle& out) {
  // The whole file as one JSON value, within the limit a JSON line has (escapes and metadata included).
  const std::size_t limit = options_.max_bytes * 6 + 65536;
  std::error_code size_ec;
  std::uint64_t size = fs::file_size(e.path, size_ec);
  auto fail = [&](std::string reason) {
    out.seq = seq_++;
    out.id = e.id;
    out.path = e.path;
    out.error = std::move(reason);
    done_bytes_ += size_ec ? 0 : size;
    return true;
  };
  std::FILE* f = std::fopen(e.path.c_str(), "rb");
  if (!f) return fail(std::string("cannot open file: ") + std::strerror(errno));
  LineReader reader(f, true);
  int first = reader.peek_first_nonblank();
  // A file larger than one record may be is not read whole: JSON Lines if it starts like them, else too large.
  bool too_large = !size_ec && size > limit;
  std::string bytes = too_large ? std::string() : reader.rest(limit);
  too_large = too_large || bytes.size() > limit;
  nlohmann::json j;
  if (!too_large) {
    if (options_.repair_utf8 && !decode_utf8(bytes).ok) bytes = encode_utf8(to_u32(bytes));
    j = nlohmann::json::parse(bytes, nullptr, false);
  } else {
    j = nlohmann::json(nlohmann::json::value_t::discarded);
  }
  bytes.clear();
  bytes.shrink_to_fit();
  if (!j.is_discarded() && j.is_object() && (j.contains("text") || !e.in_directory)) {
    // One record: a pretty-printed article object, or a JSON Lines file of one line. Named on the command line it is
    // a record whatever it holds (a missing "text" is that record's failure).
    out.seq = seq_++;
    out.path = e.path;
    out.id = e.id;
    done_bytes_ += size_ec ? 0 : size;
    if (out.seq % shard_.count == shard_.index) fill_from_record(j, out, e.id);
    return true;
  }
  if (j.is_discarded() && first == '{') {
    // Several values, one per line: JSON Lines (each line then fails or succeeds on its own).
    std::FILE* lines = std::fopen(e.path.c_str(), "rb");
    if (!lines) return fail(std::string("cannot open file: ") + std::strerror(errno));
    lines_ = std::make_unique<LineReader>(lines, true);
    lines_path_ = e.path;
    line_number_ = 0;
    return false;
  }
  if (too_large) return fail("too large (more than " + std::to_string(limit) + " bytes, see --max-bytes)");
  // Not records: an array, a scalar, invalid JSON not starting with '{', or (found in a directory) an object
  // without "text" such as a stray graph.json or a configuration file.
  std::string reason = j.is_discarded()   ? "not JSON records (invalid JSON"
                       : j.is_object()    ? "not an article record (a JSON object without \"text\""
                       : j.is_array()     ? "not JSON records (a JSON array"
                                          : "not JSON records (a JSON " + std::string(j.type_name());
  reason += "; isnad reads JSON Lines or one {\"id\", \"text\"} object)";
  if (!e.in_directory) return fail(reason);
  skipped_.push_back({e.id, e.path, "skipped: " + reason});
  done_bytes_ += size_ec ? 0 : size;
  return false;
}

}  // namespace isnad::corpus
