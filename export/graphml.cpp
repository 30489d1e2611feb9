// graph.graphml and graph.entities.graphml: our own GraphML writer (formats.md §1; Boost's write_graphml prints
// 6-digit doubles, writes attr.name unescaped and replaces our ids). The output validates against the GraphML
// XSD and follows Gephi's importer:
//   - key ids are the attribute names themselves (label, kind, uid, r, g, b, size), never "d3"/"d7", which Gephi
//     takes for yEd's label keys; edge keys get an "e_" id prefix because ids are shared by node and edge keys,
//     and Gephi matches a key on its attr.name when the id is not reserved, so e_label still feeds the edge label;
//   - every key has for="node|edge" and an attr.type; no for="graph" keys (Gephi reports them as SEVERE);
//   - every key that applies to an element is written for it, even when empty, because NetworkX ignores <default>;
//   - ids are NMTOKENs; our stable id is the "uid" attribute; text is sanitised of C0 controls.
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "escape.h"
#include "formats.h"
#include "views.h"

namespace isnad {

namespace {

struct Key {
  const char* id;
  const char* target;  // node | edge
  const char* name;    // attr.name
  const char* type;    // string | int | double | boolean
};

// Keys written for every node.
constexpr Key kNodeKeys[] = {
    {"label", "node", "label", "string"}, {"kind", "node", "kind", "string"}, {"uid", "node", "uid", "string"},
    {"r", "node", "r", "int"},           {"g", "node", "g", "int"},         {"b", "node", "b", "int"},
    {"size", "node", "size", "double"},
};
// Keys written for person, organisation and place nodes.
constexpr Key kEntityKeys[] = {
    {"label_en", "node", "label_en", "string"}, {"aliases", "node", "aliases", "string"},
    {"titles", "node", "titles", "string"},     {"country", "node", "country", "string"},
    {"subtype", "node", "subtype", "string"},   {"mentions", "node", "mentions", "int"},
    {"statements", "node", "statements", "int"},
};
// Keys written for statement nodes (full view only).
constexpr Key kStatementKeys[] = {
    {"cue", "node", "cue", "string"},         {"act", "node", "act", "string"},
    {"cameo", "node", "cameo", "string"},     {"content", "node", "content", "string"},
    {"date", "node", "date", "string"},       {"doc", "node", "doc", "string"},
    {"start", "node", "start", "int"},        {"end", "node", "end", "int"},
    {"direct_quote", "node", "direct_quote", "boolean"},
};
// Keys written for every edge.
constexpr Key kEdgeKeys[] = {
    {"e_label", "edge", "label", "string"}, {"e_weight", "edge", "weight", "double"}, {"e_role", "edge", "role", "string"},
    {"e_act", "edge", "act", "string"},     {"e_date", "edge", "date", "string"},     {"e_doc", "edge", "doc", "string"},
    {"e_title", "edge", "title", "string"}, {"e_relation", "edge", "relation", "string"},
    {"e_r", "edge", "r", "int"},            {"e_g", "edge", "g", "int"},               {"e_b", "edge", "b", "int"},
};
// Keys of the entities view's collapsed statement edges.
constexpr Key kCollapsedEdgeKeys[] = {
    {"e_cue", "edge", "cue", "string"},
    {"e_acts", "edge", "acts", "string"},
    {"e_dates", "edge", "dates", "string"},
    {"e_statements", "edge", "statements", "string"},
};

class ElementWriter {
 public:
  explicit ElementWriter(std::ostream& out) : out_(out) {}
  void data(const char* key, std::string_view value) {
    line_ = "      <data key=\"";
    line_ += key;
    line_ += "\">";
    append_xml_escaped(line_, value);
    line_ += "</data>\n";
    out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  }
  void data(const char* key, long value) { data(key, std::to_string(value)); }
  void data_double(const char* key, double value) { data(key, format_one_decimal(value)); }
  void data_bool(const char* key, bool value) { data(key, value ? "true" : "false"); }
  void colour(const char* r, const char* g, const char* b, Rgb c) {
    data(r, c.r);
    data(g, c.g);
    data(b, c.b);
  }

