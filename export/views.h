// What the GraphML and GEXF writers share (graphml.cpp, gexf.cpp): the list and number formatting of their
// values, the edge as written before any format's ids, and the pieces of the entities view, which collapses each
// statement into speaker → addressee/about edges. Each format keeps its own keys, spells and merge rules.
// Internal to export/: only the exporters include this.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats.h"

namespace isnad {

inline constexpr std::string_view kListSeparator = " | ";  // joins aliases, titles, cues, statements of one value

// The items joined with the separator, in order: {"الأسد", "بشار الأسد"} → "الأسد | بشار الأسد"; {} → "".
std::string join_list(const std::vector<std::string>& items, std::string_view separator = kListSeparator);

// Appends s unless it is empty or already in the list (keeps first-seen order).
void push_unique(std::vector<std::string>& list, const std::string& s);

// A weight or size with one decimal, locale-free: 1 → "1.0", 23 → "23.0".
std::string format_one_decimal(double value);

// One edge as an exporter writes it, endpoints still graph vertices; each format derives its own.
struct ViewEdge {
  Vertex source{}, target{};
  std::string label, role, act, date, doc, title, relation;
  std::vector<std::string> cues, statements;
  double weight = 1.0;
  Rgb colour;
};

// The full view's copy of one graph edge: its properties, labelled by its role (an affiliation by its title, else
// its relation), coloured by its act (grey without one).
ViewEdge full_view_edge(const KnowledgeGraph& kg, const EdgeDesc& edge);

// The entities view's affiliation edges (person → organisation), in sorted edge order, labelled by title or
// relation and grey; they are kept as they are while statements collapse.
std::vector<ViewEdge> affiliation_edges(const KnowledgeGraph& kg);

// Who a statement node links: its speakers (sources of "speaker" edges, in edge order) and its targets
// (targets of "addressee" and "about" edges with that role, in edge order).
struct StatementParties {
  std::vector<Vertex> speakers;
  std::vector<std::pair<Vertex, std::string>> targets;
};
StatementParties statement_parties(const Graph& g, Vertex statement);

// A new collapsed speaker → target edge for the first statement st seen between them: st's document, weight 0
// (the format counts its statements).
ViewEdge new_collapsed_edge(Vertex speaker, Vertex target, const NodeProps& st);

// Folds statement st, linking through role, into collapsed edge e: the role is added to e.role (joined with
// role_separator) unless already there, st's cue to e.cues, e.date becomes the earliest statement date, and
// e.doc is cleared once statements come from several documents. Weight, statements and acts are the format's.
void fold_statement(ViewEdge& e, const NodeProps& st, const std::string& role, std::string_view role_separator);

// How many statements each entity speaks (sources of "speaker" edges).
std::map<Vertex, long> statements_per_speaker(const KnowledgeGraph& kg);

// Size of an entity node (Gephi's viz size): grows with how often it is named (up to 20 mentions) and how much it
// says (up to 10 statements). A statement node is kStatementNodeSize.
double entity_node_size(const NodeProps& entity, long statements);
inline constexpr double kStatementNodeSize = 6.0;

}  // namespace isnad
