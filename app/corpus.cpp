#include "corpus.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "interrupt.h"
#include "knowledge_graph.h"
#include "output.h"

namespace isnad::app {

const char* const kCorpusFlagsHelp =
    "  -j, --jobs N       worker threads (default: all cores); output is identical for any N\n"
    "  --date YYYY-MM-DD  publication date of articles whose metadata gives none\n"
    "  --repair-utf8      replace invalid UTF-8 by U+FFFD (default: reject the article, naming the byte)\n"
    "  --html             strip HTML tags and entities (default: detect HTML and warn)\n"
    "  --max-bytes N      reject articles larger than N bytes (default 8388608)\n"
    "  --strict           stop at the first failed article (exit 4, no graph written)\n"
    "  --shard K/N        take only articles K, K+N, K+2N... of the corpus (0 <= K < N)\n"
    "  --quiet            no progress line (it is only shown when stderr is a terminal anyway)\n"
    "inputs: files, directories (recursive), JSON Lines (*.jsonl: id, text, title, date, url, source), - for stdin;\n"
    "  a directory yields *.txt, *.jsonl, *.json (JSON Lines or one record) and *.html with --html, and skips\n"
    "  the run's own output and other isnad output folders (each skip is a warning); a named file is always read\n"
    "exit codes: 0 ok, 1 some articles failed, 2 usage, 3 an output could not be written, 4 stopped by --strict\n";

namespace {

std::size_t parse_count(const std::string& flag, const std::string& value) {
  std::size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != value.size() || value.empty() || value[0] == '-')
    throw std::invalid_argument(flag + " '" + value + "' is not a number");
  return static_cast<std::size_t>(n);
}


// The line under the reading progress bar while the graph is built and written: what is being done now ("exporting
// svg…") and for how long, redrawn five times a second by its own thread (an export can hold its thread for
// seconds), cleared when the run ends. Only on a terminal, and not with --quiet.
class PhaseLine {
 public:
  explicit PhaseLine(bool enabled) : enabled_(enabled) {
    if (enabled_) thread_ = std::thread([this] { draw_loop(); });
  }
  ~PhaseLine() { stop(); }
  PhaseLine(const PhaseLine&) = delete;
  PhaseLine& operator=(const PhaseLine&) = delete;

  // The phase now: `status` is called from the drawing thread and must be safe to call from there.
  void set(std::function<std::string()> status) {
    if (!enabled_) return;
    std::lock_guard lock(mutex_);
    status_ = std::move(status);
    phase_started_ = std::chrono::steady_clock::now();
    wake_.notify_all();
  }
  // Draws the line now rather than at the next tick (the phase's status changed).
  void redraw() {
    if (enabled_) wake_.notify_all();
  }
  // Clears the line and stops drawing; the caller prints the summary after it.
  void stop() {
    if (!enabled_ || !thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
    }
    wake_.notify_all();
    thread_.join();
    std::fputs("\r\033[K", stderr);
    std::fflush(stderr);
  }

 private:
  void draw_loop() {
    std::unique_lock lock(mutex_);
    while (!stopped_) {
      if (status_) {
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - phase_started_).count();
        std::fprintf(stderr, "\r\033[K%s  %.1f s", status_().c_str(), seconds);
        std::fflush(stderr);
      }
      wake_.wait_for(lock, std::chrono::milliseconds(200));
    }
  }

  bool enabled_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::function<std::string()> status_;
  std::chrono::steady_clock::time_point phase_started_ = std::chrono::steady_clock::now();
  bool stopped_ = false;
  std::thread thread_;
};

// Whether DIR/run.json was written by isnad (its "generator" starts with "isnad "): then the folder holds the
// outputs of an earlier run.
bool earlier_isnad_run(const std::string& dir) {
  std::ifstream in(std::filesystem::path(dir) / "run.json", std::ios::binary);
  if (!in) return false;
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  return j.is_object() && j.contains("generator") && j["generator"].is_string() &&
         j["generator"].get<std::string>().rfind("isnad ", 0) == 0;
}

