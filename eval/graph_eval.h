// Scores a graph.json against hand annotations (../shared/data/seed/GOLD-FORMAT.md): entities,
// timexes, statements (speaker + act) and roles, with what was missed and what was spurious.
// Matching follows ../shared/tools/score_graph.py so the two agree:
//   entities    a predicted node matches a gold entity when any normalised name (label, alias,
//               mention; also without و/ف/ب/ل/ك) equals one of the gold names
//   timexes     overlapping text and a value that is a prefix of the other
//   statements  same speaker entity; act and cue break ties
//   roles       an affiliation edge between the matched head and tail
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace isnad {

struct Score {
  double tp_pred = 0, n_pred = 0, tp_gold = 0, n_gold = 0;
  double precision() const { return n_pred ? tp_pred / n_pred : 0; }
  double recall() const { return n_gold ? tp_gold / n_gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct EvalReport {
  Score entities, timexes, statements, roles;
  double statement_type_ok = 0, about_gold = 0, about_hit = 0;
  std::size_t offsets_checked = 0, offsets_bad = 0;
  std::size_t splits = 0;  // gold entities found as several nodes
  std::size_t merges = 0;  // nodes that match several gold entities
  // Not in score_graph.py, so reported apart: unmatched nodes of the gold entity's type whose name holds
  // one of its names as whole words or is held in one ("يخض بن رمضان" beside "المنصف بن رمضان" / "بن رمضان";
  // "الاتحاد التونسي للصناعة" for "الاتحاد التونسي للصناعة والتجارة"). The exact matching above cannot
  // count such a node as a split, but it is one more node for an entity that already has one.
  std::size_t possible_splits = 0;
  std::vector<std::string> missed, spurious;  // "entity: بوتين", "statement: lavrov/قال"
};

// Adds one article's scores to `report`. `text` is the article's original text ("" skips the
// offset check). Throws std::runtime_error with the file name and a sentence on unreadable input: a file that
// cannot be opened, invalid JSON, a JSON that is not a gold file or not a graph, a graph that does not hold the
// gold's article ("graph.json: no article '04' (the article of 04.gold.json); ..."), or a field of the wrong type.
void evaluate_article(const std::string& gold_path, const std::string& graph_path, const std::string& text_path,
                      EvalReport& report);

void print_report(const EvalReport& report, bool verbose, std::ostream& out);

// The gold file's "text" field: the article's file name ("aleppo.txt").
std::string gold_text_name(const std::string& gold_path);

}  // namespace isnad
