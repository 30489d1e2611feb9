// Corpus scale (issue 8): JSON records, the record bag, input enumeration, and the real binary's
// build / extract / merge agreeing with each other whatever the thread count, split or order.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_files.h"
#include "document_json.h"
#include "exporter.h"
#include "knowledge_graph.h"
#include "pipeline.h"
#include "run.h"
#include "source.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;

using isnad::test::slurp;
using isnad::test::spit;

namespace {

// Exit status of a shell command, its standard error discarded unless redirected inside `command`.
int shell(const std::string& command) { return isnad::test::shell(command + " 2>/dev/null"); }

struct TempDir : isnad::test::TempDir {
  explicit TempDir(const std::string& name) : isnad::test::TempDir("corpus", name) {}
};

isnad::Document sample_document() {
  isnad::ArticleInput input;
  std::string error;
  REQUIRE(isnad::read_article(std::string(ISNAD_SOURCE_DIR) + "/samples/aleppo.txt", input, &error));
  input.dct = "2016-11-03";
  input.dct_source = "given";
  return isnad::extract(std::move(input));
}

std::string graph_json(const std::vector<isnad::Document>& docs) {
  std::ostringstream out;
  isnad::make_exporter("json")->write(isnad::build_graph(docs), out);
  return out.str();
}

// The sample article plus every news sample that is there: the small real corpus the binary tests use.
std::string real_corpus_args() {
  std::string args = "samples/aleppo.txt";
  fs::path news = fs::path(ISNAD_SHARED_DIR) / "data" / "news-samples";
  if (fs::exists(news))
    for (int i = 1; i <= 10; ++i) args += " " + (news / ((i < 10 ? "0" : "") + std::to_string(i) + ".txt")).string();
  return args;
}

}  // namespace

TEST_CASE("corpus: a record holds everything the graph needs, and only that") {
  isnad::Document full = sample_document();
  REQUIRE(!full.statements.empty());
  isnad::RecordJson record = isnad::document_to_json(full);
  isnad::Document compact = isnad::document_from_json(Json::parse(record.dump()));
  CHECK(compact.text.original().empty());
  CHECK(compact.tokens.empty());
  // Same graph from the record as from the full document.
  CHECK(graph_json({compact}) == graph_json({sample_document()}));
  // Writing the compact document again gives the same record (counts of the full text aside).
  isnad::RecordJson again = isnad::document_to_json(compact);
  again["chars"] = record["chars"];
  again["tokens"] = record["tokens"];
  CHECK(again.dump() == record.dump());
  CHECK(record["chars"].get<std::size_t>() == full.text.original().size());
  // The record line is that json's compact dump, and the document a build keeps (record_document) is the
  // one `isnad merge` reads back from it.
  CHECK(isnad::document_record(full) == record.dump());
  isnad::Document kept = isnad::record_document(sample_document());
  CHECK(kept.text.original().empty());
  CHECK(kept.tokens.empty());
  CHECK(kept.sentences.empty());
  for (const auto& m : kept.mentions) CHECK((m.key.empty() && m.first_token == 0 && m.end_token == 0));
  isnad::RecordJson kept_record = isnad::document_to_json(kept);
  kept_record["chars"] = record["chars"];
  kept_record["tokens"] = record["tokens"];
  CHECK(kept_record.dump() == record.dump());
  CHECK(graph_json({kept}) == graph_json({compact}));
}

TEST_CASE("corpus: malformed records are rejected with the field named") {
  struct Row {
    const char* record;
    const char* error;
  };
  const Row rows[] = {
      {R"([1,2])", "record: expected an object"},
      {R"({"title":"x"})", "record.id: missing"},
      {R"({"id":""})", "record.id: empty"},
      {R"({"id":"a","mentions":[{"type":"person","start":5,"end":2}]})", "mentions[0].end: before start"},
      {R"({"id":"a","mentions":[{"type":"alien","start":0,"end":2}]})", "mentions[0].type: unknown type 'alien'"},
      {R"({"id":"a","entities":[{"type":"person","label":"x","mentions":[3]}]})", "entities[0].mentions: index out of range"},
      {R"({"id":"a","statements":[{"speaker":0}]})", "statements[0].speaker: out of range"},
      {R"({"id":"a","statements":[{"cue":7}]})", "statements[0].cue: expected a string"},
      {R"({"id":"a","relations":[{"head":-2}]})", "relations[0].head: out of range"},
      {R"({"id":"a","timexes":[{"start":-1,"end":3}]})", "timexes[0].start: out of range"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.record);
    std::string message;
    try {
      isnad::document_from_json(Json::parse(row.record));
    } catch (const std::invalid_argument& e) {
      message = e.what();
    }
    CHECK(message == row.error);
  }
}