// "NAME.tmp-PID" of a process that no longer runs: what a killed (SIGKILL) isnad left behind.
bool dead_temporary(const std::string& file, const std::set<std::string>& names) {
  std::size_t at = file.rfind(".tmp-");
  if (at == std::string::npos || !names.count(file.substr(0, at))) return false;
  std::string pid = file.substr(at + 5);
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos || pid.size() > 9) return false;
  long n = std::stol(pid);
  return n != static_cast<long>(::getpid()) && ::kill(static_cast<pid_t>(n), 0) != 0 && errno == ESRCH;
}

}  // namespace

std::vector<std::string> remove_stale_outputs(const std::string& dir, const std::vector<std::unique_ptr<Exporter>>& written) {
  namespace fs = std::filesystem;
  std::set<std::string> now;  // what this run wrote, relative to dir
  for (const auto& e : written) {
    now.insert(e->file_name());
    for (const std::string& f : e->files()) now.insert(e->file_name() + "/" + f);
  }
  now.insert("run.json");
  std::vector<std::string> removed;
  std::error_code ec;
  auto remove = [&](const fs::path& path, const std::string& shown) {
    if (fs::is_regular_file(fs::symlink_status(path, ec)) && fs::remove(path, ec)) removed.push_back(shown);
  };
  std::set<std::string> known;  // every name isnad writes here
  for (const std::string& format : exporter_names()) {
    auto e = make_exporter(format);
    std::string name = e->file_name();
    known.insert(name);
    if (now.count(name)) continue;
    fs::path path = fs::path(dir) / name;
    if (!e->writes_directory()) {
      remove(path, name);
    } else if (fs::is_directory(fs::symlink_status(path, ec))) {
      for (const std::string& f : e->files()) remove(path / f, name + "/" + f);
      if (fs::is_empty(path, ec) && fs::remove(path, ec)) removed.push_back(name + "/");  // only when nothing else is in it
    }
  }
  known.insert("run.json");
  // Temporary files of an earlier run that was killed before it could remove them.
  std::vector<std::string> leftovers;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (dead_temporary(entry.path().filename().string(), known)) leftovers.push_back(entry.path().filename().string());
  std::sort(leftovers.begin(), leftovers.end());
  for (const std::string& f : leftovers) remove(fs::path(dir) / f, f);
  return removed;
}

std::string format_list() {
  std::string out;
  for (const auto& f : exporter_names()) out += (out.empty() ? "" : ", ") + f;
  return out;
}

std::string missing_input(const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) {
    if (input == "-") continue;
    std::error_code ec;
    std::filesystem::file_status st = std::filesystem::status(input, ec);
    if (ec || !std::filesystem::exists(st)) {
      std::string reason = ec ? ec.message() : "no such file or directory";
      if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
      return input + ": " + reason;
    }
  }
  return "";
}

void add_skipped(const corpus::ArticleSource& source, corpus::RunCounters& counters) {
  std::vector<corpus::Warning> skipped;
  for (const auto& s : source.skipped()) skipped.push_back({s.id, s.path, s.reason});
  counters.warnings.insert(counters.warnings.begin(), skipped.begin(), skipped.end());
}

void print_problems(const std::string& name, const corpus::RunCounters& c) {
  constexpr std::size_t kShown = 20;  // the rest is in run.json
  for (std::size_t i = 0; i < c.warnings.size() && i < kShown; ++i)
    std::fprintf(stderr, "%s: warning: %s: %s\n", name.c_str(), c.warnings[i].path.c_str(), c.warnings[i].warning.c_str());
  if (c.warnings.size() > kShown) std::fprintf(stderr, "%s: ... and %zu more warnings\n", name.c_str(), c.warnings.size() - kShown);
  for (std::size_t i = 0; i < c.failures.size() && i < kShown; ++i)
    std::fprintf(stderr, "%s: %s: %s\n", name.c_str(), c.failures[i].path.c_str(), c.failures[i].error.c_str());
  if (c.failures.size() > kShown) std::fprintf(stderr, "%s: ... and %zu more failures\n", name.c_str(), c.failures.size() - kShown);
}

