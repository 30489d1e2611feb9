// Averaged structured perceptron for Arabic BIO tagging (Collins 2002), first-order Viterbi.
//
// Features are 64-bit hashes of (template, value); the model stores one row of 9 int16 weights
// per feature that survived training, in an open-addressing table. Lexicon features come from
// ICU's Arabic country names, extract/lexicons/ner_*.tsv and optional gazetteers hashed into the model.
#include "ner_tagger.h"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "lexicon.h"
#include "segment.h"
#include "text.h"

#ifndef ISNAD_MODEL_DIR
#define ISNAD_MODEL_DIR "extract/models"
#endif

namespace isnad {

namespace {

// ---- hashing ----

inline std::uint64_t mix64(std::uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}
inline std::uint64_t hash_chars(std::u32string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (char32_t c : s) h = (h ^ std::uint64_t(c)) * 1099511628211ull;
  return mix64(h ^ s.size());
}
inline std::uint64_t combine(std::uint64_t a, std::uint64_t b) { return mix64(a * 0x9E3779B97F4A7C15ull + b + 0x632BE59BD9B4E019ull); }

// Feature templates. The numbers are part of the model format: append, never renumber.
enum Template : std::uint64_t {
  kBias = 1, kWord, kWordM1, kWordP1, kWordM2, kWordP2, kStem, kCore, kCoreM1, kCoreP1,
  kPrefix1, kPrefix2, kPrefix3, kSuffix1, kSuffix2, kSuffix3, kCorePrefix2, kCoreSuffix2, kCoreSuffix3,
  kShape, kShapeM1, kShapeP1, kLength, kRare, kRareShape, kBigramM1, kBigramP1,
  kTitle, kTitleM1, kTitleM2, kOrgTrigger, kOrgTriggerM1, kOrgTriggerM2, kLocTrigger, kLocTriggerM1,
  kGazetteer, kSuffix2M1, kSuffix2P1, kCliticPrefix, kRareTitleM1, kRareM1, kRareP1,
  kTransition, kPrevTagWord, kPrevTagCore, kCoreM2, kCoreP2, kTitleCoreM1, kCoreTrigram,
};
inline std::uint64_t feature(Template t, std::uint64_t value) { return combine(std::uint64_t(t) << 8, value); }
inline std::uint64_t feature(Template t) { return combine(std::uint64_t(t) << 8, 0); }

constexpr int kStart = kNerTagCount;  // the "previous tag" before the first word
constexpr int kPrevCount = kNerTagCount + 1;
constexpr std::uint32_t kFeatureVersion = 3;

bool transition_allowed(int prev, int cur) {
  if (cur == 0 || cur % 2 == 1) return true;  // O and B-X may follow anything
  return prev == cur || prev == cur - 1;      // I-X only after B-X or I-X
}

// ---- lexicons ----

// A set of (possibly multi-word) normalised phrases, kept as hashes.
struct PhraseSet {
  std::string name;
  std::unordered_set<std::uint64_t> first_words;
  std::unordered_set<std::uint64_t> phrases;
  int max_words = 0;

