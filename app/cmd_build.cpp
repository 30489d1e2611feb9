// isnad build FILE... -o DIR [--date YYYY-MM-DD] [--format json,graphml,dot,svg]
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "commands.h"
#include "exporter.h"
#include "knowledge_graph.h"
#include "output.h"
#include "pipeline.h"

namespace isnad::app {

namespace {

constexpr const char* kBuildHelp =
    "usage: isnad build FILE... -o DIR [--date YYYY-MM-DD] [--format LIST]\n"
    "  -o, --out DIR      output directory (created if missing)\n"
    "  --date YYYY-MM-DD  publication date of the articles (anchors relative dates)\n"
    "  --format LIST      comma-separated, default json,graphml,dot,svg (also: png)\n";

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

}  // namespace

int cmd_build(const Args& args) {
  std::vector<std::string> files;
  std::string out_dir, date;
  std::vector<std::string> formats = {"json", "graphml", "dot", "svg"};
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag) -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(std::string(flag) + " needs a value");
      return args[++i];
    };
    try {
      if (a == "--help" || a == "-h") {
        std::fputs(kBuildHelp, stdout);
        return 0;
      } else if (a == "-o" || a == "--out") {
        out_dir = value("-o");
      } else if (a == "--date") {
        date = value("--date");
      } else if (a == "--format") {
        formats = split_list(value("--format"));
      } else if (a.size() > 1 && a[0] == '-') {
        std::fprintf(stderr, "isnad build: unknown option '%s'\n", a.c_str());
        return 2;
      } else {
        files.push_back(a);
      }
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "isnad build: %s\n", e.what());
      return 2;
    }
  }
  if (files.empty() || out_dir.empty()) {
    std::fputs(kBuildHelp, stderr);
    return 2;
  }
  if (!date.empty() && !parse_iso_date(date)) {
    std::fprintf(stderr, "isnad build: --date '%s' is not a date (YYYY-MM-DD)\n", date.c_str());
    return 2;
  }
  std::vector<std::unique_ptr<Exporter>> exporters;
  for (const auto& f : formats) {
    auto e = make_exporter(f);
    if (!e) {
      std::fprintf(stderr, "isnad build: unknown format '%s'\n", f.c_str());
      return 2;
    }
    exporters.push_back(std::move(e));
  }

  std::vector<Document> docs;
  int failed = 0;
  for (const auto& path : files) {
    ArticleInput input;
    std::string error;
    if (!read_article(path, input, &error)) {
      std::fprintf(stderr, "isnad build: %s\n", error.c_str());
      ++failed;
      continue;
    }
    if (!date.empty()) {
      input.dct = date;
      input.dct_source = "given";
    }
    docs.push_back(extract(std::move(input)));
  }
  if (docs.empty()) {
    std::fprintf(stderr, "isnad build: no article could be read\n");
    return 1;
  }

  KnowledgeGraph kg = build_graph(docs);
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "isnad build: %s: %s\n", out_dir.c_str(), ec.message().c_str());
    return 1;
  }
  for (const auto& e : exporters) {
    std::string error;
    std::string path = (std::filesystem::path(out_dir) / e->file_name()).string();
    if (!write_file_atomic(path, [&](std::ostream& os) { e->write(kg, os); }, &error)) {
      std::fprintf(stderr, "isnad build: %s\n", error.c_str());
      ++failed;
    }
  }
  std::size_t statements = 0, entities = 0;
  for (const auto& d : docs) {
    statements += d.statements.size();
    entities += d.entities.size();
  }
  std::fprintf(stderr, "isnad build: %zu article(s), %zu entities, %zu statements, %d failure(s) → %s\n", docs.size(),
               entities, statements, failed, out_dir.c_str());
  return failed ? 1 : 0;
}

}  // namespace isnad::app
