// graph.json: node-link JSON (NetworkX node_link_graph(d, edges="edges"), D3, scripts).
// The contract is in DESIGN.md; offsets are code points into each document's original text.
#include "formats.h"
#include "json_writer.h"

namespace isnad {

namespace {

void write_timex(JsonWriter& w, const Timex& t) {
  w.begin_object();
  w.member("text", t.text);
  w.member("start", t.span.start);
  w.member("end", t.span.end);
  w.member("type", t.type);
  w.member("value", t.value);
  if (!t.time_range.empty()) w.member("time", t.time_range);
  if (!t.mod.empty()) w.member("mod", t.mod);  // START | MID | END | MORE_THAN | LESS_THAN | APPROX
  w.end_object();
}

void write_node(JsonWriter& w, const NodeProps& n) {
  w.begin_object();
  w.member("id", n.id);
  w.member("kind", n.kind);
  w.member("label", n.label);
  if (n.kind == "statement") {
    w.member("cue", n.cue);
    w.member("act", n.act);
    w.member("cameo", n.cameo);
    w.member("content", n.content);
    w.member("direct_quote", n.direct_quote);
    w.member("status", n.status);
    if (!n.date.empty()) w.member("date", n.date);
    w.member("doc", n.doc);
    w.member("start", n.span.start);
    w.member("end", n.span.end);
    w.end_object();
    return;
  }
  w.key("aliases");
  w.array(n.aliases);
  if (!n.label_en.empty()) {
    w.member("label_en", n.label_en);
    w.member("label_en_source", n.label_en_source);
  }
  if (n.has_coordinates) {
    w.member("lat", n.latitude);
    w.member("lon", n.longitude);
  }
  if (!n.country.empty()) w.member("country", n.country);
  if (!n.subtype.empty()) w.member("subtype", n.subtype);
  if (!n.titles.empty()) {
    w.key("titles");
    w.array(n.titles);
  }
  w.key("mentions");
  w.begin_array();
  for (const auto& m : n.mentions) {
    w.begin_object();
    w.member("doc", m.doc);
    w.member("start", m.start);
    w.member("end", m.end);
    w.member("text", m.text);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void write_document(JsonWriter& w, const DocumentInfo& d) {
  w.begin_object();
  w.member("id", d.id);
  w.member("path", d.path);
  w.member("title", d.title);
  w.member("lang", d.lang);
  w.key("dct");
  if (d.dct.empty()) w.null(); else w.value(d.dct);
  w.member("dct_source", d.dct_source);
  if (!d.url.empty()) w.member("url", d.url);
  if (!d.source.empty()) w.member("source", d.source);
  if (!d.dct_candidate_years.empty()) {
    w.key("dct_candidate_years");
    w.array(d.dct_candidate_years);
  }
  w.key("timexes");
  w.begin_array();
  for (const auto& t : d.timexes) write_timex(w, t);
  w.end_array();
  if (!d.unattributed.empty()) {
    w.key("unattributed");
    w.begin_array();
    for (const auto& a : d.unattributed) {
      w.begin_object();
      w.member("cue", a.cue);
      w.member("act", a.act);
      w.member("start", a.start);
      w.member("end", a.end);
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
}

void write_edge(JsonWriter& w, const Graph& g, const EdgeDesc& e) {
  const EdgeProps& p = g[e];
  w.begin_object();
  w.member("source", g[boost::source(e, g)].id);
  w.member("target", g[boost::target(e, g)].id);
  w.member("role", p.role);
  if (!p.relation.empty()) w.member("relation", p.relation);
  if (!p.title.empty()) w.member("title", p.title);
  if (!p.act.empty()) w.member("act", p.act);
  if (!p.date.empty()) w.member("date", p.date);
  if (!p.doc.empty()) w.member("doc", p.doc);
  w.end_object();
}

class JsonExporter : public Exporter {
 public:
  std::string file_name() const override { return "graph.json"; }
  // Byte for byte what Json{{"directed", true}, {"multigraph", true}, {"graph", {{"generator", …},
  // {"documents", …}, {"merges", …}, ["refused_merges", …]}}, {"nodes", …}, {"edges", …}}.dump(1) writes,
  // but streamed, so that the graph is never held twice in memory.
  void write(const KnowledgeGraph& kg, std::ostream& out) const override {
    const Graph& g = kg.graph;
    JsonWriter w(out, 1);
    w.begin_object();
    w.member("directed", true);
    w.member("multigraph", true);
    w.key("graph");
    w.begin_object();
    w.member("generator", std::string("isnad ") + ISNAD_VERSION);
    w.key("documents");
    w.begin_array();
    for (const auto& d : kg.documents) write_document(w, d);
    w.end_array();
    // Every merge with its rule and evidence, so an analyst can see (and override with --aliases) why
    // names became one node.
    w.key("merges");
    w.begin_array();
    for (const auto& [node, records] : kg.merges)
      for (const auto& m : records) {
        w.begin_object();
        w.member("node", node);
        w.member("rule", m.rule);
        w.member("evidence", m.evidence);
        w.key("names");
        w.array(m.names);
        w.key("docs");
        w.array(m.docs);
        w.end_object();
      }
    w.end_array();
    if (!kg.refused_merges.empty()) {
      w.key("refused_merges");
      w.array(kg.refused_merges);
    }
    w.end_object();
    w.key("nodes");
    w.begin_array();
    for (Vertex v : kg.sorted_vertices()) write_node(w, g[v]);
    w.end_array();
    w.key("edges");
    w.begin_array();
    for (const EdgeDesc& e : kg.sorted_edges()) write_edge(w, g, e);
    w.end_array();
    w.end_object();
    w.flush();
    out << "\n";
  }
};

}  // namespace

std::unique_ptr<Exporter> make_json_exporter() { return std::make_unique<JsonExporter>(); }

}  // namespace isnad
