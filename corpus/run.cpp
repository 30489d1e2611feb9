#include "run.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <ostream>
#include <thread>

#include "text.h"

namespace isnad::corpus {

namespace {

using Clock = std::chrono::steady_clock;

RecordJson failure_json(const Failure& f) { return {{"id", f.id}, {"path", f.path}, {"error", f.error}}; }

std::string format_bytes(double bytes) {
  char buf[32];
  if (bytes >= 1e9) std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
  else if (bytes >= 1e6) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  else std::snprintf(buf, sizeof buf, "%.0f kB", bytes / 1e3);
  return buf;
}

// A one-line progress display on stderr, redrawn at most ten times a second:
//   [=========>          ] 4512 articles  11.3 MB  1021 articles/s  2.6 MB/s  ETA 0:05
class Progress {
 public:
  Progress(bool enabled, const ArticleSource& source) : enabled_(enabled), source_(source), start_(Clock::now()) {}
  ~Progress() {
    if (enabled_ && drawn_) std::fputs("\r\033[K", stderr);
  }
  void tick(std::size_t articles) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    double seconds = std::max(1e-3, std::chrono::duration<double>(now - start_).count());
    double bytes = static_cast<double>(source_.bytes_read());
    double total = static_cast<double>(source_.total_bytes());
    std::string bar;
    std::string eta;
    if (total > 0) {
      double fraction = std::min(1.0, bytes / total);
      int filled = static_cast<int>(fraction * 20);
      bar = "[" + std::string(filled, '=') + (filled < 20 ? ">" : "") + std::string(std::max(0, 19 - filled), ' ') + "] ";
      double left = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
      char buf[32];
      std::snprintf(buf, sizeof buf, "  ETA %d:%02d", static_cast<int>(left) / 60, static_cast<int>(left) % 60);
      eta = buf;
    }
    std::fprintf(stderr, "\r\033[K%s%zu articles  %s  %.0f articles/s  %s/s%s", bar.c_str(), articles,
                 format_bytes(bytes).c_str(), static_cast<double>(articles) / seconds, format_bytes(bytes / seconds).c_str(),
                 eta.c_str());
  }

 private:
  bool enabled_;
  const ArticleSource& source_;
  Clock::time_point start_, last_;
  bool drawn_ = false;
};

}  // namespace