TEST_CASE("corpus: the record bag is a set keyed by id, whatever the order") {
  auto doc = [](std::string id, std::string path) {
    isnad::Document d;
    d.id = std::move(id);
    d.path = std::move(path);
    return d;
  };
  auto bag_of = [&](std::vector<int> order) {
    // The same four records, one exact repeat and one id clash between two different articles.
    std::vector<std::tuple<std::string, std::string, std::uint64_t>> records = {
        {"b", "x/b.txt", 2}, {"a", "x/a.txt", 1}, {"b", "y/b.txt", 3}, {"a", "x/a.txt", 1}};
    isnad::corpus::RecordBag bag;
    for (int i : order) {
      auto& [id, path, hash] = records[i];
      bag.add_document(doc(id, path), hash, {});
    }
    std::vector<std::string> kept;
    for (const auto& d : bag.take_documents()) kept.push_back(d.id + "@" + d.path);
    return std::make_tuple(kept, bag.failures(), bag.duplicates());
  };
  auto [kept, failures, duplicates] = bag_of({0, 1, 2, 3});
  CHECK(kept == std::vector<std::string>{"a@x/a.txt", "b@x/b.txt"});
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].path == "y/b.txt");
  CHECK(failures[0].error == "duplicate id 'b' (kept the article from x/b.txt)");
  CHECK(duplicates == 1);
  for (std::vector<int> order : {std::vector<int>{3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 2, 0}}) {
    CAPTURE(order[0]);
    CHECK(bag_of(order) == std::make_tuple(kept, failures, duplicates));
  }
}

TEST_CASE("corpus: inputs are files, directories (recursive, sorted, hidden skipped) and JSON Lines") {
  TempDir tmp("source");
  spit(tmp.path / "news" / "b.txt", "قال الرئيس");
  spit(tmp.path / "news" / "2016" / "a.txt", "قال الوزير");
  spit(tmp.path / "news" / ".hidden.txt", "x");
  spit(tmp.path / "news" / ".git" / "config", "x");
  spit(tmp.path / "feed.jsonl",
       "{\"id\": \"n1\", \"text\": \"قال\", \"date\": \"2017-04-01T10:29:00+01:00\", \"title\": \"عنوان\"}\n"
       "\n"
       "{\"id\": 42, \"text\": \"نص\"}\r\n"
       "not json\n"
       "{\"text\": \"بلا رقم\"}\n"
       "{\"id\": \"n5\", \"text\": \"bad \xff byte\"}\n");
  std::vector<std::string> inputs = {(tmp.path / "news").string(), (tmp.path / "feed.jsonl").string(),
                                     (tmp.path / "missing.txt").string()};
  isnad::corpus::ArticleSource source(inputs, isnad::ReadOptions{});
  std::vector<std::string> seen;
  isnad::corpus::RawArticle a;
  while (source.next(a))
    seen.push_back(a.id + "|" + fs::path(a.path).filename().string() + "|" + a.date + "|" + a.error);
  std::vector<std::string> expected = {
      "2016/a|a.txt||",
      "b|b.txt||",
      "n1|feed.jsonl:1|2017-04-01T10:29:00+01:00|",
      "42|feed.jsonl:3||",
      "feed.jsonl:4|feed.jsonl:4||invalid JSON",
      "feed.jsonl:5|feed.jsonl:5||no \"id\" (a non-empty string or an integer)",
      "feed.jsonl:6|feed.jsonl:6||invalid UTF-8 at byte 26 of the line",
      "missing|missing.txt||cannot open file: No such file or directory",
  };
  std::vector<std::string> shown;
  for (auto s : seen) {
    // Paths inside the temporary directory vary: keep the file name part of "DIR/feed.jsonl:4" ids.
    if (auto p = s.find(tmp.path.string() + "/"); p != std::string::npos) s.erase(p, tmp.path.string().size() + 1);
    shown.push_back(s);
  }
  auto joined = [](const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += x + "\n";
    return out;
  };
  CHECK(joined(shown) == joined(expected));

  // Shards partition the corpus: together they see every article exactly once.
  std::multiset<std::string> union_of_shards;
  for (std::size_t k = 0; k < 3; ++k) {
    isnad::corpus::ArticleSource shard(inputs, isnad::ReadOptions{}, {k, 3});
    while (shard.next(a)) union_of_shards.insert(std::to_string(a.seq) + a.path);
  }
  CHECK(union_of_shards.size() == expected.size());
  CHECK(std::set<std::string>(union_of_shards.begin(), union_of_shards.end()).size() == expected.size());
}

