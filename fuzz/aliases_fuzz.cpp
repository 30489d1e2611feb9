// libFuzzer target: the --aliases reader (graph/resolve.h parse_aliases) and the TSV parser under it, then the
// rules applied to a two-document resolution so that odd names reach the matcher too.
#include <cstdint>
#include <string>

#include "knowledge_graph.h"
#include "lexicon.h"
#include "resolve.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  isnad::parse_tsv(text);
  std::vector<isnad::AliasRule> rules;
  std::string error;
  if (!isnad::parse_aliases(text, "fuzz.tsv", rules, &error)) return 0;
  std::vector<isnad::Document> docs(2);
  for (std::size_t d = 0; d < docs.size(); ++d) {
    docs[d].id = "d" + std::to_string(d);
    for (std::size_t r = 0; r < rules.size() && r < 8; ++r) {
      isnad::Entity e;
      e.label = d == 0 ? rules[r].a : rules[r].b;
      if (e.label.empty()) continue;
      isnad::Mention m;
      m.text = e.label;
      m.span = {0, 1};
      m.entity = static_cast<int>(docs[d].entities.size());
      e.mentions.push_back(docs[d].mentions.size());
      docs[d].mentions.push_back(m);
      docs[d].entities.push_back(e);
    }
  }
  isnad::build_graph(docs, rules);
  return 0;
}
