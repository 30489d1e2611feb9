// Averaged structured perceptron for Arabic BIO tagging (Collins 2002), first-order Viterbi.
//
// Features are 64-bit hashes of (template, value); the model stores one row of 9 int16 weights
// per feature that survived training, in an open-addressing table. Lexicon features come from
// ICU's Arabic country names, extract/lexicons/ner_*.tsv and optional gazetteers hashed into the model;
// the model also stores word classes learnt from unlabelled text and the tag counts of each word core in
// training. Training may decode with a margin (cost-augmented: wrong tags get a head start).
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
#include <map>
#include <random>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "lexicon.h"
#include "model_path.h"
#include "segment.h"
#include "text.h"


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
  // Second pass (document context from the first pass's tags).
  kFirstTag, kFirstTagM1, kFirstTagP1, kFirstTagTrigram, kDocCoreTag, kDocMajority, kDocMajorityM1,
  kDocMajorityP1, kDocMajorityFirst, kDocUnseen,
  kUnusedPrefix3, kUnusedSuffix4, kUnusedEdges, kClusterFine, kClusterCoarse, kClusterFineM1, kClusterFineP1,
  kClusterCoarseM1, kClusterCoarseP1, kClusterBigramM1, kClusterBigramP1, kWordHistoryMarker, kCoreHistoryMarker,
  // Label distribution of the core in (the other folds of) the training data.
  kLabelTag, kLabelMajority, kLabelEntity, kLabelMajorityM1, kLabelMajorityP1, kLabelUnseen,
  // Short quotations (titles of programmes, papers, cars).
  kQuoteInside, kQuoteOpener, kQuoteOpenerFirst,
  // General-language dictionary status (TokenInfo::dict) of the token (alone, when rare, after an organisation
  // trigger or a title) and of its neighbours.
  kDict, kDictRare, kDictM1, kDictP1,
  // Second pass: the first pass's tag with the dictionary status.
  kFirstTagDict,
  kDictOrgTriggerM1, kDictTitleM1,
  // Hierarchical word classes (WordClassLearner): the level-2 prefix of the class path of the token and of its
  // neighbours (level 1 and the whole path reuse kClusterCoarse* and kClusterFine*).
  kClassMid, kClassMidM1, kClassMidP1, kClassMidM2, kClassMidP2, kClassMidBigramM1, kClassMidBigramP1,
  // A second hierarchical clustering (kWordClassSecond): its path prefixes of the token and its neighbours.
  kClass2Leaf, kClass2Top, kClass2Mid, kClass2LeafM1, kClass2LeafP1, kClass2MidM1, kClass2MidP1, kClass2LeafBigramM1,
  kClass2LeafBigramP1,
};
inline std::uint64_t feature(Template t, std::uint64_t value) { return combine(std::uint64_t(t) << 8, value); }
inline std::uint64_t feature(Template t) { return combine(std::uint64_t(t) << 8, 0); }

constexpr int kStart = kNerTagCount;  // the "previous tag" before the first word
constexpr int kPrevCount = kNerTagCount + 1;
constexpr std::uint32_t kFeatureVersion = 5;
// Second-pass weights live in the same table as first-pass ones, under keys XORed with this salt.
constexpr std::uint64_t kSecondPassSalt = 0x2D358DCCAA6C78A5ull;

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

// A set of word hashes as a blocked Bloom filter: about 10 bits per word, 7 probes inside one 64-byte block (one
// cache line a lookup), about 1% false positives. Two million dictionary forms take 2.5 MB.
struct WordFilter {
  static constexpr int kProbes = 7;
  std::vector<std::uint64_t> bits;  // 8 words (512 bits) per block
  std::uint64_t blocks = 0;

  bool empty() const { return blocks == 0; }
  std::uint64_t block_of(std::uint64_t h) const { return std::uint64_t((unsigned __int128)h * blocks >> 64); }
  void build(const std::vector<std::uint64_t>& hashes) {
    blocks = hashes.empty() ? 0 : (hashes.size() * 10 + 511) / 512;
    bits.assign(blocks * 8, 0);
    for (std::uint64_t h : hashes) {
      std::uint64_t* block = &bits[block_of(h) * 8];
      std::uint64_t probes = mix64(h ^ 0x5851F42D4C957F2Dull);
      for (int k = 0; k < kProbes; ++k, probes >>= 9) block[(probes & 511) >> 6] |= std::uint64_t(1) << (probes & 63);
    }
  }
  void prefetch(std::uint64_t h) const { __builtin_prefetch(&bits[block_of(h) * 8]); }
  bool contains(std::uint64_t h) const {
    if (blocks == 0) return false;
    const std::uint64_t* block = &bits[block_of(h) * 8];
    std::uint64_t probes = mix64(h ^ 0x5851F42D4C957F2Dull);
    for (int k = 0; k < kProbes; ++k, probes >>= 9)
      if (!(block[(probes & 511) >> 6] >> (probes & 63) & 1)) return false;
    return true;
  }
};

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

using ClusterMap = std::unordered_map<std::uint64_t, std::uint32_t>;  // core hash → fine << 16 | coarse class
// How often each tag was given to a core in training: "الليكود" → B-ORG 9 times, O never.
using LabelCounts = std::array<std::uint16_t, kNerTagCount>;
using LabelMap = std::unordered_map<std::uint64_t, LabelCounts>;

constexpr int kMaxReadings = 8;
constexpr int kMaxGazetteers = 16;

struct TokenInfo {
  std::uint64_t word = 0, core = 0, shape = 0, clitic_prefix = 0;
  std::uint64_t prefix[3] = {}, suffix[3] = {}, core_prefix2 = 0, core_suffix2 = 0, core_suffix3 = 0;
  std::uint32_t cluster = 0;  // distributional word classes of the core: fine << 16 | coarse, 0 unknown
  std::uint32_t cluster2 = 0;  // the core's class in a second hierarchical clustering (kWordClassSecond), 0 none
  const LabelCounts* labels = nullptr;  // tag counts of the core in training text, nullptr if never seen there
  std::uint8_t quote = 0;               // inside a short quotation: 1 its first word, 2 a later one
  std::uint64_t quote_opener = 0;       // core of the word before the opening quote: برنامج in برنامج « الناس وأنا »
  std::uint64_t readings[kMaxReadings] = {};  // hashes of every reading's stem, the bare word first
  std::uint32_t reading_bits[kMaxReadings] = {};  // WordIndex bits of each reading
  std::uint32_t any_reading_bits = 0;             // their union
  int reading_count = 0;
  std::uint64_t trigrams[10] = {};  // letter trigrams of the core, with word boundaries, for unseen names
  int trigram_count = 0;
  int length_bucket = 0;
  // Dictionary status: 0 no dictionary or not an Arabic word, 1 not in it, 2 in it once proclitics are
  // stripped ("وبالمدينه"), 3 in it as written.
  std::uint8_t dict = 0;
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

// Open addressing on a 64-bit hash (key 0 = empty, load <= 1/2), for tagging: what the model knows of a word or
// of a core is read with one probe.
template <class Value>
struct HashTable64 {
  struct Slot {
    std::uint64_t key = 0;
    Value value;
  };
  std::vector<Slot> slots;
  std::uint64_t mask = 0;

