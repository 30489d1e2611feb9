// Hostile and broken input (issue 9): what decoding accepts, repairs and rejects, HTML stripping that keeps
// offsets, and the generated hostile corpus through the real binary with every article accounted for.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "pipeline.h"
#include "text.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int shell(const std::string& command) {
  int status = std::system(("cd " + std::string(ISNAD_SOURCE_DIR) + " && " + command).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
bool have(const std::string& tool) { return shell("command -v " + tool + " >/dev/null 2>&1") == 0; }

struct Decoded {
  bool ok;
  std::string error;
  std::string warnings;  // joined with " | "
  std::u32string text;
};

Decoded decode(std::string_view bytes, isnad::ReadOptions options = {}) {
  isnad::ArticleInput input;
  std::string error;
  Decoded d{isnad::decode_article(bytes, options, input, &error), error, "", input.text};
  for (const auto& w : input.warnings) d.warnings += (d.warnings.empty() ? "" : " | ") + w;
  return d;
}

}  // namespace

TEST_CASE("hostile: what decoding rejects, and the reason it gives") {
  struct Row {
    std::string bytes;
    const char* error;
  };
  const Row rows[] = {
      {"", "empty article"},
      {" \n\t\r\n\xC2\xA0", "whitespace-only article"},
      {"\xEF\xBB\xBF", "empty article"},                                        // a BOM and nothing else
      {"قال \xFF الرئيس", "invalid UTF-8 at byte 7"},                           // stray byte after "قال "
      {"\xC0\xAF", "invalid UTF-8 at byte 0"},                                 // overlong '/'
      {"قال \xED\xA0\x80", "invalid UTF-8 at byte 7"},                          // CESU-8 surrogate
      {"قال \xD8", "invalid UTF-8 at byte 7"},                                  // truncated at the end
      {"\xDE\xC7\xE1 \xC7\xE1\xD1\xC6\xED\xD3", "invalid UTF-8 at byte 0"},      // "قال الرئيس" in Windows-1256
      {std::string("\xFF\xFEq\0", 4), "UTF-16 text"},
      {std::string("\xFE\xFF\0q", 4), "UTF-16 text"},
      {std::string("q\0a\0l\0 \0", 8), "binary data (4 NUL bytes, first at byte 1)"},
      {"\x89PNG\r\n\x1A\n\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x10\x11", "binary data (65% control bytes)"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.bytes);
    Decoded d = decode(row.bytes);
    CHECK_FALSE(d.ok);
    CHECK(d.error.starts_with(row.error));
  }
  isnad::ReadOptions small;
  small.max_bytes = 4;
  CHECK(decode("قال الرئيس", small).error == "too large (19 bytes, limit 4, see --max-bytes)");
}

TEST_CASE("hostile: what decoding accepts, and what it changes (offsets never move)") {
  struct Row {
    std::string bytes;
    std::u32string text;
    const char* warnings;
  };
  const Row rows[] = {
      {"\xEF\xBB\xBFقال", U"قال", ""},                                      // BOM dropped: offsets count after it
      {"قال\r\nالرئيس\rإن", U"قال\r\nالرئيس\rإن", ""},                         // CR and CRLF kept as written
      {std::string("قال\0الرئيس إن الهدنة انتهت", 48) + std::string(60, ' '), U"قال الرئيس إن الهدنة انتهت" + std::u32string(60, U' '),
       "1 control character(s) replaced by spaces"},  // one NUL in 108 bytes: damage, not a binary file
      {"قال\x1B[31mالرئيس\xC2\x85", U"قال [31mالرئيس ", "2 control character(s) replaced by spaces"},
      {"قال\u200Fالرئيس\u202Bبوتين\u2069", U"قال\u200Fالرئيس\u202Bبوتين\u2069", ""},  // normalize() drops them later
      {"پوتین گفت ی ک ە", U"پوتین گفت ی ک ە", ""},
      {"\xEF\xBB\xB5\xEF\xBA\x8D", U"\uFEF5\uFE8D", ""},                      // presentation forms: NFKC in normalize()
      {"a < b and c > d", U"a < b and c > d", ""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.bytes);
    Decoded d = decode(row.bytes);
    REQUIRE(d.ok);
    CHECK(d.text == row.text);
    CHECK(d.warnings == row.warnings);
  }
  // What the matching view makes of the Persian, bidi and presentation-form rows.
  CHECK(isnad::normalize(U"ک ی ە") == U"ك ي ه");
  CHECK(isnad::normalize(U"قال\u200Fالرئيس") == U"قالالرييس");
  CHECK(isnad::normalize(U"\uFEF5\uFE8D") == U"لاا");
}

