// Exporters: GraphML (both views), DOT, SVG and PNG on a small graph with real Arabic labels, hostile ones among
// them, checked with the real consumers (xmllint against the GraphML XSD, Graphviz dot, NetworkX); escapers on
// tables of input → expected.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "escape.h"
#include "exporter.h"
#include "formats.h"

using namespace isnad;

namespace {

namespace fs = std::filesystem;

bool have_command(const std::string& name) { return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0; }

int run(const std::string& command) { return std::system(command.c_str()); }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Hostile labels: quotes, <, &, a C0 control, a Latin run, an RTL mark, a backslash and a newline.
constexpr const char* kPutin = "فلاديمير بوتين \"القيصر\"";
constexpr const char* kUn = "الأمم المتحدة & <وكالاتها>";
constexpr const char* kAfp = "وكالة فرانس برس AFP\x01";
constexpr const char* kAleppo = "\u200fحلب الشرقية\\";

// Two statements by Putin about Aleppo (one addressed to the UN), one by the AFP-reported UN, an affiliation,
// and an entity mentioned only.
KnowledgeGraph fixture() {
  KnowledgeGraph kg;
  kg.documents.push_back({"aleppo test", "samples/aleppo.txt", "بوتين يدعو المعارضة إلى مغادرة حلب", "ar", "2016-11-03",
                          "given", {}});
  auto entity = [&](const std::string& id, const std::string& kind, const std::string& label) {
    NodeProps p;
    p.id = id;
    p.kind = kind;
    p.label = label;
    p.mentions.push_back({"aleppo test", 0, 5, label});
    return kg.add_node(std::move(p));
  };
  Vertex putin = entity("person:1", "person", kPutin);
  Vertex lavrov = entity("person:2", "person", "سيرغي لافروف");
  Vertex un = entity("organization:1", "organization", kUn);
  Vertex afp = entity("organization:2", "organization", kAfp);
  Vertex aleppo = entity("place:1", "place", kAleppo);
  entity("place:2", "place", "اليونان");  // mentioned only
  kg.graph[putin].titles = {"الرئيس الروسي"};

  auto statement = [&](int n, Vertex speaker, const std::string& cue, const std::string& act, const std::string& date) {
    NodeProps p;
    p.id = "statement:aleppo test:" + std::to_string(n);
    p.kind = "statement";
    p.cue = cue;
    p.act = act;
    p.date = date;
    p.doc = "aleppo test";
    p.content = "«على المسلحين\nمغادرة حلب» & <غدًا>";
    p.span = {10, 60};
    p.label = cue + " — " + kg.graph[speaker].label;
    Vertex s = kg.add_node(std::move(p));
    EdgeProps e;
    e.role = "speaker";
    e.act = act;
    e.date = date;
    e.doc = "aleppo test";
    kg.add_edge(speaker, s, e);
    return s;
  };
  auto link = [&](Vertex from, Vertex to, const std::string& role, const std::string& act) {
    EdgeProps e;
    e.role = role;
    e.act = act;
    e.doc = "aleppo test";
    kg.add_edge(from, to, e);
  };
  Vertex s1 = statement(1, putin, "دعا", "appeal", "2016-11-04");
  link(s1, aleppo, "about", "appeal");
  link(s1, un, "addressee", "appeal");
  Vertex s2 = statement(2, putin, "اتهم", "accuse", "");
  link(s2, aleppo, "about", "accuse");
  Vertex s3 = statement(3, un, "أعلنت", "announce", "2016-11-02");
  link(s3, afp, "source", "announce");
  EdgeProps affiliation;
  affiliation.role = "affiliation";
  affiliation.relation = "foreign minister";
  affiliation.title = "وزير الخارجية";
  affiliation.doc = "aleppo test";
  kg.add_edge(lavrov, putin, affiliation);
  return kg;
}

std::string export_to_string(const KnowledgeGraph& kg, const std::string& format) {
  auto exporter = make_exporter(format);
  REQUIRE(exporter);
  std::ostringstream out;
  exporter->write(kg, out);
  return out.str();
}

// Writes every format into a fresh directory and returns it.
fs::path export_all(const KnowledgeGraph& kg, const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("isnad-export-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const char* format : {"graphml", "graphml-entities", "dot", "svg", "png"}) {
    auto exporter = make_exporter(format);
    REQUIRE(exporter);
    std::ofstream out(dir / exporter->file_name(), std::ios::binary);
    exporter->write(kg, out);
  }
  return dir;
}

}  // namespace