  void clear_for(std::size_t entries) {
    std::uint64_t capacity = 16;
    while (capacity < 2 * entries) capacity <<= 1;
    slots.assign(capacity, Slot{});
    mask = capacity - 1;
  }
  Value& insert(std::uint64_t key) {  // the value of key, default-made when new
    if (key == 0) key = 1;
    std::uint64_t i = key & mask;
    while (slots[i].key != 0 && slots[i].key != key) i = (i + 1) & mask;
    slots[i].key = key;
    return slots[i].value;
  }
  const Value* find(std::uint64_t key) const {
    if (slots.empty()) return nullptr;
    if (key == 0) key = 1;
    for (std::uint64_t i = key & mask;; i = (i + 1) & mask) {
      if (slots[i].key == key) return &slots[i].value;
      if (slots[i].key == 0) return nullptr;
    }
  }
};

// Word classes and label counts per core.
struct CoreFacts {
  std::uint32_t cluster = 0;
  const LabelCounts* labels = nullptr;
};
struct CoreTable : HashTable64<CoreFacts> {
  bool second_classes = false;  // some cores have a class of a second clustering (under second_class_key)
  void build(const ClusterMap& clusters, const LabelMap& labels) {
    clear_for(clusters.size() + labels.size());
    second_classes = false;
    for (const auto& [key, cluster] : clusters) {
      insert(key).cluster = cluster;
      second_classes |= (cluster & kWordClassSecond) != 0;
    }
    for (const auto& [key, counts] : labels) insert(key).labels = &counts;
  }
};

// The lexicon bits of WordIndex::bits and the vocabulary: the bare word costs one probe for both.
struct WordFacts {
  std::uint32_t bits = 0;
  std::uint32_t in_vocabulary = 0;
};
struct WordTable : HashTable64<WordFacts> {
  void build(const std::unordered_map<std::uint64_t, std::uint32_t>& bits, const std::unordered_set<std::uint64_t>& vocabulary) {
    clear_for(bits.size() + vocabulary.size());
    for (const auto& [key, b] : bits) insert(key).bits = b;
    for (std::uint64_t key : vocabulary) insert(key).in_vocabulary = 1;
  }
};

// Every word of the trigger lexicons and every first word of a phrase list, with bits saying where it is
// listed: one hash lookup per reading instead of one per reading and list.
constexpr int kTitleBit = kMaxGazetteers, kOrgTriggerBit = kMaxGazetteers + 1, kLocTriggerBit = kMaxGazetteers + 2;
struct WordIndex {
  const std::vector<PhraseSet>* gazetteers = nullptr;  // slot g + 1 (slot 0: the built-in country names)
  const LabelMap* labels = nullptr;                    // tag counts per core, if any
  const CoreTable* cores = nullptr;                    // when set: word classes and tag counts (instead of labels)
  const WordFilter* dictionary = nullptr;              // general-language word forms, if any
  const WordTable* words = nullptr;                    // when set: bits and the vocabulary (instead of the arguments)
  std::unordered_map<std::uint64_t, std::uint32_t> bits;
};
WordIndex index_words(const std::vector<PhraseSet>* gazetteers) {
  const Lexicons& lex = lexicons();
  WordIndex index;
  index.gazetteers = gazetteers;
  auto mark = [&](const auto& words, int bit) {
    for (std::uint64_t h : words) index.bits[h] |= std::uint32_t(1) << bit;
  };
  mark(lex.titles, kTitleBit);
  mark(lex.org_triggers, kOrgTriggerBit);
  mark(lex.loc_triggers, kLocTriggerBit);
  mark(lex.countries.first_words, 0);
  if (gazetteers)
    for (std::size_t g = 0; g < gazetteers->size() && g + 1 < kMaxGazetteers; ++g) mark((*gazetteers)[g].first_words, int(g + 1));
  return index;
}

// Marks the longest phrase matches, left to right; the first word may carry clitics.
void mark_phrases(const PhraseSet& set, int slot, std::vector<TokenInfo>& infos) {
  const std::uint32_t slot_bit = std::uint32_t(1) << slot;
  const std::size_t n = infos.size();
  std::size_t i = 0;
  while (i < n) {
    if (!(infos[i].any_reading_bits & slot_bit)) {
      ++i;
      continue;
    }
    int best = 0;
    for (int r = 0; r < infos[i].reading_count && best < set.max_words; ++r) {
      if (!(infos[i].reading_bits[r] & slot_bit)) continue;
      std::uint64_t h = infos[i].readings[r];
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
    std::int16_t w[2 * kNerTagCount] = {};  // pass 1, then pass 2 (zeros in a one-pass model)
  };
  // Keys and weights in separate arrays: probing touches only the compact key array (most lookups miss).
  std::vector<std::uint64_t> keys;
  std::vector<std::int16_t> weights;  // 2 · kNerTagCount per slot: pass 1, then pass 2
  std::uint64_t mask = 0;
  std::size_t rows = 0;
  float scale = 1.0f;                             // weight = w / scale
  std::int32_t o_penalty = 0;                     // subtracted from every "O" score (recall/precision trade-off)
  std::int32_t o_penalty2 = 0;                    // the same for the second pass (its own weight scale)
  // 0: one pass. Otherwise a second pass sees the first pass's tags of the sentences within ±(window − 1).
  std::int32_t window = 0;
  std::unordered_set<std::uint64_t> vocabulary;   // words seen at least twice in training
  std::vector<PhraseSet> gazetteers;              // stored in the model (after the built-in country list)
  WordIndex index;                                // of gazetteers and the lexicons, built after loading
  ClusterMap clusters;                            // distributional word classes of cores
  LabelMap labels;                                // tag counts per core in all of training
  CoreTable cores;                                // clusters and labels for tagging, built after loading
  WordFilter dictionary;                          // general-language word forms (empty: no dictionary features)
  WordTable words;                                // index.bits and the vocabulary for tagging, built after loading
  void index_everything() {
    index = index_words(&gazetteers);
    cores.build(clusters, labels);
    index.cores = &cores;
    words.build(index.bits, vocabulary);
    index.words = &words;
    if (!dictionary.empty()) index.dictionary = &dictionary;
  }

  const std::int16_t* find(std::uint64_t key) const {
    if (key == 0) key = 1;
    for (std::uint64_t i = key & mask;; i = (i + 1) & mask) {
      if (keys[i] == key) return &weights[i * 2 * kNerTagCount];
      if (keys[i] == 0) return nullptr;
    }
  }
  // Starts loading the key slot of `key` into cache: a sentence's lookups are independent, so issuing them
  // all first overlaps their memory latency.
  void prefetch(std::uint64_t key) const {
    if (key == 0) key = 1;
    __builtin_prefetch(&keys[key & mask]);
  }
  void build_table(std::vector<Row> entries) {
    std::uint64_t capacity = 16;
    while (capacity * 2 < entries.size() * 3) capacity <<= 1;  // load ≤ 2/3: short probes, table in cache
    keys.assign(capacity, 0);
    weights.assign(capacity * 2 * kNerTagCount, 0);
    mask = capacity - 1;
    rows = entries.size();
    for (auto& e : entries) {
      if (e.key == 0) e.key = 1;
      std::uint64_t i = e.key & mask;
      while (keys[i] != 0) i = (i + 1) & mask;
      keys[i] = e.key;
      std::copy(e.w, e.w + 2 * kNerTagCount, &weights[i * 2 * kNerTagCount]);
    }
  }
};

namespace {

// 1 opening-only quote token («), 2 closing-only (»), 3 either (" ' “ ”), 0 not a quote.
int quote_kind(std::u32string_view w) {
  if (w.empty()) return 0;
  int kind = 0;
  for (char32_t c : w) {
    int k = c == U'«' ? 1 : c == U'»' ? 2 : (c == U'"' || c == U'\'' || c == U'“' || c == U'”') ? 3 : 0;
    if (k == 0 || (kind && k != kind)) return 0;
    kind = k;
  }
  return kind;
}

// Marks the words of quotations of at most kMaxQuoted words: titles of programmes, newspapers, films
// («برنامج « الناس وأنا »», "صحيفة ' ' معاريف ' '"). Longer quotations are speech, not names.
void mark_quotations(const std::vector<std::u32string>& words, std::vector<TokenInfo>& infos) {
  constexpr std::size_t kMaxQuoted = 8;
  const std::size_t n = words.size();
  std::vector<int> kind(n);
  for (std::size_t i = 0; i < n; ++i) kind[i] = quote_kind(words[i]);
  for (std::size_t i = 0; i < n; ++i) {
    if (kind[i] != 1 && kind[i] != 3) continue;
    std::size_t start = i + 1;
    while (start < n && kind[start] != 0) ++start;  // a run of quote tokens (ANERcorp writes ' ' for ")
    std::size_t end = start;
    while (end < n && end < start + kMaxQuoted + 1 && kind[end] == 0) ++end;
    if (end >= n || end == start || end > start + kMaxQuoted || (kind[end] != 2 && kind[end] != 3)) continue;
    const std::uint64_t opener = i > 0 ? infos[i - 1].core : hash_chars(U"<s>");
    for (std::size_t k = start; k < end; ++k) {
      infos[k].quote = k == start ? 1 : 2;
      infos[k].quote_opener = opener;
    }
    i = end;
    while (i + 1 < n && kind[i + 1] != 0) ++i;
  }
}

// Analyses every token of a sentence (lexicon lookups, shapes, affixes, rare flag).
void analyse(const std::vector<std::u32string>& words, const std::unordered_set<std::uint64_t>* vocabulary,
             const WordIndex& index, std::vector<TokenInfo>& infos) {
  const Lexicons& lex = lexicons();
  infos.assign(words.size(), TokenInfo{});
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::u32string& w = words[i];
    TokenInfo& t = infos[i];
    t.word = hash_chars(w);
    t.readings[t.reading_count++] = t.word;
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
      // strip_article (segment.h) as a view: no string is built per token.
      std::u32string_view bare = with_article ? std::u32string_view(with_article->stem) : std::u32string_view(w);
      if (bare.size() >= 4 && bare[0] == U'ا' && bare[1] == U'ل') bare.remove_prefix(2);
      t.core = hash_chars(bare);
      t.clitic_prefix = hash_chars(std::u32string_view(w).substr(0, w.size() - std::min(w.size(), bare.size())));
      if (t.reading_count < kMaxReadings && t.core != t.word) t.readings[t.reading_count++] = t.core;
      t.core_prefix2 = affix_hash(bare, 2, true);
      t.core_suffix2 = affix_hash(bare, 2, false);
      t.core_suffix3 = affix_hash(bare, 3, false);
      thread_local std::u32string bounded;  // "<" + bare + ">", its buffer reused from token to token
      bounded.assign(1, U'<');
      bounded.append(bare);
      bounded.push_back(U'>');
      for (std::size_t k = 0; k + 3 <= bounded.size() && t.trigram_count < 10; ++k)
        t.trigrams[t.trigram_count++] = hash_chars(std::u32string_view(bounded).substr(k, 3));
    } else {
      t.core = t.word;
    }
    for (std::size_t n = 1; n <= 3; ++n) {
      t.prefix[n - 1] = affix_hash(w, n, true);
      t.suffix[n - 1] = affix_hash(w, n, false);
    }
    t.shape = shape_of(w);
    t.length_bucket = int(std::min<std::size_t>(w.size(), 10));
    std::uint32_t any = 0;
    if (index.words) {
      for (int r = 0; r < t.reading_count; ++r) {
        const WordFacts* facts = index.words->find(t.readings[r]);
        t.reading_bits[r] = facts ? facts->bits : 0;
        if (r == 0) t.rare = vocabulary && !(facts && facts->in_vocabulary);
        any |= t.reading_bits[r];
      }
    } else {
      t.rare = vocabulary && !vocabulary->count(t.word);
      for (int r = 0; r < t.reading_count; ++r) {
        auto it = index.bits.find(t.readings[r]);
        t.reading_bits[r] = it == index.bits.end() ? 0 : it->second;
        any |= t.reading_bits[r];
      }
    }
    if (index.cores) {
      if (const CoreFacts* facts = index.cores->find(t.core)) t.cluster = facts->cluster, t.labels = facts->labels;
      if (index.cores->second_classes)
        if (const CoreFacts* facts = index.cores->find(second_class_key(t.core))) t.cluster2 = facts->cluster;
    } else if (index.labels) {
      if (auto it = index.labels->find(t.core); it != index.labels->end()) t.labels = &it->second;
    }
    if (index.dictionary && w.size() >= 2 && is_arabic_letter(w[0])) {
      t.dict = 1;  // the lookups follow for the whole sentence, once the filter's blocks are on their way
      for (int r = 0; r < t.reading_count; ++r) index.dictionary->prefetch(t.readings[r]);
    }
    t.any_reading_bits = any;
    t.title = any >> kTitleBit & 1;
    t.org_trigger = any >> kOrgTriggerBit & 1;
    t.loc_trigger = any >> kLocTriggerBit & 1;
  }
  if (index.dictionary)
    for (TokenInfo& t : infos)
      for (int r = 0; t.dict == 1 && r < t.reading_count; ++r)
        if (index.dictionary->contains(t.readings[r])) t.dict = r == 0 ? 3 : 2;
  mark_quotations(words, infos);
  mark_phrases(lex.countries, 0, infos);
  if (index.gazetteers)
    for (std::size_t g = 0; g < index.gazetteers->size() && g + 1 < kMaxGazetteers; ++g)
      mark_phrases((*index.gazetteers)[g], int(g + 1), infos);
}

// ---- distributional word classes ----
//
// Spherical k-means over the contexts of each core in unlabelled text: the vector of a core counts the
// frequent cores seen just before and just after it (sqrt-damped, L2-normalised). Names cluster with names
// ("بوتين" with "اوباما": both follow "الرئيس" and precede "إن"), so an unseen name inherits from seen ones.
std::vector<std::uint16_t> spherical_kmeans(const std::vector<std::vector<std::pair<std::uint32_t, float>>>& vectors,
                                            std::size_t dims, int k, std::uint64_t seed) {
  const std::size_t n = vectors.size(), K = std::size_t(std::max(1, std::min<int>(k, int(n))));
  std::vector<std::uint16_t> assignment(n, 0);
  if (n == 0) return assignment;
  std::vector<float> centroids(dims * K, 0.0f);  // transposed: centroids[d * K + c]
  auto set_centroid = [&](std::size_t c, const std::vector<std::pair<std::uint32_t, float>>& v) {
    for (std::size_t d = 0; d < dims; ++d) centroids[d * K + c] = 0.0f;
    for (auto [d, x] : v) centroids[d * K + c] = x;
  };
  // k-means++ seeding with the mt19937_64 stream (defined by the standard, so identical everywhere).
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return double(rng() >> 11) * 0x1.0p-53; };
  std::vector<double> distance(n, 2.0);
  std::vector<float> scores(K);
  std::size_t first = std::size_t(rng() % n);
  set_centroid(0, vectors[first]);
  for (std::size_t c = 0; c < K; ++c) {
    if (c > 0) {
      double total = 0;
      for (double d : distance) total += d;
      double r = uniform() * total;
      std::size_t pick = n - 1;
      for (std::size_t i = 0; i < n; ++i)
        if ((r -= distance[i]) <= 0) {
          pick = i;
          break;
        }
      set_centroid(c, vectors[pick]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      double dot = 0;
      for (auto [d, x] : vectors[i]) dot += double(x) * centroids[d * K + c];
      distance[i] = std::min(distance[i], std::max(0.0, 2.0 - 2.0 * dot));
    }
  }
  for (int iteration = 0; iteration < 12; ++iteration) {
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::fill(scores.begin(), scores.end(), 0.0f);
      for (auto [d, x] : vectors[i]) {
        const float* row = &centroids[d * K];
        for (std::size_t c = 0; c < K; ++c) scores[c] += x * row[c];
      }
      auto best = std::uint16_t(std::max_element(scores.begin(), scores.end()) - scores.begin());
      changed |= best != assignment[i];
      assignment[i] = best;
    }
    if (!changed && iteration > 0) break;
    std::fill(centroids.begin(), centroids.end(), 0.0f);
    for (std::size_t i = 0; i < n; ++i)
      for (auto [d, x] : vectors[i]) centroids[d * K + assignment[i]] += x;
    for (std::size_t c = 0; c < K; ++c) {
      double norm = 0;
      for (std::size_t d = 0; d < dims; ++d) norm += double(centroids[d * K + c]) * centroids[d * K + c];
      if (norm <= 0) continue;
      float inv = float(1.0 / std::sqrt(norm));
      for (std::size_t d = 0; d < dims; ++d) centroids[d * K + c] *= inv;
    }
  }
  return assignment;
}