TEST_CASE("corpus: metadata dates") {
  struct Row {
    const char* given;
    const char* day;
  };
  const Row rows[] = {{"2016-11-03", "2016-11-03"}, {"2017-04-01T10:29:00+01:00", "2017-04-01"},
                      {"2018-04-01 15:44:28", "2018-04-01"},
                      // RFC 2822, the RSS pubDate (issue 16: these were dropped with a warning)
                      {"Sun, 01 Apr 2018 15:44:28 GMT", "2018-04-01"}, {"3 Nov 2016 09:00:00 +0300", "2016-11-03"},
                      {"Wed, 31 Feb 2018 10:00:00 GMT", ""}, {"Sun, 01 Foo 2018 15:44:28 GMT", ""},
                      {"2016-13-03", ""}, {"2016-11-031", ""}, {"", ""}};
  for (const auto& row : rows) {
    CAPTURE(row.given);
    CHECK(isnad::corpus::metadata_date(row.given) == row.day);
  }
}

TEST_CASE("corpus: -j1 and -j2 write byte-identical graphs; extract shards merged in any order equal build") {
  TempDir tmp("binary");
  std::string bin = ISNAD_BINARY, out = tmp.path.string();
  std::string corpus = real_corpus_args();
  REQUIRE(shell(bin + " build " + corpus + " -o " + out + "/j1 --format json,graphml -j1") == 0);
  REQUIRE(shell(bin + " build " + corpus + " -o " + out + "/j2 --format json,graphml -j2") == 0);
  CHECK(slurp(tmp.path / "j1" / "graph.json") == slurp(tmp.path / "j2" / "graph.json"));
  CHECK(slurp(tmp.path / "j1" / "graph.graphml") == slurp(tmp.path / "j2" / "graph.graphml"));

  // Map: three shards, each through `isnad extract`; reduce: merge in two different groupings and orders.
  for (int k = 0; k < 3; ++k)
    REQUIRE(shell(bin + " extract " + corpus + " --shard " + std::to_string(k) + "/3 -j2 -o " + out + "/s" +
                  std::to_string(k) + ".jsonl") == 0);
  REQUIRE(shell(bin + " merge " + out + "/s2.jsonl " + out + "/s0.jsonl > " + out + "/s20.jsonl") == 0);
  REQUIRE(shell(bin + " merge " + out + "/s1.jsonl " + out + "/s20.jsonl -o " + out + "/m1 --format json") == 0);
  REQUIRE(shell("cat " + out + "/s1.jsonl " + out + "/s0.jsonl | " + bin + " merge - " + out + "/s2.jsonl -o " + out +
                "/m2 --format json") == 0);
  std::string built = slurp(tmp.path / "j1" / "graph.json");
  CHECK(slurp(tmp.path / "m1" / "graph.json") == built);
  CHECK(slurp(tmp.path / "m2" / "graph.json") == built);

  Json run = Json::parse(slurp(tmp.path / "j2" / "run.json"));
  CHECK(run["articles"]["read"] == run["articles"]["done"]);
  CHECK(run["articles"]["failed"] == 0);
  CHECK(run["threads"] == 2);
  CHECK(run["tokens"].get<std::size_t>() > 1000);
}

