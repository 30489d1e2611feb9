// Exporters: GraphML and GEXF (both views), DOT, SVG, PNG, N-Triples, Neo4j CSV/Cypher and the timeline on a small
// graph with real Arabic labels, hostile ones among them, checked with the real consumers (xmllint against the
// GraphML XSD and the GEXF RNG, Graphviz dot, NetworkX, rapper); escapers on tables of input → expected; the
// graph.json reader and `isnad render` round trip.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <set>
#include <thread>
#include <unistd.h>

#include "escape.h"
#include "exporter.h"
#include "formats.h"
#include "json_reader.h"

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
  DocumentInfo doc;
  doc.id = "aleppo test";
  doc.path = "samples/aleppo.txt";
  doc.title = "بوتين يدعو المعارضة إلى مغادرة حلب";
  doc.dct = "2016-11-03";
  doc.dct_source = "given";
  kg.documents.push_back(doc);
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
  for (const std::string& format : exporter_names()) {
    auto exporter = make_exporter(format);
    REQUIRE(exporter);
    std::string error;
    CHECK_MESSAGE(export_to_directory(*exporter, kg, dir.string(), &error), error);
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
      {"حلب \uFFFD نعم", "حلب \uFFFD نعم"},                         // a U+FFFD written in the text stays
      {"\xEF\xBF", "\uFFFD\uFFFD"},                                 // a truncated one is two invalid bytes
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
                      {"png", "graph.png"},         {"json", "graph.json"},
                      {"gexf", "graph.gexf"},       {"gexf-entities", "graph.entities.gexf"},
                      {"rdf", "graph.nt"},          {"nt", "graph.nt"},
                      {"neo4j", "neo4j"},           {"timeline", "timeline.json"},
                      {"timeline-html", "timeline.html"}};
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
  for (const char* format : {"graphml", "graphml-entities", "gexf", "gexf-entities", "rdf", "timeline", "timeline-html",
                             "json", "dot", "svg", "png"}) {
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
  for (const char* format : {"graphml", "gexf", "timeline", "timeline-html", "dot", "svg", "png"})
    CHECK_MESSAGE(!export_to_string(empty, format).empty(), format);
  CHECK(export_to_string(empty, "rdf").empty());  // no triples
}

TEST_CASE("escape: xml_token_escape collapses whitespace for GEXF labels") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {" قال\n  بوتين ", "قال بوتين"},
      {"\t\r\n", ""},
      {"الأمم المتحدة & <وكالاتها>", "الأمم المتحدة &amp; &lt;وكالاتها&gt;"},
      {"\"حلب\"\x01", "&quot;حلب&quot;"},
      {"\u200fحلب", "\u200fحلب"},
  };
  for (const auto& r : rows) CHECK(xml_token_escape(r.in) == r.out);
}

TEST_CASE("escape: ntriples_literal_escape for the inside of an N-Triples literal") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"قال \"نعم\"", "قال \\\"نعم\\\""},
      {"سطر\nسطر\r\t", "سطر\\nسطر\\r\\t"},
      {"C:\\new", "C:\\\\new"},
      {"AFP\x01\x1f", "AFP"},
      {"<حلب> & 'x'", "<حلب> & 'x'"},  // nothing else needs escaping
      {"\u200fحلب\u2066", "\u200fحلب\u2066"},
  };
  for (const auto& r : rows) CHECK(ntriples_literal_escape(r.in) == r.out);
}

TEST_CASE("escape: iri_segment_encode keeps ASCII unreserved characters and percent-encodes the rest") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"person:3", "person:3"},
      {"statement:aleppo test:1", "statement:aleppo%20test:1"},
      {"حلب", "%D8%AD%D9%84%D8%A8"},
      {"a/b#c?d%e<f>\"g\\", "a%2Fb%23c%3Fd%25e%3Cf%3E%22g%5C"},
      {"x\ny\x01", "x%0Ay%01"},
      {"Aa0-._~", "Aa0-._~"},
  };
  for (const auto& r : rows) CHECK(iri_segment_encode(r.in) == r.out);
}