ClusterMap learn_clusters(const std::vector<std::vector<std::u32string>>& text, int fine, int coarse, std::uint64_t seed) {
  std::vector<std::vector<std::uint64_t>> cores;
  std::unordered_map<std::uint64_t, std::uint32_t> frequency;
  std::vector<TokenInfo> infos;
  const WordIndex plain = index_words(nullptr);
  for (const auto& sentence : text) {
    analyse(sentence, nullptr, plain, infos);
    cores.emplace_back();
    for (const auto& t : infos) {
      cores.back().push_back(t.core);
      ++frequency[t.core];
    }
  }
  // Types in a deterministic order: most frequent first, ties by hash.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> types;
  for (const auto& [h, f] : frequency) types.push_back({f, h});
  std::sort(types.begin(), types.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  constexpr std::size_t kContexts = 500;
  std::unordered_map<std::uint64_t, std::uint32_t> type_id, context_id;
  for (std::size_t i = 0; i < types.size(); ++i) {
    type_id[types[i].second] = std::uint32_t(i);
    if (i < kContexts) context_id[types[i].second] = std::uint32_t(i);
  }
  const std::size_t dims = 2 * kContexts + 2;  // left contexts, right contexts, sentence start, sentence end
  std::vector<std::map<std::uint32_t, float>> counts(types.size());
  for (const auto& s : cores)
    for (std::size_t i = 0; i < s.size(); ++i) {
      auto& c = counts[type_id[s[i]]];
      if (i == 0) c[2 * kContexts] += 1;
      else if (auto it = context_id.find(s[i - 1]); it != context_id.end()) c[it->second] += 1;
      if (i + 1 == s.size()) c[2 * kContexts + 1] += 1;
      else if (auto it = context_id.find(s[i + 1]); it != context_id.end()) c[kContexts + it->second] += 1;
    }
  std::vector<std::vector<std::pair<std::uint32_t, float>>> vectors(types.size());
  for (std::size_t i = 0; i < types.size(); ++i) {
    double norm = 0;
    for (auto [d, x] : counts[i]) norm += x;  // sqrt-damped counts: Σ (√x)² = Σ x
    for (auto [d, x] : counts[i]) vectors[i].push_back({d, float(std::sqrt(x / norm))});
  }
  auto fine_of = spherical_kmeans(vectors, dims, fine, seed);
  auto coarse_of = spherical_kmeans(vectors, dims, coarse, seed + 1);
  ClusterMap out;
  for (std::size_t i = 0; i < types.size(); ++i)
    if (!vectors[i].empty())  // 1-based classes: 0 stays "unknown"
      out[types[i].second] = (std::uint32_t(fine_of[i] + 1) << 16) | std::uint32_t(coarse_of[i] + 1);
  return out;
}

// Label-distribution features: which tags the core was given in training text and how often, bucketed
// ("the core was B-PERS in more than 3/4 of 6–20 occurrences").
int count_bucket(int c) { return c <= 0 ? 0 : c == 1 ? 1 : c == 2 ? 2 : c <= 5 ? 3 : c <= 20 ? 4 : 5; }
int fraction_bucket(int n, int total) { return n * 4 >= total * 4 ? 4 : n * 4 / total; }
int label_majority(const LabelCounts* c) {
  if (!c) return kStart;
  int best = 0;
  for (int t = 1; t < kNerTagCount; ++t)
    if ((*c)[std::size_t(t)] > (*c)[std::size_t(best)]) best = t;
  return best;
}
void label_features(const TokenInfo& t, const TokenInfo& m1, const TokenInfo& p1, std::vector<std::uint64_t>& out) {
  auto add = [&](Template tp, std::uint64_t v) { out.push_back(feature(tp, v)); };
  if (!t.labels) {
    add(kLabelUnseen, 1);
  } else {
    const LabelCounts& c = *t.labels;
    int total = 0;
    for (auto n : c) total += n;
    const int bucket = count_bucket(total);
    for (int tag = 0; tag < kNerTagCount; ++tag)
      if (c[std::size_t(tag)]) add(kLabelTag, std::uint64_t(tag * 8 + fraction_bucket(c[std::size_t(tag)], total)));
    add(kLabelMajority, std::uint64_t(label_majority(t.labels) * 8 + bucket));
    add(kLabelEntity, std::uint64_t(fraction_bucket(total - c[0], total) * 8 + bucket));
  }
  add(kLabelMajorityM1, std::uint64_t(label_majority(m1.labels)));
  add(kLabelMajorityP1, std::uint64_t(label_majority(p1.labels)));
}

// Level 1 and level 2 of a word class value (see kWordClassHierarchical); flat classes have no level 2 (0).
inline std::uint32_t class_top(std::uint32_t c) { return c & kWordClassHierarchical ? c & 0x7F : c & 0xFFFF; }
inline std::uint32_t class_mid(std::uint32_t c) { return c & kWordClassHierarchical ? c >> 7 & 0xFF : 0; }

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
  add(kClusterFine, t.cluster >> 16);
  add(kClusterCoarse, class_top(t.cluster));
  add(kClusterFineM1, m1.cluster >> 16);
  add(kClusterFineP1, p1.cluster >> 16);
  add(kClusterCoarseM1, class_top(m1.cluster));
  add(kClusterCoarseP1, class_top(p1.cluster));
  if ((t.cluster | m1.cluster | p1.cluster | m2.cluster | p2.cluster) & kWordClassHierarchical) {
    const std::uint32_t mid = class_mid(t.cluster), mid_m1 = class_mid(m1.cluster), mid_p1 = class_mid(p1.cluster);
    add(kClassMid, mid);
    add(kClassMidM1, mid_m1);
    add(kClassMidP1, mid_p1);
    add(kClassMidM2, class_mid(m2.cluster));
    add(kClassMidP2, class_mid(p2.cluster));
    add(kClassMidBigramM1, mid_m1 << 8 | mid);
    add(kClassMidBigramP1, mid << 8 | mid_p1);
  }
  add(kClusterBigramM1, (std::uint64_t(m1.cluster >> 16) << 16) | (t.cluster >> 16));
  add(kClusterBigramP1, (std::uint64_t(t.cluster >> 16) << 16) | (p1.cluster >> 16));
  if (t.cluster2 | m1.cluster2 | p1.cluster2) {  // the second clustering: the same prefixes, other templates
    const std::uint32_t leaf = t.cluster2 >> 16 & 0x7FFF, leaf_m1 = m1.cluster2 >> 16 & 0x7FFF, leaf_p1 = p1.cluster2 >> 16 & 0x7FFF;
    add(kClass2Leaf, leaf);
    add(kClass2Top, class_top(t.cluster2));
    add(kClass2Mid, class_mid(t.cluster2));
    add(kClass2LeafM1, leaf_m1);
    add(kClass2LeafP1, leaf_p1);
    add(kClass2MidM1, class_mid(m1.cluster2));
    add(kClass2MidP1, class_mid(p1.cluster2));
    add(kClass2LeafBigramM1, leaf_m1 << 16 | leaf);
    add(kClass2LeafBigramP1, leaf << 16 | leaf_p1);
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
  label_features(t, m1, p1, out);
  if (t.quote) {
    add(kQuoteInside, t.quote);
    add(kQuoteOpener, t.quote_opener);
    if (t.quote == 1) add(kQuoteOpenerFirst, t.quote_opener);
  }
  // Dictionary status (only with a dictionary: a model without one trains as before). Other crosses (with the
  // clitic prefix, word class, gazetteers, unseen label, the neighbours' joint status; in the second pass with the
  // window's majority tag or the number of repetitions) scored no better on held-out slices of ANERcorp train.
  if (t.dict | m1.dict | p1.dict) {
    if (t.dict) {
      add(kDict, t.dict);
      if (t.rare) add(kDictRare, t.dict);
      // A word after an organisation trigger or a title may still be part of a name: حزب الرابطة.
      if (m1.org_trigger) add(kDictOrgTriggerM1, t.dict);
      if (m1.title) add(kDictTitleM1, t.dict);
    }
    add(kDictM1, m1.dict);
    add(kDictP1, p1.dict);
  }
  for (int g = 0; g < kMaxGazetteers; ++g) {
    // (gazetteer, relative position, begin/inside) for positions -1, 0, +1
    if (t.gazetteer[g]) add(kGazetteer, std::uint64_t(g * 16 + 4 + t.gazetteer[g]));
    if (m1.gazetteer[g]) add(kGazetteer, std::uint64_t(g * 16 + 0 + m1.gazetteer[g]));
    if (p1.gazetteer[g]) add(kGazetteer, std::uint64_t(g * 16 + 8 + p1.gazetteer[g]));
  }
}

inline std::uint64_t transition_feature(int prev) { return feature(kTransition, std::uint64_t(prev)); }
inline std::uint64_t prev_word_feature(int prev, std::uint64_t word) { return feature(kPrevTagWord, combine(prev, word)); }
inline std::uint64_t prev_core_feature(int prev, std::uint64_t core) { return feature(kPrevTagCore, combine(prev, core)); }
inline std::uint64_t prev_word_feature(int prev, const TokenInfo& t) { return prev_word_feature(prev, t.word); }
inline std::uint64_t prev_core_feature(int prev, const TokenInfo& t) { return prev_core_feature(prev, t.core); }
// Marker rows (all weights zero) saying that a word or core has (previous tag, word) weights: one lookup
// spares the ten of a word without any.
inline std::uint64_t word_history_marker(std::uint64_t word) { return feature(kWordHistoryMarker, word); }
inline std::uint64_t core_history_marker(std::uint64_t core) { return feature(kCoreHistoryMarker, core); }

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

// ---- second pass: document context ----
//
// ANERcorp-style news names an entity several times: "أسيك" tagged ORG by the first pass in one sentence is
// evidence for "أسيك" two sentences later. The second pass sees, for each token, the first pass's tags of the
// same core elsewhere in a window of neighbouring sentences, and the first-pass tags around the token itself.

// First-pass tag counts per core over the sentences of the window.
struct WindowCounts {
  std::unordered_map<std::uint64_t, std::array<std::uint16_t, kNerTagCount>> by_core;
  void add(const std::vector<TokenInfo>& infos, const std::vector<int>& tags, int sign) {
    for (std::size_t i = 0; i < infos.size(); ++i) {
      auto& c = by_core[infos[i].core];
      c[std::size_t(tags[i])] = std::uint16_t(c[std::size_t(tags[i])] + sign);
    }
  }
  // Counts of the core of `t` in the window without the occurrence tagged `own` at hand.
  std::array<std::uint16_t, kNerTagCount> elsewhere(const TokenInfo& t, int own) const {
    std::array<std::uint16_t, kNerTagCount> c{};
    if (auto it = by_core.find(t.core); it != by_core.end()) c = it->second;
    if (c[std::size_t(own)] > 0) --c[std::size_t(own)];
    return c;
  }
};

// The most frequent tag of counts (lowest index on ties), or kStart when all are zero.
int majority(const std::array<std::uint16_t, kNerTagCount>& c) {
  int best = kStart;
  for (int t = 0; t < kNerTagCount; ++t)
    if (c[std::size_t(t)] > 0 && (best == kStart || c[std::size_t(t)] > c[std::size_t(best)])) best = t;
  return best;
}

// Second-pass features of token i given the first pass's tags of its sentence and the window counts.
void document_features(const std::vector<TokenInfo>& s, const std::vector<int>& first, std::size_t i,
                       const WindowCounts& window, std::vector<std::uint64_t>& out) {
  auto add = [&](Template tp, std::uint64_t v) { out.push_back(feature(tp, v)); };
  const int f = first[i];
  const int fm1 = i >= 1 ? first[i - 1] : kStart, fp1 = i + 1 < s.size() ? first[i + 1] : kStart;
  add(kFirstTag, std::uint64_t(f));
  add(kFirstTagM1, std::uint64_t(fm1));
  add(kFirstTagP1, std::uint64_t(fp1));
  add(kFirstTagTrigram, std::uint64_t((fm1 * 16 + f) * 16 + fp1));
  if (s[i].dict) add(kFirstTagDict, std::uint64_t(f * 4 + s[i].dict));
  auto counts = window.elsewhere(s[i], f);
  int major = majority(counts);
  if (major == kStart) {
    add(kDocUnseen, 1);
  } else {
    for (int t = 0; t < kNerTagCount; ++t)
      if (counts[std::size_t(t)]) add(kDocCoreTag, std::uint64_t(t * 4 + std::min<int>(counts[std::size_t(t)], 3)));
    add(kDocMajority, std::uint64_t(major));
    add(kDocMajorityFirst, std::uint64_t(major * 16 + f));
  }
  if (i >= 1) add(kDocMajorityM1, std::uint64_t(majority(window.elsewhere(s[i - 1], fm1))));
  if (i + 1 < s.size()) add(kDocMajorityP1, std::uint64_t(majority(window.elsewhere(s[i + 1], fp1))));

}

// Static feature hashes of every token of a sentence.
struct SentenceFeatures {
  std::vector<TokenInfo> infos;
  std::vector<std::uint32_t> offsets;  // features of token i: hashes[offsets[i], offsets[i+1])
  std::vector<std::uint64_t> hashes;
};

void sentence_features(const std::vector<std::u32string>& words, const std::unordered_set<std::uint64_t>* vocabulary,
                       const WordIndex& index, const ClusterMap& clusters, SentenceFeatures& out) {
  analyse(words, vocabulary, index, out.infos);
  if (!clusters.empty() && !index.cores)  // with a CoreTable analyse() has set the classes
    for (TokenInfo& t : out.infos)
      if (auto it = clusters.find(t.core); it != clusters.end()) t.cluster = it->second;
  if (!clusters.empty() && !index.cores)
    for (TokenInfo& t : out.infos)
      if (auto it = clusters.find(second_class_key(t.core)); it != clusters.end()) t.cluster2 = it->second;
  out.offsets.assign(1, 0);
  out.hashes.clear();
  out.hashes.reserve(out.infos.size() * 96);  // about 80 features a token: one allocation per sentence
  for (std::size_t i = 0; i < out.infos.size(); ++i) {
    static_features(out.infos, i, out.hashes);
    out.offsets.push_back(std::uint32_t(out.hashes.size()));
  }
}

// Weights of a stored row: pass 1 in [0, kNerTagCount), pass 2 in [kNerTagCount, 2·kNerTagCount).
constexpr int kRowWeights = 2 * kNerTagCount;

// Emission scores of one sentence for pass 1 and, when e2 is given, the static part of pass 2: both passes
// read the same rows, so a second pass costs no second lookup of the static features. The rows are found
// first and their weights fetched into cache before any is summed, so that the cache misses overlap.
template <typename Find>
void static_emissions(const SentenceFeatures& s, std::int32_t o_penalty1, std::int32_t o_penalty2, Find find,
                      std::vector<std::int32_t>& e1, std::vector<std::int32_t>* e2) {
  const std::size_t n = s.infos.size();
  e1.assign(n * kNerTagCount, 0);
  if (e2) e2->assign(n * kNerTagCount, 0);
  thread_local std::vector<std::pair<std::size_t, const std::int16_t*>> rows;  // (token, weights) of each hit
  rows.clear();
  for (std::size_t i = 0; i < n; ++i)
    for (std::uint32_t j = s.offsets[i]; j < s.offsets[i + 1]; ++j)
      if (const std::int16_t* w = find(s.hashes[j])) {
        __builtin_prefetch(w);
        __builtin_prefetch(w + kRowWeights - 1);  // a row of 36 bytes may straddle two cache lines
        rows.emplace_back(i, w);
      }
  for (std::size_t i = 0; i < n; ++i) {
    e1[i * kNerTagCount] -= o_penalty1;
    if (e2) (*e2)[i * kNerTagCount] -= o_penalty2;
  }
  for (const auto& [i, w] : rows) {
    std::int32_t* a = &e1[i * kNerTagCount];
    for (int t = 0; t < kNerTagCount; ++t) a[t] += w[t];
    if (e2) {
      std::int32_t* b = &(*e2)[i * kNerTagCount];
      for (int t = 0; t < kNerTagCount; ++t) b[t] += w[kNerTagCount + t];
    }
  }
}

// Viterbi decoding of one sentence for pass 1 or 2 over emission scores, with the transition and
// (previous tag, word) weights find(key) returns (nullptr when absent). history holds the rows of the
// (previous tag, word) and (previous tag, core) features of every token; when empty it is filled here, and the
// second pass reuses what the first found (a row carries the weights of both passes).
template <typename Find>
std::vector<int> decode(const SentenceFeatures& s, const std::vector<std::int32_t>& emission, int pass, Find find,
                        std::vector<const std::int16_t*>& history) {
  const std::size_t n = s.infos.size();
  const int half = pass == 2 ? kNerTagCount : 0;
  const std::int16_t* transition[kPrevCount];
  for (int p = 0; p < kPrevCount; ++p) transition[p] = find(transition_feature(p));
  if (history.size() != n * 2 * kPrevCount) {
    history.assign(n * 2 * kPrevCount, nullptr);
    for (std::size_t i = 0; i < n; ++i) {
      const std::int16_t** rows = &history[i * 2 * kPrevCount];
      if (find(word_history_marker(s.infos[i].word)))
        for (int p = 0; p < kPrevCount; ++p) rows[p] = find(prev_word_feature(p, s.infos[i]));
      if (find(core_history_marker(s.infos[i].core)))
        for (int p = 0; p < kPrevCount; ++p) rows[kPrevCount + p] = find(prev_core_feature(p, s.infos[i]));
    }
  }
  return viterbi<std::int32_t>(n, emission, [&](std::size_t i, std::int32_t (&pair)[kPrevCount][kNerTagCount]) {
    const std::int16_t* const* rows = &history[i * 2 * kPrevCount];
    for (int p = 0; p < kPrevCount; ++p) {
      for (int t = 0; t < kNerTagCount; ++t) pair[p][t] = transition[p] ? transition[p][half + t] : 0;
      if (const std::int16_t* w = rows[p])
        for (int t = 0; t < kNerTagCount; ++t) pair[p][t] += w[half + t];
      if (const std::int16_t* w = rows[kPrevCount + p])
        for (int t = 0; t < kNerTagCount; ++t) pair[p][t] += w[half + t];
    }
  });
}

// Slides the window of `radius` sentences on each side over a document of n sentences: before visit(k),
// the counts hold the first-pass tags of sentences [k − radius, k + radius].
template <typename Visit>
void slide_window(std::size_t n, std::size_t radius, const std::vector<const std::vector<TokenInfo>*>& infos,
                  const std::vector<std::vector<int>>& first, Visit visit) {
  WindowCounts window;
  for (std::size_t k = 0; k < n && k <= radius; ++k) window.add(*infos[k], first[k], +1);
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0 && k + radius < n) window.add(*infos[k + radius], first[k + radius], +1);
    if (k > radius) window.add(*infos[k - radius - 1], first[k - radius - 1], -1);
    visit(k, window);
  }
}

}  // namespace

