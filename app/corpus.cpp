#include "corpus.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

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

}  // namespace

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
  report.read_seconds = since(report.started);
  if (!strict_stopped) {
    auto graph_started = std::chrono::steady_clock::now();
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
    std::atomic<std::size_t> next{0};
    auto export_some = [&] {
      for (std::size_t i; (i = next++) < exporters.size();)
        if (!export_to_directory(*exporters[i], kg, dir, &errors[i]) && errors[i].empty()) errors[i] = "export failed";
    };
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < std::min<std::size_t>(std::max<std::size_t>(report.jobs, 1), exporters.size()); ++t)
      helpers.emplace_back(export_some);
    export_some();
    for (auto& h : helpers) h.join();
    for (const auto& error : errors)
      if (!error.empty()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), error.c_str());
        code = kExitOutputFailed;
      }
    report.export_seconds = since(export_started);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - report.started).count();
  std::string error;
  std::string run_json = (std::filesystem::path(dir) / "run.json").string();
  if (!write_file_atomic(run_json, [&](std::ostream& os) { corpus::write_run_json(report, os); }, &error)) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), error.c_str());
    code = kExitOutputFailed;
  }
  print_problems(name, c);
  std::fprintf(stderr, "%s: %s → %s\n", name.c_str(), corpus::summary_line(report).c_str(), dir.c_str());
  if (code != kExitOk) return code;
  if (strict_stopped) return kExitStrict;
  return c.failed ? kExitArticlesFailed : kExitOk;
}

}  // namespace isnad::app