  void add(std::u32string_view phrase) {
    std::uint64_t h = 0;
    int words = 0;
    std::size_t i = 0;
    while (i < phrase.size()) {
      while (i < phrase.size() && is_space(phrase[i])) ++i;
      std::size_t j = i;
      while (j < phrase.size() && !is_space(phrase[j])) ++j;
      if (j == i) break;
      std::uint64_t w = hash_chars(phrase.substr(i, j - i));
      if (words == 0) {
        first_words.insert(w);
        h = w;
      } else {
        h = combine(h, w);
      }
      ++words;
      i = j;
    }
    if (words == 0) return;
    phrases.insert(h);
    max_words = std::max(max_words, words);
  }
};

std::u32string normalized_u32(std::string_view utf8) { return normalize(to_u32(utf8)); }

struct Lexicons {
  std::unordered_set<std::uint64_t> titles, org_triggers, loc_triggers;
  PhraseSet countries;
};

void load_word_set(std::string_view tsv, std::unordered_set<std::uint64_t>& out) {
  for (const auto& row : lexicon_rows(tsv))
    if (!row.empty() && !row[0].empty()) {
      std::u32string w = normalized_u32(row[0]);
      out.insert(hash_chars(w));
      out.insert(hash_chars(strip_article(w)));
    }
}

const Lexicons& lexicons() {
  static const Lexicons lex = [] {
    Lexicons l;
    load_word_set("ner_person_titles.tsv", l.titles);
    load_word_set("ner_org_triggers.tsv", l.org_triggers);
    load_word_set("ner_location_triggers.tsv", l.loc_triggers);
    l.countries.name = "country";
    icu::Locale arabic("ar");
    for (const char* const* code = uloc_getISOCountries(); *code; ++code) {
      icu::UnicodeString name;
      icu::Locale("", *code).getDisplayCountry(arabic, name);
      std::string utf8;
      name.toUTF8String(utf8);
      if (utf8.empty() || utf8 == *code) continue;
      // ICU adds qualifiers in brackets ("ماكاو (منطقة إدارية خاصة)"): keep the name before them.
      if (auto paren = utf8.find(" ("); paren != std::string::npos) utf8.resize(paren);
      l.countries.add(normalized_u32(utf8));
    }
    return l;
  }();
  return lex;
}

// ---- per-token analysis ----

constexpr int kMaxReadings = 8;
constexpr int kMaxGazetteers = 16;

struct TokenInfo {
  std::uint64_t word = 0, core = 0, shape = 0, clitic_prefix = 0;
  std::uint64_t prefix[3] = {}, suffix[3] = {}, core_prefix2 = 0, core_suffix2 = 0, core_suffix3 = 0;
  std::uint64_t readings[kMaxReadings] = {};  // hashes of every reading's stem, the bare word first
  int reading_count = 0;
  std::uint64_t trigrams[10] = {};  // letter trigrams of the core, with word boundaries, for unseen names
  int trigram_count = 0;
  int length_bucket = 0;
  bool rare = false, title = false, org_trigger = false, loc_trigger = false;
  std::uint8_t gazetteer[kMaxGazetteers] = {};  // 0 none, 1 begins a match, 2 inside a match
};

std::uint64_t shape_of(std::u32string_view w) {
  std::u32string shape;
  for (char32_t c : w) {
    char32_t k = (c >= U'0' && c <= U'9') ? U'd'
                 : is_arabic_letter(c)     ? U'a'
                 : (c < 0x250 && is_word_char(c)) ? U'l'
                 : is_word_char(c)         ? U'x'
                                           : c;  // punctuation keeps its identity
    if (shape.empty() || shape.back() != k) shape.push_back(k);
    if (shape.size() >= 4) break;
  }
  return hash_chars(shape);
}

std::uint64_t affix_hash(std::u32string_view w, std::size_t n, bool prefix) {
  if (w.size() <= n) return 0;  // whole-word affixes add nothing
  return hash_chars(prefix ? w.substr(0, n) : w.substr(w.size() - n));
}

bool in_set(const std::unordered_set<std::uint64_t>& set, const TokenInfo& t) {
  for (int r = 0; r < t.reading_count; ++r)
    if (set.count(t.readings[r])) return true;
  return false;
}

// Marks the longest phrase matches, left to right; the first word may carry clitics.
void mark_phrases(const PhraseSet& set, int slot, std::vector<TokenInfo>& infos) {
  const std::size_t n = infos.size();
  std::size_t i = 0;
  while (i < n) {
    int best = 0;
    for (int r = 0; r < infos[i].reading_count && best < set.max_words; ++r) {
      std::uint64_t h = infos[i].readings[r];
      if (!set.first_words.count(h)) continue;
      int len = 1;
      if (set.phrases.count(h)) best = std::max(best, 1);
      for (std::size_t j = i + 1; j < n && len < set.max_words; ++j) {
        h = combine(h, infos[j].word);
        ++len;
        if (set.phrases.count(h)) best = std::max(best, len);
      }
    }
    if (best == 0) {
      ++i;
      continue;
    }
    infos[i].gazetteer[slot] = 1;
    for (int k = 1; k < best; ++k) infos[i + k].gazetteer[slot] = 2;
    i += best;
  }
}

}  // namespace

// ---- the model ----

struct NerTagger::Model {
  // Inference table: open addressing on the feature hash, key 0 = empty.
  struct Row {
    std::uint64_t key = 0;
    std::int16_t w[kNerTagCount] = {};
  };
  std::vector<Row> table;
  std::uint64_t mask = 0;
  std::size_t rows = 0;
  float scale = 1.0f;                             // weight = w / scale
  std::int32_t o_penalty = 0;                     // subtracted from every "O" score (recall/precision trade-off)
  std::unordered_set<std::uint64_t> vocabulary;   // words seen at least twice in training
  std::vector<PhraseSet> gazetteers;              // stored in the model (after the built-in country list)