TEST_CASE("hostile: --repair-utf8 turns each bad sequence into one U+FFFD and says so") {
  isnad::ReadOptions repair;
  repair.repair_utf8 = true;
  Decoded d = decode("قال \xFF الرئيس \xC0\xAF", repair);
  REQUIRE(d.ok);
  CHECK(d.text == U"قال \uFFFD الرئيس \uFFFD\uFFFD");
  CHECK(d.warnings == "repaired 3 invalid UTF-8 sequence(s) with U+FFFD, first at byte 7");
}

TEST_CASE("hostile: HTML is detected, or stripped with offsets kept") {
  CHECK(decode("<p>قال</p><p>الرئيس</p><br>").warnings == "looks like HTML (5 tags and entities); pass --html to strip markup");
  CHECK(decode("قال a<b وقال c>d").warnings == "");  // one '<' in prose is not markup

  struct Row {
    std::u32string html;
    std::u32string text;
  };
  const Row rows[] = {
      {U"<p>قال</p>", U"\n  قال\n   "},  // block tags leave a line break
      {U"<b>بوتين</b> &amp; &quot;الأسد&quot;", U"   بوتين     &     \"     الأسد\"     "},
      {U"&#1575;&#x644;", U"ا      ل      "},
      {U"<!-- <p>x</p> -->قال", U"                 قال"},
      {U"<script>if (a<b) x='<p>';</script>قال", U"                                  قال"},
      {U"<STYLE>p{}</STYLE>قال", U"                  قال"},
      {U"قال <unterminated", U"قال <unterminated"},
      {U"&unknown; &#xD800; &#0;", U"&unknown; \uFFFD        \uFFFD   "},
      {U"<p\nclass=x>قال", U"\n \n        قال"},  // a line end inside a tag stays a line end
  };
  for (const auto& row : rows) {
    std::u32string text = row.html;
    isnad::strip_html_in_place(text);
    CAPTURE(isnad::encode_utf8(row.html));
    CHECK(isnad::encode_utf8(text) == isnad::encode_utf8(row.text));
    CHECK(text.size() == row.html.size());
  }
  // Linear on "<<<<<<..." with no '>' (each '<' does not rescan the rest).
  std::u32string many(2'000'000, U'<');
  auto start = std::chrono::steady_clock::now();
  isnad::strip_html_in_place(many);
  CHECK(isnad::count_html_markup(many) == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

TEST_CASE("hostile: read_article keeps its contract (\"PATH: reason\")") {
  isnad::ArticleInput input;
  std::string error;
  CHECK_FALSE(isnad::read_article("/nonexistent/x.txt", input, &error));
  CHECK(error == "/nonexistent/x.txt: cannot open file");
  CHECK_FALSE(isnad::read_article(ISNAD_SOURCE_DIR, input, &error));
  CHECK(error == std::string(ISNAD_SOURCE_DIR) + ": is a directory");
  REQUIRE(isnad::read_article(std::string(ISNAD_SOURCE_DIR) + "/samples/aleppo.txt", input, &error));
  CHECK(input.id == "aleppo");
}

TEST_CASE("hostile: the generated hostile corpus through isnad build, every article accounted for") {
  fs::path tmp = fs::temp_directory_path() / ("isnad-hostile-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::path corpus = tmp / "corpus";
  REQUIRE(shell("python3 scripts/make-hostile-corpus.py " + corpus.string() + " >/dev/null") == 0);
  Json expected = Json::parse(slurp(corpus / ".expected.json"));
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) files += !entry.path().filename().string().starts_with(".");
  CHECK(files >= 25);

  // Expected verdicts by article path ("corpus/x.txt", "corpus/hostile.jsonl:3"): JSON lines are 1 apart, blank between.
  std::map<std::string, Json> verdicts;
  std::map<std::string, Json> skips;  // files the directory walk must skip (binary.bin, article.html without --html)
  for (const auto& [name, v] : expected.items()) {
    if (v.value("verdict", "") == "skip") {
      skips[(corpus / name).string()] = v;
      continue;
    }
    if (!v.contains("lines")) {
      verdicts[(corpus / name).string()] = v;
      continue;
    }
    for (std::size_t i = 0; i < v["lines"].size(); ++i)
      verdicts[(corpus / name).string() + ":" + std::to_string(2 * i + 1)] = v["lines"][i];
  }

  std::string bin = ISNAD_BINARY;
  std::string formats = "json,graphml,gexf,dot,neo4j,rdf,timeline";
  auto start = std::chrono::steady_clock::now();
  int code = shell(bin + " build " + corpus.string() + " -o " + (tmp / "out").string() + " --format " + formats +
                   " -j2 --quiet 2>" + (tmp / "stderr.txt").string());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(code == 1);  // some articles failed, none crashed the run
  CHECK(seconds < 300);
  MESSAGE("hostile corpus: " << verdicts.size() << " articles in " << seconds << " s");

  Json run = Json::parse(slurp(tmp / "out" / "run.json"));
  Json graph = Json::parse(slurp(tmp / "out" / "graph.json"));
  std::size_t read = run["articles"]["read"], done = run["articles"]["done"], failed = run["articles"]["failed"];
  CHECK(read == verdicts.size());
  CHECK(read == done + failed + run["articles"]["duplicates"].get<std::size_t>());
  CHECK(graph["graph"]["documents"].size() == done);

  std::map<std::string, std::string> outcome;  // path → "" (in the graph) or the failure reason
  for (const auto& d : graph["graph"]["documents"]) outcome[d["path"]] = "";
  for (const auto& f : run["failures"]) {
    CHECK(!outcome.count(f["path"]));
    outcome[f["path"]] = f["error"];
  }
  CHECK(outcome.size() == verdicts.size());
  for (const auto& [path, v] : verdicts) {
    CAPTURE(path);
    REQUIRE(outcome.count(path));
    if (v["verdict"] == "accept") {
      CHECK(outcome[path] == "");
    } else {
      CHECK(outcome[path] != "");
      CHECK(outcome[path].find(v["reason"].get<std::string>()) != std::string::npos);
    }
  }
  // What the directory walk skipped is a warning with its reason, never an article.
  CHECK(skips.size() >= 3);
  std::map<std::string, std::string> skipped;  // path → warning
  for (const auto& w : run["warnings"])
    if (w["warning"].get<std::string>().starts_with("skipped: ")) skipped[w["path"]] = w["warning"];
  CHECK(skipped.size() == skips.size());
  for (const auto& [path, v] : skips) {
    CAPTURE(path);
    REQUIRE(skipped.count(path));
    CHECK(skipped[path].find(v["reason"].get<std::string>()) != std::string::npos);
  }
  // Named on the command line, the same files are read whatever their extension, and get their verdict.
  std::string named;
  for (const auto& [path, v] : skips) named += " " + path;
  CHECK(shell(bin + " build" + named + " -o " + (tmp / "named").string() + " --format json --quiet 2>/dev/null") == 1);
  Json named_run = Json::parse(slurp(tmp / "named" / "run.json"));
  Json named_graph = Json::parse(slurp(tmp / "named" / "graph.json"));
  CHECK(named_run["articles"]["read"] == skips.size());
  std::map<std::string, std::string> named_outcome;
  for (const auto& d : named_graph["graph"]["documents"]) named_outcome[d["path"]] = "";
  for (const auto& f : named_run["failures"]) named_outcome[f["path"]] = f["error"];
  for (const auto& [path, v] : skips) {
    CAPTURE(path);
    REQUIRE(named_outcome.count(path));
    if (v["named"]["verdict"] == "accept") {
      CHECK(named_outcome[path] == "");
    } else {
      CHECK(named_outcome[path] != "");
      CHECK(named_outcome[path].find(v["named"]["reason"].get<std::string>()) != std::string::npos);
    }
  }
  // No temporary file is left behind, and each output is valid for its consumer.
  for (const auto& entry : fs::recursive_directory_iterator(tmp / "out"))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  if (have("xmllint")) {
    CHECK(shell("xmllint --noout " + (tmp / "out" / "graph.graphml").string() + " 2>/dev/null") == 0);
    CHECK(shell("xmllint --noout " + (tmp / "out" / "graph.gexf").string() + " 2>/dev/null") == 0);
  }
  if (have("nop")) CHECK(shell("nop " + (tmp / "out" / "graph.dot").string() + " >/dev/null 2>&1") == 0);
  if (have("python3")) {
    // (Python's csv module limits a field to 128 kB by default; Neo4j does not.)
    std::string check_csv = "import csv,glob,sys; csv.field_size_limit(1 << 30); [list(csv.reader(open(f, newline='', encoding='utf-8'))) for f in glob.glob('" +
                            (tmp / "out" / "neo4j").string() + "/*.csv')]";
    CHECK(shell("python3 -c \"" + check_csv + "\"") == 0);
    // N-Triples: one triple per line, each ending in " ." with balanced quotes once escapes are removed.
    std::string check_nt = "import re,sys; bad=[l for l in open('" + (tmp / "out" / "graph.nt").string() +
                           "', encoding='utf-8') if l.strip() and not re.match(r'^(<[^>\\\\s]*>|_:\\\\S+) <[^>\\\\s]*> "
                           "(<[^>\\\\s]*>|_:\\\\S+|\\\"([^\\\"\\\\\\\\\\\\n]|\\\\\\\\.)*\\\"(\\\\^\\\\^<[^>]*>|@[a-zA-Z-]+)?) \\\\.$', l)]; "
                           "sys.exit(1 if bad else 0)";
    CHECK(shell("python3 -c \"" + check_nt + "\"") == 0);
  }

  // --html and --repair-utf8: the HTML article and the broken-byte one come through; offsets still point into
  // the original file (markup became spaces).
  REQUIRE(shell(bin + " build " + (corpus / "article.html").string() + " " + (corpus / "invalid-utf8.txt").string() +
                " -o " + (tmp / "repaired").string() + " --format json --html --repair-utf8 --quiet 2>/dev/null") == 0);
  Json repaired = Json::parse(slurp(tmp / "repaired" / "run.json"));
  CHECK(repaired["articles"]["done"] == 2);
  // Offsets index the raw HTML file; the text there, with markup blanked as --html does, is the mention. Where no
  // entity (&quot;) was decoded inside a mention, the raw file holds the mention's text as it is.
  std::u32string raw = isnad::to_u32(slurp(corpus / "article.html"));
  std::u32string html = raw;
  isnad::strip_html_in_place(html);
  std::size_t checked = 0, verbatim = 0;
  Json repaired_graph = Json::parse(slurp(tmp / "repaired" / "graph.json"));
  for (const auto& node : repaired_graph["nodes"]) {
    if (!node.contains("mentions")) continue;
    for (const auto& m : node["mentions"]) {
      if (m["doc"] != "article") continue;
      std::size_t s = m["start"], e = m["end"];
      REQUIRE(e <= html.size());
      CHECK(isnad::encode_utf8(html.substr(s, e - s)) == m["text"].get<std::string>());
      ++checked;
      verbatim += isnad::encode_utf8(raw.substr(s, e - s)) == m["text"].get<std::string>();
    }
  }
  CHECK(checked > 10);
  CHECK(verbatim > checked / 2);

  // --strict: the first failure stops the run, no graph is written, the reason is in run.json.
  CHECK(shell(bin + " build " + corpus.string() + " -o " + (tmp / "strict").string() +
              " --format json --strict --quiet 2>/dev/null") == 4);
  CHECK(!fs::exists(tmp / "strict" / "graph.json"));
  CHECK(Json::parse(slurp(tmp / "strict" / "run.json"))["failures"].size() >= 1);
  fs::remove_all(tmp);
}
