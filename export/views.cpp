#include "views.h"

#include <algorithm>
#include <cstdio>

namespace isnad {

std::string join_list(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

void push_unique(std::vector<std::string>& list, const std::string& s) {
  if (!s.empty() && std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

std::string format_one_decimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

ViewEdge full_view_edge(const KnowledgeGraph& kg, const EdgeDesc& edge) {
  const Graph& g = kg.graph;
  const EdgeProps& p = g[edge];
  ViewEdge out;
  out.source = boost::source(edge, g);
  out.target = boost::target(edge, g);
  out.role = p.role;
  out.act = p.act;
  out.date = p.date;
  out.doc = p.doc;
  out.title = p.title;
  out.relation = p.relation;
  out.label = p.role == "affiliation" ? (p.title.empty() ? p.relation : p.title) : p.role;
  out.colour = p.act.empty() ? kind_colour("") : act_colour(p.act);
  return out;
}

std::vector<ViewEdge> affiliation_edges(const KnowledgeGraph& kg) {
  const Graph& g = kg.graph;
  std::vector<ViewEdge> edges;
  for (const EdgeDesc& d : kg.sorted_edges()) {
    const EdgeProps& p = g[d];
    if (p.role != "affiliation") continue;
    ViewEdge e;
    e.source = boost::source(d, g);
    e.target = boost::target(d, g);
    e.role = p.role;
    e.doc = p.doc;
    e.title = p.title;
    e.relation = p.relation;
    e.label = p.title.empty() ? p.relation : p.title;
    e.colour = kind_colour("");
    edges.push_back(std::move(e));
  }
  return edges;
}

StatementParties statement_parties(const Graph& g, Vertex statement) {
  StatementParties parties;
  for (auto [it, end] = boost::in_edges(statement, g); it != end; ++it)
    if (g[*it].role == "speaker") parties.speakers.push_back(boost::source(*it, g));
  for (auto [it, end] = boost::out_edges(statement, g); it != end; ++it)
    if (g[*it].role == "addressee" || g[*it].role == "about")
      parties.targets.emplace_back(boost::target(*it, g), g[*it].role);
  return parties;
}

ViewEdge new_collapsed_edge(Vertex speaker, Vertex target, const NodeProps& st) {
  ViewEdge e;
  e.source = speaker;
  e.target = target;
  e.doc = st.doc;
  e.weight = 0;
  return e;
}

void fold_statement(ViewEdge& e, const NodeProps& st, const std::string& role, std::string_view role_separator) {
  if (e.role.empty()) e.role = role;
  else if (e.role.find(role) == std::string::npos) e.role += std::string(role_separator) + role;
  push_unique(e.cues, st.cue);
  if (!st.date.empty() && (e.date.empty() || st.date < e.date)) e.date = st.date;  // the earliest
  if (e.doc != st.doc) e.doc.clear();  // statements from several documents
}

std::map<Vertex, long> statements_per_speaker(const KnowledgeGraph& kg) {
  const Graph& g = kg.graph;
  std::map<Vertex, long> spoken;
  for (const EdgeDesc& e : kg.sorted_edges())
    if (g[e].role == "speaker") ++spoken[boost::source(e, g)];
  return spoken;
}

double entity_node_size(const NodeProps& entity, long statements) {
  return 10.0 + 2.0 * static_cast<double>(std::min<std::size_t>(entity.mentions.size(), 20)) +
         3.0 * static_cast<double>(std::min<long>(statements, 10));
}

}  // namespace isnad
