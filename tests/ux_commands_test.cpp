// A user's first hour (issue 16): `isnad tag` on plain text, usage errors that name the mistyped path or list the
// valid formats, and `isnad eval` on a graph without the gold's article or on a JSON that is no graph. Generated text
// and the repository's own files (samples/aleppo.txt, tests/data/01.gold.json).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_files.h"
#include "text.h"

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

}  // namespace

TEST_CASE("ux: isnad tag on plain text tags every word; CoNLL stays as it was") {
  TempDir tmp("tag");
  std::string bin = ISNAD_BINARY;
  spit(tmp.path / "plain.txt", kArticle);
  REQUIRE(shell(bin + " tag " + (tmp.path / "plain.txt").string() + " > " + (tmp.path / "plain.out").string() +
                " 2>/dev/null") == 0);
  std::vector<std::string> tokens;
  std::istringstream lines(slurp(tmp.path / "plain.out"));
  std::size_t sentences = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) {
      ++sentences;
      continue;
    }
    auto space = line.rfind(' ');
    REQUIRE(space != std::string::npos);
    tokens.push_back(line.substr(0, space));
    std::string tag = line.substr(space + 1);
    CHECK((tag == "O" || tag.starts_with("B-") || tag.starts_with("I-")));
  }
  CHECK(sentences == 2);  // one per line of the text
  // Every word of the text is a token (punctuation split off: "بوتين،" → "بوتين" "،").
  std::string expected;
  for (char32_t c : isnad::to_u32(kArticle))
    expected += isnad::is_word_char(c) ? isnad::encode_utf8(std::u32string(1, c)) : isnad::is_space(c) ? " " : " " + isnad::encode_utf8(std::u32string(1, c)) + " ";
  std::vector<std::string> words;
  std::istringstream split(expected);
  for (std::string w; split >> w;) words.push_back(w);
  CHECK(tokens == words);
  CHECK(tokens.size() > 20);

  spit(tmp.path / "gold.conll", "فلاديمير B-PERS\nبوتين I-PERS\nقال O\n\nحلب B-LOC\n");
  REQUIRE(shell(bin + " tag " + (tmp.path / "gold.conll").string() + " > " + (tmp.path / "conll.out").string() +
                " 2>/dev/null") == 0);
  std::string conll = slurp(tmp.path / "conll.out");
  CHECK(conll.starts_with("فلاديمير "));
  CHECK(std::count(conll.begin(), conll.end(), '\n') == 6);  // 4 tokens, 2 sentence breaks

  // A missing file is a usage error naming it.
  CHECK(shell(bin + " tag " + (tmp.path / "nope.txt").string() + " >/dev/null 2>" + (tmp.path / "err").string()) == 2);
  CHECK(slurp(tmp.path / "err").find((tmp.path / "nope.txt").string() + ": cannot open file") != std::string::npos);
}

TEST_CASE("ux: a mistyped input path is a usage error; an unknown format lists the valid ones") {
  TempDir tmp("usage");
  std::string bin = ISNAD_BINARY, err = (tmp.path / "err").string();
  std::string missing = (tmp.path / "nwes" / "aleppo.txt").string();
  for (const char* command : {" build ", " extract "}) {
    CAPTURE(command);
    CHECK(shell(bin + command + "samples/aleppo.txt " + missing + " -o " + (tmp.path / "out").string() +
                " >/dev/null 2>" + err) == 2);
    CHECK(slurp(err).find(missing + ": no such file or directory") != std::string::npos);
    CHECK(!fs::exists(tmp.path / "out" / "graph.json"));
  }
  CHECK(shell(bin + " build samples/aleppo.txt -o " + (tmp.path / "out").string() + " --format json,pdf 2>" + err) == 2);
  CHECK(slurp(err) ==
        "isnad build: unknown format 'pdf' (valid: json, graphml, graphml-entities, gexf, gexf-entities, dot, svg, png, "
        "neo4j, rdf, timeline, timeline-html, report)\n");
  CHECK(shell(bin + " render samples/aleppo.txt --format pdf 2>" + err) == 2);
  CHECK(slurp(err).find("unknown format 'pdf' (valid: json, graphml,") != std::string::npos);
  CHECK(shell(bin + " render " + missing + " 2>" + err) == 2);
  CHECK(slurp(err) == "isnad render: " + missing + ": no such file or directory\n");
}

TEST_CASE("ux: isnad eval says when the graph lacks the gold's article or is no graph at all") {
  TempDir tmp("eval");
  std::string bin = ISNAD_BINARY, out = tmp.path.string(), err = (tmp.path / "err").string();
  REQUIRE(shell(bin + " build samples/aleppo.txt -o " + out + "/g --format json --quiet 2>/dev/null") == 0);
  std::string gold = std::string(ISNAD_SOURCE_DIR) + "/tests/data/01.gold.json";
  // The gold of article 01 against a graph of the Aleppo article only.
  CHECK(shell(bin + " eval " + gold + " --graph " + out + "/g/graph.json >/dev/null 2>" + err) == 1);
  CHECK(slurp(err) == "isnad eval: " + out + "/g/graph.json: no article '01' (the article of " + gold +
                          "); the graph holds 1 article(s): aleppo\n");
  // A mistyped graph path is a usage error, as in build.
  CHECK(shell(bin + " eval " + gold + " --graph " + out + "/g/grahp.json >/dev/null 2>" + err) == 2);
  CHECK(slurp(err) == "isnad eval: " + out + "/g/grahp.json: no such file or directory\n");
  // JSON that is not a graph (run.json), or not even an object.
  CHECK(shell(bin + " eval " + gold + " --graph " + out + "/g/run.json >/dev/null 2>" + err) == 1);
  CHECK(slurp(err) == "isnad eval: " + out + "/g/run.json: not a graph (expected graph.json as `isnad build` writes "
                      "it: an object with \"nodes\" and \"edges\" arrays)\n");
  spit(tmp.path / "list.json", "[1, 2, 3]");
  CHECK(shell(bin + " eval " + gold + " --graph " + out + "/list.json >/dev/null 2>" + err) == 1);
  CHECK(slurp(err).find("list.json: not a graph") != std::string::npos);
  // A graph given as the gold file, and a graph whose nodes have the wrong types: a sentence, never json.exception.
  CHECK(shell(bin + " eval " + out + "/g/graph.json --graph " + out + "/g/graph.json >/dev/null 2>" + err) == 1);
  CHECK(slurp(err).find("graph.json: not a gold annotation file") != std::string::npos);
  Json broken = Json::parse(slurp(tmp.path / "g" / "graph.json"));
  broken["graph"]["documents"][0]["id"] = "01";
  broken["nodes"][0]["id"] = 7;
  spit(tmp.path / "broken.json", broken.dump());
  CHECK(shell(bin + " eval " + gold + " --graph " + out + "/broken.json >/dev/null 2>" + err) == 1);
  CHECK(slurp(err).find("unexpected content (") != std::string::npos);
  CHECK(slurp(err).find("json.exception") == std::string::npos);
}
