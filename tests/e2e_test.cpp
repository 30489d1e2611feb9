// End to end: the real binary on the bundled sample, outputs checked by their consumers.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "text.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

int run(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }
bool have(const char* tool) { return run(std::string("command -v ") + tool) == 0; }
// The Debian interpreter, which has the python3-networkx / python3-igraph packages, when present.
std::string python() { return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3"; }

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct SampleRun {
  fs::path out;
  Json graph;
  SampleRun() {
    out = fs::temp_directory_path() / ("isnad-e2e-" + std::to_string(::getpid()));
    fs::remove_all(out);
    std::string cmd = std::string(ISNAD_BINARY) + " build " + ISNAD_SOURCE_DIR + "/samples/aleppo.txt -o " +
                      out.string() + " --date 2016-11-03";
    REQUIRE(run(cmd) == 0);
    graph = Json::parse(read(out / "graph.json"));
  }
  ~SampleRun() { fs::remove_all(out); }

  // Entity nodes whose label or an alias is the (normalised) name or contains it as whole words.
  std::vector<Json> nodes_named(const std::string& name) const {
    std::vector<Json> found;
    std::string key = isnad::normalize_utf8(name);
    for (const auto& n : graph["nodes"]) {
      if (n["kind"] == "statement") continue;
      std::vector<std::string> names = {n["label"]};
      for (const auto& a : n["aliases"]) names.push_back(a);
      for (const auto& s : names)
        if (std::string padded = " " + isnad::normalize_utf8(s) + " "; padded.find(" " + key + " ") != std::string::npos) {
          found.push_back(n);
          break;
        }
    }
    return found;
  }
};

}  // namespace