NerTagger::NerTagger() : model_(std::make_unique<Model>()) {}
NerTagger::~NerTagger() = default;

std::size_t NerTagger::feature_count() const { return model_->rows; }

std::array<int, kNerTagCount> NerTagger::training_counts(const std::u32string& w) const {
  std::array<int, kNerTagCount> out{};
  std::vector<TokenInfo> infos;
  analyse({w}, &model_->vocabulary, model_->index, infos);
  if (infos[0].labels)
    for (int t = 0; t < kNerTagCount; ++t) out[static_cast<std::size_t>(t)] = (*infos[0].labels)[static_cast<std::size_t>(t)];
  return out;
}

int NerTagger::dictionary_status(const std::u32string& w) const {
  if (model_->dictionary.empty() || w.size() < 2 || !is_arabic_letter(w[0])) return 0;
  // Readings without a conjunction or preposition (و، ف، ب، ل، ك; the article alone does not count: "التميمي")
  // first: "بطريقة" is listed as written too.
  if (w.size() >= 3)
    for (const auto& r : clitic_readings(w)) {
      if (r.prefix.empty() || r.prefix == U"ال") continue;
      std::u32string_view stem(r.stem);
      if (stem.size() >= 4 && stem[0] == U'ا' && stem[1] == U'ل') stem.remove_prefix(2);
      if (model_->dictionary.contains(hash_chars(r.stem)) || model_->dictionary.contains(hash_chars(stem))) return 2;
    }
  return model_->dictionary.contains(hash_chars(w)) ? 3 : 1;
}