  const std::int16_t* find(std::uint64_t key) const {
    if (key == 0) key = 1;
    for (std::uint64_t i = key & mask;; i = (i + 1) & mask) {
      const Row& r = table[i];
      if (r.key == key) return r.w;
      if (r.key == 0) return nullptr;
    }
  }
  void build_table(std::vector<Row> entries) {
    std::uint64_t capacity = 16;
    while (capacity < entries.size() * 2) capacity <<= 1;
    table.assign(capacity, Row{});
    mask = capacity - 1;
    rows = entries.size();
    for (auto& e : entries) {
      if (e.key == 0) e.key = 1;
      std::uint64_t i = e.key & mask;
      while (table[i].key != 0) i = (i + 1) & mask;
      table[i] = e;
    }
  }
};

namespace {

// Analyses every token of a sentence (lexicon lookups, shapes, affixes, rare flag).
void analyse(const std::vector<std::u32string>& words, const std::unordered_set<std::uint64_t>* vocabulary,
             const std::vector<PhraseSet>& model_gazetteers, std::vector<TokenInfo>& infos) {
  const Lexicons& lex = lexicons();
  infos.assign(words.size(), TokenInfo{});
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::u32string& w = words[i];
    TokenInfo& t = infos[i];
    t.word = hash_chars(w);
    t.readings[t.reading_count++] = t.word;
    std::u32string_view core = w;
    std::size_t longest_prefix = 0;
    if (w.size() >= 3 && is_arabic_letter(w[0])) {
      // The core: the word without و/ف, one preposition and the article, if ≥ 2 letters remain
      // (strip_conjunction_preposition then strip_article, computed from the same readings).
      const CliticReading* with_article = nullptr;
      auto readings = clitic_readings(w);
      for (const auto& r : readings) {
        if (r.has_article && (!with_article || r.prefix.size() > with_article->prefix.size())) with_article = &r;
        if (r.prefix.empty()) continue;
        if (t.reading_count < kMaxReadings) t.readings[t.reading_count++] = hash_chars(r.stem);
        if (r.prefix.size() > longest_prefix) longest_prefix = r.prefix.size();
      }
      std::u32string_view stripped = w;
      std::u32string bare = strip_article(with_article ? std::u32string_view(with_article->stem) : std::u32string_view(w));
      t.core = hash_chars(bare);
      t.clitic_prefix = hash_chars(std::u32string_view(w).substr(0, w.size() - std::min(w.size(), bare.size())));
      if (t.reading_count < kMaxReadings && t.core != t.word) t.readings[t.reading_count++] = t.core;
      t.core_prefix2 = affix_hash(bare, 2, true);
      t.core_suffix2 = affix_hash(bare, 2, false);
      t.core_suffix3 = affix_hash(bare, 3, false);
      std::u32string bounded = U"<" + bare + U">";
      for (std::size_t k = 0; k + 3 <= bounded.size() && t.trigram_count < 10; ++k)
        t.trigrams[t.trigram_count++] = hash_chars(std::u32string_view(bounded).substr(k, 3));
      (void)stripped;
      (void)core;
    } else {
      t.core = t.word;
    }
    for (std::size_t n = 1; n <= 3; ++n) {
      t.prefix[n - 1] = affix_hash(w, n, true);
      t.suffix[n - 1] = affix_hash(w, n, false);
    }
    t.shape = shape_of(w);
    t.length_bucket = int(std::min<std::size_t>(w.size(), 10));
    t.rare = vocabulary && !vocabulary->count(t.word);
    t.title = in_set(lex.titles, t);
    t.org_trigger = in_set(lex.org_triggers, t);
    t.loc_trigger = in_set(lex.loc_triggers, t);
  }
  mark_phrases(lex.countries, 0, infos);
  for (std::size_t g = 0; g < model_gazetteers.size() && g + 1 < kMaxGazetteers; ++g)
    mark_phrases(model_gazetteers[g], int(g + 1), infos);
}

// Static (tag-history-free) features of token i, appended to out.
void static_features(const std::vector<TokenInfo>& s, std::size_t i, std::vector<std::uint64_t>& out) {
  const TokenInfo& t = s[i];
  static const TokenInfo kBoundary = [] {
    TokenInfo b;
    b.word = b.core = b.shape = hash_chars(U"<s>");
    return b;
  }();
  const TokenInfo& m1 = i >= 1 ? s[i - 1] : kBoundary;
  const TokenInfo& m2 = i >= 2 ? s[i - 2] : kBoundary;
  const TokenInfo& p1 = i + 1 < s.size() ? s[i + 1] : kBoundary;
  const TokenInfo& p2 = i + 2 < s.size() ? s[i + 2] : kBoundary;
  auto add = [&](Template tp, std::uint64_t v) { out.push_back(feature(tp, v)); };
  out.push_back(feature(kBias));
  add(kWord, t.word);
  for (int r = 1; r < t.reading_count; ++r) add(kStem, t.readings[r]);
  add(kCore, t.core);
  add(kWordM1, m1.word);
  add(kWordP1, p1.word);
  add(kWordM2, m2.word);
  add(kWordP2, p2.word);
  add(kCoreM1, m1.core);
  add(kCoreP1, p1.core);
  add(kCoreM2, m2.core);
  add(kCoreP2, p2.core);
  add(kBigramM1, combine(m1.word, t.word));
  add(kBigramP1, combine(t.word, p1.word));
  const Template prefixes[] = {kPrefix1, kPrefix2, kPrefix3}, suffixes[] = {kSuffix1, kSuffix2, kSuffix3};
  for (int n = 0; n < 3; ++n) {
    if (t.prefix[n]) add(prefixes[n], t.prefix[n]);
    if (t.suffix[n]) add(suffixes[n], t.suffix[n]);
  }
  for (int k = 0; k < t.trigram_count; ++k) add(kCoreTrigram, t.trigrams[k]);
  if (t.core_prefix2) add(kCorePrefix2, t.core_prefix2);
  if (t.core_suffix2) add(kCoreSuffix2, t.core_suffix2);
  if (t.core_suffix3) add(kCoreSuffix3, t.core_suffix3);
  if (m1.suffix[1]) add(kSuffix2M1, m1.suffix[1]);
  if (p1.suffix[1]) add(kSuffix2P1, p1.suffix[1]);
  add(kCliticPrefix, t.clitic_prefix);
  add(kShape, t.shape);
  add(kShapeM1, m1.shape);
  add(kShapeP1, p1.shape);
  add(kLength, std::uint64_t(t.length_bucket));
  if (t.rare) {
    add(kRare, 1);
    add(kRareShape, t.shape);
    if (m1.title) add(kRareTitleM1, 1);
  }
  if (m1.rare) add(kRareM1, 1);
  if (p1.rare) add(kRareP1, 1);
  if (t.title) add(kTitle, 1);
  if (m1.title) {
    add(kTitleM1, 1);
    add(kTitleCoreM1, m1.core);
  }
  if (m2.title) add(kTitleM2, 1);
  if (t.org_trigger) add(kOrgTrigger, 1);
  if (m1.org_trigger) add(kOrgTriggerM1, 1);
  if (m2.org_trigger) add(kOrgTriggerM2, 1);
  if (t.loc_trigger) add(kLocTrigger, 1);
  if (m1.loc_trigger) add(kLocTriggerM1, 1);
  for (int g = 0; g < kMaxGazetteers; ++g) {
    // (gazetteer, relative position, begin/inside) for positions -1, 0, +1
    if (t.gazetteer[g]) add(kGazetteer, std::uint64_t(g * 16 + 4 + t.gazetteer[g]));
    if (m1.gazetteer[g]) add(kGazetteer, std::uint64_t(g * 16 + 0 + m1.gazetteer[g]));
    if (p1.gazetteer[g]) add(kGazetteer, std::uint64_t(g * 16 + 8 + p1.gazetteer[g]));
  }
}

inline std::uint64_t transition_feature(int prev) { return feature(kTransition, std::uint64_t(prev)); }
inline std::uint64_t prev_word_feature(int prev, const TokenInfo& t) { return feature(kPrevTagWord, combine(prev, t.word)); }
inline std::uint64_t prev_core_feature(int prev, const TokenInfo& t) { return feature(kPrevTagCore, combine(prev, t.core)); }

// First-order Viterbi over emission scores and a per-position (prev, cur) score callback.
template <typename Score, typename PairScore>
std::vector<int> viterbi(std::size_t n, const std::vector<Score>& emission, PairScore pair_score) {
  std::vector<int> tags(n);
  if (n == 0) return tags;
  constexpr Score kNone = std::numeric_limits<Score>::lowest() / 4;
  std::vector<Score> delta(n * kNerTagCount, kNone);
  std::vector<std::uint8_t> back(n * kNerTagCount, 0);
  Score pair[kPrevCount][kNerTagCount];
  for (std::size_t i = 0; i < n; ++i) {
    pair_score(i, pair);
    for (int cur = 0; cur < kNerTagCount; ++cur) {
      Score best = kNone;
      int arg = 0;
      if (i == 0) {
        if (transition_allowed(kStart, cur)) best = pair[kStart][cur];
        arg = kStart;
      } else {
        for (int prev = 0; prev < kNerTagCount; ++prev) {
          if (!transition_allowed(prev, cur)) continue;
          Score v = delta[(i - 1) * kNerTagCount + prev];
          if (v == kNone) continue;
          v += pair[prev][cur];
          if (v > best) best = v, arg = prev;
        }
      }
      if (best == kNone) continue;
      delta[i * kNerTagCount + cur] = best + emission[i * kNerTagCount + cur];
      back[i * kNerTagCount + cur] = std::uint8_t(arg);
    }
  }
  int best = 0;
  for (int t = 1; t < kNerTagCount; ++t)
    if (delta[(n - 1) * kNerTagCount + t] > delta[(n - 1) * kNerTagCount + best]) best = t;
  for (std::size_t i = n; i-- > 0;) {
    tags[i] = best;
    best = back[i * kNerTagCount + best];
  }
  return tags;
}

}  // namespace

