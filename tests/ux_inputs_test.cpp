// A user's first hour (issue 16): what a directory yields (article files only; not SOURCE.md, not the run's own
// output folder), .json files sniffed as records, every skip named with its reason, and a warning for text that is
// not Arabic. Only generated text.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "test_files.h"
#include "run.h"
#include "source.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;

using isnad::test::slurp;
using isnad::test::spit;
using isnad::test::shell;

namespace {

struct TempDir : isnad::test::TempDir {
  explicit TempDir(const std::string& name) : isnad::test::TempDir("ux", name) {}
};

const std::string kArticle = "قال الرئيس الروسي فلاديمير بوتين، امس الأربعاء، إن الهدنة في حلب انتهت.\n"
                             "وقال وزير الخارجية سيرغي لافروف إن موسكو تدعو إلى وقف إطلاق النار.\n";

std::string record(const std::string& id, const std::string& text) { return Json{{"id", id}, {"text", text}}.dump(); }

// "id|file name|error" of every article the source yields, and "file name|reason" of every skip.
std::pair<std::vector<std::string>, std::vector<std::string>> walk(const std::vector<std::string>& inputs,
                                                                   isnad::ReadOptions options = {},
                                                                   const std::vector<std::string>& exclude = {}) {
  isnad::corpus::ArticleSource source(inputs, options, {}, exclude);
  std::vector<std::string> articles, skipped;
  isnad::corpus::RawArticle a;
  while (source.next(a)) articles.push_back(a.id + "|" + fs::path(a.path).filename().string() + "|" + a.error);
  for (const auto& s : source.skipped()) skipped.push_back(fs::path(s.path).filename().string() + "|" + s.reason);
  return {articles, skipped};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace

TEST_CASE("ux: a directory yields only the files isnad reads as articles, and says what it skipped") {
  TempDir tmp("walk");
  fs::path news = tmp.path / "news";
  spit(news / "a.txt", kArticle);
  spit(news / "SOURCE.md", "# Where these articles come from\nhttps://example.org\n");
  spit(news / "notes.pdf", "%PDF-1.4 binary");
  spit(news / "page.html", "<p>" + kArticle + "</p>");
  spit(news / "feed.json", record("r1", kArticle) + "\n" + record("r2", kArticle) + "\n");  // JSON Lines in a .json
  spit(news / "one.json", Json{{"text", kArticle}, {"title", "عنوان"}}.dump(2));           // one pretty record, no id
  spit(news / "stray.json", R"({"nodes": [], "edges": []})");                               // JSON, not an article
  spit(news / "out" / "run.json", "{}");  // this run's output folder (excluded by path)
  spit(news / "out" / "graph.json", R"({"nodes": []})");
  spit(news / "old" / "run.json", "{}");  // an earlier run's output folder (recognised by its files)
  spit(news / "old" / "graph.dot", "digraph {}");
  spit(news / "old" / "a.txt", kArticle);

  auto [articles, skipped] = walk({news.string()}, {}, {(news / "out").string()});
  CHECK(joined(articles) == joined({"a|a.txt|", "r1|feed.json:1|", "r2|feed.json:2|", "one|one.json|"}));
  CHECK(joined(skipped) ==
        joined({"SOURCE.md|skipped: not an article file (a directory yields *.txt, *.jsonl, *.json, and *.html with "
                "--html; name other files explicitly to read them)",
                "notes.pdf|skipped: not an article file (a directory yields *.txt, *.jsonl, *.json, and *.html with "
                "--html; name other files explicitly to read them)",
                "old|skipped: an isnad output folder (run.json and graph files)",
                "out|skipped: this run's output",
                "page.html|skipped: HTML file (pass --html to read it as an article)",
                "stray.json|skipped: not an article record (a JSON object without \"text\"; isnad reads JSON Lines or "
                "one {\"id\", \"text\"} object)"}));

  // With --html the HTML file is an article too.
  isnad::ReadOptions html;
  html.strip_html = true;
  CHECK(walk({news.string()}, html, {(news / "out").string()}).first.size() == 5);

  // Named on the command line, a file is read whatever its extension; a .json is still sniffed as records.
  CHECK(joined(walk({(news / "SOURCE.md").string()}).first) == joined({"SOURCE|SOURCE.md|"}));
  CHECK(joined(walk({(news / "feed.json").string()}).first) == joined({"r1|feed.json:1|", "r2|feed.json:2|"}));
  CHECK(joined(walk({(news / "stray.json").string()}).first) == joined({"stray|stray.json|no \"text\" string"}));
  // A .json larger than one record may be is not parsed whole: JSON Lines when it starts with '{', else too large.
  isnad::ReadOptions small;
  small.max_bytes = 10;  // records up to 10 * 6 + 65536 bytes
  std::string big_feed, big_list = "[";
  for (int i = 0; i < 100; ++i) big_feed += record("b" + std::to_string(i), kArticle + kArticle + kArticle + kArticle) + "\n";
  for (int i = 0; i < 100; ++i) big_list += (i ? "," : "") + record("b", kArticle + kArticle + kArticle + kArticle);
  REQUIRE(big_feed.size() > 65546);
  spit(tmp.path / "big" / "feed.json", big_feed);
  spit(tmp.path / "big" / "list.json", big_list + "]");
  auto [big, big_skipped] = walk({(tmp.path / "big").string()}, small);
  REQUIRE(big.size() == 101);
  CHECK(big[0] == "b0|feed.json:1|");
  CHECK(big[99] == "b99|feed.json:100|");
  CHECK(big[100] == "list|list.json|too large (more than 65596 bytes, see --max-bytes)");
  spit(tmp.path / "list.json", "[1, 2]");
  CHECK(joined(walk({(tmp.path / "list.json").string()}).first) ==
        joined({"list|list.json|not JSON records (a JSON array; isnad reads JSON Lines or one {\"id\", \"text\"} object)"}));
}

TEST_CASE("ux: isnad build DIR -o DIR/out twice reads the same articles; skips and non-Arabic text are warnings") {
  TempDir tmp("rebuild");
  fs::path news = tmp.path / "news";
  spit(news / "a.txt", kArticle);
  spit(news / "SOURCE.md", "# Sources\n");
  spit(news / "feed.json", record("r1", kArticle) + "\n" + record("r2", "وقال بوتين إن الحل سياسي.") + "\n");
  spit(news / "english.txt", "The president said on Wednesday that the truce in Aleppo was over.\n");
  std::string bin = ISNAD_BINARY, out = (news / "out").string();
  std::string build = bin + " build " + news.string() + " -o " + out + " --format json,graphml,dot --quiet";
  REQUIRE(shell(build + " 2>" + (tmp.path / "first.txt").string()) == 0);
  std::string first_graph = slurp(news / "out" / "graph.json");
  Json first = Json::parse(slurp(news / "out" / "run.json"));
  CHECK(first["articles"]["read"] == 4);  // a.txt, r1, r2, english.txt: not SOURCE.md
  REQUIRE(shell(build + " 2>" + (tmp.path / "second.txt").string()) == 0);
  Json second = Json::parse(slurp(news / "out" / "run.json"));
  CHECK(second["articles"]["read"] == 4);  // not the first run's graph.json and run.json
  CHECK(slurp(news / "out" / "graph.json") == first_graph);

  std::map<std::string, std::string> warnings;  // file name → warning
  for (const auto& w : second["warnings"]) warnings[fs::path(w["path"].get<std::string>()).filename().string()] = w["warning"];
  CHECK(warnings["SOURCE.md"].starts_with("skipped: not an article file"));
  CHECK(warnings["out"] == "skipped: this run's output");
  CHECK(warnings["english.txt"].starts_with("not Arabic text (0% of "));
  CHECK(!warnings.count("a.txt"));
  std::string stderr_text = slurp(tmp.path / "second.txt");
  CHECK(stderr_text.find("SOURCE.md: skipped: not an article file") != std::string::npos);
  CHECK(stderr_text.find("english.txt: not Arabic text") != std::string::npos);

  // Output into the input folder itself ("-o news"): the folder is still read, its outputs never (report.html
  // not even with --html).
  fs::remove_all(news / "out");
  std::string in_place = bin + " build " + news.string() + " -o " + news.string() + " --format json,report --html --quiet";
  REQUIRE(shell(in_place + " 2>/dev/null") == 0);
  std::string in_place_graph = slurp(news / "graph.json");
  REQUIRE(shell(in_place + " 2>/dev/null") == 0);
  Json again = Json::parse(slurp(news / "run.json"));
  CHECK(again["articles"]["read"] == 4);
  CHECK(slurp(news / "graph.json") == in_place_graph);
  std::set<std::string> outputs_skipped;
  for (const auto& w : again["warnings"])
    if (w["warning"] == "skipped: this run's output") outputs_skipped.insert(fs::path(w["path"].get<std::string>()).filename().string());
  CHECK(outputs_skipped == std::set<std::string>{"graph.json", "report.html", "run.json"});

  // The share that decides: 20% of the letters, digits and punctuation aside.
  CHECK(isnad::corpus::language_warning(U"قال الرئيس Putin said") == "");
  CHECK(isnad::corpus::language_warning(U"ab cd ef gh ij kl mn op قال").starts_with("not Arabic text (15% of 19 letters"));
  CHECK(isnad::corpus::language_warning(U"12 34 ... !!") == "no letters at all: isnad reads Arabic text");
}
