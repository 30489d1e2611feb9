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

Json document_json(const DocumentInfo& d) {
  Json timexes = Json::array();
  for (const auto& t : d.timexes) timexes.push_back(timex_json(t));
  Json j = {{"id", d.id}, {"path", d.path}, {"title", d.title}, {"lang", d.lang},
            {"dct", d.dct.empty() ? Json(nullptr) : Json(d.dct)}, {"dct_source", d.dct_source}};
  if (!d.url.empty()) j["url"] = d.url;
  if (!d.source.empty()) j["source"] = d.source;
  if (!d.dct_candidate_years.empty()) j["dct_candidate_years"] = d.dct_candidate_years;
  j["timexes"] = std::move(timexes);
  return j;
}

Json edge_json(const Graph& g, const EdgeDesc& e) {
  const EdgeProps& p = g[e];
  Json j = {{"source", g[boost::source(e, g)].id}, {"target", g[boost::target(e, g)].id}, {"role", p.role}};
  if (!p.relation.empty()) j["relation"] = p.relation;
  if (!p.title.empty()) j["title"] = p.title;
  if (!p.act.empty()) j["act"] = p.act;
  if (!p.date.empty()) j["date"] = p.date;
  if (!p.doc.empty()) j["doc"] = p.doc;
  return j;
}

// `j` as dump(1) writes it at nesting depth `depth`. Invalid UTF-8 cannot reach here (input is validated);
// it is replaced rather than thrown on if it does. JSON strings hold no raw newline.
void write_indented(std::ostream& out, const Json& j, std::size_t depth) {
  std::string text = j.dump(1, ' ', false, Json::error_handler_t::replace);
  std::string indent = "\n" + std::string(depth, ' ');
  std::size_t from = 0;
  for (std::size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1) {
    out.write(text.data() + from, static_cast<std::streamsize>(nl - from));
    out << indent;
  }
  out.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

// An array at nesting depth `depth`, as dump(1) writes it, its elements made one at a time.
template <class Items, class MakeJson>
void write_array(std::ostream& out, const Items& items, std::size_t depth, MakeJson make) {
  if (items.empty()) {
    out << "[]";
    return;
  }
  const std::string element_indent(depth + 1, ' ');
  out << "[";
  bool first = true;
  for (const auto& item : items) {
    out << (first ? "\n" : ",\n") << element_indent;
    first = false;
    write_indented(out, make(item), depth + 1);
  }
  out << "\n" << std::string(depth, ' ') << "]";
}

class JsonExporter : public Exporter {
 public:
  std::string file_name() const override { return "graph.json"; }
  // Byte for byte what Json{{"directed", true}, {"multigraph", true}, {"graph", {{"generator", …},
  // {"documents", …}, {"merges", …}, ["refused_merges", …]}}, {"nodes", …}, {"edges", …}}.dump(1) writes,
  // but an element at a time, so that the graph is never held twice in memory.
  void write(const KnowledgeGraph& kg, std::ostream& out) const override {
    const Graph& g = kg.graph;
    // Every merge with its rule and evidence, so an analyst can see (and override with --aliases) why
    // names became one node.
    std::vector<std::pair<const std::string*, const MergeRecord*>> merges;
    for (const auto& [node, records] : kg.merges)
      for (const auto& m : records) merges.emplace_back(&node, &m);
    out << "{\n \"directed\": true,\n \"multigraph\": true,\n \"graph\": {\n  \"generator\": ";
    write_indented(out, Json(std::string("isnad ") + ISNAD_VERSION), 2);
    out << ",\n  \"documents\": ";
    write_array(out, kg.documents, 2, document_json);
    out << ",\n  \"merges\": ";
    write_array(out, merges, 2, [](const auto& nm) {
      const MergeRecord& m = *nm.second;
      return Json{{"node", *nm.first}, {"rule", m.rule}, {"evidence", m.evidence}, {"names", m.names}, {"docs", m.docs}};
    });
    if (!kg.refused_merges.empty()) {
      out << ",\n  \"refused_merges\": ";
      write_indented(out, Json(kg.refused_merges), 2);
    }
    out << "\n },\n \"nodes\": ";
    write_array(out, kg.sorted_vertices(), 1, [&](Vertex v) { return node_json(g[v]); });
    out << ",\n \"edges\": ";
    write_array(out, kg.sorted_edges(), 1, [&](const EdgeDesc& e) { return edge_json(g, e); });
    out << "\n}\n";
  }
};

}  // namespace

std::unique_ptr<Exporter> make_json_exporter() { return std::make_unique<JsonExporter>(); }

}  // namespace isnad