std::vector<std::vector<int>> NerTagger::tag_sentences(
    const std::vector<const std::vector<std::u32string>*>& sentences) const {
  const Model& m = *model_;
  auto find = [&m](std::uint64_t key) { return m.find(key); };
  const std::size_t n = sentences.size();
  const bool two_pass = m.window > 0;
  std::vector<SentenceFeatures> feats(n);
  std::vector<std::vector<int>> first(n);
  std::vector<std::vector<std::int32_t>> second_emission(two_pass ? n : 0);
  std::vector<std::vector<const std::int16_t*>> history(n);
  std::vector<std::int32_t> emission;
  for (std::size_t k = 0; k < n; ++k) {
    sentence_features(*sentences[k], &m.vocabulary, m.index, m.clusters, feats[k]);
    for (std::uint64_t h : feats[k].hashes) m.prefetch(h);
    static_emissions(feats[k], m.o_penalty, m.o_penalty2, find, emission, two_pass ? &second_emission[k] : nullptr);
    first[k] = decode(feats[k], emission, 1, find, history[k]);
  }
  if (!two_pass) return first;
  std::vector<const std::vector<TokenInfo>*> infos(n);
  for (std::size_t k = 0; k < n; ++k) infos[k] = &feats[k].infos;
  std::vector<std::vector<int>> second(n);
  std::vector<std::uint64_t> extra;
  slide_window(n, std::size_t(m.window - 1), infos, first, [&](std::size_t k, const WindowCounts& window) {
    std::vector<std::int32_t>& e = second_emission[k];
    for (std::size_t i = 0; i < feats[k].infos.size(); ++i) {
      extra.clear();
      document_features(feats[k].infos, first[k], i, window, extra);
      for (std::uint64_t h : extra)
        if (const std::int16_t* w = find(h))
          for (int t = 0; t < kNerTagCount; ++t) e[i * kNerTagCount + t] += w[kNerTagCount + t];
    }
    second[k] = decode(feats[k], e, 2, find, history[k]);
  });
  return second;
}

std::vector<int> NerTagger::tag_indices(const std::vector<std::u32string>& words) const {
  return std::move(tag_sentences({&words})[0]);
}

std::vector<std::string> NerTagger::tag(const std::vector<std::u32string>& words) const {
  std::vector<std::string> out;
  out.reserve(words.size());
  for (int t : tag_indices(words)) out.emplace_back(kNerTags[t]);
  return out;
}

std::vector<std::vector<int>> NerTagger::tag_document_indices(
    const std::vector<std::vector<std::u32string>>& sentences) const {
  std::vector<const std::vector<std::u32string>*> pointers;
  pointers.reserve(sentences.size());
  for (const auto& s : sentences) pointers.push_back(&s);
  return tag_sentences(pointers);
}