TEST_CASE("escape: sanitize_text drops what XML forbids and keeps Arabic") {
  struct Row { std::string in, out; };
  const Row rows[] = {
      {"قال\x01 بوتين", "قال بوتين"},
      {"حلب\ttab\nnewline\rcr", "حلب\ttab\nnewline\rcr"},        // \t \n \r are allowed
      {std::string("a\0b", 3), "ab"},                               // NUL
      {"\x1b[31mأحمر", "[31mأحمر"},                                 // ESC
      {"\u200fحلب\u200e", "\u200fحلب\u200e"},                       // RTL/LTR marks stay
      {"\xEF\xBF\xBE\xEF\xBF\xBF", ""},                             // U+FFFE, U+FFFF
      {"حلب\xC3\x28", "حلب\uFFFD("},                                // invalid byte → U+FFFD
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},                       // a surrogate is three invalid bytes
      {"\xC0\xAF", "\uFFFD\uFFFD"},                                 // overlong "/"
  };
  for (const auto& r : rows) CHECK(sanitize_text(r.in) == r.out);
}

TEST_CASE("escape: xml_escape for element text and attribute values") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"الأمم المتحدة & <وكالاتها>", "الأمم المتحدة &amp; &lt;وكالاتها&gt;"},
      {"قال \"بوتين\" و'لافروف'", "قال &quot;بوتين&quot; و&apos;لافروف&apos;"},
      {"سطر\nسطر\t\r", "سطر&#10;سطر&#9;&#13;"},
      {"AFP\x01\x02", "AFP"},
      {"]]>", "]]&gt;"},
      {"", ""},
  };
  for (const auto& r : rows) CHECK(xml_escape(r.in) == r.out);
}

TEST_CASE("escape: xml_nmtoken keeps ASCII name characters and hex-encodes the rest") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"person:3", "person:3"},
      {"statement:aleppo_2016-11.03:12", "statement:aleppo_2016-11.03:12"},
      {"statement:aleppo test:1", "statement:aleppo_20test:1"},
      {"org/#\"", "org_2F_23_22"},
      {"حلب", "_D8_AD_D9_84_D8_A8"},
      {"", "_"},
  };
  for (const auto& r : rows) CHECK(xml_nmtoken(r.in) == r.out);
}

TEST_CASE("escape: dot_label_escape keeps backslashes literal and turns newlines into line breaks") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"حلب", "حلب"},
      {"C:\\new \\N", "C:\\\\new \\\\N"},  // "\N" would otherwise print the node name
      {"سطر\nسطر", "سطر\\nسطر"},
      {"a\r\tb", "a b"},
      {"قال \"بوتين\"", "قال \"بوتين\""},  // quotes are agwrite's business
      {"AFP\x01", "AFP"},
  };
  for (const auto& r : rows) CHECK(dot_label_escape(r.in) == r.out);
}

TEST_CASE("escape: bidi_isolate_ltr wraps Latin runs and dates, not Arabic") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"حلب", "حلب"},
      {"الأمم المتحدة UN 2024", "الأمم المتحدة \u2066UN 2024\u2069"},
      {"قال في 2016-11-03، إن", "قال في \u20662016-11-03\u2069، إن"},
      {"٢٠١٦-١١-٠٣", "\u2066٢٠١٦-١١-٠٣\u2069"},
      {"وكالة AFP.", "وكالة \u2066AFP\u2069."},  // the trailing full stop stays outside
      {"Kerry وLavrov", "\u2066Kerry\u2069 و\u2066Lavrov\u2069"},
      {"10:30 صباحًا", "\u206610:30\u2069 صباحًا"},
  };
  for (const auto& r : rows) CHECK(bidi_isolate_ltr(r.in) == r.out);
}