std::string language_warning(std::u32string_view text) {
  std::size_t letters = 0, arabic = 0;
  for (char32_t c : text) {
    bool digit = (c >= U'0' && c <= U'9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
    if (digit || !is_word_char(c)) continue;
    ++letters;
    // The Arabic blocks: letters, marks and tatweel, the supplement and extended-A, and the presentation forms.
    arabic += (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
              (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
  }
  if (letters == 0) return "no letters at all: isnad reads Arabic text";
  if (arabic * 5 >= letters) return "";  // at least 20% Arabic: an Arabic article, maybe with foreign names
  return "not Arabic text (" + std::to_string(arabic * 100 / letters) + "% of " + std::to_string(letters) +
         " letters are Arabic): isnad finds little or nothing in other languages";
}

std::uint64_t dump_hash(std::string_view compact_dump) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : compact_dump) h = (h ^ c) * 1099511628211ULL;
  return h;
}

std::uint64_t record_hash(const RecordJson& record) {
  return dump_hash(record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

ArticleOutcome process_article(RawArticle raw, const RunOptions& options) {
  ArticleOutcome o;
  o.seq = raw.seq;
  o.id = raw.id;
  o.path = raw.path;
  auto fail = [&](std::string reason) {
    o.ok = false;
    o.error = std::move(reason);
    o.record = failure_json({o.id, o.path, o.error}).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return o;
  };
  if (!raw.error.empty()) return fail(raw.error);
  ArticleInput input;
  std::string reason;
  if (!decode_article(raw.bytes, options.read, input, &reason)) {
    o.warnings = std::move(input.warnings);
    return fail(reason);
  }
  raw.bytes.clear();
  raw.bytes.shrink_to_fit();
  if (std::string w = language_warning(input.text); !w.empty()) input.warnings.push_back(std::move(w));
  input.id = raw.id;
  input.path = raw.path;
  input.title = raw.title;
  input.url = raw.url;
  input.source = raw.source;
  if (std::string day = metadata_date(raw.date); !day.empty()) {
    input.dct = day;
    input.dct_source = "metadata";
  } else {
    if (!raw.date.empty()) input.warnings.push_back("date '" + raw.date + "' is not YYYY-MM-DD: ignored");
    if (!options.date.empty()) {
      input.dct = options.date;
      input.dct_source = "given";
    }
  }
  o.warnings = input.warnings;
  try {
    Document doc = extract(std::move(input));
    // A publication date read from the text, or not pinned by it, is said: the graph must not pass it off as known.
    auto years = [&] {
      std::string out;
      for (int y : doc.dct_candidate_years) out += (out.empty() ? "" : ", ") + std::to_string(y);
      return out;
    };
    if (doc.dct_source == "inferred")
      o.warnings.push_back("publication date " + doc.dct + " inferred from the text's weekday and date (give --date to be sure)");
    else if (doc.dct_source == "ambiguous")
      o.warnings.push_back("publication date unknown: the text's weekday and date fit " + years() +
                           "; relative dates are left unresolved (give --date)");
    o.record = document_record(doc);
    o.hash = dump_hash(o.record);
    o.stats = {doc.text.original().size(), doc.tokens.size(), doc.entities.size(), doc.statements.size()};
    // What `isnad merge` reads back from the record, so that build == extract + merge.
    if (options.keep_documents) o.document = record_document(doc);
    o.ok = true;
  } catch (const std::exception& e) {
    return fail(std::string("internal error: ") + e.what());
  }
  return o;
}

void run_corpus(ArticleSource& source, const RunOptions& options, const std::function<bool(ArticleOutcome&)>& sink) {
  Progress progress(options.progress && ::isatty(STDERR_FILENO), source);
  std::size_t emitted = 0;
  if (options.jobs <= 1) {
    RawArticle raw;
    while (source.next(raw)) {
      ArticleOutcome o = process_article(std::move(raw), options);
      progress.tick(++emitted);
      if (!sink(o)) return;
    }
    return;
  }

  // Bounded window: at most `window` articles are queued, in work or waiting for their turn to be emitted.
  const std::size_t window = 4 * options.jobs;
  std::mutex mutex;
  std::condition_variable work_ready, result_ready;
  std::deque<std::pair<std::size_t, RawArticle>> queue;  // (order, article)
  std::map<std::size_t, ArticleOutcome> results;         // by order
  bool closed = false;

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < options.jobs; ++t) {
    workers.emplace_back([&] {
      for (;;) {
        std::unique_lock lock(mutex);
        work_ready.wait(lock, [&] { return closed || !queue.empty(); });
        if (queue.empty()) return;
        auto [order, raw] = std::move(queue.front());
        queue.pop_front();
        lock.unlock();
        ArticleOutcome o = process_article(std::move(raw), options);
        lock.lock();
        results.emplace(order, std::move(o));
        result_ready.notify_all();
      }
    });
  }

  std::size_t pushed = 0;
  bool end_of_input = false, stopped = false;
  while (!stopped) {
    while (!end_of_input && pushed - emitted < window) {
      RawArticle raw;
      if (!source.next(raw)) {
        end_of_input = true;
        break;
      }
      std::lock_guard lock(mutex);
      queue.emplace_back(pushed++, std::move(raw));
      work_ready.notify_one();
    }
    if (emitted == pushed) break;
    ArticleOutcome o;
    {
      std::unique_lock lock(mutex);
      result_ready.wait(lock, [&] { return results.count(emitted) > 0; });
      auto it = results.find(emitted);
      o = std::move(it->second);
      results.erase(it);
    }
    progress.tick(++emitted);
    if (!sink(o)) {
      stopped = true;
      std::lock_guard lock(mutex);
      queue.clear();
    }
  }
  {
    std::lock_guard lock(mutex);
    closed = true;
  }
  work_ready.notify_all();
  for (auto& w : workers) w.join();
}

// ----- RecordBag -----

void RecordBag::add_document(Document doc, std::uint64_t hash, RecordStats stats) {
  auto it = docs_.find(doc.id);
  if (it == docs_.end()) {
    std::string id = doc.id;
    docs_.emplace(std::move(id), Entry{std::move(doc), hash, stats});
    return;
  }
  Entry& kept = it->second;
  if (kept.hash == hash && kept.doc.path == doc.path) {
    ++duplicates_;
    return;
  }
  // Two different articles with one id: keep the smaller (path, hash), whatever the order they came in.
  bool replace = std::tie(doc.path, hash) < std::tie(kept.doc.path, kept.hash);
  Document& loser = replace ? kept.doc : doc;
  const std::string& winner_path = replace ? doc.path : kept.doc.path;
  add_failure({loser.id, loser.path, "duplicate id '" + loser.id + "' (kept the article from " + winner_path + ")"});
  if (replace) kept = Entry{std::move(doc), hash, stats};
}

void RecordBag::add_failure(Failure f) {
  failures_.push_back(std::move(f));
  failures_sorted_ = false;
}

const std::vector<Failure>& RecordBag::failures() {
  if (!failures_sorted_) {
    std::sort(failures_.begin(), failures_.end());
    auto end = std::unique(failures_.begin(), failures_.end());
    duplicates_ += static_cast<std::size_t>(failures_.end() - end);  // the same failure seen twice counts once
    failures_.erase(end, failures_.end());
    failures_sorted_ = true;
  }
  return failures_;
}

bool RecordBag::add_record_line(std::string_view line, std::string* error) {
  RecordJson j = RecordJson::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "not a JSON record";
    return false;
  }
  if (j.contains("error")) {
    auto text = [&](const char* key) { return j.value(key, nlohmann::json()).is_string() ? j[key].get<std::string>() : ""; };
    add_failure({text("id"), text("path"), text("error")});
    return true;
  }
  try {
    Document doc = document_from_json(j);
    add_document(std::move(doc), record_hash(j), record_stats(j));
  } catch (const std::exception& e) {
    *error = e.what();
    return false;
  }
  return true;
}

void RecordBag::write_records(std::ostream& out) {
  for (const auto& [id, entry] : docs_) {
    RecordJson j = document_to_json(entry.doc);
    j["chars"] = entry.stats.chars;
    j["tokens"] = entry.stats.tokens;
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
  for (const auto& f : failures()) out << failure_json(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

RecordStats RecordBag::totals() const {
  RecordStats t;
  for (const auto& [id, entry] : docs_) {
    t.chars += entry.stats.chars;
    t.tokens += entry.stats.tokens;
    t.entities += entry.stats.entities;
    t.statements += entry.stats.statements;
  }
  return t;
}

std::vector<Document> RecordBag::take_documents() {
  std::vector<Document> out;
  out.reserve(docs_.size());
  for (auto& [id, entry] : docs_) out.push_back(std::move(entry.doc));
  docs_.clear();
  return out;
}

// ----- report -----

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux: kilobytes
}

std::string summary_line(const RunReport& r) {
  const RunCounters& c = r.counters;
  double seconds = std::max(r.seconds, 1e-6);
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "%zu article(s): %zu done, %zu failed%s; %zu entities, %zu statements; %s in %.2f s "
                "(%.0f articles/s, %.2f MB/s, %.0f tokens/s, %u thread(s)); peak memory %s",
                c.articles, c.done, c.failed,
                c.duplicates ? (", " + std::to_string(c.duplicates) + " duplicate(s) kept once").c_str() : "",
                c.entities, c.statements, format_bytes(static_cast<double>(r.input_bytes)).c_str(), r.seconds,
                static_cast<double>(c.articles) / seconds, static_cast<double>(r.input_bytes) / 1e6 / seconds,
                static_cast<double>(c.tokens) / seconds, r.jobs, format_bytes(static_cast<double>(peak_rss_bytes())).c_str());
  return buf;
}

void write_run_json(const RunReport& r, std::ostream& out) {
  const RunCounters& c = r.counters;
  RecordJson failures = RecordJson::array();
  for (const auto& f : c.failures) failures.push_back(failure_json(f));
  RecordJson warnings = RecordJson::array();
  for (const auto& w : c.warnings) warnings.push_back({{"id", w.id}, {"path", w.path}, {"warning", w.warning}});
  RecordJson j = {{"generator", std::string("isnad ") + ISNAD_VERSION},
                  {"command", r.command},
                  {"inputs", r.inputs},
                  {"articles", {{"read", c.articles}, {"done", c.done}, {"failed", c.failed}, {"duplicates", c.duplicates}}},
                  {"entities", c.entities},
                  {"statements", c.statements},
                  {"unattributed_statements", c.unattributed},
                  {"chars", c.chars},
                  {"tokens", c.tokens},
                  {"input_bytes", r.input_bytes},
                  {"threads", r.jobs},
                  {"seconds", r.seconds},
                  {"phases", {{"read_and_extract", r.read_seconds}, {"graph", r.graph_seconds}, {"export", r.export_seconds}}},
                  {"peak_memory_bytes", peak_rss_bytes()},
                  {"failures", std::move(failures)},
                  {"warnings", std::move(warnings)}};
  if (!r.removed_outputs.empty()) j["removed_outputs"] = r.removed_outputs;  // absent when nothing was removed
  out << j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace isnad::corpus
