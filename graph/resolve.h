// Cross-document entity resolution: which entities of different articles are one node.
//
// Conservative by design; every union is logged with its rule and evidence (graph.json "merges"):
//   same-lexicon-entry   both name the same gazetteer entry ("سوريا" / "سورية" → place:SY)
//   same-name            same type and the same normalised name ("وزارة الدفاع الروسية")
//   spelling-variant     full names (two words or more) with one transliteration skeleton
//                        ("سيرغي شويغو" / "سيرجي شويجو"), or word by word spelling variants (one typo
//                        in a long name, alef/ain) when both also carry one title ("رئيس الوزراء
//                        الإسرائيلي بنيامين نتنياهو" / "رئيس الوزراء الإسرائيلي بنيامين نتياهو")
//   surname              a surname-only entity and exactly one full name with that surname in the
//                        corpus ("بوتين" → "فلاديمير بوتين"); two people who share it stay apart; the
//                        family name after "بن" has two words ("بن رمضان", never "رمضان" alone)
//   alias                an analyst's --aliases line "A<TAB>B<TAB>same"
// An --aliases line "A<TAB>B<TAB>different" forbids any union that would put A and B in one node.
#pragma once
#include <string>
#include <vector>

#include "document.h"

namespace isnad {

struct AliasRule {
  std::string a, b;  // names as an analyst writes them (matched normalised)
  bool same = true;  // same | different
};

// Reads an aliases TSV ("name<TAB>name<TAB>same|different", '#' comments). On a bad line returns
// false with error = "FILE:LINE: reason".
bool parse_aliases(const std::string& text, const std::string& file_name, std::vector<AliasRule>& out,
                   std::string* error);

struct MergeRecord {
  std::string rule;      // one of the rules above, or "within-article: ..." notes
  std::string evidence;  // human-readable: names, documents, shared titles
  std::vector<std::string> names;
  std::vector<std::string> docs;
};

struct Resolution {
  std::vector<std::vector<int>> cluster;  // [doc][entity] → cluster id (dense, in order of first appearance)
  int clusters = 0;
  std::vector<std::vector<MergeRecord>> merges;  // per cluster
  std::vector<std::string> refused;              // unions refused by "different" aliases
};

// `docs` in the order that numbers the clusters (build_graph passes them sorted by id).
Resolution resolve_across_documents(const std::vector<const Document*>& docs, const std::vector<AliasRule>& aliases);

}  // namespace isnad