TEST_CASE("export: the factory knows every format and its file name") {
  struct Row { const char* format; const char* file; };
  const Row rows[] = {{"graphml", "graph.graphml"}, {"graphml-entities", "graph.entities.graphml"},
                      {"dot", "graph.dot"},         {"svg", "graph.svg"},
                      {"png", "graph.png"},         {"json", "graph.json"}};
  for (const auto& r : rows) {
    auto e = make_exporter(r.format);
    REQUIRE(e);
    CHECK(e->file_name() == r.file);
  }
  CHECK_FALSE(make_exporter("png:gd"));
}

TEST_CASE("graphml: Gephi conventions and escaping, in the text itself") {
  KnowledgeGraph kg = fixture();
  std::string full = export_to_string(kg, "graphml");
  CHECK(full.find("id=\"d3\"") == std::string::npos);
  CHECK(full.find("id=\"d7\"") == std::string::npos);
  CHECK(full.find("for=\"graph\"") == std::string::npos);
  CHECK(full.find("<key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>") != std::string::npos);
  CHECK(full.find("<key id=\"r\" for=\"node\" attr.name=\"r\" attr.type=\"int\"/>") != std::string::npos);
  CHECK(full.find("<key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>") != std::string::npos);
  CHECK(full.find("<data key=\"label\">الأمم المتحدة &amp; &lt;وكالاتها&gt;</data>") != std::string::npos);
  CHECK(full.find("<data key=\"label\">وكالة فرانس برس AFP</data>") != std::string::npos);  // \x01 stripped
  CHECK(full.find('\x01') == std::string::npos);
  CHECK(full.find("<node id=\"statement:aleppo_20test:1\">") != std::string::npos);
  CHECK(full.find("<data key=\"uid\">statement:aleppo test:1</data>") != std::string::npos);
  CHECK(full.find("<data key=\"e_weight\">1.0</data>") != std::string::npos);
  CHECK(full.find("<data key=\"direct_quote\">false</data>") != std::string::npos);
  // Every key declares for and attr.type.
  for (std::size_t at = full.find("<key "); at != std::string::npos; at = full.find("<key ", at + 1)) {
    std::string key = full.substr(at, full.find('>', at) - at);
    CHECK_MESSAGE(key.find(" for=\"") != std::string::npos, key);
    CHECK_MESSAGE(key.find(" attr.type=\"") != std::string::npos, key);
  }
  // The entities view has no statement nodes; Putin → Aleppo carries both statements.
  std::string entities = export_to_string(kg, "graphml-entities");
  CHECK(entities.find("<data key=\"kind\">statement</data>") == std::string::npos);
  CHECK(entities.find("<data key=\"e_cue\">دعا | اتهم</data>") != std::string::npos);
  CHECK(entities.find("<data key=\"e_weight\">2.0</data>") != std::string::npos);
}

TEST_CASE("graphml: valid against the XSD (xmllint with the offline catalog)") {
  fs::path schemas = fs::path(ISNAD_SHARED_DIR) / "schemas" / "graphml";
  if (!have_command("xmllint") || !fs::exists(schemas / "graphml.xsd") || !fs::exists(schemas / "catalog.xml")) {
    MESSAGE("skipped: xmllint or " << schemas.string() << " missing");
    return;
  }
  const KnowledgeGraph graphs[] = {KnowledgeGraph(), fixture()};
  for (const KnowledgeGraph& kg : graphs) {
    fs::path dir = export_all(kg, kg.documents.empty() ? "empty" : "fixture");
    for (const char* file : {"graph.graphml", "graph.entities.graphml"}) {
      std::string command = "XML_CATALOG_FILES='" + (schemas / "catalog.xml").string() +
                            "' xmllint --nonet --noout --schema '" + (schemas / "graphml.xsd").string() + "' '" +
                            (dir / file).string() + "' 2>/dev/null";
      CHECK_MESSAGE(run(command) == 0, command);
    }
    fs::remove_all(dir);
  }
}

