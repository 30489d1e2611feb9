#include "speaker_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "model_path.h"
#include "text.h"


namespace isnad {

double SpeakerModel::score(const SpeakerCandidate& c) const {
  double s = 0;
  for (const auto& f : c.features)
    if (auto it = weights.find(f); it != weights.end()) s += it->second;
  return s;
}

std::size_t SpeakerModel::best(const std::vector<SpeakerCandidate>& candidates) const {
  std::size_t best = 0;
  double best_score = 0;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    double s = score(candidates[i]);
    if (i == 0 || s > best_score) {
      best = i;
      best_score = s;
    }
  }
  return best;
}

std::unique_ptr<SpeakerModel> SpeakerModel::load(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    if (error) *error = path + ": cannot open the speaker model";
    return nullptr;
  }
  auto model = std::make_unique<SpeakerModel>();
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::size_t tab = line.rfind('\t');
    char* end = nullptr;
    double w = tab == std::string::npos ? 0 : std::strtod(line.c_str() + tab + 1, &end);
    if (tab == std::string::npos || end == line.c_str() + tab + 1) {
      if (error) *error = path + ":" + std::to_string(n) + ": expected FEATURE<TAB>WEIGHT";
      return nullptr;
    }
    model->weights[line.substr(0, tab)] = w;
  }
  return model;
}

const SpeakerModel* SpeakerModel::default_model() {
  static const std::unique_ptr<SpeakerModel> model = load(model_path("ISNAD_SPEAKER_MODEL", "speaker.model"), nullptr);
  return model.get();
}

void SpeakerTrainer::add(const std::string& feature, double delta) {
  current_.weights[feature] += delta;
  stamped_[feature] += static_cast<double>(time_) * delta;
}

std::size_t SpeakerTrainer::decide(std::size_t cue_start, const std::vector<SpeakerCandidate>& candidates,
                                   const std::vector<std::vector<std::u32string>>& candidate_names, std::size_t rule) {
  ++decisions;
  std::size_t predicted = current_.best(candidates);
  // The gold statement whose cue is written here (a cue given as "وقال" may start one character earlier).
  Gold* g = nullptr;
  for (Gold& x : gold)
    if (!x.used && x.cue_start + 2 >= cue_start && x.cue_start <= cue_start + 2) {
      g = &x;
      break;
    }
  std::size_t answer = 0;  // "nobody" unless a candidate answers to the gold speaker
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i].entity == SpeakerCandidate::kNobody) answer = i;
  if (g) {
    g->used = true;
    ++with_gold;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      bool match = false;
      for (const auto& k : candidate_names[i])
        match |= std::find(g->speaker.begin(), g->speaker.end(), k) != g->speaker.end();
      if (match && candidates[i].entity != SpeakerCandidate::kNobody) {
        answer = i;
        ++gold_reachable;
        break;
      }
    }
  }
  if (rule == answer) ++rule_correct;
  if (predicted == answer) {
    ++correct;
  } else {
    for (const auto& f : candidates[answer].features) add(f, 1);
    for (const auto& f : candidates[predicted].features) add(f, -1);
  }
  ++time_;
  return predicted;
}

SpeakerModel SpeakerTrainer::averaged() const {
  SpeakerModel m;
  for (const auto& [f, w] : current_.weights) {
    double avg = w - stamped_.at(f) / static_cast<double>(time_);
    double rounded = std::round(avg * 1e4) / 1e4;
    if (rounded != 0) m.weights[f] = rounded;
  }
  return m;
}

bool SpeakerModel::save(const std::string& path, std::string* error) const {
  std::vector<std::pair<std::string, double>> rows(weights.begin(), weights.end());
  std::sort(rows.begin(), rows.end());
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << "# isnad speaker model: averaged perceptron (isnad train-speaker); FEATURE<TAB>WEIGHT\n";
    char buf[32];
    for (const auto& [f, w] : rows) {
      std::snprintf(buf, sizeof buf, "%.4f", w);
      out << f << '\t' << buf << '\n';
    }
    if (!out) {
      if (error) *error = tmp + ": cannot write";
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    if (error) *error = path + ": cannot rename the written model into place";
    return false;
  }
  return true;
}

std::vector<std::u32string> speaker_name_keys(const std::string& name) {
  std::u32string n;
  // The scorer's normalisation: letters folded as the pipeline does, punctuation to spaces, spaces collapsed.
  for (char32_t c : normalize(to_u32(name))) {
    bool punct = c == U'"' || c == U'\'' || c == U'«' || c == U'»' || c == U'“' || c == U'”' || c == U'(' || c == U')' ||
                 c == U'[' || c == U']' || c == U'،' || c == U',' || c == U'.' || c == U':' || c == U'؛';
    if (punct || c == U' ' || c == U'\t' || c == U'\n') {
      if (!n.empty() && n.back() != U' ') n += U' ';
    } else {
      n += c;
    }
  }
  while (!n.empty() && n.back() == U' ') n.pop_back();
  std::vector<std::u32string> keys;
  if (n.empty()) return keys;
  keys.push_back(n);
  for (std::u32string p : {U"و", U"ف", U"ب", U"ل", U"وب", U"ول", U"فب", U"ك"})
    if (n.size() >= p.size() + 3 && n.compare(0, p.size(), p) == 0) keys.push_back(n.substr(p.size()));
  if (n.size() > 4 && n.compare(0, 2, U"لل") == 0) keys.push_back(U"ال" + n.substr(2));
  return keys;
}

}  // namespace isnad
