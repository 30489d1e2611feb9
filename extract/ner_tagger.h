// Statistical Arabic named-entity tagger: a first-order averaged structured perceptron over
// hashed features, decoded with Viterbi, that assigns BIO tags for PERS / LOC / ORG / MISC
// (the ANERcorp tag set).  "قال الرئيس الروسي فلاديمير بوتين" → O O O B-PERS I-PERS
// A second pass (stacking) sees the first pass's tags of the same word elsewhere in a window of
// neighbouring sentences, so that a name recognised once informs its other mentions.
//
// Input words are normalised forms (isnad::normalize) with clitics still attached and punctuation
// as separate tokens, as in doc.tokens[i].form and in ANERcorp.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace isnad {

// The tag inventory, in model order. Index 0 is "O"; B-X is odd, I-X is B-X + 1.
inline constexpr int kNerTagCount = 9;
inline constexpr std::array<std::string_view, kNerTagCount> kNerTags = {
    "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"};
// Index of a tag string, -1 if unknown. "B-PER"/"I-PER" are accepted as PERS.
int ner_tag_index(std::string_view tag);
// One tag's count in a NerTagger::training_counts() array: tag_count(counts, "B-PERS").
inline int tag_count(const std::array<int, kNerTagCount>& counts, std::string_view tag) {
  return counts[static_cast<std::size_t>(ner_tag_index(tag))];
}

// One training or evaluation sentence: normalised words and gold tag indices.
struct NerSentence {
  std::vector<std::u32string> words;
  std::vector<int> tags;
};

// A named list whose entries become features: every token covered by an entry gets "in <name>".
// Entries are normalised phrases; words separated by single spaces.
struct NerGazetteer {
  std::string name;
  std::vector<std::u32string> entries;
};

struct NerTrainOptions {
  int epochs = 12;
  std::uint64_t seed = 20240601;  // order in which sentences are visited each epoch
  // Extra gazetteers (for example first names) stored inside the model as hashed entries.
  std::vector<NerGazetteer> gazetteers;
  // > 1: names tagged in the training data become typed gazetteers, and the tags each word core was given
  // become label-count features ("الليكود": B-ORG 9 of 9 times), both built by jackknifing over this many
  // folds (sentence k belongs to fold k mod N) so that training sees them as it will see unseen text.
  int training_name_folds = 10;
  // Subtracted from the score of "O" at tagging time, in weight units: > 0 trades precision for recall.
  double o_penalty = 0.0;
  // > 0: train a second pass whose features include the first pass's tags of the same core in the
  // sentences within ±(window − 1) of the current one (1 = the sentence itself). 0: one pass.
  int window = 0;
  // The second pass trains on first-pass tags of unseen text: the training sentences are cut into this
  // many contiguous blocks, each tagged by a one-pass model trained on the others.
  int stack_folds = 5;
  // Static features seen fewer times than this in training get no weight.
  int min_feature_count = 1;
  // o_penalty for the second pass.
  double second_o_penalty = 0.0;
  // Training decodes with this many weight units added to every wrong tag (a margin, in units of one
  // perceptron update), and o_margin more to a wrong O: 0 is the plain perceptron.
  int margin = 0, o_margin = 0;
  // Unlabelled sentences (normalised words) from which distributional word classes are learnt and stored
  // in the model; empty: none. fine/coarse: numbers of classes of the two k-means clusterings.
  std::vector<std::vector<std::u32string>> unlabelled;
  int fine_clusters = 256, coarse_clusters = 32;
  // Word classes computed already (core hash → fine << 16 | coarse); used instead of `unlabelled` when set.
  const std::unordered_map<std::uint64_t, std::uint32_t>* clusters = nullptr;
  // Word forms of a general-language dictionary (normalised; for example hunspell-ar's stems and their suffixed
  // forms), stored in the model as a compact hashed set (a Bloom filter). Every token then says whether it, or
  // a reading of it without proclitics, is an ordinary word: "وبالمدينه" is (مدينه), "بوتين" is not. Empty: no
  // dictionary features.
  std::vector<std::u32string> dictionary;
  // Hashes of the dictionary computed already (by an outer train()); used instead of `dictionary` when set.
  const std::vector<std::uint64_t>* dictionary_hashes = nullptr;
  // Progress messages.
  std::function<void(const std::string&)> log;
  // Called after each epoch of pass 1 or 2 with the averaged model so far (for held-out scores); in pass 2
  // the model is the complete two-pass tagger.
  std::function<void(int pass, int epoch, const class NerTagger& averaged)> on_epoch;
};