bool parse_corpus_flag(const Args& args, std::size_t& i, CorpusFlags& flags) {
  const std::string& a = args[i];
  auto value = [&]() -> std::string {
    if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
    return args[++i];
  };
  if (a == "-j" || a == "--jobs") {
    std::size_t n = parse_count(a, value());
    if (n == 0 || n > 1024) throw std::invalid_argument(a + " must be between 1 and 1024");
    flags.run.jobs = static_cast<unsigned>(n);
  } else if (a.starts_with("-j") && a.size() > 2) {
    std::size_t n = parse_count("-j", a.substr(2));
    if (n == 0 || n > 1024) throw std::invalid_argument("-j must be between 1 and 1024");
    flags.run.jobs = static_cast<unsigned>(n);
  } else if (a == "--date") {
    flags.run.date = value();
    if (!parse_iso_date(flags.run.date)) throw std::invalid_argument("--date '" + flags.run.date + "' is not a date (YYYY-MM-DD)");
  } else if (a == "--repair-utf8") {
    flags.run.read.repair_utf8 = true;
  } else if (a == "--html") {
    flags.run.read.strip_html = true;
  } else if (a == "--max-bytes") {
    flags.run.read.max_bytes = parse_count(a, value());
  } else if (a == "--strict") {
    flags.strict = true;
  } else if (a == "--quiet") {
    flags.run.progress = false;
  } else if (a == "--shard") {
    std::string v = value();
    auto slash = v.find('/');
    if (slash == std::string::npos) throw std::invalid_argument("--shard '" + v + "' is not K/N");
    flags.shard.index = parse_count("--shard", v.substr(0, slash));
    flags.shard.count = parse_count("--shard", v.substr(slash + 1));
    if (flags.shard.count == 0 || flags.shard.index >= flags.shard.count)
      throw std::invalid_argument("--shard '" + v + "' needs 0 <= K < N");
  } else {
    return false;
  }
  return true;
}