NerTagger::NerTagger() : model_(std::make_unique<Model>()) {}
NerTagger::~NerTagger() = default;

std::size_t NerTagger::feature_count() const { return model_->rows; }

std::vector<int> NerTagger::tag_indices(const std::vector<std::u32string>& words) const {
  const Model& m = *model_;
  std::vector<TokenInfo> infos;
  analyse(words, &m.vocabulary, m.gazetteers, infos);
  const std::size_t n = words.size();
  std::vector<std::int32_t> emission(n * kNerTagCount, 0);
  std::vector<std::uint64_t> feats;
  feats.reserve(96);
  for (std::size_t i = 0; i < n; ++i) {
    feats.clear();
    static_features(infos, i, feats);
    std::int32_t* e = &emission[i * kNerTagCount];
    e[0] -= m.o_penalty;
    for (std::uint64_t f : feats)
      if (const std::int16_t* w = m.find(f))
        for (int t = 0; t < kNerTagCount; ++t) e[t] += w[t];
  }
  const std::int16_t* transition[kPrevCount];
  for (int p = 0; p < kPrevCount; ++p) transition[p] = m.find(transition_feature(p));
  return viterbi<std::int32_t>(n, emission, [&](std::size_t i, std::int32_t (&pair)[kPrevCount][kNerTagCount]) {
    for (int p = 0; p < kPrevCount; ++p) {
      for (int t = 0; t < kNerTagCount; ++t) pair[p][t] = transition[p] ? transition[p][t] : 0;
      if (const std::int16_t* w = m.find(prev_word_feature(p, infos[i])))
        for (int t = 0; t < kNerTagCount; ++t) pair[p][t] += w[t];
      if (const std::int16_t* w = m.find(prev_core_feature(p, infos[i])))
        for (int t = 0; t < kNerTagCount; ++t) pair[p][t] += w[t];
    }
  });
}

