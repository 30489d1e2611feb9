// A user's first hour (issue 16): DOT that Graphviz reads whatever the article holds. Labels and tooltips are
// shortened (export/escape.h, dot_shorten), long node names replaced; graph.dot of an article of 10,000 quotation
// marks goes through `dot -Tsvg` (skipped with a message without Graphviz). Only generated text.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_files.h"
#include "escape.h"
#include "text.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;

using isnad::test::slurp;
using isnad::test::spit;
using isnad::test::shell;

namespace {

// Exit status of a shell command run from the source directory; output only where `command` redirects it.
bool have(const std::string& tool) { return shell("command -v " + tool + " >/dev/null 2>&1") == 0; }

struct TempDir : isnad::test::TempDir {
  explicit TempDir(const std::string& name) : isnad::test::TempDir("ux", name) {}
};

std::string record(const std::string& id, const std::string& text) { return Json{{"id", id}, {"text", text}}.dump(); }

}  // namespace

TEST_CASE("ux: long DOT labels and tooltips are shortened on a character boundary, outside escapes") {
  std::string quotes;
  for (int i = 0; i < 5000; ++i) quotes += "«»";
  std::string short_quotes = isnad::dot_shorten(quotes);
  CHECK(isnad::to_u32(short_quotes).size() == isnad::kDotTextLimit + 1);  // 200 characters and "…"
  CHECK(short_quotes.ends_with("…"));
  CHECK(isnad::decode_utf8(short_quotes).ok);
  CHECK(isnad::dot_shorten("قال بوتين") == "قال بوتين");
  // A letter keeps its marks: in "x" + "بَ" × 150 the 201st character is a fatha, so the cut falls before its letter.
  std::string vowelled = "x";
  for (int i = 0; i < 150; ++i) vowelled += "بَ";
  std::u32string cut = isnad::to_u32(isnad::dot_shorten(vowelled));
  CHECK(cut.size() == 200);
  CHECK(cut.substr(197) == U"بَ\u2026");
  // Shortened before escaping: 300 backslashes become 200, then 400 escaped ones; never half an escape.
  std::string escaped = isnad::dot_label_escape(isnad::dot_shorten(std::string(300, '\\')));
  CHECK(escaped == std::string(400, '\\') + "…");
}

TEST_CASE("ux: an article of thousands of nested quotation marks gives DOT that dot reads") {
  TempDir tmp("dot");
  // 10,000 quotation marks in one run: agwrite leaves such a "word" unquoted, and before shortening dot failed with
  // "syntax error in line 40" (a token longer than 16384 bytes).
  std::string text = "قال بوتين ";
  for (int i = 0; i < 5000; ++i) text += "«";
  for (int i = 0; i < 5000; ++i) text += "»";
  text += "\nوقال لافروف إن \"" + std::string(3000, '"') + " موسكو \\N \\\\ \"" + std::string(2000, '\\') + "\n";
  spit(tmp.path / "quotes.txt", text);
  // An article id of 9,000 letters (a JSON record names itself): its statement's node name is a DOT token too.
  std::string long_id;
  for (int i = 0; i < 9000; ++i) long_id += "م";
  spit(tmp.path / "feed.jsonl", record(long_id, "وقال لافروف إن موسكو تدعو إلى وقف إطلاق النار.") + "\n");
  std::string bin = ISNAD_BINARY, out = (tmp.path / "out").string();
  REQUIRE(shell(bin + " build " + (tmp.path / "quotes.txt").string() + " " + (tmp.path / "feed.jsonl").string() +
                " -o " + out + " --format json,dot --quiet 2>/dev/null") == 0);
  std::string dot = slurp(tmp.path / "out" / "graph.dot");
  Json graph = Json::parse(slurp(tmp.path / "out" / "graph.json"));
  std::size_t longest_content = 0;
  for (const auto& n : graph["nodes"])
    if (n["kind"] == "statement") longest_content = std::max(longest_content, isnad::to_u32(n["content"].get<std::string>()).size());
  REQUIRE(longest_content > 2000);  // the article did produce a huge statement
  REQUIRE(graph["graph"]["documents"].size() == 2);
  // No tooltip in graph.dot is longer than the limit (plus its quotes, escapes and agwrite's line continuations).
  std::size_t tooltips = 0;
  for (std::size_t at = dot.find("tooltip="); at != std::string::npos; at = dot.find("tooltip=", at + 1)) {
    std::size_t start = at + 8, end = start;
    if (dot[start] == '"') {
      for (end = start + 1; end < dot.size() && dot[end] != '"'; ++end)
        if (dot[end] == '\\') ++end;  // an escaped character, or a backslash-newline continuation
      ++end;
    } else {
      end = dot.find_first_of(",] \n\t", start);
    }
    ++tooltips;
    CAPTURE(dot.substr(start, 300));
    CHECK(isnad::to_u32(dot.substr(start, end - start)).size() < 2 * isnad::kDotTextLimit + 64);
  }
  CHECK(tooltips > 0);
  if (!have("dot")) {
    MESSAGE("Graphviz dot missing: graph.dot not parsed");
    return;
  }
  CHECK(shell("dot -Tsvg -o /dev/null " + out + "/graph.dot 2>" + (tmp.path / "dot.err").string()) == 0);
  CHECK(slurp(tmp.path / "dot.err") == "");
}