std::vector<std::unique_ptr<Exporter>> make_exporters(const std::string& list) {
  std::vector<std::unique_ptr<Exporter>> out;
  std::stringstream in(list);
  for (std::string name; std::getline(in, name, ',');) {
    if (name.empty()) continue;
    auto e = make_exporter(name);
    if (!e) throw std::invalid_argument("unknown format '" + name + "' (valid: " + format_list() + ")");
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<AliasRule> load_aliases(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<AliasRule> rules;
  std::string error;
  if (!parse_aliases(text.str(), path, rules, &error)) throw std::invalid_argument(error);
  return rules;
}

int write_graph_and_report(corpus::RecordBag& bag, const std::vector<AliasRule>& aliases,
                           const std::vector<std::unique_ptr<Exporter>>& exporters, const std::string& dir,
                           corpus::RunReport& report, bool strict_stopped) {
  const std::string name = "isnad " + report.command;
  corpus::RunCounters& c = report.counters;
  c.failures = bag.failures();
  c.failed = c.failures.size();
  c.duplicates = bag.duplicates();
  c.done = bag.documents();

  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "%s: %s: %s\n", name.c_str(), dir.c_str(), ec.message().c_str());
    return kExitOutputFailed;
  }
  int code = kExitOk;
  auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  const bool earlier_run = earlier_isnad_run(dir);  // before this run's run.json replaces it
  PhaseLine line(report.progress && ::isatty(STDERR_FILENO));
  // From here on, Ctrl-C removes the files being written instead of leaving "graph.svg.tmp-PID" behind.
  TemporaryFilesGuard guard(name, temporary_paths(exporters, dir));
  report.read_seconds = since(report.started);
  if (!strict_stopped) {
    auto graph_started = std::chrono::steady_clock::now();
    line.set([] { return std::string("building the graph…"); });
    std::vector<Document> documents = bag.take_documents();
    KnowledgeGraph kg = build_graph(documents, aliases);
    std::vector<Document>().swap(documents);  // the graph holds what the exporters need: free before exporting
    report.graph_seconds = since(graph_started);
    auto export_started = std::chrono::steady_clock::now();
    for (auto v : boost::make_iterator_range(boost::vertices(kg.graph))) {
      if (kg.graph[v].kind == "statement") ++c.statements;
      else ++c.entities;
    }
    for (const DocumentInfo& d : kg.documents) c.unattributed += d.unattributed.size();
    // Exporters write different files from the same read-only graph, so they run side by side on the
    // worker threads (Graphviz is not thread-safe: export/graphviz.cpp serialises its calls). Errors are
    // reported in the order of --format.
    std::vector<std::string> errors(exporters.size());
    std::vector<std::atomic<int>> state(exporters.size());  // 0 waiting, 1 writing, 2 written
    std::atomic<std::size_t> next{0};
    line.set([&] {
      std::string writing;
      std::size_t written = 0;
      for (std::size_t i = 0; i < exporters.size(); ++i) {
        if (state[i] == 1) writing += (writing.empty() ? "" : ", ") + exporters[i]->file_name();
        written += state[i] == 2;
      }
      return "exporting " + (writing.empty() ? std::string("…") : writing + "…") + " (" + std::to_string(written) +
             " of " + std::to_string(exporters.size()) + " written)";
    });
    auto export_some = [&] {
      for (std::size_t i; (i = next++) < exporters.size();) {
        state[i] = 1;
        line.redraw();
        if (!export_to_directory(*exporters[i], kg, dir, &errors[i]) && errors[i].empty()) errors[i] = "export failed";
        state[i] = 2;
        line.redraw();
      }
    };
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < std::min<std::size_t>(std::max<std::size_t>(report.jobs, 1), exporters.size()); ++t)
      helpers.emplace_back(export_some);
    export_some();
    for (auto& h : helpers) h.join();
    // The next phase's status before `state`, which the drawing thread reads, goes out of scope.
    line.set([] { return std::string("writing run.json…"); });
    for (const auto& error : errors)
      if (!error.empty()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), error.c_str());
        code = kExitOutputFailed;
      }
    report.export_seconds = since(export_started);
    // Outputs of an earlier run that this one did not write (graph.png beside a new graph.json), once every output
    // of this run is in place: a run that failed to write leaves the folder as the earlier run left it.
    if (earlier_run && code == kExitOk) report.removed_outputs = remove_stale_outputs(dir, exporters);
  }
  line.set([] { return std::string("writing run.json…"); });
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - report.started).count();
  std::string error;
  std::string run_json = (std::filesystem::path(dir) / "run.json").string();
  if (!write_file_atomic(run_json, [&](std::ostream& os) { corpus::write_run_json(report, os); }, &error)) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), error.c_str());
    code = kExitOutputFailed;
  }
  line.stop();
  if (!report.removed_outputs.empty()) {
    std::string list;
    for (const auto& f : report.removed_outputs) list += (list.empty() ? "" : ", ") + f;
    std::fprintf(stderr, "%s: removed what an earlier run wrote in %s and this one did not: %s\n", name.c_str(),
                 dir.c_str(), list.c_str());
  }
  print_problems(name, c);
  std::fprintf(stderr, "%s: %s → %s\n", name.c_str(), corpus::summary_line(report).c_str(), dir.c_str());
  if (code != kExitOk) return code;
  if (strict_stopped) return kExitStrict;
  return c.failed ? kExitArticlesFailed : kExitOk;
}

}  // namespace isnad::app