TEST_CASE("e2e: isnad build on the sample article") {
  SampleRun r;
  for (const char* f : {"graph.json", "graph.graphml", "graph.dot", "graph.svg"}) CHECK(fs::file_size(r.out / f) > 0);

  SUBCASE("persons, organisations and places are nodes of the right kind, variants merged") {
    struct Row { const char* name; const char* kind; };
    const Row rows[] = {
        {"فلاديمير بوتين", "person"}, {"بشار الأسد", "person"}, {"سيرغي لافروف", "person"},
        {"جون كيري", "person"}, {"جون كيربي", "person"}, {"ياسر اليوسف", "person"}, {"ملحم العكيدي", "person"},
        {"غيراسيموف", "person"}, {"جيراسيموف", "person"}, {"سيرغي شويغو", "person"}, {"سيرجي شويجو", "person"},
        {"سيرجى شويجو", "person"}, {"حلب", "place"}, {"إدلب", "place"}, {"الرقة", "place"}, {"دمشق", "place"},
        {"اليونان", "place"}, {"وزارة الدفاع الروسية", "organization"}, {"جماعة نور الدين زنكي", "organization"},
        {"تجمع فاستقم", "organization"}, {"قناة روسيا اليوم", "organization"},
    };
    for (const auto& row : rows) {
      std::string name = row.name;
      CAPTURE(name);
      auto found = r.nodes_named(row.name);
      REQUIRE(found.size() == 1);
      CHECK(found[0]["kind"] == row.kind);
    }
    // One node each for Gerasimov and Shoigu, whatever the spelling.
    CHECK(r.nodes_named("غيراسيموف")[0]["id"] == r.nodes_named("جيراسيموف")[0]["id"]);
    CHECK(r.nodes_named("سيرغي شويغو")[0]["id"] == r.nodes_named("سيرجى شويجو")[0]["id"]);
    CHECK(r.nodes_named("سيرغي شويغو")[0]["id"] == r.nodes_named("سيرجي شويجو")[0]["id"]);
  }

  SUBCASE("relative dates are anchored on the publication date; روسيا اليوم is no date") {
    const Json& doc = r.graph["graph"]["documents"][0];
    CHECK(doc["dct"] == "2016-11-03");
    CHECK(doc["dct_source"] == "given");
    std::map<std::string, std::set<std::string>> values;
    for (const auto& t : doc["timexes"]) values[isnad::normalize_utf8(t["text"].get<std::string>())].insert(t["value"]);
    CHECK(values[isnad::normalize_utf8("يوم غد الجمعة")] == std::set<std::string>{"2016-11-04"});
    CHECK(values[isnad::normalize_utf8("امس الأربعاء")] == std::set<std::string>{"2016-11-02"});
    for (const auto& t : doc["timexes"]) CHECK(t["text"] != "اليوم");
  }

  SUBCASE("statements carry speakers; at least 15 with a resolved speaker") {
    std::set<std::string> spoken;
    for (const auto& e : r.graph["edges"])
      if (e["role"] == "speaker") spoken.insert(e["target"]);
    int statements = 0;
    for (const auto& n : r.graph["nodes"])
      if (n["kind"] == "statement") {
        ++statements;
        CHECK(!n["act"].get<std::string>().empty());
        CHECK(!n["cameo"].get<std::string>().empty());
      }
    CHECK(spoken.size() >= 15);
    CHECK(statements >= static_cast<int>(spoken.size()));
  }

  SUBCASE("every mention's offsets slice exactly to its text") {
    std::u32string text = isnad::decode_utf8(read(std::string(ISNAD_SOURCE_DIR) + "/samples/aleppo.txt")).text;
    int checked = 0;
    for (const auto& n : r.graph["nodes"]) {
      for (const auto& m : n.value("mentions", Json::array())) {
        std::size_t s = m["start"], e = m["end"];
        REQUIRE(e <= text.size());
        CHECK(isnad::encode_utf8(text.substr(s, e - s)) == m["text"].get<std::string>());
        ++checked;
      }
    }
    for (const auto& t : r.graph["graph"]["documents"][0]["timexes"]) {
      std::size_t s = t["start"], e = t["end"];
      CHECK(isnad::encode_utf8(text.substr(s, e - s)) == t["text"].get<std::string>());
    }
    CHECK(checked > 50);
  }

  SUBCASE("GraphML validates against the schema (xmllint)") {
    fs::path schemas = fs::path(ISNAD_SHARED_DIR) / "schemas" / "graphml";
    if (!have("xmllint") || !fs::exists(schemas / "graphml.xsd")) {
      MESSAGE("xmllint or ../shared/schemas missing: GraphML schema check skipped");
      return;
    }
    std::string cmd = "XML_CATALOG_FILES=" + (schemas / "catalog.xml").string() + " xmllint --nonet --noout --schema " +
                      (schemas / "graphml.xsd").string() + " " + (r.out / "graph.graphml").string();
    CHECK(run(cmd) == 0);
  }

  SUBCASE("graph.dot is read by Graphviz dot; graph.svg is well-formed XML") {
    if (!have("dot")) {
      MESSAGE("graphviz dot missing: skipped");
      return;
    }
    CHECK(run("dot -Tsvg -o /dev/null " + (r.out / "graph.dot").string()) == 0);
    if (have("xmllint")) CHECK(run("xmllint --noout " + (r.out / "graph.svg").string()) == 0);
  }

  SUBCASE("igraph reads graph.graphml with the same counts and Arabic labels") {
    if (run(python() + " -c 'import igraph'") != 0) {
      MESSAGE("python3-igraph missing: skipped");
      return;
    }
    std::size_t edges = r.graph["edges"].size();
    std::string py = "import igraph; g=igraph.Graph.Read_GraphML('" + (r.out / "graph.graphml").string() +
                     "'); assert g.vcount()==" + std::to_string(r.graph["nodes"].size()) + ", g.vcount(); assert g.ecount()==" +
                     std::to_string(edges) + ", g.ecount(); assert 'فلاديمير بوتين' in g.vs['label']";
    CHECK(run(python() + " -c \"" + py + "\"") == 0);
  }

  SUBCASE("NetworkX reads graph.json with exactly the call the README documents") {
    // The README's snippet, run as written by every interpreter here that has networkx: Debian's python3-networkx
    // 2.8 takes the snippet's call, networkx 3.4 and later the alternative the snippet gives in its comment.
    std::string readme = read(fs::path(ISNAD_SOURCE_DIR) / "README.md");
    std::size_t call = readme.find("nx.node_link_graph(d, link=\"edges\")");
    REQUIRE(call != std::string::npos);
    std::size_t begin = readme.rfind("```python\n", call), end = readme.find("```", call);
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    std::string snippet = readme.substr(begin + 10, end - begin - 10);
    const std::string newer_marker = "# networkx 3.4 and later: ";
    std::size_t newer_at = snippet.find(newer_marker);
    REQUIRE(newer_at != std::string::npos);
    std::string newer_call = snippet.substr(newer_at + newer_marker.size());
    newer_call = newer_call.substr(0, newer_call.find('\n'));
    CHECK(newer_call == "g = nx.node_link_graph(d, edges=\"edges\")");
    std::size_t path_at = snippet.find("\"out/graph.json\"");
    REQUIRE(path_at != std::string::npos);
    snippet.replace(path_at, 16, "\"" + (r.out / "graph.json").string() + "\"");
    std::string check = "assert g.number_of_nodes() == " + std::to_string(r.graph["nodes"].size()) +
                        " and g.number_of_edges() == " + std::to_string(r.graph["edges"].size()) + "\n";

    int interpreters = 0;
    for (std::string interpreter : {std::string("/usr/bin/python3"), std::string("python3")}) {
      std::string version_file = (r.out / "nx-version").string();
      if (std::system((interpreter + " -c 'import networkx, sys; sys.stdout.write(networkx.__version__)' > " +
                       version_file + " 2>/dev/null").c_str()) != 0)
        continue;  // no such interpreter, or no networkx in it
      std::string version = read(version_file);
      int major = 0, minor = 0;
      std::sscanf(version.c_str(), "%d.%d", &major, &minor);
      bool newer = major > 3 || (major == 3 && minor >= 4);
      std::string script = snippet;
      if (newer) {
        std::size_t line = script.find("g = nx.node_link_graph(d, link=\"edges\")");
        script.replace(line, script.find('\n', line) - line, newer_call);
      }
      std::string script_file = (r.out / "readme_networkx.py").string();
      std::ofstream(script_file) << script << check;
      CAPTURE(interpreter);
      CAPTURE(version);
      CAPTURE(script);
      CHECK(run(interpreter + " " + script_file) == 0);
      ++interpreters;
    }
    if (interpreters == 0) MESSAGE("python3-networkx missing: the README's NetworkX call was not run");
  }
}

TEST_CASE("e2e: command-line errors are one line and non-zero") {
  std::string bin = ISNAD_BINARY;
  CHECK(run(bin + " --version") == 0);
  CHECK(run(bin + " --help") == 0);
  CHECK(run(bin + " build --no-such-option x.txt -o /tmp/x") != 0);
  CHECK(run(bin + " build /nonexistent/article.txt -o /tmp/isnad-e2e-missing") != 0);
  CHECK(run(bin + " frobnicate") != 0);
  CHECK(run(bin + " build samples/aleppo.txt -o /tmp/isnad-e2e-baddate --date 03/11/2016") != 0);
}
