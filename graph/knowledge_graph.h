// The knowledge graph: the only place that names Boost.Graph types.
//
// Nodes are persons, organisations, places (one per real-world entity, merged across
// documents) and statements (one per reported speech act). Edges:
//   speaker      person/org → statement
//   addressee    statement → entity      (دعا X إلى ...)
//   about        statement → entity      (named in the content or the object of the act)
//   source       statement → org         (the outlet that reported it: حسب وكالة فرانس برس)
//   affiliation  person → org/place      (role: "spokesperson", title: "المتحدث باسم")
#pragma once
#include <boost/graph/adjacency_list.hpp>
#include <map>
#include <string>
#include <vector>

#include "document.h"
#include "resolve.h"

namespace isnad {

struct MentionRef {
  std::string doc;
  std::size_t start = 0, end = 0;  // code points into that document's original text
  std::string text;
};

struct NodeProps {
  std::string id;     // stable: "person:3", "statement:aleppo:12"
  std::string kind;   // person | organization | place | statement
  std::string label;  // Arabic label (statements: cue + speaker)
  // Entities.
  std::vector<std::string> aliases;
  std::string label_en, country, subtype;
  std::string label_en_source;  // "gazetteer" (lexicons, ICU, libgeonames) or "transliteration"
  bool has_coordinates = false;
  double latitude = 0, longitude = 0;
  std::vector<std::string> titles;
  std::vector<MentionRef> mentions;
  // Statements.
  std::string cue, act, cameo, content, date, doc;
  std::string status;  // asserted | reported | denied | hypothetical
  Span span;
  bool direct_quote = false;
};

struct EdgeProps {
  std::string role;   // speaker | addressee | about | source | affiliation
  std::string title;  // affiliation: the title as written ("المتحدث باسم")
  std::string relation;  // affiliation: normalised role ("spokesperson")
  std::string act;    // for speaker/addressee/about: the statement's act, for colouring
  std::string date;   // the statement's date when known
  std::string doc;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, NodeProps, EdgeProps>;
using Vertex = Graph::vertex_descriptor;
using EdgeDesc = Graph::edge_descriptor;

struct UnattributedAct {
  std::string cue, act;
  std::size_t start = 0, end = 0;  // the act's span in the original text (code points)
};

struct DocumentInfo {
  std::string id, path, title, lang = "ar", dct, dct_source;
  std::string url, source;  // provenance from the corpus metadata, or empty
  std::vector<int> dct_candidate_years;
  std::vector<Timex> timexes;
  // Speech acts whose speaker the extractor could not tell ("وأضاف" with no speaker in reach): kept here,
  // with their cue and span, rather than as statement nodes that nobody said; no who-said-what view shows them.
  std::vector<UnattributedAct> unattributed;
};

class KnowledgeGraph {
 public:
  Graph graph;
  std::vector<DocumentInfo> documents;
  // Why entities of several mentions or articles are one node: node id → merge records.
  std::map<std::string, std::vector<MergeRecord>> merges;
  std::vector<std::string> refused_merges;  // unions an analyst's "different" alias prevented

  Vertex add_node(NodeProps props);             // id must be new
  const Vertex* find(const std::string& id) const;
  void add_edge(Vertex from, Vertex to, EdgeProps props);

  // Vertices sorted by id / edges by (source id, target id, role): the order every exporter writes.
  std::vector<Vertex> sorted_vertices() const;
  std::vector<EdgeDesc> sorted_edges() const;

 private:
  std::map<std::string, Vertex> by_id_;
};

// Builds one graph from extracted documents, merging entities across documents (graph/resolve.h).
// Documents are taken in order of their ids, so the result does not depend on the input order.
KnowledgeGraph build_graph(const std::vector<Document>& docs, const std::vector<AliasRule>& aliases = {});

}  // namespace isnad