TEST_CASE("escape: csv_field quotes every field and doubles inner quotes") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"حلب", "\"حلب\""},
      {"قال \"نعم\"", "\"قال \"\"نعم\"\"\""},
      {"a,b;c", "\"a,b;c\""},
      {" مسافة ", "\" مسافة \""},  // quoted, so Neo4j keeps the spaces
      {"سطر\nسطر", "\"سطر\nسطر\""},
      {"AFP\x01", "\"AFP\""},
      {"", "\"\""},
  };
  for (const auto& r : rows) CHECK(csv_field(r.in) == r.out);
}

TEST_CASE("escape: cypher_string makes a single-quoted Cypher literal") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"حلب", "'حلب'"},
      {"l'ONU", "'l\\'ONU'"},
      {"C:\\new", "'C:\\\\new'"},
      {"سطر\nسطر", "'سطر\\nسطر'"},
      {"\"x\"", "'\"x\"'"},
  };
  for (const auto& r : rows) CHECK(cypher_string(r.in) == r.out);
}

TEST_CASE("export: day_range reads days, months and years, and nothing else") {
  struct Row { const char* in; const char* first; const char* last; };
  const Row rows[] = {
      {"2016-11-03", "2016-11-03", "2016-11-03"}, {"2016-11", "2016-11-01", "2016-11-30"},
      {"2016-02", "2016-02-01", "2016-02-29"},    {"2015-02", "2015-02-01", "2015-02-28"},
      {"2016", "2016-01-01", "2016-12-31"},       {"2016-11-05/2016-11-10", "2016-11-05", "2016-11-10"},
      {"2018-01/2018-06-30", "2018-01-01", "2018-06-30"}, {"1954/1989", "1954-01-01", "1989-12-31"},
  };
  for (const auto& r : rows) {
    auto range = day_range(r.in);
    REQUIRE_MESSAGE(range, r.in);
    CHECK(range->first == r.first);
    CHECK(range->last == r.last);
  }
  for (const char* bad : {"", "PAST_REF", "2016-W43", "2016-13", "2016-02-30", "2016-11-03T10:00", "١٤٣٨", "2016-SU",
                          "2016-11-10/2016-11-05", "2016/", "/2016", "2016/2017/2018"})
    CHECK_MESSAGE(!day_range(bad), bad);
}