std::vector<std::vector<std::string>> NerTagger::tag_document(
    const std::vector<std::vector<std::u32string>>& sentences) const {
  std::vector<std::vector<std::string>> out;
  out.reserve(sentences.size());
  for (const auto& tags : tag_document_indices(sentences)) {
    out.emplace_back();
    for (int t : tags) out.back().emplace_back(kNerTags[t]);
  }
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
  std::unordered_set<std::uint64_t> history_words, history_cores;  // words and cores given (previous tag, word) rows

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

// Weight rows of every token of a training sentence: [offsets[i], offsets[i+1]).
struct PreparedSentence {
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> rows;
};

// Averaged structured perceptron epochs over prepared sentences; transition and tag-history keys are
// XORed with salt. after_epoch(epoch) is called after each epoch.
void run_perceptron(TrainingWeights& weights, const std::vector<NerSentence>& sentences,
                    const std::vector<std::vector<TokenInfo>>& infos, const std::vector<PreparedSentence>& prepared,
                    std::uint64_t salt, int epochs, std::uint64_t seed, int margin, int o_margin,
                    const std::function<void(int)>& after_epoch) {
  std::uint32_t transition_rows[kPrevCount];
  for (int p = 0; p < kPrevCount; ++p) transition_rows[p] = weights.row_of(transition_feature(p) ^ salt);
  std::vector<std::size_t> order(sentences.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::mt19937_64 rng(seed);
  std::vector<std::int32_t> emission;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    // Fisher–Yates with the standard-defined mt19937_64 stream: identical on every platform.
    for (std::size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);
    for (std::size_t k : order) {
      const PreparedSentence& p = prepared[k];
      const std::vector<TokenInfo>& info = infos[k];
      const std::vector<int>& gold = sentences[k].tags;
      const std::size_t n = info.size();
      emission.assign(n * kNerTagCount, 0);
      for (std::size_t i = 0; i < n; ++i)
        for (std::uint32_t j = p.offsets[i]; j < p.offsets[i + 1]; ++j) {
          const auto& w = weights.rows[p.rows[j]].w;
          for (int t = 0; t < kNerTagCount; ++t) emission[i * kNerTagCount + t] += w[t];
        }
      // Cost-augmented decoding (a margin): every wrong tag gets a head start, O more so where the gold tag is
      // an entity, so that the weights learn to beat wrong tags by a margin rather than barely.
      if (margin || o_margin)
        for (std::size_t i = 0; i < n; ++i)
          for (int t = 0; t < kNerTagCount; ++t)
            if (t != gold[i]) emission[i * kNerTagCount + t] += margin + (t == 0 ? o_margin : 0);
      auto predicted = viterbi<std::int32_t>(n, emission, [&](std::size_t i, std::int32_t (&pair)[kPrevCount][kNerTagCount]) {
        for (int pr = 0; pr < kPrevCount; ++pr) {
          const auto& tw = weights.rows[transition_rows[pr]].w;
          for (int t = 0; t < kNerTagCount; ++t) pair[pr][t] = tw[t];
          if (const auto* row = weights.find(prev_word_feature(pr, info[i]) ^ salt))
            for (int t = 0; t < kNerTagCount; ++t) pair[pr][t] += row->w[t];
          if (const auto* row = weights.find(prev_core_feature(pr, info[i]) ^ salt))
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
            weights.history_words.insert(info[i].word);
            weights.history_cores.insert(info[i].core);
            weights.update(transition_rows[gp], g, +1);
            weights.update(transition_rows[yp], y, -1);
            weights.update(weights.row_of(prev_word_feature(gp, info[i]) ^ salt), g, +1);
            weights.update(weights.row_of(prev_word_feature(yp, info[i]) ^ salt), y, -1);
            weights.update(weights.row_of(prev_core_feature(gp, info[i]) ^ salt), g, +1);
            weights.update(weights.row_of(prev_core_feature(yp, info[i]) ^ salt), y, -1);
          }
        }
      }
      ++weights.time;
    }
    if (after_epoch) after_epoch(epoch);
  }
}

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
  // Folds interleave (sentence k in fold k mod N). Contiguous blocks, which keep an article's repeated
  // names out of its own list, scored 1.5 points lower on held-out data.
  auto fold_of = [&](std::size_t k) { return int(k % std::size_t(std::max(folds, 1))); };
  auto training_names = [&](int skip_fold) {
    std::vector<PhraseSet> sets(4);
    const char* names[] = {"train-PERS", "train-LOC", "train-ORG", "train-MISC"};
    for (int t = 0; t < 4; ++t) sets[t].name = names[t];
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      if (fold_of(k) == skip_fold) continue;
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

  // Distributional word classes from unlabelled text (computed once; the stacking folds reuse them).
  ClusterMap clusters = options.clusters ? *options.clusters : ClusterMap();
  if (!options.clusters && !options.unlabelled.empty()) {
    clusters = learn_clusters(options.unlabelled, options.fine_clusters, options.coarse_clusters, options.seed);
    if (options.log) options.log("word classes: " + std::to_string(clusters.size()) + " cores");
  }

  // Tag counts per core, jackknifed like the name lists: fold f sees the counts of the other folds only.
  auto label_counts = [&](int skip_fold) {
    LabelMap out;
    std::vector<TokenInfo> token_infos;
    const WordIndex plain = index_words(nullptr);
    for (std::size_t k = 0; k < sentences.size(); ++k) {
      if (fold_of(k) == skip_fold) continue;
      analyse(sentences[k].words, nullptr, plain, token_infos);
      for (std::size_t i = 0; i < token_infos.size(); ++i) {
        auto& c = out[token_infos[i].core][std::size_t(sentences[k].tags[i])];
        if (c < 65535) ++c;
      }
    }
    return out;
  };
  std::vector<LabelMap> fold_labels;
  LabelMap full_labels;
  if (folds > 1) {
    for (int f = 0; f < folds; ++f) fold_labels.push_back(label_counts(f));
    full_labels = label_counts(-1);
  }
  // The dictionary, hashed once (the stacking folds reuse the hashes). It is outside text, so every fold sees it.
  std::vector<std::uint64_t> own_dictionary_hashes;
  const std::vector<std::uint64_t>* dictionary_hashes = options.dictionary_hashes;
  if (!dictionary_hashes && !options.dictionary.empty()) {
    own_dictionary_hashes.reserve(options.dictionary.size());
    for (const auto& w : options.dictionary) own_dictionary_hashes.push_back(hash_chars(w));
    std::sort(own_dictionary_hashes.begin(), own_dictionary_hashes.end());
    own_dictionary_hashes.erase(std::unique(own_dictionary_hashes.begin(), own_dictionary_hashes.end()),
                                own_dictionary_hashes.end());
    dictionary_hashes = &own_dictionary_hashes;
  }
  WordFilter dictionary;
  if (dictionary_hashes) dictionary.build(*dictionary_hashes);
  const WordFilter* dictionary_or_null = dictionary.empty() ? nullptr : &dictionary;

  std::vector<WordIndex> fold_indices;
  for (std::size_t f = 0; f < fold_gazetteers.size(); ++f) {
    fold_indices.push_back(index_words(&fold_gazetteers[f]));
    fold_indices.back().labels = &fold_labels[f];
    fold_indices.back().dictionary = dictionary_or_null;
  }
  WordIndex full_index = index_words(&gazetteers);
  if (folds > 1) full_index.labels = &full_labels;
  full_index.dictionary = dictionary_or_null;

  // Static features never change: extract them once, as row indices.
  const std::size_t n = sentences.size();
  std::vector<std::vector<TokenInfo>> infos(n);
  std::vector<std::vector<std::uint64_t>> static_hashes(n);
  std::vector<std::vector<std::uint32_t>> static_offsets(n);
  TrainingWeights first_weights;
  std::vector<PreparedSentence> first_prepared(n);
  std::unordered_map<std::uint64_t, std::uint32_t> feature_frequency;
  for (std::size_t k = 0; k < n; ++k) {
    SentenceFeatures f;
    sentence_features(sentences[k].words, &vocabulary, folds > 1 ? fold_indices[std::size_t(fold_of(k))] : full_index,
                      clusters, f);
    infos[k] = std::move(f.infos);
    for (std::uint64_t h : f.hashes) ++feature_frequency[h];
    static_hashes[k] = std::move(f.hashes);
    static_offsets[k] = std::move(f.offsets);
  }
  // Features seen fewer than min_feature_count times get no weight (a regulariser without a rate to tune).
  auto kept = [&](std::uint64_t h) { return feature_frequency[h] >= std::uint32_t(std::max(1, options.min_feature_count)); };
  for (std::size_t k = 0; k < n; ++k) {
    PreparedSentence& p = first_prepared[k];
    p.offsets.assign(1, 0);
    for (std::size_t i = 0; i + 1 < static_offsets[k].size(); ++i) {
      for (std::uint32_t j = static_offsets[k][i]; j < static_offsets[k][i + 1]; ++j)
        if (kept(static_hashes[k][j])) p.rows.push_back(first_weights.row_of(static_hashes[k][j]));
      p.offsets.push_back(std::uint32_t(p.rows.size()));
    }
  }

  // Averaged, int16-quantised weights of one pass, appended to entries; zero rows are dropped.
  auto quantise = [](const TrainingWeights& weights, std::uint64_t salt, double o_penalty,
                     std::vector<Model::Row>& entries, float& scale, std::int32_t& quantised_o_penalty) {
    const std::size_t first_entry = entries.size();
    const double time = double(weights.time);
    std::vector<double> averaged(weights.rows.size() * kNerTagCount);
    double max_abs = 1e-9;
    for (std::size_t r = 0; r < weights.rows.size(); ++r)
      for (int t = 0; t < kNerTagCount; ++t) {
        double a = weights.rows[r].w[t] - weights.rows[r].u[t] / time;
        averaged[r * kNerTagCount + t] = a;
        max_abs = std::max(max_abs, std::abs(a));
      }
    scale = float(32000.0 / max_abs);
    quantised_o_penalty = std::int32_t(std::lround(o_penalty * scale));
    // Pass 2 trains on salted keys (its rows apart from pass 1's); stored, both passes share a row.
    const int half = salt ? kNerTagCount : 0;
    for (std::size_t r = 0; r < weights.rows.size(); ++r) {
      Model::Row row;
      row.key = weights.keys[r] ^ salt;
      bool nonzero = false;
      for (int t = 0; t < kNerTagCount; ++t) {
        long q = std::lround(averaged[r * kNerTagCount + t] * scale);
        row.w[half + t] = std::int16_t(std::clamp<long>(q, -32767, 32767));
        nonzero |= row.w[half + t] != 0;
      }
      if (nonzero) entries.push_back(row);
    }
    std::unordered_set<std::uint64_t> kept;
    for (std::size_t e = first_entry; e < entries.size(); ++e) kept.insert(entries[e].key);
    auto add_markers = [&](const std::unordered_set<std::uint64_t>& hashes, auto key_of, auto marker_of) {
      std::vector<std::uint64_t> sorted(hashes.begin(), hashes.end());
      std::sort(sorted.begin(), sorted.end());
      for (std::uint64_t h : sorted)
        for (int p = 0; p < kPrevCount; ++p)
          if (kept.count(key_of(p, h))) {
            Model::Row marker;
            marker.key = marker_of(h);
            entries.push_back(marker);
            break;
          }
    };
    add_markers(weights.history_words, [](int p, std::uint64_t h) { return prev_word_feature(p, h); }, word_history_marker);
    add_markers(weights.history_cores, [](int p, std::uint64_t h) { return prev_core_feature(p, h); }, core_history_marker);
  };
  auto assemble = [&](const TrainingWeights& first, const TrainingWeights* second) {
    auto tagger = std::unique_ptr<NerTagger>(new NerTagger());
    Model& m = *tagger->model_;
    m.vocabulary = vocabulary;
    m.gazetteers = gazetteers;
    m.clusters = clusters;
    m.labels = full_labels;
    m.dictionary = dictionary;
    std::vector<Model::Row> entries;
    quantise(first, 0, options.o_penalty, entries, m.scale, m.o_penalty);
    if (second) {
      float scale2 = 1.0f;
      quantise(*second, kSecondPassSalt, options.second_o_penalty, entries, scale2, m.o_penalty2);
      m.window = options.window;
    }
    // Deterministic table layout: insert by key order.
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    std::vector<Model::Row> merged;  // one row per key: the passes fill different halves, markers are zero
    for (const auto& e : entries) {
      if (merged.empty() || merged.back().key != e.key) {
        merged.push_back(e);
        continue;
      }
      for (int t = 0; t < 2 * kNerTagCount; ++t)
        if (e.w[t]) merged.back().w[t] = e.w[t];
    }
    entries = std::move(merged);
    m.build_table(std::move(entries));
    m.index_everything();
    return tagger;
  };

  run_perceptron(first_weights, sentences, infos, first_prepared, 0, options.epochs, options.seed, options.margin,
                 options.o_margin, [&](int epoch) {
    if (options.on_epoch) options.on_epoch(1, epoch, *assemble(first_weights, nullptr));
  });
  if (options.window <= 0 || options.stack_folds < 2 || n < std::size_t(options.stack_folds))
    return assemble(first_weights, nullptr);
  first_prepared.clear();

  // First-pass tags of the training sentences, each contiguous block tagged by a one-pass model trained on
  // the other blocks, so that the second pass learns how far first-pass tags of unseen text can be trusted.
  std::vector<std::vector<int>> first_tags(n);
  NerTrainOptions inner = options;
  inner.clusters = &clusters;
  inner.dictionary.clear();
  inner.dictionary_hashes = dictionary_hashes;
  inner.window = 0;
  inner.on_epoch = nullptr;
  for (int b = 0; b < options.stack_folds; ++b) {
    std::size_t begin = n * std::size_t(b) / std::size_t(options.stack_folds);
    std::size_t end = n * std::size_t(b + 1) / std::size_t(options.stack_folds);
    std::vector<NerSentence> others;
    others.reserve(n - (end - begin));
    for (std::size_t k = 0; k < n; ++k)
      if (k < begin || k >= end) others.push_back(sentences[k]);
    auto block_model = train(others, inner);
    for (std::size_t k = begin; k < end; ++k) first_tags[k] = block_model->tag_indices(sentences[k].words);
  }

  TrainingWeights second_weights;
  std::vector<PreparedSentence> second_prepared(n);
  std::vector<const std::vector<TokenInfo>*> info_pointers(n);
  for (std::size_t k = 0; k < n; ++k) info_pointers[k] = &infos[k];
  std::vector<std::uint64_t> extra;
  slide_window(n, std::size_t(options.window - 1), info_pointers, first_tags, [&](std::size_t k, const WindowCounts& window) {
    PreparedSentence& p = second_prepared[k];
    p.offsets.assign(1, 0);
    for (std::size_t i = 0; i < infos[k].size(); ++i) {
      for (std::uint32_t j = static_offsets[k][i]; j < static_offsets[k][i + 1]; ++j)
        if (kept(static_hashes[k][j])) p.rows.push_back(second_weights.row_of(static_hashes[k][j] ^ kSecondPassSalt));
      extra.clear();
      document_features(infos[k], first_tags[k], i, window, extra);
      for (std::uint64_t h : extra) p.rows.push_back(second_weights.row_of(h ^ kSecondPassSalt));
      p.offsets.push_back(std::uint32_t(p.rows.size()));
    }
  });
  run_perceptron(second_weights, sentences, infos, second_prepared, kSecondPassSalt, options.epochs, options.seed + 1,
                 options.margin, options.o_margin, [&](int epoch) {
                   if (options.on_epoch) options.on_epoch(2, epoch, *assemble(first_weights, &second_weights));
                 });
  return assemble(first_weights, &second_weights);
}

// ---- persistence ----
//
// Binary, little-endian:
//   "ISNADNER" u32 format-version u32 feature-version u32 tag-count f32 scale i32 o-penalty
//   i32 second-pass-o-penalty i32 window (0: one pass)
//   u64 vocabulary-size u64[...]
//   u32 gazetteer-count, each: u32 name-length name u32 max-words u64 n u64[n] first words u64 m u64[m] phrases
//   u64 word-class-count, each (sorted by key): u64 core hash, u32 class (fine << 16 | coarse)
//   u64 label-count, each (sorted by key): u64 core hash, u16[tag-count] times the core had each tag in training
//   (format 5) u64 dictionary blocks, u64[8 · blocks] the Bloom filter of dictionary forms (0 blocks: none)
//   u64 rows, each: u64 key, i16[tag-count] pass-1 weights, i16[tag-count] pass-2 weights

namespace {

constexpr char kMagic[8] = {'I', 'S', 'N', 'A', 'D', 'N', 'E', 'R'};
// 5 adds the dictionary; models of format 4 (none) still load.
constexpr std::uint32_t kFormatVersion = 5;

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
  put(out, m.o_penalty2);
  put(out, m.window);
  put_sorted(out, m.vocabulary);
  put(out, std::uint32_t(m.gazetteers.size()));
  for (const auto& g : m.gazetteers) {
    put(out, std::uint32_t(g.name.size()));
    out += g.name;
    put(out, std::uint32_t(g.max_words));
    put_sorted(out, g.first_words);
    put_sorted(out, g.phrases);
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> classes(m.clusters.begin(), m.clusters.end());
  std::sort(classes.begin(), classes.end());
  put(out, std::uint64_t(classes.size()));
  for (const auto& [key, value] : classes) {
    put(out, key);
    put(out, value);
  }
  std::vector<std::pair<std::uint64_t, LabelCounts>> labels(m.labels.begin(), m.labels.end());
  std::sort(labels.begin(), labels.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  put(out, std::uint64_t(labels.size()));
  for (const auto& [key, counts] : labels) {
    put(out, key);
    put(out, counts);
  }
  put(out, m.dictionary.blocks);
  out.append(reinterpret_cast<const char*>(m.dictionary.bits.data()), m.dictionary.bits.size() * sizeof(std::uint64_t));
  std::vector<Model::Row> rows;
  for (std::size_t i = 0; i < m.keys.size(); ++i)
    if (m.keys[i]) {
      Model::Row r;
      r.key = m.keys[i];
      std::copy(&m.weights[i * 2 * kNerTagCount], &m.weights[i * 2 * kNerTagCount] + 2 * kNerTagCount, r.w);
      rows.push_back(r);
    }
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
  const auto format = in.get<std::uint32_t>();
  if (format != kFormatVersion && format != 4) return fail("unsupported model format version");
  if (in.get<std::uint32_t>() != kFeatureVersion) return fail("model was trained with other features; retrain it");
  if (in.get<std::uint32_t>() != kNerTagCount) return fail("unexpected tag count");
  auto tagger = std::unique_ptr<NerTagger>(new NerTagger());
  Model& m = *tagger->model_;
  m.scale = in.get<float>();
  m.o_penalty = in.get<std::int32_t>();
  m.o_penalty2 = in.get<std::int32_t>();
  m.window = in.get<std::int32_t>();
  if (m.window < 0 || m.window > 1000) return fail("corrupt window");
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
  auto class_count = in.get<std::uint64_t>();
  if (!in.ok || class_count > (data.size() - in.at) / 12) return fail("truncated word classes");
  m.clusters.reserve(class_count);
  for (std::uint64_t i = 0; i < class_count; ++i) {
    auto key = in.get<std::uint64_t>();
    m.clusters[key] = in.get<std::uint32_t>();
  }
  auto label_count = in.get<std::uint64_t>();
  if (!in.ok || label_count > (data.size() - in.at) / (8 + sizeof(LabelCounts))) return fail("truncated label counts");
  m.labels.reserve(label_count);
  for (std::uint64_t i = 0; i < label_count; ++i) {
    auto key = in.get<std::uint64_t>();
    m.labels[key] = in.get<LabelCounts>();
  }
  if (format >= 5) {
    auto blocks = in.get<std::uint64_t>();
    if (!in.ok || blocks > (data.size() - in.at) / 64) return fail("truncated dictionary");
    m.dictionary.blocks = blocks;
    m.dictionary.bits.resize(blocks * 8);
    if (blocks) std::memcpy(m.dictionary.bits.data(), data.data() + in.at, blocks * 64);  // no dictionary: no bits
    in.at += blocks * 64;
  }
  auto n = in.get<std::uint64_t>();
  constexpr std::size_t kRowBytes = 8 + 2 * 2 * kNerTagCount;
  if (!in.ok || n > (data.size() - in.at) / kRowBytes) return fail("truncated");
  std::vector<Model::Row> rows(n);
  for (auto& r : rows) {
    r.key = in.get<std::uint64_t>();
    std::memcpy(r.w, data.data() + in.at, sizeof r.w);
    in.at += sizeof r.w;
  }
  if (!in.ok || in.at != data.size()) return fail("truncated or trailing bytes");
  m.build_table(std::move(rows));
  m.index_everything();
  return tagger;
}

const NerTagger* NerTagger::default_model() {
  static const std::unique_ptr<NerTagger> model = load(model_path("ISNAD_NER_MODEL", "ner.model"), nullptr);
  return model.get();
}

// ---- hunspell dictionaries ----

namespace {

// One SFX rule: strip `strip` from the end of a word whose end matches `condition`, append `add`; the new form
// may take the suffixes of `continuation` in turn.
struct SuffixRule {
  struct Atom {
    bool any = false, negated = false;
    std::u32string chars;
    bool matches(char32_t c) const { return any || (chars.find(c) != std::u32string::npos) != negated; }
  };
  std::u32string strip, add;
  std::string continuation;
  std::vector<Atom> condition;  // matched against the last condition.size() letters of the word

  bool applies_to(std::u32string_view word) const {
    if (word.size() < strip.size() || word.substr(word.size() - strip.size()) != strip) return false;
    if (word.size() < condition.size()) return false;
    const std::size_t base = word.size() - condition.size();
    for (std::size_t k = 0; k < condition.size(); ++k)
      if (!condition[k].matches(word[base + k])) return false;
    return true;
  }
};

// hunspell's condition syntax: literal letters, "." (any letter), "[abc]", "[^abc]".
std::vector<SuffixRule::Atom> parse_condition(std::u32string_view pattern) {
  std::vector<SuffixRule::Atom> atoms;
  if (pattern == U".") return atoms;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    SuffixRule::Atom atom;
    if (pattern[i] == U'.') {
      atom.any = true;
    } else if (pattern[i] == U'[') {
      std::size_t close = pattern.find(U']', i);
      if (close == std::u32string_view::npos) close = pattern.size();
      std::u32string_view inside = pattern.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside[0] == U'^') atom.negated = true, inside.remove_prefix(1);
      atom.chars = inside;
      i = close;
    } else {
      atom.chars = pattern[i];
    }
    atoms.push_back(std::move(atom));
  }
  return atoms;
}

std::vector<std::string> whitespace_fields(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

}  // namespace

std::vector<std::u32string> hunspell_word_forms(std::istream& dic, std::istream* aff, int suffix_levels) {
  enum class FlagType { kChar, kLong, kNumber } flag_type = FlagType::kChar;
  std::vector<std::string> aliases;  // AF: flag sets numbered from 1
  std::unordered_map<std::string, std::vector<SuffixRule>> suffixes;
  auto split_flags = [&](const std::string& flags) {
    std::vector<std::string> out;
    if (flag_type == FlagType::kLong) {
      for (std::size_t i = 0; i < flags.size(); i += 2) out.push_back(flags.substr(i, 2));
    } else if (flag_type == FlagType::kNumber) {
      std::istringstream in(flags);
      for (std::string f; std::getline(in, f, ',');) out.push_back(f);
    } else {
      for (char32_t c : to_u32(flags)) out.push_back(encode_utf8(std::u32string(1, c)));
    }
    return out;
  };
  // A flag field as written: an AF alias number, or the flags themselves.
  auto resolve = [&](const std::string& field) {
    if (!aliases.empty() && !field.empty() && std::all_of(field.begin(), field.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      std::size_t n = std::stoul(field);
      if (n >= 1 && n <= aliases.size()) return aliases[n - 1];
    }
    return field;
  };
  if (aff) {
    std::unordered_map<std::string, int> rules_left;  // a rule block's header gives its rule count
    for (std::string line; std::getline(*aff, line);) {
      auto f = whitespace_fields(line);
      if (f.size() >= 2 && f[0] == "FLAG") {
        flag_type = f[1] == "long" ? FlagType::kLong : f[1] == "num" ? FlagType::kNumber : FlagType::kChar;
      } else if (f.size() >= 2 && f[0] == "AF") {
        if (rules_left["AF"] > 0) {
          aliases.push_back(f[1]);
          --rules_left["AF"];
        } else {
          rules_left["AF"] = std::atoi(f[1].c_str());
        }
      } else if (f.size() >= 4 && f[0] == "SFX") {
        int& left = rules_left["SFX " + f[1]];
        if (left <= 0) {
          left = std::atoi(f[3].c_str());
          continue;
        }
        --left;
        SuffixRule rule;
        if (f[2] != "0") rule.strip = to_u32(f[2]);
        std::string add = f[3];
        if (auto slash = add.find('/'); slash != std::string::npos) {
          rule.continuation = resolve(add.substr(slash + 1));
          add.resize(slash);
        }
        if (add != "0") rule.add = to_u32(add);
        rule.condition = parse_condition(f.size() >= 5 ? to_u32(f[4]) : U".");
        suffixes[f[1]].push_back(std::move(rule));
      }
    }
  }
  std::vector<std::u32string> forms;
  auto keep = [&](std::u32string_view form) {
    std::u32string n = normalize(form);
    if (n.size() >= 2 && std::all_of(n.begin(), n.end(), is_arabic_letter)) forms.push_back(std::move(n));
  };
  std::function<void(const std::u32string&, const std::string&, int)> derive = [&](const std::u32string& word,
                                                                                      const std::string& flags, int level) {
    if (level > suffix_levels) return;
    for (const auto& flag : split_flags(flags)) {
      auto it = suffixes.find(flag);
      if (it == suffixes.end()) continue;
      for (const auto& rule : it->second) {
        if (!rule.applies_to(word)) continue;
        std::u32string form = word.substr(0, word.size() - rule.strip.size()) + rule.add;
        keep(form);
        if (!rule.continuation.empty()) derive(form, rule.continuation, level + 1);
      }
    }
  };
  bool first = true;
  for (std::string line; std::getline(dic, line);) {
    if (first && !line.empty() && std::all_of(line.begin(), line.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' ' || c == '\t' || c == '\r'; })) {
      first = false;
      continue;  // the entry count
    }
    first = false;
    auto fields = whitespace_fields(line);
    if (fields.empty()) continue;
    std::string entry = fields[0], flags;
    if (auto slash = entry.find('/'); slash != std::string::npos) {
      flags = resolve(entry.substr(slash + 1));
      entry.resize(slash);
    }
    auto decoded = decode_utf8(entry);
    if (!decoded.ok) continue;
    keep(decoded.text);
    if (!flags.empty()) derive(decoded.text, flags, 1);
  }
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
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

// ---- hierarchical word classes (isnad train-clusters) ----

namespace {

using SparseVector = std::vector<std::pair<std::uint32_t, float>>;  // (dimension, value), L2-normalised

// Spherical k-means of the vectors `members` into k classes (k-means++ seeding from an mt19937_64 stream, then
// Lloyd iterations): the class of each member, in member order. Deterministic.
std::vector<std::uint32_t> kmeans_of(const std::vector<SparseVector>& vectors, const std::vector<std::uint32_t>& members,
                                     std::size_t dims, int k, int iterations, std::uint64_t seed) {
  const std::size_t n = members.size(), K = std::size_t(std::max(1, std::min<int>(k, int(n))));
  std::vector<std::uint32_t> assignment(n, 0);
  if (n == 0 || K == 1) return assignment;
  std::vector<float> centroids(dims * K, 0.0f);  // transposed: centroids[d * K + c]
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return double(rng() >> 11) * 0x1.0p-53; };
  std::vector<double> distance(n, 2.0);
  std::size_t pick = std::size_t(rng() % n);
  for (std::size_t c = 0; c < K; ++c) {
    if (c > 0) {
      double total = 0;
      for (double d : distance) total += d;
      double r = uniform() * total;
      pick = n - 1;
      for (std::size_t i = 0; i < n; ++i)
        if ((r -= distance[i]) <= 0) {
          pick = i;
          break;
        }
    }
    for (auto [d, x] : vectors[members[pick]]) centroids[d * K + c] = x;
    for (std::size_t i = 0; i < n; ++i) {
      double dot = 0;
      for (auto [d, x] : vectors[members[i]]) dot += double(x) * centroids[d * K + c];
      distance[i] = std::min(distance[i], std::max(0.0, 2.0 - 2.0 * dot));
    }
  }
  std::vector<float> scores(K);
  for (int iteration = 0; iteration < iterations; ++iteration) {
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
      std::fill(scores.begin(), scores.end(), 0.0f);
      for (auto [d, x] : vectors[members[i]]) {
        const float* row = &centroids[d * K];
        for (std::size_t c = 0; c < K; ++c) scores[c] += x * row[c];
      }
      auto best = std::uint32_t(std::max_element(scores.begin(), scores.end()) - scores.begin());
      changed |= best != assignment[i];
      assignment[i] = best;
    }
    if (!changed && iteration > 0) break;
    std::vector<float> next(dims * K, 0.0f);
    std::vector<std::size_t> sizes(K, 0);
    for (std::size_t i = 0; i < n; ++i) {
      ++sizes[assignment[i]];
      for (auto [d, x] : vectors[members[i]]) next[d * K + assignment[i]] += x;
    }
    for (std::size_t c = 0; c < K; ++c) {
      if (sizes[c] == 0) {  // an emptied class keeps its centroid
        for (std::size_t d = 0; d < dims; ++d) next[d * K + c] = centroids[d * K + c];
        continue;
      }
      double norm = 0;
      for (std::size_t d = 0; d < dims; ++d) norm += double(next[d * K + c]) * next[d * K + c];
      if (norm <= 0) continue;
      float inv = float(1.0 / std::sqrt(norm));
      for (std::size_t d = 0; d < dims; ++d) next[d * K + c] *= inv;
    }
    centroids.swap(next);
  }
  return assignment;
}

}  // namespace

struct WordClassLearner::State {
  std::vector<std::uint64_t> cores;  // every token's core, sentences separated by kBoundary
  std::unordered_map<std::uint64_t, std::uint32_t> counts;
  std::unordered_map<std::uint64_t, std::u32string> examples;
  WordIndex plain = index_words(nullptr);
  std::vector<TokenInfo> infos;
  const std::uint64_t boundary = hash_chars(U"<s>");
};

WordClassLearner::WordClassLearner() : state_(std::make_unique<State>()) { state_->cores.push_back(state_->boundary); }
WordClassLearner::~WordClassLearner() = default;
std::size_t WordClassLearner::tokens() const { return state_->cores.size(); }
std::uint32_t WordClassLearner::count(std::uint64_t core) const {
  auto it = state_->counts.find(core);
  return it == state_->counts.end() ? 0 : it->second;
}
std::u32string WordClassLearner::example(std::uint64_t core) const {
  auto it = state_->examples.find(core);
  return it == state_->examples.end() ? std::u32string() : it->second;
}

void WordClassLearner::add_sentence(const std::vector<std::u32string>& words) {
  State& st = *state_;
  if (words.empty()) return;
  analyse(words, nullptr, st.plain, st.infos);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::uint64_t core = st.infos[i].core;
    st.cores.push_back(core);
    if (st.counts[core]++ == 0) st.examples.emplace(core, words[i]);
  }
  st.cores.push_back(st.boundary);
}