std::vector<std::string> NerTagger::tag(const std::vector<std::u32string>& words) const {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (int t : tag_indices(words)) out.emplace_back(kNerTags[t]);
  return out;
}

// ---- training ----

namespace {

struct TrainingWeights {
  struct Row {
    std::int32_t w[kNerTagCount] = {};
    std::int64_t u[kNerTagCount] = {};  // Σ update·time, for averaging: avg = w − u / time
  };
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  std::vector<std::uint64_t> keys;
  std::vector<Row> rows;
  std::int64_t time = 1;

  std::uint32_t row_of(std::uint64_t key) {
    auto [it, inserted] = index.try_emplace(key, std::uint32_t(rows.size()));
    if (inserted) {
      rows.emplace_back();
      keys.push_back(key);
    }
    return it->second;
  }
  const Row* find(std::uint64_t key) const {
    auto it = index.find(key);
    return it == index.end() ? nullptr : &rows[it->second];
  }
  void update(std::uint32_t row, int tag, int delta) {
    rows[row].w[tag] += delta;
    rows[row].u[tag] += time * delta;
  }
};

}  // namespace

std::unique_ptr<NerTagger> NerTagger::train(const std::vector<NerSentence>& sentences, const NerTrainOptions& options) {
  // Vocabulary: words seen at least twice, so that once-seen training words look like unseen test words.
  std::unordered_map<std::uint64_t, int> counts;
  for (const auto& s : sentences)
    for (const auto& w : s.words) ++counts[hash_chars(w)];
  std::unordered_set<std::uint64_t> vocabulary;
  for (const auto& [h, c] : counts)
    if (c >= 2) vocabulary.insert(h);

  std::vector<PhraseSet> gazetteers;
  for (const auto& g : options.gazetteers) {
    PhraseSet p;
    p.name = g.name;
    for (const auto& e : g.entries) p.add(e);
    gazetteers.push_back(std::move(p));
  }
  // Names seen in training, by type. Each fold's sentences see only the names of the other folds
  // (jackknifing), so the model learns how far to trust a name list built from other text; the
  // stored model holds the lists from all of training.
  const int folds = options.training_name_folds;
  auto training_names = [&](int skip_fold) {
    std::vector<PhraseSet> sets(4);
    const char* names[] = {"train-PERS", "train-LOC", "train-ORG", "train-MISC"};
    for (int t = 0; t < 4; ++t) sets[t].name = names[t];
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      if (int(k % std::size_t(folds)) == skip_fold) continue;
      std::vector<std::string> tags;
      for (int t : sentences[k].tags) tags.emplace_back(kNerTags[t]);
      for (const auto& c : ner_chunks(tags)) {
        int type = (ner_tag_index("B-" + c.type) - 1) / 2;
        std::u32string phrase = strip_conjunction_preposition(sentences[k].words[c.begin]);
        for (std::size_t i = c.begin + 1; i < c.end; ++i) phrase += U" " + sentences[k].words[i];
        sets[type].add(phrase);
      }
    }
    return sets;
  };
  std::vector<std::vector<PhraseSet>> fold_gazetteers;
  if (folds > 1) {
    for (int f = 0; f < folds; ++f) {
      fold_gazetteers.push_back(gazetteers);
      for (auto& set : training_names(f)) fold_gazetteers.back().push_back(std::move(set));
    }
    for (auto& set : training_names(-1)) gazetteers.push_back(std::move(set));
  }

  // Static features never change: extract them once, as row indices.
  TrainingWeights weights;
  struct Prepared {
    std::vector<TokenInfo> infos;
    std::vector<std::uint32_t> offsets;  // feature rows of token i: [offsets[i], offsets[i+1])
    std::vector<std::uint32_t> rows;
  };
  std::vector<Prepared> prepared(sentences.size());
  std::vector<std::uint64_t> feats;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    Prepared& p = prepared[k];
    analyse(sentences[k].words, &vocabulary, folds > 1 ? fold_gazetteers[k % std::size_t(folds)] : gazetteers, p.infos);
    p.offsets.push_back(0);
    for (std::size_t i = 0; i < p.infos.size(); ++i) {
      feats.clear();
      static_features(p.infos, i, feats);
      for (std::uint64_t f : feats) p.rows.push_back(weights.row_of(f));
      p.offsets.push_back(std::uint32_t(p.rows.size()));
    }
  }
  std::uint32_t transition_rows[kPrevCount];
  for (int p = 0; p < kPrevCount; ++p) transition_rows[p] = weights.row_of(transition_feature(p));

  auto averaged_model = [&]() {
    auto tagger = std::unique_ptr<NerTagger>(new NerTagger());
    Model& m = *tagger->model_;
    m.vocabulary = vocabulary;
    m.gazetteers = gazetteers;
    const double time = double(weights.time);
    std::vector<double> averaged(weights.rows.size() * kNerTagCount);
    double max_abs = 1e-9;
    for (std::size_t r = 0; r < weights.rows.size(); ++r)
      for (int t = 0; t < kNerTagCount; ++t) {
        double a = weights.rows[r].w[t] - weights.rows[r].u[t] / time;
        averaged[r * kNerTagCount + t] = a;
        max_abs = std::max(max_abs, std::abs(a));
      }
    m.scale = float(32000.0 / max_abs);
    m.o_penalty = std::int32_t(std::lround(options.o_penalty * m.scale));
    std::vector<Model::Row> entries;
    // Deterministic order: sort by key.
    std::vector<std::uint32_t> order(weights.rows.size());
    for (std::uint32_t r = 0; r < order.size(); ++r) order[r] = r;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return weights.keys[a] < weights.keys[b]; });
    for (std::uint32_t r : order) {
      Model::Row row;
      row.key = weights.keys[r];
      bool nonzero = false;
      for (int t = 0; t < kNerTagCount; ++t) {
        long q = std::lround(averaged[r * kNerTagCount + t] * m.scale);
        row.w[t] = std::int16_t(std::clamp<long>(q, -32767, 32767));
        nonzero |= row.w[t] != 0;
      }
      if (nonzero) entries.push_back(row);
    }
    m.build_table(std::move(entries));
    return tagger;
  };

  std::vector<std::size_t> order(sentences.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::mt19937_64 rng(options.seed);
  std::vector<std::int32_t> emission;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher–Yates with the standard-defined mt19937_64 stream: identical on every platform.
    for (std::size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);
    for (std::size_t k : order) {
      const Prepared& p = prepared[k];
      const std::vector<int>& gold = sentences[k].tags;
      const std::size_t n = p.infos.size();
      emission.assign(n * kNerTagCount, 0);
      for (std::size_t i = 0; i < n; ++i)
        for (std::uint32_t j = p.offsets[i]; j < p.offsets[i + 1]; ++j) {
          const auto& w = weights.rows[p.rows[j]].w;
          for (int t = 0; t < kNerTagCount; ++t) emission[i * kNerTagCount + t] += w[t];
        }
      auto predicted = viterbi<std::int32_t>(n, emission, [&](std::size_t i, std::int32_t (&pair)[kPrevCount][kNerTagCount]) {
        for (int pr = 0; pr < kPrevCount; ++pr) {
          const auto& tw = weights.rows[transition_rows[pr]].w;
          for (int t = 0; t < kNerTagCount; ++t) pair[pr][t] = tw[t];
          if (const auto* row = weights.find(prev_word_feature(pr, p.infos[i])))
            for (int t = 0; t < kNerTagCount; ++t) pair[pr][t] += row->w[t];
          if (const auto* row = weights.find(prev_core_feature(pr, p.infos[i])))
            for (int t = 0; t < kNerTagCount; ++t) pair[pr][t] += row->w[t];
        }
      });
      if (predicted != gold) {
        for (std::size_t i = 0; i < n; ++i) {
          int g = gold[i], y = predicted[i];
          int gp = i ? gold[i - 1] : kStart, yp = i ? predicted[i - 1] : kStart;
          if (g != y)
            for (std::uint32_t j = p.offsets[i]; j < p.offsets[i + 1]; ++j) {
              weights.update(p.rows[j], g, +1);
              weights.update(p.rows[j], y, -1);
            }
          if (g != y || gp != yp) {
            weights.update(transition_rows[gp], g, +1);
            weights.update(transition_rows[yp], y, -1);
            weights.update(weights.row_of(prev_word_feature(gp, p.infos[i])), g, +1);
            weights.update(weights.row_of(prev_word_feature(yp, p.infos[i])), y, -1);
            weights.update(weights.row_of(prev_core_feature(gp, p.infos[i])), g, +1);
            weights.update(weights.row_of(prev_core_feature(yp, p.infos[i])), y, -1);
          }
        }
      }
      ++weights.time;
    }
    if (options.on_epoch) options.on_epoch(epoch, *averaged_model());
  }
  return averaged_model();
}

