// A user's first hour (issue 16), the outputs: a corpus diagram that stays an overview past 60 entities, a progress
// line that covers the export, Ctrl-C that removes the run's temporary files, and a rebuild that removes the outputs
// of an earlier run it did not write. Generated graphs and text only.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "test_files.h"
#include "exporter.h"
#include "knowledge_graph.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using namespace isnad;

using isnad::test::slurp;
using isnad::test::spit;
using isnad::test::shell;

namespace {

bool have(const std::string& tool) { return shell("command -v " + tool + " >/dev/null 2>&1") == 0; }

struct TempDir : isnad::test::TempDir {
  explicit TempDir(const std::string& name) : isnad::test::TempDir("ux", name) {}
};

// A corpus-sized graph: `persons` persons, each speaking `per_person` statements addressed to the next persons and
// about a few places, and a mentioned-only entity per person. Deterministic.
KnowledgeGraph corpus_graph(int persons, int per_person) {
  KnowledgeGraph kg;
  DocumentInfo doc;
  doc.id = "gen";
  doc.path = "gen.txt";
  kg.documents.push_back(doc);
  std::vector<Vertex> people, places;
  auto entity = [&](const std::string& id, const std::string& kind, const std::string& label, int mentions) {
    NodeProps p;
    p.id = id;
    p.kind = kind;
    p.label = label;
    for (int m = 0; m < mentions; ++m) p.mentions.push_back({"gen", 0, 3, label});
    return kg.add_node(std::move(p));
  };
  for (int i = 0; i < persons; ++i) people.push_back(entity("person:" + std::to_string(i + 1), "person", "شخص رقم " + std::to_string(i + 1), 1 + i % 5));
  for (int i = 0; i < 10; ++i) places.push_back(entity("place:" + std::to_string(i + 1), "place", "مدينة " + std::to_string(i + 1), 2));
  for (int i = 0; i < persons; ++i) entity("organization:" + std::to_string(i + 1), "organization", "هيئة " + std::to_string(i + 1), 1);
  const char* acts[] = {"statement", "accuse", "appeal", "deny"};
  int n = 0;
  for (int i = 0; i < persons; ++i)
    for (int k = 0; k < per_person; ++k) {
      NodeProps st;
      st.id = "statement:gen:" + std::to_string(++n);
      st.kind = "statement";
      st.cue = "قال";
      st.act = acts[(i + k) % 4];
      st.doc = "gen";
      st.label = "قال — " + kg.graph[people[i]].label;
      Vertex s = kg.add_node(std::move(st));
      EdgeProps e;
      e.act = acts[(i + k) % 4];
      e.doc = "gen";
      e.role = "speaker";
      kg.add_edge(people[i], s, e);
      e.role = "addressee";
      kg.add_edge(s, people[(i * 7 + k + 1) % persons], e);
      e.role = "about";
      kg.add_edge(s, places[(i + k) % 10], e);
    }
  return kg;
}

std::string render(const KnowledgeGraph& kg, const std::string& format) {
  std::ostringstream out;
  make_exporter(format)->write(kg, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

const std::string kArticle = "قال الرئيس الروسي فلاديمير بوتين، امس الأربعاء، إن الهدنة في حلب انتهت.\n"
                             "وقال وزير الخارجية سيرغي لافروف إن موسكو تدعو إلى وقف إطلاق النار.\n";

}  // namespace

TEST_CASE("ux: past 60 entities the diagram is an overview of the 50 most connected, saying what it left out") {
  // 120 persons, 360 statements: the full diagram took minutes (spline routing around 480 nodes).
  KnowledgeGraph big = corpus_graph(120, 3);
  auto started = std::chrono::steady_clock::now();
  std::string dot = render(big, "dot");
  std::string svg = render(big, "svg");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  CHECK(seconds < 20);  // about a second here; the full diagram of this graph took minutes
  CHECK(dot.find("layout=sfdp") != std::string::npos);
  CHECK(count(dot, "statement:gen:") == 0);  // statements are collapsed into edges, not drawn as nodes
  std::regex entity_node("\n\t\"(person|place|organization):[0-9]+\"\t\\[");
  std::ptrdiff_t entities = std::distance(std::sregex_iterator(dot.begin(), dot.end(), entity_node), std::sregex_iterator());
  CHECK(entities == 50);
  // What is left out, in English and in Arabic: 200 of the 250 entities (120 persons, 10 places, 120 organisations
  // mentioned only), and the statements that no drawn edge counts.
  std::smatch m;
  REQUIRE(std::regex_search(svg, m, std::regex("Overview of the 50 entities in most statements: ([0-9]+) of 250 entities "
                                               "and ([0-9]+) of 360 statements left out")));
  CHECK(m[1] == "200");
  CHECK(std::stoi(m[2]) > 0);
  CHECK(std::stoi(m[2]) < 360);
  CHECK(svg.find("isnad render graph.json &#45;&#45;focus NAME") != std::string::npos);  // SVG escapes '-'
  CHECK(svg.find("لم يُرسم \u2066200\u2069 كيانًا") != std::string::npos);                   // numbers bidi-isolated
  CHECK(render(big, "dot") == dot);  // deterministic
  if (have("dot")) {
    TempDir tmp("overview");
    spit(tmp.path / "graph.dot", dot);
    CHECK(shell("dot -Tsvg '" + (tmp.path / "graph.dot").string() + "' -o /dev/null") == 0);
  }

  // A small graph is still drawn in full, every statement a node, with neato.
  KnowledgeGraph small = corpus_graph(12, 2);
  std::string small_dot = render(small, "dot");
  CHECK(small_dot.find("layout=neato") != std::string::npos);
  std::regex statement_node("\n\t\"statement:gen:[0-9]+\"\t\\[");
  CHECK(std::distance(std::sregex_iterator(small_dot.begin(), small_dot.end(), statement_node), std::sregex_iterator()) == 24);
  CHECK(small_dot.find("Overview") == std::string::npos);
}

TEST_CASE("ux: the progress line covers the export phase and is cleared at the very end") {
  if (!have("script")) {
    MESSAGE("skipped: script (util-linux) missing, no terminal to show progress on");
    return;
  }
  TempDir tmp("progress");
  spit(tmp.path / "a.txt", kArticle);
  std::string log = (tmp.path / "log").string();
  // script gives isnad a terminal as stderr, where the progress line is shown.
  REQUIRE(shell("script -qec \"" + std::string(ISNAD_BINARY) + " build " + (tmp.path / "a.txt").string() + " -o " +
                (tmp.path / "out").string() + " --format json,svg -j1\" /dev/null > " + log + " 2>&1") == 0);
  std::string text = slurp(log);
  REQUIRE(text.find("exporting") != std::string::npos);
  CHECK(text.find("of 2 written)") != std::string::npos);
  std::size_t summary = text.find("isnad build: 1 article(s)");
  REQUIRE(summary != std::string::npos);
  CHECK(text.rfind("exporting", summary) < summary);
  CHECK(text.rfind("\r\033[K", summary) == summary - 4);  // the phase line is cleared just before the summary
  CHECK(fs::exists(tmp.path / "out" / "graph.svg"));
}

TEST_CASE("ux: an interrupted run removes its temporary files (isnad render; build installs the same guard)") {
  TempDir tmp("interrupt");
  // A graph whose PNG takes a moment (an overview at 150 dpi), as graph.json.
  KnowledgeGraph big = corpus_graph(300, 4);
  spit(tmp.path / "graph.json", render(big, "json"));
  fs::path out = tmp.path / "big.png";
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, STDERR_FILENO);
    ::execl(ISNAD_BINARY, "isnad", "render", (tmp.path / "graph.json").c_str(), "--format", "png", "-o", out.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait for the temporary file, then stop the run as Ctrl-C or `kill` would.
  fs::path partial = out.string() + ".tmp-" + std::to_string(pid);
  bool seen = false;
  int status = 0;
  for (int i = 0; i < 60000 && !seen; ++i) {
    seen = fs::exists(partial);
    if (!seen) {
      REQUIRE_MESSAGE(::waitpid(pid, &status, WNOHANG) == 0, "render ended before its temporary file was seen");
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }
  REQUIRE(seen);
  ::kill(pid, SIGTERM);
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM));
  CHECK_FALSE(fs::exists(partial));
  CHECK_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(tmp.path))
    CHECK_MESSAGE(entry.path().filename().string().find(".tmp-") == std::string::npos, entry.path().string());
}