std::unordered_map<std::uint64_t, std::uint32_t> WordClassLearner::learn(const WordClassOptions& options) const {
  const State& st = *state_;
  auto log = [&](const std::string& m) {
    if (options.log) options.log(m);
  };
  // Types by frequency (ties by hash): the first `contexts` are the context words, the boundary among them.
  std::vector<std::pair<std::uint32_t, std::uint64_t>> types;
  for (const auto& [h, f] : st.counts) types.push_back({f, h});
  types.push_back({std::uint32_t(-1), st.boundary});
  std::sort(types.begin(), types.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::unordered_map<std::uint64_t, std::uint32_t> type_id, context_id;
  std::vector<std::uint64_t> vocabulary;  // cores with a class, by type id
  for (const auto& [f, h] : types) {
    if (context_id.size() < std::size_t(std::max(1, options.contexts))) context_id.emplace(h, std::uint32_t(context_id.size()));
    if (h != st.boundary && f >= std::uint32_t(std::max(1, options.min_count))) {
      type_id.emplace(h, std::uint32_t(vocabulary.size()));
      vocabulary.push_back(h);
    }
  }
  const std::size_t C = context_id.size(), W = std::size_t(std::max(1, options.window));
  const std::size_t dims = 2 * W * C;  // dimension (side, distance, context)
  log("word classes: " + std::to_string(st.cores.size()) + " tokens, " + std::to_string(vocabulary.size()) +
      " cores seen at least " + std::to_string(options.min_count) + " times, " + std::to_string(C) + " context words");
  // Co-occurrence pairs (type << 32 | dimension), sorted and counted.
  std::vector<std::uint64_t> pairs;
  std::vector<std::int64_t> context_of(st.cores.size(), -1);
  for (std::size_t i = 0; i < st.cores.size(); ++i)
    if (auto it = context_id.find(st.cores[i]); it != context_id.end()) context_of[i] = it->second;
  for (std::size_t i = 0; i < st.cores.size(); ++i) {
    if (st.cores[i] == st.boundary) continue;
    auto it = type_id.find(st.cores[i]);
    if (it == type_id.end()) continue;
    const std::uint64_t type = std::uint64_t(it->second) << 32;
    for (std::size_t d = 1; d <= W; ++d) {
      // Contexts beyond a sentence boundary are not seen: the boundary itself is the last context.
      if (i >= d) {
        if (context_of[i - d] >= 0) pairs.push_back(type | ((d - 1) * C + std::size_t(context_of[i - d])));
        if (st.cores[i - d] == st.boundary) break;
      }
    }
    for (std::size_t d = 1; d <= W; ++d) {
      if (i + d < st.cores.size()) {
        if (context_of[i + d] >= 0) pairs.push_back(type | ((W + d - 1) * C + std::size_t(context_of[i + d])));
        if (st.cores[i + d] == st.boundary) break;
      }
    }
  }
  context_of.clear();
  context_of.shrink_to_fit();
  std::sort(pairs.begin(), pairs.end());
  std::vector<SparseVector> vectors(vocabulary.size());
  for (std::size_t a = 0; a < pairs.size();) {
    std::size_t b = a;
    while (b < pairs.size() && pairs[b] == pairs[a]) ++b;
    vectors[pairs[a] >> 32].push_back({std::uint32_t(pairs[a] & 0xFFFFFFFFu), float(b - a)});
    a = b;
  }
  pairs.clear();
  pairs.shrink_to_fit();
  if (options.ppmi) {
    // Positive PMI with context-distribution smoothing (Levy, Goldberg & Dagan 2015: counts of a context raised to
    // 0.75), then unit L2 norm: log n(w,c) − log n(w) − log P₀.₇₅(c), negative values dropped.
    std::vector<double> context_total(dims, 0.0);
    for (const auto& v : vectors)
      for (auto [d, x] : v) context_total[d] += x;
    double smoothed_sum = 0;
    for (double& c : context_total) smoothed_sum += (c = std::pow(c, 0.75));
    for (auto& v : vectors) {
      double total = 0;
      for (auto [d, x] : v) total += x;
      SparseVector kept;
      double norm = 0;
      for (auto [d, x] : v) {
        const double pmi = std::log(double(x)) - std::log(total) - std::log(context_total[d] / smoothed_sum);
        if (pmi > 0) kept.push_back({d, float(pmi)}), norm += pmi * pmi;
      }
      for (auto& [d, x] : kept) x = float(x / std::sqrt(norm));
      v = std::move(kept);
    }
  } else {
    for (auto& v : vectors) {  // Hellinger: square roots of relative counts (unit L2 norm)
      double total = 0;
      for (auto [d, x] : v) total += x;
      for (auto& [d, x] : v) x = float(std::sqrt(x / total));
    }
  }
  // Top-down splits: members of each class at the current level, in type order.
  std::vector<std::uint32_t> all;
  for (std::uint32_t i = 0; i < vectors.size(); ++i)
    if (!vectors[i].empty()) all.push_back(i);
  std::vector<std::vector<std::uint32_t>> groups = {all};
  std::vector<std::array<std::uint32_t, 3>> path(vectors.size(), {0, 0, 0});  // 1-based class per level
  const std::size_t levels = std::min<std::size_t>(3, options.branching.size());
  for (std::size_t level = 0; level < levels; ++level) {
    std::vector<std::vector<std::uint32_t>> next;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      auto assignment = kmeans_of(vectors, groups[g], dims, options.branching[level], options.iterations,
                                  options.seed + level * 1000003 + g);
      const std::size_t base = next.size();
      std::uint32_t used = 0;
      for (auto a : assignment) used = std::max(used, a + 1);
      next.resize(base + used);
      for (std::size_t i = 0; i < groups[g].size(); ++i) next[base + assignment[i]].push_back(groups[g][i]);
    }
    std::vector<std::vector<std::uint32_t>> kept;  // empty classes dropped, ids dense
    for (auto& members : next)
      if (!members.empty()) {
        for (auto m : members) path[m][level] = std::uint32_t(kept.size() + 1);
        kept.push_back(std::move(members));
      }
    groups = std::move(kept);
    log("word classes: level " + std::to_string(level + 1) + ": " + std::to_string(groups.size()) + " classes");
  }
  std::unordered_map<std::uint64_t, std::uint32_t> out;
  for (std::uint32_t i = 0; i < vectors.size(); ++i) {
    if (vectors[i].empty()) continue;
    const std::uint32_t top = std::min<std::uint32_t>(path[i][0], 127);
    const std::uint32_t mid = levels >= 2 ? std::min<std::uint32_t>(path[i][1], 255) : top;
    const std::uint32_t leaf = std::min<std::uint32_t>(path[i][levels - 1], 65535);
    out[vocabulary[i]] = leaf << 16 | kWordClassHierarchical | mid << 7 | top;
  }
  return out;
}