TEST_CASE("corpus: JSON Lines metadata (date → DCT, title, url and source as provenance) and stdin") {
  TempDir tmp("jsonl");
  std::string text = slurp(fs::path(ISNAD_SOURCE_DIR) / "samples" / "aleppo.txt");
  Json line = {{"id", "aleppo-feed"}, {"text", text}, {"title", "حلب"}, {"date", "2016-11-03T09:00:00Z"},
               {"url", "https://example.org/a?x=1&y=2"}, {"source", "الجزيرة"}};
  // An address that must never become a link or an IRI.
  Json hostile = {{"id", "hostile"}, {"text", "وقال بوتين إن الحل سياسي."}, {"url", "javascript:alert(\"x\")<b>"},
                  {"source", "<script>x</script>"}};
  spit(tmp.path / "feed.jsonl", line.dump() + "\n");
  spit(tmp.path / "hostile.jsonl", hostile.dump() + "\n");
  std::string bin = ISNAD_BINARY, out = tmp.path.string();
  REQUIRE(shell(bin + " build " + out + "/feed.jsonl " + out + "/hostile.jsonl -o " + out +
                "/g --format json,rdf,neo4j,report --date 2000-01-01") == 0);
  Json g = Json::parse(slurp(tmp.path / "g" / "graph.json"));
  const Json& doc = g["graph"]["documents"][0];
  CHECK(doc["id"] == "aleppo-feed");
  CHECK(doc["title"] == "حلب");
  CHECK(doc["dct"] == "2016-11-03");
  CHECK(doc["dct_source"] == "metadata");
  CHECK(doc["url"] == "https://example.org/a?x=1&y=2");
  CHECK(doc["source"] == "الجزيرة");
  CHECK(g["graph"]["documents"][1]["url"] == hostile["url"]);
  std::string nt = slurp(tmp.path / "g" / "graph.nt");
  CHECK(nt.find("<https://schema.org/url> <https://example.org/a?x=1&y=2> .") != std::string::npos);
  CHECK(nt.find("<https://schema.org/publisher> \"الجزيرة\" .") != std::string::npos);
  CHECK(nt.find("<javascript:") == std::string::npos);  // a literal, not an IRI
  std::string csv = slurp(tmp.path / "g" / "neo4j" / "articles.csv");
  CHECK(csv.find("\"https://example.org/a?x=1&y=2\",\"الجزيرة\"") != std::string::npos);
  std::string report = slurp(tmp.path / "g" / "report.html");
  CHECK(report.find("<a href=\"https://example.org/a?x=1&amp;y=2\"") != std::string::npos);
  CHECK(report.find("href=\"javascript:") == std::string::npos);
  CHECK(report.find("<script>x") == std::string::npos);
  // The record of `isnad extract` keeps them, so a map/reduce run gives the same graph.
  REQUIRE(shell(bin + " extract " + out + "/feed.jsonl -o " + out + "/feed.records") == 0);
  Json record = Json::parse(slurp(tmp.path / "feed.records"));
  CHECK(record["url"] == "https://example.org/a?x=1&y=2");
  CHECK(record["source"] == "الجزيرة");

  // Plain text on stdin is one article named "stdin"; JSON Lines on stdin are read line by line.
  REQUIRE(shell("cat samples/aleppo.txt | " + bin + " build - -o " + out + "/stdin --format json --date 2016-11-03") == 0);
  CHECK(Json::parse(slurp(tmp.path / "stdin" / "graph.json"))["graph"]["documents"][0]["id"] == "stdin");
  REQUIRE(shell(bin + " build - -o " + out + "/stdin2 --format json < " + out + "/feed.jsonl") == 0);
  CHECK(Json::parse(slurp(tmp.path / "stdin2" / "graph.json"))["graph"]["documents"][0]["path"] == "-:1");
}

TEST_CASE("corpus: exit codes") {
  TempDir tmp("exit");
  std::string bin = ISNAD_BINARY, out = tmp.path.string();
  spit(tmp.path / "in" / "good.txt", slurp(fs::path(ISNAD_SOURCE_DIR) / "samples" / "aleppo.txt"));
  spit(tmp.path / "in" / "empty.txt", "");
  CHECK(shell(bin + " build samples/aleppo.txt -o " + out + "/ok --format json") == 0);
  CHECK(shell(bin + " build " + out + "/in -o " + out + "/some --format json") == 1);
  CHECK(shell(bin + " build " + out + "/in -o " + out + "/strict --format json --strict") == 4);
  CHECK(!fs::exists(tmp.path / "strict" / "graph.json"));
  CHECK(fs::exists(tmp.path / "strict" / "run.json"));
  CHECK(shell(bin + " build samples/aleppo.txt -o " + out + "/x -j 0") == 2);
  CHECK(shell(bin + " build samples/aleppo.txt -o " + out + "/x --shard 3/3") == 2);
  CHECK(shell(bin + " build samples/aleppo.txt -o " + out + "/x --format nope") == 2);
  CHECK(shell(bin + " merge") == 2);
  spit(tmp.path / "blocker", "a file where a directory should be");
  CHECK(shell(bin + " build samples/aleppo.txt -o " + out + "/blocker/sub --format json") == 3);
}

TEST_CASE("corpus: the Dask distributed recipe equals the single-process build") {
  fs::path log = fs::temp_directory_path() / ("isnad-dask-" + std::to_string(::getpid()) + ".log");
  int code = shell("tests/distributed/test_dask.sh " + std::string(ISNAD_BINARY) + " > " + log.string());
  std::string output = slurp(log);
  fs::remove(log);
  if (output.starts_with("SKIP")) {
    MESSAGE(output);
    return;
  }
  CAPTURE(output);
  CHECK(code == 0);
  CHECK(output.starts_with("OK"));
}