// ---- persistence ----
//
// Binary, little-endian:
//   "ISNADNER" u32 format-version u32 feature-version u32 tag-count f32 scale i32 o-penalty
//   u64 vocabulary-size u64[...]
//   u32 gazetteer-count, each: u32 name-length name u32 max-words u64 n u64[n] first words u64 m u64[m] phrases
//   u64 rows, each: u64 key, i16[tag-count]

namespace {

constexpr char kMagic[8] = {'I', 'S', 'N', 'A', 'D', 'N', 'E', 'R'};
constexpr std::uint32_t kFormatVersion = 2;

template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void put_sorted(std::string& out, const std::unordered_set<std::uint64_t>& set) {
  std::vector<std::uint64_t> v(set.begin(), set.end());
  std::sort(v.begin(), v.end());
  put(out, std::uint64_t(v.size()));
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(std::uint64_t));
}

struct Reader {
  const std::string& data;
  std::size_t at = 0;
  bool ok = true;
  template <typename T>
  T get() {
    T v{};
    if (at + sizeof v > data.size()) {
      ok = false;
      return v;
    }
    std::memcpy(&v, data.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
  void get_set(std::unordered_set<std::uint64_t>& set) {
    auto n = get<std::uint64_t>();
    if (!ok || n > (data.size() - at) / 8) {
      ok = false;
      return;
    }
    set.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) set.insert(get<std::uint64_t>());
  }
};

}  // namespace