TEST_CASE("ux: a rebuild removes the outputs of the earlier run it did not write, and nothing else") {
  TempDir tmp("stale");
  std::string bin = ISNAD_BINARY;
  spit(tmp.path / "a.txt", kArticle);
  fs::path out = tmp.path / "out";
  std::string build = bin + " build " + (tmp.path / "a.txt").string() + " -o " + out.string() + " --quiet -j1";
  REQUIRE(shell(build + " --format json,graphml,png,report,neo4j 2>/dev/null") == 0);
  REQUIRE(fs::exists(out / "graph.png"));
  REQUIRE(fs::exists(out / "neo4j" / "load.cypher"));
  // The user's own files, some named like ours, and one inside neo4j/.
  spit(out / "notes.txt", "mine");
  spit(out / "graph.png.bak", "mine");
  spit(out / "neo4j" / "my-queries.cypher", "mine");
  // A temporary file of an isnad that was killed (no process has this pid: above pid_max).
  spit(out / "graph.svg.tmp-999999999", "half");

  REQUIRE(shell(build + " --format json 2> " + (tmp.path / "err").string()) == 0);
  std::string err = slurp(tmp.path / "err");
  CHECK(fs::exists(out / "graph.json"));
  CHECK(fs::exists(out / "run.json"));
  for (const char* gone : {"graph.png", "graph.graphml", "report.html", "neo4j/entities.csv", "neo4j/load.cypher",
                           "graph.svg.tmp-999999999"}) {
    CHECK_MESSAGE(!fs::exists(out / gone), gone);
    CHECK_MESSAGE(err.find(gone) != std::string::npos, err);
  }
  CHECK(err.find("removed") != std::string::npos);
  for (const char* kept : {"notes.txt", "graph.png.bak", "neo4j/my-queries.cypher"}) CHECK_MESSAGE(fs::exists(out / kept), kept);
  Json run = Json::parse(slurp(out / "run.json"));
  REQUIRE(run.contains("removed_outputs"));
  CHECK(std::find(run["removed_outputs"].begin(), run["removed_outputs"].end(), "graph.png") != run["removed_outputs"].end());

  // Nothing more to remove: the same run again says nothing about removing.
  REQUIRE(shell(build + " --format json 2> " + (tmp.path / "err2").string()) == 0);
  CHECK(slurp(tmp.path / "err2").find("removed") == std::string::npos);
  CHECK_FALSE(Json::parse(slurp(out / "run.json")).contains("removed_outputs"));

  // A folder without an isnad run.json is not ours to clean: a graph.png there stays.
  fs::path other = tmp.path / "other";
  spit(other / "graph.png", "a picture the user made");
  REQUIRE(shell(bin + " build " + (tmp.path / "a.txt").string() + " -o " + other.string() + " --quiet -j1 --format json 2>/dev/null") == 0);
  CHECK(fs::exists(other / "graph.png"));

  // A run that cannot write one of its outputs keeps the earlier outputs (atomic: nothing half-done).
  REQUIRE(shell(build + " --format json,graphml 2>/dev/null") == 0);
  fs::create_directories(out / "graph.svg");  // a directory where graph.svg should go: the svg export fails
  CHECK(shell(build + " --format json,svg 2>/dev/null") == 3);
  CHECK(fs::exists(out / "graph.graphml"));
}
