// Phrase lexicons compiled from extract/lexicons/*.tsv (and ICU's country names), matched on
// normalised token sequences with proclitics stripped from the first token.
#pragma once
#include <bitset>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "document.h"

namespace isnad {

struct LexiconEntry {
  EntityType type = EntityType::Place;
  std::string kind;       // "place" | "organization" | "actor" | "title" | "nationality" | "trigger" | "cue" | ...
  std::string label_en;   // English name
  std::string country;    // ISO 3166-1 alpha-2
  std::string subtype;    // country | city | region | media | ministry | ... ; titles: complement; cues: kind
  std::string value;      // titles: role; cues: act; actors: class
  std::string written;    // the form as written in the lexicon
  std::string latitude, longitude;  // places.tsv overrides of libgeonames coordinates, "" if none
};

using WordSet = std::unordered_set<std::u32string, U32Hash, std::equal_to<>>;

// A phrase table keyed by normalised token sequences ("وزير الخارجيه").
class PhraseTable {
 public:
  void add(const std::string& phrase_utf8, LexiconEntry entry);
  // Longest phrase starting at token `first` whose first token may carry proclitics
  // (و ف ب ل ك, and لل = ل + ال). Returns number of tokens matched (0 = none); `stem_offset`
  // receives the length of the stripped prefix in normalised characters.
  std::size_t match(const Document& doc, std::size_t first, const LexiconEntry** entry,
                    std::size_t* stem_offset = nullptr, bool allow_clitics = true,
                    std::size_t max_tokens = static_cast<std::size_t>(-1)) const;
  std::size_t max_tokens() const { return max_tokens_; }
  const LexiconEntry* find(std::u32string_view normalised_phrase) const;

 private:
  std::unordered_map<std::u32string, LexiconEntry, U32Hash, U32Equal> entries_;
  // The first word of every phrase → the most tokens a phrase beginning with it has: most tokens begin
  // no phrase, and are dismissed by one probe per clitic reading. Keyed by the word's U32Hash alone, in an
  // open-addressing table of one cache line per probe: a collision only costs the entries_ lookups that
  // follow, which compare whole phrases.
  struct FirstWordSlot {
    std::size_t hash = 0;
    std::size_t longest = 0;  // 0: empty slot
  };
  std::vector<FirstWordSlot> first_words_ = std::vector<FirstWordSlot>(16);
  std::size_t first_word_count_ = 0;
  std::size_t longest_from(std::size_t first_word_hash) const;
  void note_first_word(std::size_t first_word_hash, std::size_t tokens);
  std::size_t max_tokens_ = 0;
};

struct Lexicons {
  PhraseTable names;          // places (ICU countries + places.tsv), organisations.tsv, actors.tsv
  PhraseTable titles;         // titles.tsv (with and without ال)
  PhraseTable nationalities;  // nationalities.tsv, all inflected forms
  PhraseTable org_triggers;   // org_triggers.tsv
  PhraseTable cues;           // speech_cues.tsv
  PhraseTable attribution;    // attribution.tsv
  WordSet function_words;
  WordSet ambiguous_names;  // ambiguous_names.tsv
  WordSet non_names;        // non_names.tsv
  WordSet definite_given_names;  // definite_given_names.tsv
  WordSet org_descriptors;  // org_descriptors.tsv
  WordSet title_qualifiers; // title_qualifiers.tsv
  // Cues of two words, a verb and the noun that makes it speech ("ألقى باللوم"، "عبر عن"), keyed by the
  // normalised verb: the noun may follow the verb's subject ("وألقت إيران باللائمة على إسرائيل").
  struct NounCue {
    std::u32string noun;  // normalised
    LexiconEntry entry;
  };
  std::unordered_map<std::u32string, std::vector<NounCue>, U32Hash, std::equal_to<>> noun_cues;
  // The first and last letters of those verbs: most words are no such verb, told without hashing them.
  std::bitset<4096> noun_cue_letters;
  static std::size_t letters_key(std::u32string_view w) { return (static_cast<std::size_t>(w.front()) * 64 + w.back()) & 4095; }
  const std::vector<NounCue>* noun_cues_of(std::u32string_view verb) const {
    if (verb.empty() || !noun_cue_letters[letters_key(verb)]) return nullptr;
    auto it = noun_cues.find(verb);
    return it == noun_cues.end() ? nullptr : &it->second;
  }
  std::map<std::string, std::string> cameo;  // act → CAMEO code
  std::map<std::string, std::string> country_ar, country_en;  // ISO → ICU display names

  bool is_function_word(std::u32string_view normalised_word) const;
  // The speech cue a normalised word is, with at most a و/ف conjunction ("وأضاف" → أضاف); other
  // proclitics are not stripped, they would turn names such as "كيري" (ك + يري) into verbs.
  const LexiconEntry* speech_cue(std::u32string_view normalised_word) const;
};

// Built once, thread-safe.
const Lexicons& lexicons();

}  // namespace isnad