bool save_word_classes(const std::string& path, const std::unordered_map<std::uint64_t, std::uint32_t>& classes,
                       const WordClassLearner* learner, std::string* error) {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> rows;
  for (const auto& [core, value] : classes) rows.push_back({value, core});
  std::sort(rows.begin(), rows.end());
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    if (error) *error = "cannot write " + path;
    return false;
  }
  char buffer[64];
  for (const auto& [value, core] : rows) {
    std::snprintf(buffer, sizeof buffer, "%08x\t%016llx", value, static_cast<unsigned long long>(core));
    out << buffer;
    if (learner) out << '\t' << learner->count(core) << '\t' << encode_utf8(learner->example(core));
    out << '\n';
  }
  out.flush();
  if (!out) {
    if (error) *error = "cannot write " + path;
    return false;
  }
  return true;
}

bool load_word_classes(const std::string& path, std::unordered_map<std::uint64_t, std::uint32_t>& classes, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    if (error) *error = "cannot open " + path;
    return false;
  }
  classes.clear();
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    char* end = nullptr;
    const unsigned long value = std::strtoul(line.c_str(), &end, 16);
    if (!end || *end != '\t') {
      if (error) *error = path + ": malformed line: " + line;
      return false;
    }
    char* end2 = nullptr;
    const unsigned long long core = std::strtoull(end + 1, &end2, 16);
    if (end2 == end + 1 || value > 0xFFFFFFFFul) {
      if (error) *error = path + ": malformed line: " + line;
      return false;
    }
    classes[std::uint64_t(core)] = std::uint32_t(value);
  }
  return true;
}

}  // namespace isnad
