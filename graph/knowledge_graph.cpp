#include "knowledge_graph.h"

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <string_view>
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
// "person:10" sorts after "person:9": ids compare by kind, then number, then the whole id. The key views
// the id, so a sort builds no strings.
struct IdKey {
  std::string_view head;
  long number = -1;
  std::string_view whole;
  explicit IdKey(std::string_view s) : head(s), whole(s) {
    std::size_t colon = s.rfind(':');
    if (colon == std::string_view::npos) return;
    head = s.substr(0, colon);
    std::string_view digits = s.substr(colon + 1);
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (error == std::errc::result_out_of_range) number = std::numeric_limits<long>::max();
  }
  bool operator<(const IdKey& o) const { return std::tie(head, number, whole) < std::tie(o.head, o.number, o.whole); }
};
}  // namespace

std::vector<Vertex> KnowledgeGraph::sorted_vertices() const {
  std::vector<IdKey> keys;
  keys.reserve(boost::num_vertices(graph));
  for (Vertex v : boost::make_iterator_range(boost::vertices(graph))) keys.emplace_back(graph[v].id);
  std::vector<Vertex> vs(boost::vertices(graph).first, boost::vertices(graph).second);
  std::sort(vs.begin(), vs.end(), [&](Vertex a, Vertex b) { return keys[a] < keys[b]; });
  return vs;
}

// By (source id, target id, role, title), ties in insertion order. Ids are unique, so comparing ids is
// comparing the vertices' ranks in sorted_vertices().
std::vector<EdgeDesc> KnowledgeGraph::sorted_edges() const {
  std::vector<std::size_t> rank(boost::num_vertices(graph));
  std::vector<Vertex> order = sorted_vertices();
  for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
  std::vector<EdgeDesc> es(boost::edges(graph).first, boost::edges(graph).second);
  auto key = [&](const EdgeDesc& e) {
    return std::tie(rank[boost::source(e, graph)], rank[boost::target(e, graph)], graph[e].role, graph[e].title);
  };
  std::stable_sort(es.begin(), es.end(), [&](const EdgeDesc& a, const EdgeDesc& b) { return key(a) < key(b); });
  return es;
}

}  // namespace isnad
