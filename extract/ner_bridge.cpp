#include "ner_bridge.h"

#include "ner_tagger.h"

namespace isnad {

std::vector<std::string> tag_document(const Document& doc) {
  std::vector<std::string> tags(doc.tokens.size(), "O");
  const NerTagger* model = NerTagger::default_model();
  if (!model) return tags;
  // Sentence by sentence, measured against the whole-article mode (NerTagger::tag_document): on the
  // annotated news articles (scripts/eval-news.sh) whole-article tagging lowered statement F1 from
  // 0.854 to 0.814, as its second pass spreads the tagger's own mistakes across the article.
  thread_local std::vector<std::u32string> words;  // its strings keep their buffers from sentence to sentence
  for (const Sentence& s : doc.sentences) {
    words.resize(s.end_token - s.first_token);
    for (std::size_t i = s.first_token; i < s.end_token; ++i) words[i - s.first_token].assign(doc.tokens[i].form);
    const std::vector<int> sentence_tags = model->tag_indices(words);
    for (std::size_t i = 0; i < sentence_tags.size(); ++i)
      tags[s.first_token + i].assign(kNerTags[static_cast<std::size_t>(sentence_tags[i])]);
  }
  return tags;
}

}  // namespace isnad