TEST_CASE("graphml: NetworkX reads both views with labels intact") {
  if (run("python3 -c 'import networkx' >/dev/null 2>&1") != 0) {
    MESSAGE("skipped: python3 networkx missing");
    return;
  }
  KnowledgeGraph kg = fixture();
  fs::path dir = export_all(kg, "networkx");
  const char* script =
      "import json, sys, networkx as nx\n"
      "out = {}\n"
      "for name in sys.argv[1:]:\n"
      "    g = nx.read_graphml(name)\n"
      "    out[name] = {'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(),\n"
      "                 'labels': {d['uid']: d['label'] for _, d in g.nodes(data=True)},\n"
      "                 'weights': sorted(d['weight'] for *_, d in g.edges(data=True))}\n"
      "print(json.dumps(out))\n";
  std::ofstream(dir / "read.py") << script;
  std::string full = (dir / "graph.graphml").string(), entities = (dir / "graph.entities.graphml").string();
  std::string command = "python3 '" + (dir / "read.py").string() + "' '" + full + "' '" + entities + "' > '" +
                        (dir / "read.json").string() + "'";
  REQUIRE(run(command) == 0);
  auto result = nlohmann::json::parse(read_file(dir / "read.json"));
  const auto& f = result[full];
  CHECK(f["nodes"] == 9);
  CHECK(f["edges"] == 8);
  CHECK(f["labels"]["person:1"] == kPutin);
  CHECK(f["labels"]["organization:1"] == kUn);
  CHECK(f["labels"]["organization:2"] == "وكالة فرانس برس AFP");
  CHECK(f["labels"]["place:1"] == kAleppo);
  CHECK(f["labels"]["statement:aleppo test:1"] == std::string("دعا — ") + kPutin);
  const auto& e = result[entities];
  CHECK(e["nodes"] == 6);
  // Putin→Aleppo (2 statements), Putin→UN, Lavrov→Putin (affiliation); the UN's statement has no target.
  CHECK(e["edges"] == 3);
  CHECK(e["weights"] == nlohmann::json::array({1.0, 1.0, 2.0}));
  fs::remove_all(dir);
}

TEST_CASE("graphviz: DOT parses in dot, SVG is well-formed, PNG is a PNG, all with the Arabic font") {
  KnowledgeGraph kg = fixture();
  fs::path dir = export_all(kg, "graphviz");
  std::string dot = read_file(dir / "graph.dot");
  std::string svg = read_file(dir / "graph.svg");
  std::string png = read_file(dir / "graph.png");
  CHECK(dot.find("fontname=\"Noto Naskh Arabic\"") != std::string::npos);
  CHECK(dot.find('\x01') == std::string::npos);
  CHECK(dot.find("\u20662016-11-04\u2069") != std::string::npos);  // the date isolated in its statement's label
  CHECK(dot.find("\u2066AFP\u2069") != std::string::npos);         // the Latin run isolated in the node label
  CHECK(svg.find("Noto Naskh Arabic") != std::string::npos);
  CHECK(svg.find("\u2066AFP\u2069") != std::string::npos);
  CHECK(svg.find("اليونان") != std::string::npos);  // Greece, mentioned only, is listed in the legend
  REQUIRE(png.size() > 8);
  CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  if (have_command("dot")) {
    CHECK(run("dot -Tsvg '" + (dir / "graph.dot").string() + "' -o /dev/null") == 0);
  } else {
    MESSAGE("skipped: Graphviz dot missing");
  }
  if (have_command("xmllint")) {
    CHECK(run("xmllint --noout '" + (dir / "graph.svg").string() + "'") == 0);
  } else {
    MESSAGE("skipped: xmllint missing");
  }
  fs::remove_all(dir);
}

TEST_CASE("export: byte-identical output on a second run, from two threads at once, and for an empty graph") {
  KnowledgeGraph kg = fixture();
  for (const char* format : {"graphml", "graphml-entities", "dot", "svg", "png"}) {
    std::string first = export_to_string(kg, format);
    CHECK_MESSAGE(!first.empty(), format);
    CHECK_MESSAGE(export_to_string(kg, format) == first, format);
  }
  // Graphviz is not thread-safe; the exporter serialises it, so concurrent renders agree.
  std::string a, b;
  std::thread t1([&] { a = export_to_string(kg, "svg"); });
  std::thread t2([&] { b = export_to_string(kg, "svg"); });
  t1.join();
  t2.join();
  CHECK(a == b);
  KnowledgeGraph empty;
  for (const char* format : {"graphml", "dot", "svg", "png"}) CHECK_MESSAGE(!export_to_string(empty, format).empty(), format);
}
