#include "knowledge_graph.h"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace isnad {

Vertex KnowledgeGraph::add_node(NodeProps props) {
  std::string id = props.id;
  if (by_id_.count(id)) throw std::logic_error("duplicate node id " + id);
  Vertex v = boost::add_vertex(std::move(props), graph);
  by_id_.emplace(std::move(id), v);
  return v;
}

const Vertex* KnowledgeGraph::find(const std::string& id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &it->second;
}

void KnowledgeGraph::add_edge(Vertex from, Vertex to, EdgeProps props) {
  boost::add_edge(from, to, std::move(props), graph);
}

namespace {
// "person:10" sorts after "person:9": compare the kind, then the number, then the rest.
bool id_less(const std::string& a, const std::string& b) {
  auto split = [](const std::string& s) {
    std::size_t colon = s.rfind(':');
    std::string head = colon == std::string::npos ? s : s.substr(0, colon);
    long n = -1;
    if (colon != std::string::npos && colon + 1 < s.size() &&
        std::all_of(s.begin() + static_cast<long>(colon) + 1, s.end(), ::isdigit))
      n = std::stol(s.substr(colon + 1));
    return std::make_tuple(head, n, s);
  };
  return split(a) < split(b);
}
}  // namespace

std::vector<Vertex> KnowledgeGraph::sorted_vertices() const {
  std::vector<Vertex> vs(boost::vertices(graph).first, boost::vertices(graph).second);
  std::sort(vs.begin(), vs.end(), [&](Vertex a, Vertex b) { return id_less(graph[a].id, graph[b].id); });
  return vs;
}

std::vector<EdgeDesc> KnowledgeGraph::sorted_edges() const {
  std::vector<EdgeDesc> es(boost::edges(graph).first, boost::edges(graph).second);
  auto key = [&](const EdgeDesc& e) {
    return std::tie(graph[boost::source(e, graph)].id, graph[boost::target(e, graph)].id, graph[e].role, graph[e].title);
  };
  std::stable_sort(es.begin(), es.end(), [&](const EdgeDesc& a, const EdgeDesc& b) {
    const auto& sa = graph[boost::source(a, graph)].id;
    const auto& sb = graph[boost::source(b, graph)].id;
    if (sa != sb) return id_less(sa, sb);
    const auto& ta = graph[boost::target(a, graph)].id;
    const auto& tb = graph[boost::target(b, graph)].id;
    if (ta != tb) return id_less(ta, tb);
    return key(a) < key(b);
  });
  return es;
}

}  // namespace isnad