bool NerTagger::save(const std::string& path, std::string* error) const {
  const Model& m = *model_;
  std::string out;
  out.append(kMagic, sizeof kMagic);
  put(out, kFormatVersion);
  put(out, kFeatureVersion);
  put(out, std::uint32_t(kNerTagCount));
  put(out, m.scale);
  put(out, m.o_penalty);
  put_sorted(out, m.vocabulary);
  put(out, std::uint32_t(m.gazetteers.size()));
  for (const auto& g : m.gazetteers) {
    put(out, std::uint32_t(g.name.size()));
    out += g.name;
    put(out, std::uint32_t(g.max_words));
    put_sorted(out, g.first_words);
    put_sorted(out, g.phrases);
  }
  std::vector<Model::Row> rows;
  for (const auto& r : m.table)
    if (r.key) rows.push_back(r);
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  put(out, std::uint64_t(rows.size()));
  for (const auto& r : rows) {
    put(out, r.key);
    out.append(reinterpret_cast<const char*>(r.w), sizeof r.w);
  }
  std::ofstream f(path, std::ios::binary);
  f.write(out.data(), std::streamsize(out.size()));
  if (!f) {
    if (error) *error = "cannot write " + path;
    return false;
  }
  return true;
}

std::unique_ptr<NerTagger> NerTagger::load(const std::string& path, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = path + ": " + why;
    return std::unique_ptr<NerTagger>();
  };
  std::ifstream f(path, std::ios::binary);
  if (!f) return fail("cannot open");
  std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    return fail("not an isnad NER model");
  Reader in{data, sizeof kMagic};
  if (in.get<std::uint32_t>() != kFormatVersion) return fail("unsupported model format version");
  if (in.get<std::uint32_t>() != kFeatureVersion) return fail("model was trained with other features; retrain it");
  if (in.get<std::uint32_t>() != kNerTagCount) return fail("unexpected tag count");
  auto tagger = std::unique_ptr<NerTagger>(new NerTagger());
  Model& m = *tagger->model_;
  m.scale = in.get<float>();
  m.o_penalty = in.get<std::int32_t>();
  in.get_set(m.vocabulary);
  auto gazetteer_count = in.get<std::uint32_t>();
  if (gazetteer_count > 64) return fail("corrupt gazetteer table");
  for (std::uint32_t g = 0; in.ok && g < gazetteer_count; ++g) {
    PhraseSet p;
    auto len = in.get<std::uint32_t>();
    if (!in.ok || len > data.size() - in.at) return fail("truncated");
    p.name = data.substr(in.at, len);
    in.at += len;
    p.max_words = int(in.get<std::uint32_t>());
    in.get_set(p.first_words);
    in.get_set(p.phrases);
    m.gazetteers.push_back(std::move(p));
  }
  auto n = in.get<std::uint64_t>();
  constexpr std::size_t kRowBytes = 8 + 2 * kNerTagCount;
  if (!in.ok || n > (data.size() - in.at) / kRowBytes) return fail("truncated");
  std::vector<Model::Row> rows(n);
  for (auto& r : rows) {
    r.key = in.get<std::uint64_t>();
    std::memcpy(r.w, data.data() + in.at, sizeof r.w);
    in.at += sizeof r.w;
  }
  if (!in.ok || in.at != data.size()) return fail("truncated or trailing bytes");
  m.build_table(std::move(rows));
  return tagger;
}

