// graph.json: node-link JSON (NetworkX node_link_graph(d, edges="edges"), D3, scripts).
// The contract is in DESIGN.md; offsets are code points into each document's original text.
#include <nlohmann/json.hpp>

#include "formats.h"

namespace isnad {

namespace {

using Json = nlohmann::ordered_json;

Json timex_json(const Timex& t) {
  Json j = {{"text", t.text}, {"start", t.span.start}, {"end", t.span.end}, {"type", t.type}, {"value", t.value}};
  if (!t.time_range.empty()) j["time"] = t.time_range;
  if (!t.mod.empty()) j["mod"] = t.mod;  // START | MID | END | MORE_THAN | LESS_THAN | APPROX
  return j;
}

Json node_json(const NodeProps& n) {
  Json j = {{"id", n.id}, {"kind", n.kind}, {"label", n.label}};
  if (n.kind == "statement") {
    j["cue"] = n.cue;
    j["act"] = n.act;
    j["cameo"] = n.cameo;
    j["content"] = n.content;
    j["direct_quote"] = n.direct_quote;
    j["status"] = n.status;
    if (!n.date.empty()) j["date"] = n.date;
    j["doc"] = n.doc;
    j["start"] = n.span.start;
    j["end"] = n.span.end;
    return j;
  }
  j["aliases"] = n.aliases;
  if (!n.label_en.empty()) {
    j["label_en"] = n.label_en;
    j["label_en_source"] = n.label_en_source;
  }
  if (n.has_coordinates) {
    j["lat"] = n.latitude;
    j["lon"] = n.longitude;
  }
  if (!n.country.empty()) j["country"] = n.country;
  if (!n.subtype.empty()) j["subtype"] = n.subtype;
  if (!n.titles.empty()) j["titles"] = n.titles;
  Json mentions = Json::array();
  for (const auto& m : n.mentions) mentions.push_back({{"doc", m.doc}, {"start", m.start}, {"end", m.end}, {"text", m.text}});
  j["mentions"] = std::move(mentions);
  return j;
}

class JsonExporter : public Exporter {
 public:
  std::string file_name() const override { return "graph.json"; }
  void write(const KnowledgeGraph& kg, std::ostream& out) const override {
    const Graph& g = kg.graph;
    Json docs = Json::array();
    for (const auto& d : kg.documents) {
      Json timexes = Json::array();
      for (const auto& t : d.timexes) timexes.push_back(timex_json(t));
      docs.push_back({{"id", d.id}, {"path", d.path}, {"title", d.title}, {"lang", d.lang},
                      {"dct", d.dct.empty() ? Json(nullptr) : Json(d.dct)}, {"dct_source", d.dct_source}});
      if (!d.dct_candidate_years.empty()) docs.back()["dct_candidate_years"] = d.dct_candidate_years;
      docs.back()["timexes"] = std::move(timexes);
    }
    Json nodes = Json::array();
    for (Vertex v : kg.sorted_vertices()) nodes.push_back(node_json(g[v]));
    Json edges = Json::array();
    for (const auto& e : kg.sorted_edges()) {
      const EdgeProps& p = g[e];
      Json j = {{"source", g[boost::source(e, g)].id}, {"target", g[boost::target(e, g)].id}, {"role", p.role}};
      if (!p.relation.empty()) j["relation"] = p.relation;
      if (!p.title.empty()) j["title"] = p.title;
      if (!p.act.empty()) j["act"] = p.act;
      if (!p.date.empty()) j["date"] = p.date;
      if (!p.doc.empty()) j["doc"] = p.doc;
      edges.push_back(std::move(j));
    }
    // Every merge with its rule and evidence, so an analyst can see (and override with --aliases) why
    // names became one node.
    Json merges = Json::array();
    for (const auto& [node, records] : kg.merges)
      for (const auto& m : records)
        merges.push_back({{"node", node}, {"rule", m.rule}, {"evidence", m.evidence}, {"names", m.names}, {"docs", m.docs}});
    Json graph_attrs = {{"generator", std::string("isnad ") + ISNAD_VERSION}, {"documents", std::move(docs)},
                        {"merges", std::move(merges)}};
    if (!kg.refused_merges.empty()) graph_attrs["refused_merges"] = kg.refused_merges;
    Json root = {{"directed", true},
                 {"multigraph", true},
                 {"graph", std::move(graph_attrs)},
                 {"nodes", std::move(nodes)},
                 {"edges", std::move(edges)}};
    // Invalid UTF-8 cannot reach here (input is validated); replace rather than throw if it does.
    out << root.dump(1, ' ', false, Json::error_handler_t::replace) << '\n';
  }
};

}  // namespace

std::unique_ptr<Exporter> make_json_exporter() { return std::make_unique<JsonExporter>(); }

}  // namespace isnad