class NerTagger {
 public:
  ~NerTagger();
  NerTagger(const NerTagger&) = delete;
  NerTagger& operator=(const NerTagger&) = delete;

  // Reads a model written by save(). Returns nullptr and sets *error on failure.
  static std::unique_ptr<NerTagger> load(const std::string& path, std::string* error);
  // The model at $ISNAD_NER_MODEL, else ISNAD_MODEL_DIR/ner.model, loaded once (thread-safe);
  // nullptr if absent or unreadable.
  static const NerTagger* default_model();
  // Trains deterministically: same sentences, options and lexicons give the same model file.
  static std::unique_ptr<NerTagger> train(const std::vector<NerSentence>& sentences, const NerTrainOptions& options);

  bool save(const std::string& path, std::string* error) const;

  // BIO tags for one sentence of normalised words. Const and thread-safe.
  std::vector<std::string> tag(const std::vector<std::u32string>& normalised_words) const;
  // Same, as indices into kNerTags.
  std::vector<int> tag_indices(const std::vector<std::u32string>& normalised_words) const;
  // BIO tags for the sentences of one document, in order. With a two-pass model the names found in
  // neighbouring sentences inform each other (better than tag() sentence by sentence).
  std::vector<std::vector<std::string>> tag_document(const std::vector<std::vector<std::u32string>>& sentences) const;
  std::vector<std::vector<int>> tag_document_indices(const std::vector<std::vector<std::u32string>>& sentences) const;

  std::size_t feature_count() const;  // stored weight rows
  // How often the training data gave each tag (kNerTags order) to the word's core (the word without clitics and
  // article); zeros for a core it never saw.
  std::array<int, kNerTagCount> training_counts(const std::u32string& normalised_word) const;
  // Whether a normalised word is an ordinary word of the model's general-language dictionary: 0 no dictionary
  // (or not an Arabic word), 1 not in it ("جولياني"), 2 in it once a conjunction or preposition is stripped
  // ("بسحب"، "وتستدعي"، also "باسم"), 3 as written only ("مباشر", and many names: "صائب"، "عريقات").
  int dictionary_status(const std::u32string& normalised_word) const;

 private:
  NerTagger();
  std::vector<std::vector<int>> tag_sentences(const std::vector<const std::vector<std::u32string>*>& sentences) const;
  struct Model;
  std::unique_ptr<Model> model_;
};