const NerTagger* NerTagger::default_model() {
  static const std::unique_ptr<NerTagger> model = [] {
    const char* env = std::getenv("ISNAD_NER_MODEL");
    std::string path = env && *env ? env : std::string(ISNAD_MODEL_DIR) + "/ner.model";
    return load(path, nullptr);
  }();
  return model.get();
}

// ---- CoNLL and scoring ----

int ner_tag_index(std::string_view tag) {
  if (tag == "B-PER") tag = "B-PERS";
  if (tag == "I-PER") tag = "I-PERS";
  for (int i = 0; i < kNerTagCount; ++i)
    if (kNerTags[i] == tag) return i;
  return -1;
}

std::vector<ConllSentence> read_conll(std::istream& in) {
  std::vector<ConllSentence> out;
  ConllSentence cur;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream fields(line);
    std::vector<std::string> cols;
    for (std::string c; fields >> c;) cols.push_back(c);
    if (cols.empty()) {
      if (!cur.tokens.empty()) out.push_back(std::move(cur));
      cur = {};
      continue;
    }
    cur.tokens.push_back(cols.front());
    cur.gold.push_back(cols.size() > 1 ? cols.back() : std::string());
  }
  if (!cur.tokens.empty()) out.push_back(std::move(cur));
  return out;
}

std::vector<NerSentence> to_ner_sentences(const std::vector<ConllSentence>& conll) {
  std::vector<NerSentence> out;
  out.reserve(conll.size());
  for (const auto& c : conll) {
    NerSentence s;
    for (std::size_t i = 0; i < c.tokens.size(); ++i) {
      s.words.push_back(normalize(to_u32(c.tokens[i])));
      s.tags.push_back(std::max(0, ner_tag_index(c.gold[i])));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<NerChunk> ner_chunks(const std::vector<std::string>& tags) {
  std::vector<NerChunk> out;
  bool open = false;
  NerChunk cur;
  for (std::size_t i = 0; i <= tags.size(); ++i) {
    std::string_view t = i < tags.size() ? std::string_view(tags[i]) : std::string_view("O");
    std::string_view prefix = t.substr(0, std::min<std::size_t>(t.size(), 2));
    std::string type(t.size() > 2 ? t.substr(2) : std::string_view());
    if (type == "PER") type = "PERS";
    bool begins = prefix == "B-", inside = prefix == "I-";
    if (open && !(inside && type == cur.type)) {
      cur.end = i;
      out.push_back(cur);
      open = false;
    }
    if (begins || (inside && !open)) {
      cur = {i, i, type};
      open = true;
    }
  }
  return out;
}

NerScores score_entities(const std::vector<std::vector<std::string>>& gold,
                         const std::vector<std::vector<std::string>>& predicted) {
  NerScores s;
  for (std::size_t k = 0; k < gold.size() && k < predicted.size(); ++k) {
    auto g = ner_chunks(gold[k]), p = ner_chunks(predicted[k]);
    for (const auto& c : g) ++s.per_type[c.type].gold;
    for (const auto& c : p) ++s.per_type[c.type].predicted;
    std::sort(p.begin(), p.end());
    for (const auto& c : g)
      if (std::binary_search(p.begin(), p.end(), c)) ++s.per_type[c.type].correct;
  }
  for (const auto& [type, c] : s.per_type) {
    s.micro.gold += c.gold;
    s.micro.predicted += c.predicted;
    s.micro.correct += c.correct;
  }
  return s;
}

}  // namespace isnad
