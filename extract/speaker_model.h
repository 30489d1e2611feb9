// Who speaks at a cue occurrence, learned: a linear ranker over the candidate speakers (the entities named
// around the cue, the rules' own pick, the current speaker of the discourse) and "nobody", trained as an
// averaged perceptron on annotated articles (`isnad train-speaker`, news-gold train). The rules of
// extract/statements.cpp become its features; the model decides between them.
//   "وقال وزير الخارجية، سامح شكري، إن ..." → شكري (first person after the title chain), not the ministry;
//   "وأوضح، خلال لقائه بالسفير فلان، أن ..." → the current speaker, not the ambassador after بـ.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace isnad {

// One option of a decision: an entity index of the document, or kNobody, with its feature names.
struct SpeakerCandidate {
  static constexpr int kNobody = -1;
  int entity = kNobody;
  std::vector<std::string> features;
};

class SpeakerModel {
 public:
  double score(const SpeakerCandidate& c) const;
  // The highest-scoring candidate (the first on ties, so candidates are listed in a fixed order).
  std::size_t best(const std::vector<SpeakerCandidate>& candidates) const;

  // Text format, one "feature<TAB>weight" a line, sorted by feature: small, diffable, byte-stable.
  static std::unique_ptr<SpeakerModel> load(const std::string& path, std::string* error);
  // Writes that format atomically (a temporary file renamed into place).
  bool save(const std::string& path, std::string* error) const;
  // $ISNAD_SPEAKER_MODEL, else ISNAD_MODEL_DIR/speaker.model; nullptr when there is none (the rules decide).
  static const SpeakerModel* default_model();

  std::unordered_map<std::string, double> weights;
};

// Averaged perceptron over rankings: each decision with a known answer moves the weights toward the gold
// candidate's features and away from the predicted one's.
class SpeakerTrainer {
 public:
  // The gold answer for the decision at a cue: the index of a candidate, or -1 when the cue has no gold
  // statement or its gold speaker is none of the candidates (the right call is then "nobody").
  struct Gold {
    std::size_t cue_start = 0;             // code point offset of the cue in the original text
    std::vector<std::u32string> speaker;   // the gold speaker's names, normalised (name keys)
    bool used = false;
  };
  std::vector<Gold> gold;  // of the document being attributed, set by the caller before find_statements

  // Records the decision (its gold answer from `gold` and the names of each candidate entity; `rule` is the
  // index of the rules' pick, for the figures) and updates. Returns the index the current weights choose, so
  // that training follows its own predictions (the current speaker of the discourse is the model's own).
  std::size_t decide(std::size_t cue_start, const std::vector<SpeakerCandidate>& candidates,
                     const std::vector<std::vector<std::u32string>>& candidate_names, std::size_t rule);
  SpeakerModel averaged() const;

  // Figures of the current pass: decisions, those at a gold cue, those whose gold speaker is a candidate, right ones.
  std::size_t decisions = 0, with_gold = 0, gold_reachable = 0, correct = 0, rule_correct = 0;

 private:
  SpeakerModel current_;
  std::unordered_map<std::string, double> stamped_;  // sum of time × update: averaged = w − stamped / time
  std::uint64_t time_ = 1;
  void add(const std::string& feature, double delta);
};

// The name keys the scorer compares: normalised, with و/ف/ب/ل/ك clitics stripped ("وبوتين" → "بوتين").
std::vector<std::u32string> speaker_name_keys(const std::string& name);

}  // namespace isnad