// ---- hierarchical word classes from unlabelled text (isnad train-clusters) ----
//
// A Brown-like hierarchy of word classes learnt from large unlabelled text: every word core (the word without
// و/ف, one preposition and the article, as the tagger computes it) whose count reaches `min_count` is described
// by the counts of the frequent cores around it (positions -window..-1 and +1..+window, sentence boundaries
// included), Hellinger-weighted (square roots of relative counts), and the cores are split by spherical k-means
// top-down: `branching[0]` classes, each split into `branching[1]`, and so on. A core's path through the levels
// is its class; the tagger uses the prefixes of that path as features (level 1, levels 1–2, the whole path), as
// bit-string prefixes of Brown clusters are used (Ratinov & Roth 2009).
//
// Class values, as stored in the model (ClusterMap): leaf << 16 | kWordClassHierarchical | mid << 7 | top, each
// id 1-based (0: unknown), top < 128, mid < 256 (the id of the class at level 2, unique over level 1), leaf
// < 65536 (the id of the deepest class, unique over all). Values without kWordClassHierarchical are the older
// flat classes (fine << 16 | coarse).
inline constexpr std::uint32_t kWordClassHierarchical = 0x8000;
// A second clustering (say, of other contexts) can be stored beside the first: its values carry kWordClassSecond
// (their leaf ids are then < 32768) and its keys are second_class_key(core), in the same map.
inline constexpr std::uint32_t kWordClassSecond = 0x80000000u;
inline std::uint64_t second_class_key(std::uint64_t core) {
  std::uint64_t x = core ^ 0x5EC0D0C1A55E5ull;  // splitmix64 finaliser of the salted core
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

struct WordClassOptions {
  int min_count = 5;       // cores seen fewer times get no class
  int contexts = 1000;     // the most frequent cores (and the sentence boundary) serve as context words
  int window = 2;          // context positions on each side
  std::vector<int> branching = {16, 4, 16};  // 1 to 3 levels; products < 128, < 256 and < 65536
  int iterations = 15;     // k-means iterations per split (at most)
  // Context weights: false, Hellinger (square roots of the relative counts); true, positive PMI (context counts
  // smoothed to the power 0.75). Either way each core's vector has unit length.
  bool ppmi = false;
  std::uint64_t seed = 20240601;
  std::function<void(const std::string&)> log;
};

class WordClassLearner {
 public:
  WordClassLearner();
  ~WordClassLearner();
  // One sentence of normalised words (as read_unlabelled makes them); only the core hashes are kept.
  void add_sentence(const std::vector<std::u32string>& words);
  std::size_t tokens() const;
  // Core hash → class value (see above). Deterministic: same sentences in the same order, same options.
  std::unordered_map<std::uint64_t, std::uint32_t> learn(const WordClassOptions& options) const;
  // How often each core was seen, and one written form of it (the first seen), for the class file.
  std::uint32_t count(std::uint64_t core) const;
  std::u32string example(std::uint64_t core) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Class files: one line per core, sorted by class then core hash: "class-hex core-hash-hex count example".
// Only the first two columns are read back.
bool save_word_classes(const std::string& path, const std::unordered_map<std::uint64_t, std::uint32_t>& classes,
                       const WordClassLearner* learner, std::string* error);
bool load_word_classes(const std::string& path, std::unordered_map<std::uint64_t, std::uint32_t>& classes, std::string* error);

// ---- a general-language dictionary for train-ner ----

// The normalised Arabic word forms of a hunspell dictionary: every stem of `dic` (its "/flags" and morphology
// fields dropped) and, when `aff` is given, the forms its suffix rules (SFX) derive from it, following the
// continuation flags of a rule up to `suffix_levels` rules deep (0: stems only). Prefix rules are not applied
// (the tagger strips proclitics itself). Supports FLAG long / num / single characters and AF flag aliases, as
// in hunspell-ar (Ayaspell): "كتاب/65" → كتاب, كتابه, كتابها, كتابهم, … Entries that are not Arabic letters
// only after normalisation are dropped. Sorted, without duplicates.
std::vector<std::u32string> hunspell_word_forms(std::istream& dic, std::istream* aff, int suffix_levels = 1);

// ---- CoNLL input and conlleval-style scoring ----

// A CoNLL sentence as read: tokens as written, and the last column when a line has two or more.
struct ConllSentence {
  std::vector<std::string> tokens;
  std::vector<std::string> gold;  // empty strings where a line had one column
};
// One token per line, optional tag in the last whitespace-separated column, blank line between sentences.
std::vector<ConllSentence> read_conll(std::istream& in);
// NerSentences with normalised words; lines with an unknown or missing tag count as "O".
std::vector<NerSentence> to_ner_sentences(const std::vector<ConllSentence>& conll);

// An entity chunk [begin, end) of a given type, conlleval semantics: B-X opens a chunk,
// I-X continues an open X chunk and otherwise opens one.
struct NerChunk {
  std::size_t begin = 0, end = 0;
  std::string type;
  bool operator==(const NerChunk&) const = default;
  auto operator<=>(const NerChunk&) const = default;
};
std::vector<NerChunk> ner_chunks(const std::vector<std::string>& tags);

struct NerCounts {
  std::size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? double(correct) / predicted : 0.0; }
  double recall() const { return gold ? double(correct) / gold : 0.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};
struct NerScores {
  std::map<std::string, NerCounts> per_type;
  NerCounts micro;
};
// Exact-match entity scoring of predicted against gold tag sequences (one vector per sentence).
NerScores score_entities(const std::vector<std::vector<std::string>>& gold,
                         const std::vector<std::vector<std::string>>& predicted);

}  // namespace isnad