 private:
  std::ostream& out_;
  std::string line_;  // reused from element to element
};

// A GraphML edge; the entities view's collapsed edges also carry their statements' acts and dates.
struct GraphmlEdge : ViewEdge {
  explicit GraphmlEdge(ViewEdge edge) : ViewEdge(std::move(edge)) {}
  bool collapsed = false;  // entities view: carries cue/acts/dates/statements
  std::vector<std::string> acts, dates;
};

bool is_entity(const NodeProps& n) { return n.kind != "statement"; }

// NMTOKEN ids for the nodes, unique even if two uids map to the same token.
std::vector<std::string> node_ids(const Graph& g, const std::vector<Vertex>& vertices) {
  std::vector<std::string> ids;
  std::set<std::string> taken;
  for (Vertex v : vertices) {
    std::string id = xml_nmtoken(g[v].id);
    for (int n = 2; taken.count(id); ++n) id = xml_nmtoken(g[v].id) + "." + std::to_string(n);
    taken.insert(id);
    ids.push_back(std::move(id));
  }
  return ids;
}

std::vector<GraphmlEdge> full_view_edges(const KnowledgeGraph& kg) {
  std::vector<GraphmlEdge> edges;
  for (const EdgeDesc& e : kg.sorted_edges()) edges.emplace_back(full_view_edge(kg, e));
  return edges;
}

// Entities view: speaker → target per statement, merged per (speaker, target); affiliations kept as they are.
// Edges are in node-index order of (source, target), a collapsed edge after an affiliation between the same pair.
std::vector<GraphmlEdge> entity_view_edges(const KnowledgeGraph& kg, const std::vector<Vertex>& sorted,
                                           const std::map<Vertex, std::size_t>& index) {
  const Graph& g = kg.graph;
  std::map<std::pair<std::size_t, std::size_t>, GraphmlEdge> collapsed;
  std::map<std::pair<std::size_t, std::size_t>, std::map<std::string, int>> act_counts;
  for (Vertex s : sorted) {
    const NodeProps& st = g[s];
    if (st.kind != "statement") continue;
    StatementParties parties = statement_parties(g, s);
    std::sort(parties.targets.begin(), parties.targets.end(),
              [&](const auto& a, const auto& b) { return index.at(a.first) < index.at(b.first); });
    for (Vertex speaker : parties.speakers) {
      for (const auto& [target, role] : parties.targets) {
        auto key = std::make_pair(index.at(speaker), index.at(target));
        auto slot = collapsed.find(key);
        if (slot == collapsed.end()) {
          slot = collapsed.emplace(key, GraphmlEdge{new_collapsed_edge(speaker, target, st)}).first;
          slot->second.collapsed = true;
        }
        GraphmlEdge& e = slot->second;
        e.weight += 1;
        ++act_counts[key][st.act];
        push_unique(e.acts, st.act);
        push_unique(e.dates, st.date);
        push_unique(e.statements, st.id);
        fold_statement(e, st, role, ";");
      }
    }
  }
  std::vector<GraphmlEdge> edges;
  for (auto& [key, e] : collapsed) {
    // The edge's act is its most frequent one (the first seen on a tie): it colours the edge.
    int best = 0;
    for (const auto& act : e.acts)
      if (act_counts[key][act] > best) {
        best = act_counts[key][act];
        e.act = act;
      }
    e.colour = act_colour(e.act);
    e.label = join_list(e.cues, "، ");
    if (!e.date.empty()) e.label += " · " + e.date;
    edges.push_back(std::move(e));
  }
  for (ViewEdge& affiliation : affiliation_edges(kg)) edges.emplace_back(std::move(affiliation));
  std::stable_sort(edges.begin(), edges.end(), [&](const GraphmlEdge& a, const GraphmlEdge& b) {
    return std::make_tuple(index.at(a.source), index.at(a.target), a.collapsed) <
           std::make_tuple(index.at(b.source), index.at(b.target), b.collapsed);
  });
  return edges;
}

void write_key(std::ostream& out, const Key& k) {
  out << "  <key id=\"" << k.id << "\" for=\"" << k.target << "\" attr.name=\"" << k.name << "\" attr.type=\""
      << k.type << "\"/>\n";
}

}  // namespace

void write_graphml(const KnowledgeGraph& kg, GraphmlView view, std::ostream& out) {
  const Graph& g = kg.graph;
  const bool full = view == GraphmlView::full;

  std::vector<Vertex> all = kg.sorted_vertices();
  std::vector<Vertex> nodes;
  for (Vertex v : all)
    if (full || is_entity(g[v])) nodes.push_back(v);
  std::map<Vertex, std::size_t> index;
  for (std::size_t i = 0; i < nodes.size(); ++i) index.emplace(nodes[i], i);
  std::vector<std::string> ids = node_ids(g, nodes);
  std::vector<GraphmlEdge> edges = full ? full_view_edges(kg) : entity_view_edges(kg, all, index);
  std::map<Vertex, long> spoken = statements_per_speaker(kg);

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  out << "  <desc>" << xml_escape(std::string("isnad ") + ISNAD_VERSION + ", " + (full ? "full" : "entities") +
                                  " view: who said what about whom")
      << "</desc>\n";
  for (const Key& k : kNodeKeys) write_key(out, k);
  for (const Key& k : kEntityKeys) write_key(out, k);
  if (full)
    for (const Key& k : kStatementKeys) write_key(out, k);
  for (const Key& k : kEdgeKeys) write_key(out, k);
  if (!full)
    for (const Key& k : kCollapsedEdgeKeys) write_key(out, k);
  out << "  <graph id=\"G\" edgedefault=\"directed\">\n";

  ElementWriter w(out);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const NodeProps& n = g[nodes[i]];
    out << "    <node id=\"" << ids[i] << "\">\n";
    w.data("label", n.label);
    w.data("kind", n.kind);
    w.data("uid", n.id);
    w.colour("r", "g", "b", kind_colour(n.kind));
    if (is_entity(n)) {
      auto it = spoken.find(nodes[i]);
      long statements = it == spoken.end() ? 0 : it->second;
      // Gephi's node size: grows with how often the entity is named and how much it says.
      w.data_double("size", entity_node_size(n, statements));
      w.data("label_en", n.label_en);
      w.data("aliases", join_list(n.aliases));
      w.data("titles", join_list(n.titles));
      w.data("country", n.country);
      w.data("subtype", n.subtype);
      w.data("mentions", static_cast<long>(n.mentions.size()));
      w.data("statements", statements);
    } else {
      w.data_double("size", kStatementNodeSize);
      w.data("cue", n.cue);
      w.data("act", n.act);
      w.data("cameo", n.cameo);
      w.data("content", n.content);
      w.data("date", n.date);
      w.data("doc", n.doc);
      w.data("start", static_cast<long>(n.span.start));
      w.data("end", static_cast<long>(n.span.end));
      w.data_bool("direct_quote", n.direct_quote);
    }
    out << "    </node>\n";
  }
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const GraphmlEdge& e = edges[i];
    out << "    <edge id=\"e" << i << "\" source=\"" << ids[index.at(e.source)] << "\" target=\""
        << ids[index.at(e.target)] << "\">\n";
    w.data("e_label", e.label);
    w.data_double("e_weight", e.weight);
    w.data("e_role", e.role);
    w.data("e_act", e.act);
    w.data("e_date", e.date);
    w.data("e_doc", e.doc);
    w.data("e_title", e.title);
    w.data("e_relation", e.relation);
    w.colour("e_r", "e_g", "e_b", e.colour);
    if (!full) {
      w.data("e_cue", join_list(e.cues));
      w.data("e_acts", join_list(e.acts));
      w.data("e_dates", join_list(e.dates));
      w.data("e_statements", join_list(e.statements));
    }
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

namespace {

class GraphmlExporter : public Exporter {
 public:
  explicit GraphmlExporter(GraphmlView view) : view_(view) {}
  std::string file_name() const override {
    return view_ == GraphmlView::full ? "graph.graphml" : "graph.entities.graphml";
  }
  void write(const KnowledgeGraph& kg, std::ostream& out) const override { write_graphml(kg, view_, out); }

 private:
  GraphmlView view_;
};

}  // namespace

std::unique_ptr<Exporter> make_graphml_exporter(GraphmlView view) { return std::make_unique<GraphmlExporter>(view); }

}  // namespace isnad