TEST_CASE("gexf: dynamic graph with spells, kinds and viz colours, in the text itself") {
  KnowledgeGraph kg = fixture();
  std::string full = export_to_string(kg, "gexf");
  CHECK(full.find("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">") !=
        std::string::npos);
  CHECK(full.find("mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\"") !=
        std::string::npos);
  CHECK(full.find("label=\"الأمم المتحدة &amp; &lt;وكالاتها&gt;\"") != std::string::npos);
  CHECK(full.find('\x01') == std::string::npos);
  // Statement 1 is dated 2016-11-04; statement 2 is undated and takes the publication date, marked as such.
  CHECK(full.find("<spell start=\"2016-11-04\" end=\"2016-11-04\"/>") != std::string::npos);
  CHECK(full.find("<attvalue for=\"date_basis\" value=\"publication\"/>") != std::string::npos);
  // Putin appears on the earliest day he is in the story, and stays (no end).
  std::size_t putin = full.find("<node id=\"person:1\"");
  REQUIRE(putin != std::string::npos);
  std::string putin_node = full.substr(putin, full.find("</node>", putin) - putin);
  CHECK(putin_node.find("<spell start=\"2016-11-03\"/>") != std::string::npos);
  CHECK(putin_node.find("<viz:color r=\"37\" g=\"99\" b=\"171\"/>") != std::string::npos);
  CHECK(full.find("kind=\"speaker\"") != std::string::npos);
  CHECK(full.find("kind=\"affiliation\" label=\"وزير الخارجية\"") != std::string::npos);
  // Entities view: Putin → Aleppo twice, with different acts: two edges of different kinds, not one merged edge.
  std::string entities = export_to_string(kg, "gexf-entities");
  CHECK(entities.find("kind=\"statement\"") == std::string::npos);
  CHECK(entities.find("source=\"person:1\" target=\"place:1\" kind=\"appeal\" label=\"دعا\"") != std::string::npos);
  CHECK(entities.find("source=\"person:1\" target=\"place:1\" kind=\"accuse\" label=\"اتهم\"") != std::string::npos);
}

TEST_CASE("gexf: valid against the GEXF 1.3 RNG (xmllint), and NetworkX 3 reads it") {
  fs::path rng = fs::path(ISNAD_SHARED_DIR) / "schemas" / "gexf" / "gexf.rng";
  if (!have_command("xmllint") || !fs::exists(rng)) {
    MESSAGE("skipped: xmllint or " << rng.string() << " missing");
    return;
  }
  const KnowledgeGraph graphs[] = {KnowledgeGraph(), fixture()};
  for (const KnowledgeGraph& kg : graphs) {
    fs::path dir = export_all(kg, kg.documents.empty() ? "gexf-empty" : "gexf");
    for (const char* file : {"graph.gexf", "graph.entities.gexf"}) {
      std::string command = "xmllint --nonet --noout --relaxng '" + rng.string() + "' '" + (dir / file).string() +
                            "' 2>/dev/null";
      CHECK_MESSAGE(run(command) == 0, command);
    }
    bool networkx3 = run("python3 -c 'import networkx, sys; sys.exit(int(networkx.__version__.split(\".\")[0]) < 3)' "
                         ">/dev/null 2>&1") == 0;
    if (networkx3 && !kg.documents.empty()) {
      std::string command = "python3 -c 'import networkx as nx, sys; g = nx.read_gexf(sys.argv[1]); "
                            "print(g.number_of_nodes(), g.number_of_edges(), g.nodes[\"person:1\"][\"label\"])' '" +
                            (dir / "graph.gexf").string() + "' > '" + (dir / "nx.txt").string() + "'";
      REQUIRE(run(command) == 0);
      CHECK(read_file(dir / "nx.txt") == std::string("9 8 ") + kPutin + "\n");
    } else if (!networkx3) {
      MESSAGE("NetworkX < 3 (Debian 12 has 2.8, which reads only GEXF 1.2): GEXF load not checked");
    }
    fs::remove_all(dir);
  }
}

TEST_CASE("rdf: N-Triples with schema.org types, PROV-O provenance, @ar tags and typed dates") {
  KnowledgeGraph kg = fixture();
  std::string nt = export_to_string(kg, "rdf");
  const std::string base = kRdfBase;
  const std::string s1 = "<" + base + "id/statement:aleppo%20test:1>";
  auto has = [&](const std::string& triple) {
    bool found = nt.find(triple + " .\n") != std::string::npos;
    CHECK_MESSAGE(found, triple);
  };
  has("<" + base + "id/person:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person>");
  has("<" + base + "id/person:1> <https://schema.org/name> \"فلاديمير بوتين \\\"القيصر\\\"\"@ar");
  has("<" + base + "id/organization:2> <https://schema.org/name> \"وكالة فرانس برس AFP\"@ar");  // \x01 dropped
  has("<" + base + "id/place:1> <https://schema.org/name> \"\u200fحلب الشرقية\\\\\"@ar");
  has(s1 + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Claim>");
  has(s1 + " <https://schema.org/author> <" + base + "id/person:1>");
  has(s1 + " <http://www.w3.org/ns/prov#wasAttributedTo> <" + base + "id/person:1>");
  has(s1 + " <https://schema.org/recipient> <" + base + "id/organization:1>");
  has(s1 + " <https://schema.org/about> <" + base + "id/place:1>");
  has(s1 + " <https://schema.org/dateCreated> \"2016-11-04\"^^<http://www.w3.org/2001/XMLSchema#date>");
  has(s1 + " <https://schema.org/text> \"«على المسلحين\\nمغادرة حلب» & <غدًا>\"@ar");
  has(s1 + " <http://www.w3.org/ns/prov#wasDerivedFrom> <" + base + "article/aleppo%20test>");
  has(s1 + " <http://www.w3.org/ns/prov#wasQuotedFrom> <" + base + "article/aleppo%20test#char=10,60>");
  has("<" + base + "article/aleppo%20test#char=10,60> <http://www.w3.org/ns/oa#start> "
      "\"10\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  has("<" + base + "article/aleppo%20test> <https://schema.org/datePublished> "
      "\"2016-11-03\"^^<http://www.w3.org/2001/XMLSchema#date>");
  has("<" + base + "id/person:2> <https://schema.org/affiliation> <" + base + "id/person:1>");
  // Every IRI (subject, predicate, an object in <…>) is ASCII without spaces.
  std::istringstream lines(nt);
  for (std::string line; std::getline(lines, line);) {
    std::size_t first = line.find(' '), second = line.find(' ', first + 1);
    std::vector<std::string> iris = {line.substr(0, first), line.substr(first + 1, second - first - 1)};
    if (line[second + 1] == '<') iris.push_back(line.substr(second + 1, line.size() - second - 3));
    for (const auto& iri : iris) {
      bool ascii = iri.size() > 2 && iri.front() == '<' && iri.back() == '>' &&
                   std::all_of(iri.begin(), iri.end(), [](char c) { return c > ' ' && static_cast<unsigned char>(c) < 0x80; });
      CHECK_MESSAGE(ascii, line);
    }
  }
}

TEST_CASE("rdf: rapper parses graph.nt strictly") {
  if (!have_command("rapper")) {
    MESSAGE("skipped: rapper is not installed (Debian raptor2-utils)");
    return;
  }
  const KnowledgeGraph graphs[] = {KnowledgeGraph(), fixture()};
  for (const KnowledgeGraph& kg : graphs) {
    fs::path dir = export_all(kg, kg.documents.empty() ? "rdf-empty" : "rdf");
    std::string command = "rapper -q -i ntriples -c '" + (dir / "graph.nt").string() + "' > '" +
                          (dir / "rapper.txt").string() + "' 2>&1";
    CHECK_MESSAGE(run(command) == 0, read_file(dir / "rapper.txt"));
    // The number of triples rapper counts is the number of lines we wrote.
    std::string nt = read_file(dir / "graph.nt");
    long lines = std::count(nt.begin(), nt.end(), '\n');
    run("rapper -i ntriples -c '" + (dir / "graph.nt").string() + "' > '" + (dir / "count.txt").string() + "' 2>&1");
    CHECK(read_file(dir / "count.txt").find("returned " + std::to_string(lines) + " triples") != std::string::npos);
    fs::remove_all(dir);
  }
}

// A minimal RFC 4180 reader (quoted fields, "" inside them, newlines in quotes): rows of fields.
static std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') rows.back().back() += '"', ++i;
      else if (c == '"') quoted = false;
      else rows.back().back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

TEST_CASE("neo4j: CSV headers follow the bulk importer's rules, rows parse back, the Cypher script is idempotent") {
  KnowledgeGraph kg = fixture();
  fs::path dir = export_all(kg, "neo4j");
  fs::path neo = dir / "neo4j";
  auto exporter = make_exporter("neo4j");
  REQUIRE(exporter->writes_directory());
  std::set<std::string> spaces_defined;
  std::map<std::string, std::set<std::string>> ids;  // space → ids
  for (const std::string& file : exporter->files()) {
    REQUIRE_MESSAGE(fs::exists(neo / file), file);
    if (file.size() < 4 || file.substr(file.size() - 4) != ".csv") continue;
    auto rows = parse_csv(read_file(neo / file));
    REQUIRE(!rows.empty());
    const auto& header = rows[0];
    for (std::size_t r = 1; r < rows.size(); ++r) CHECK_MESSAGE(rows[r].size() == header.size(), file << " row " << r);
    for (const auto& cell : header) {
      // name[:type], :ID(space), :START_ID(space), :END_ID(space), :LABEL, :TYPE; types from Neo4j's list.
      static const std::set<std::string> kTypes = {"int", "long", "float", "double", "boolean", "string", "date",
                                                   "int[]", "string[]", "ID(Entity)", "ID(Statement)", "ID(Article)",
                                                   "START_ID(Entity)", "START_ID(Statement)", "END_ID(Entity)",
                                                   "END_ID(Statement)", "END_ID(Article)", "LABEL", "TYPE"};
      std::size_t colon = cell.find(':');
      if (colon == std::string::npos) continue;  // a string property
      CHECK_MESSAGE(kTypes.count(cell.substr(colon + 1)), file << ": " << cell);
    }
    auto column = [&](const std::string& name) {
      auto it = std::find(header.begin(), header.end(), name);
      return it == header.end() ? std::string::npos : static_cast<std::size_t>(it - header.begin());
    };
    for (const char* space : {"Entity", "Statement", "Article"}) {
      std::size_t id = column(std::string("uid:ID(") + space + ")");
      if (id == std::string::npos) continue;
      spaces_defined.insert(space);
      CHECK(column(":LABEL") != std::string::npos);
      for (std::size_t r = 1; r < rows.size(); ++r) CHECK_MESSAGE(ids[space].insert(rows[r][id]).second, rows[r][id]);
    }
    // Every relationship end is a node of the space its header names.
    for (std::size_t c = 0; c < header.size(); ++c) {
      for (const char* kind : {":START_ID(", ":END_ID("}) {
        if (header[c].rfind(kind, 0) != 0) continue;
        std::string space = header[c].substr(std::string(kind).size(), header[c].size() - std::string(kind).size() - 1);
        CHECK(column(":TYPE") != std::string::npos);
        for (std::size_t r = 1; r < rows.size(); ++r) CHECK_MESSAGE(ids[space].count(rows[r][c]), file << ": " << rows[r][c]);
      }
    }
  }
  CHECK(spaces_defined == std::set<std::string>{"Entity", "Statement", "Article"});
  // The hostile label survives CSV quoting; a person carries two labels; booleans are exactly true/false.
  std::string entities = read_file(neo / "entities.csv");
  CHECK(entities.find("\"person:1\",\"فلاديمير بوتين \"\"القيصر\"\"\"") != std::string::npos);
  CHECK(entities.find("\"Person;Entity\"") != std::string::npos);
  CHECK(entities.find('\x01') == std::string::npos);
  auto statements = parse_csv(read_file(neo / "statements.csv"));
  CHECK(statements[1][2] == "دعا");
  CHECK(statements[1][5] == "«على المسلحين\nمغادرة حلب» & <غدًا>");
  CHECK(statements[1][11] == "false");
  std::string cypher = read_file(neo / "load.cypher");
  std::size_t constraint = cypher.find("CREATE CONSTRAINT"), first_load = cypher.find("LOAD CSV");
  REQUIRE(constraint != std::string::npos);
  CHECK(constraint < first_load);  // constraints first
  CHECK(cypher.find("CREATE (") == std::string::npos);  // only MERGE: running twice adds nothing
  CHECK(cypher.find("MERGE (n:Entity {uid: row.`uid:ID(Entity)`})") != std::string::npos);
  CHECK(cypher.find("MERGE (a)-[r:SAID]->(b)") != std::string::npos);
  CHECK(cypher.find("MERGE (a)-[r:AFFILIATED_WITH]->(b)") != std::string::npos);
  std::string import = read_file(neo / "import.sh");
  CHECK(import.find("--nodes=entities.csv") != std::string::npos);
  CHECK(import.find("--relationships=said.csv") != std::string::npos);
  CHECK(import.find("--multiline-fields=true") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("timeline: statements in date order, undated ones at their publication date") {
  KnowledgeGraph kg = fixture();
  auto timeline = nlohmann::json::parse(export_to_string(kg, "timeline"));
  const auto& items = timeline["items"];
  REQUIRE(items.size() == 3);
  // 2016-11-02 (the UN), then 2016-11-03 (Putin's undated accusation, publication day), then 2016-11-04.
  CHECK(items[0]["id"] == "statement:aleppo test:3");
  CHECK(items[1]["id"] == "statement:aleppo test:2");
  CHECK(items[1]["date_basis"] == "publication");
  CHECK(items[1]["start"] == "2016-11-03");
  CHECK(items[2]["start"] == "2016-11-04");
  CHECK(items[2]["addressees"] == nlohmann::json::array({kUn}));
  CHECK(items[2]["group"] == "person:1");
  CHECK(timeline["options"]["rtl"] == true);
  std::string html = export_to_string(kg, "timeline-html");
  CHECK(html.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http://") == std::string::npos);  // offline: nothing to fetch
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("الأمم المتحدة &amp; &lt;وكالاتها&gt;") != std::string::npos);
  CHECK(html.find('\x01') == std::string::npos);
  CHECK(html.find("2016-11-02") < html.find("2016-11-04"));
  if (have_command("xmllint")) {
    fs::path dir = export_all(kg, "timeline");
    // Polyglot markup: the page also parses as XML, a stricter check than libxml2's HTML 4 parser.
    CHECK(run("xmllint --noout '" + (dir / "timeline.html").string() + "'") == 0);
    fs::remove_all(dir);
  }
}

TEST_CASE("json reader: graph.json reads back into the same graph") {
  KnowledgeGraph kg = fixture();
  std::string json = export_to_string(kg, "json");
  std::istringstream in(json);
  KnowledgeGraph back = read_graph_json(in);
  CHECK(export_to_string(back, "json") == json);
  CHECK(export_to_string(back, "graphml") == export_to_string(kg, "graphml"));
  CHECK(export_to_string(back, "rdf") == export_to_string(kg, "rdf"));

  struct Bad { const char* json; const char* message; };
  const Bad bad[] = {
      {"{", "not JSON"},
      {"{\"edges\": []}", "no \"nodes\" array"},
      {"{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}", "duplicate id 'a'"},
      {"{\"nodes\": [{\"id\": \"a\"}], \"edges\": [{\"source\": \"a\", \"target\": \"b\"}]}", "unknown target 'b'"},
  };
  for (const auto& b : bad) {
    std::istringstream bad_in(b.json);
    try {
      read_graph_json(bad_in, "x.json");
      FAIL("accepted: " << b.json);
    } catch (const std::runtime_error& e) {
      CHECK_MESSAGE(std::string(e.what()).find(b.message) != std::string::npos, e.what());
    }
  }
}

TEST_CASE("render: isnad render re-renders graph.json, and --focus draws one actor's ego network") {
  KnowledgeGraph kg = fixture();
  fs::path dir = export_all(kg, "render");
  std::string isnad = std::string("'") + ISNAD_BINARY + "' render '" + (dir / "graph.json").string() + "'";
  REQUIRE(run(isnad + " --format dot -o '" + (dir / "again.dot").string() + "'") == 0);
  CHECK(read_file(dir / "again.dot") == read_file(dir / "graph.dot"));
  REQUIRE(run(isnad + " --format svg > '" + (dir / "stdout.svg").string() + "'") == 0);
  CHECK(read_file(dir / "stdout.svg") == read_file(dir / "graph.svg"));
  // Lavrov's ego network: Lavrov and his affiliation to Putin, none of Putin's statements.
  REQUIRE(run(isnad + " --format json --focus 'سيرغي لافروف' -o '" + (dir / "lavrov.json").string() + "'") == 0);
  auto lavrov = nlohmann::json::parse(read_file(dir / "lavrov.json"));
  CHECK(lavrov["nodes"].size() == 2);
  CHECK(lavrov["edges"].size() == 1);
  // Aleppo (by its id): the two statements about it, their speaker, and the UN that statement 1 addresses.
  REQUIRE(run(isnad + " --format json --focus place:1 -o '" + (dir / "aleppo.json").string() + "'") == 0);
  auto aleppo = nlohmann::json::parse(read_file(dir / "aleppo.json"));
  std::set<std::string> ids;
  for (const auto& n : aleppo["nodes"]) ids.insert(n["id"]);
  CHECK(ids == std::set<std::string>{"place:1", "person:1", "organization:1", "statement:aleppo test:1",
                                     "statement:aleppo test:2"});
  // A part of a name works when unique; PNG is a PNG; bad names and formats are usage errors.
  REQUIRE(run(isnad + " --format png --focus بوتين -o '" + (dir / "putin.png").string() + "'") == 0);
  CHECK(read_file(dir / "putin.png").compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  CHECK(run(isnad + " --focus 'لا أحد' -o /dev/null 2>/dev/null") != 0);
  CHECK(run(isnad + " --format png:gd -o /dev/null 2>/dev/null") != 0);
  fs::remove_all(dir);
}

// Decodes an 8-bit RGB/RGBA PNG (what Chromium writes) with the standard library only and prints the share of
// pixels that are not near-white and the number of distinct colours.
constexpr const char* kPngStats = R"(import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n'
pos, idat = 8, b''
while pos < len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b'IHDR':
        width, height, depth, colour = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + length
assert depth == 8 and colour in (2, 6), (depth, colour)
bpp = 3 if colour == 2 else 4
raw, stride, prev, rows = zlib.decompress(idat), width * bpp, bytearray(width * bpp), []
for y in range(height):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pred = [0, a, b, (a + b) // 2, a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else (b if abs(p - b) <= abs(p - c) else c)][f]
        line[i] = (line[i] + pred) & 0xFF
    rows.append(bytes(line))
    prev = line
ink, colours = 0, set()
for line in rows[::4]:
    for x in range(0, stride, bpp * 4):
        px = line[x:x + 3]
        colours.add(px)
        ink += min(px) < 200
print(ink / (len(rows[::4]) * len(range(0, stride, bpp * 4))), len(colours))
)";

TEST_CASE("report: one offline page that headless Chromium renders, with the diagram, the timeline and the table") {
  // Since issue 17 the report is the analyst's workbench: it carries its data and its script inline (no external
  // script, nothing fetched), and a graph this small keeps today's static report inside it.
  KnowledgeGraph kg = fixture();
  std::string report = export_to_string(kg, "report");
  CHECK(report.find("<html lang=\"ar\" dir=\"rtl\">") != std::string::npos);
  CHECK(report.find("<svg") != std::string::npos);       // the diagram, inline
  CHECK(report.find("<?xml") == std::string::npos);      // without the SVG file's prologue
  CHECK(report.find("<table>") != std::string::npos);    // the statement table
  CHECK(report.find("<section id=\"static-report\">") != std::string::npos);
  CHECK(report.find("<script type=\"application/json\" id=\"isnad-data\">") != std::string::npos);
  CHECK(report.find("<script src") == std::string::npos);
  CHECK(report.find("src=\"http") == std::string::npos);  // nothing fetched (the SVG's xmlns are names, not fetches)
  CHECK(report.find("href=\"http") == std::string::npos);
  CHECK(report.find("الأمم المتحدة &amp; &lt;وكالاتها&gt;") != std::string::npos);
  CHECK(report.find("<وكالاتها>") == std::string::npos);  // never raw, in the markup or in the inline data
  fs::path dir = export_all(kg, "report");
  if (have_command("xmllint")) CHECK(run("xmllint --noout '" + (dir / "report.html").string() + "'") == 0);
  std::string chromium = have_command("chromium") ? "chromium" : have_command("chromium-browser") ? "chromium-browser" : "";
  if (chromium.empty()) {
    MESSAGE("skipped: the Chromium screenshot (Debian chromium is not installed)");
    fs::remove_all(dir);
    return;
  }
  // --no-sandbox: CI runs as root. A fresh profile, and no network use beyond the file itself.
  std::string command = "timeout 120 " + chromium + " --headless --no-sandbox --disable-gpu --hide-scrollbars "
                        "--no-first-run --user-data-dir='" + (dir / "profile").string() +
                        "' --window-size=1200,1600 --screenshot='" + (dir / "report.png").string() + "' 'file://" +
                        (dir / "report.html").string() + "' > '" + (dir / "chromium.log").string() + "' 2>&1";
  REQUIRE_MESSAGE(run(command) == 0, read_file(dir / "chromium.log"));
  REQUIRE(fs::exists(dir / "report.png"));
  std::ofstream(dir / "png_stats.py") << kPngStats;
  REQUIRE(run("python3 '" + (dir / "png_stats.py").string() + "' '" + (dir / "report.png").string() + "' > '" +
              (dir / "stats.txt").string() + "'") == 0);
  std::istringstream stats(read_file(dir / "stats.txt"));
  double ink = 0;
  int colours = 0;
  stats >> ink >> colours;
  // A page with text, cards and a coloured diagram: some ink, many colours (a blank or error page has neither).
  CHECK(ink > 0.01);
  CHECK(colours > 20);
  fs::remove_all(dir);
}

TEST_CASE("report: the workbench's data is inline JSON that neither HTML nor XML can misread; a large graph has no "
          "static report") {
  KnowledgeGraph kg = fixture();
  std::string report = export_to_string(kg, "report");
  std::size_t data = report.find("<script type=\"application/json\" id=\"isnad-data\">");
  REQUIRE(data != std::string::npos);
  std::size_t start = report.find('>', data) + 1, end = report.find("</script>", start);
  std::string text = report.substr(start, end - start);
  CHECK(text.find_first_of("<>&") == std::string::npos);  // escaped as \u003c \u003e \u0026
  nlohmann::json parsed = nlohmann::json::parse(text);
  CHECK(parsed["entities"].size() == 6);
  CHECK(parsed["statements"].size() == 3);
  CHECK(parsed["docs"][0]["id"] == "aleppo test");
  bool hostile_label = false;
  for (const auto& e : parsed["entities"]) hostile_label |= e["label"] == kUn;  // the label itself, once parsed
  CHECK(hostile_label);
  CHECK(parsed["affiliations"].size() == 1);
  // timeline.html stays a page without script.
  CHECK(export_to_string(kg, "timeline-html").find("<script") == std::string::npos);

  // 61 statements: past the static report's limit (Graphviz's full-diagram limit), the page is the workbench alone.
  KnowledgeGraph big = fixture();
  Vertex putin = *big.find("person:1");
  for (int n = 10; n < 68; ++n) {
    NodeProps p;
    p.id = "statement:aleppo test:" + std::to_string(n);
    p.kind = "statement";
    p.cue = "قال";
    p.act = "statement";
    p.doc = "aleppo test";
    p.label = "قال";
    Vertex s = big.add_node(std::move(p));
    EdgeProps e;
    e.role = "speaker";
    big.add_edge(putin, s, e);
  }
  std::string large = export_to_string(big, "report");
  CHECK(large.find("id=\"static-report\"") == std::string::npos);
  CHECK(large.find("<svg") == std::string::npos);  // no Graphviz run at all
  CHECK(large.find("<noscript>") != std::string::npos);
}
