// isnad train-speaker: learns who speaks at a cue (extract/speaker_model.h) from annotated articles in the
// news-gold layout: DIR/texts/ID.txt, DIR/texts/ID.dct (publication date), DIR/gold/ID.json.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "pipeline.h"
#include "speaker_model.h"
#include "statements.h"
#include "text.h"

namespace isnad::app {

namespace {

struct Example {
  Document doc;
  std::vector<SpeakerTrainer::Gold> gold;
};

bool arabic_letter(char32_t c) { return c >= 0x0621 && c <= 0x064A; }

// Each gold statement's cue, found in the text in order ("قال" in "وقال", not in "انتقال"): the aligner that
// ties a gold act to the cue occurrence the attributor decides on. Returns how many could not be placed.
std::size_t align(const std::u32string& text, const nlohmann::json& gold, std::vector<SpeakerTrainer::Gold>& out) {
  std::size_t pos = 0, unplaced = 0;
  for (const auto& st : gold.value("statements", nlohmann::json::array())) {
    std::u32string cue = to_u32(st.value("cue", ""));
    std::vector<std::u32string> speaker;
    for (const auto& e : gold.value("entities", nlohmann::json::array()))
      if (e.value("id", "") == st.value("speaker", ""))
        for (const auto& n : e.value("names", nlohmann::json::array()))
          for (auto& k : speaker_name_keys(n.get<std::string>())) speaker.push_back(std::move(k));
    std::size_t found = std::u32string::npos;
    for (std::size_t at = text.find(cue, pos); !cue.empty() && at != std::u32string::npos; at = text.find(cue, at + 1)) {
      // At a word start, after at most two clitic letters (و ف ب ل ك).
      std::size_t k = at;
      while (k > 0 && at - k < 2 && arabic_letter(text[k - 1]) && std::u32string_view(U"وفبلك").find(text[k - 1]) != std::u32string_view::npos) --k;
      if (k == 0 || !arabic_letter(text[k - 1])) {
        found = at;
        break;
      }
    }
    if (found == std::u32string::npos) {
      ++unplaced;
      continue;
    }
    out.push_back({found, std::move(speaker), false});
    pos = found + 1;
  }
  return unplaced;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int cmd_train_speaker(const Args& args) {
  std::string dir, out_path = "extract/models/speaker.model";
  std::vector<std::string> id_files;
  int epochs = 15, bags = 30;
  std::uint64_t seed = 0x9E3779B97F4A7C15ull;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size()) out_path = args[++i];
    else if (args[i] == "--epochs" && i + 1 < args.size()) epochs = std::stoi(args[++i]);
    else if (args[i] == "--bags" && i + 1 < args.size()) bags = std::max(1, std::stoi(args[++i]));
    else if (args[i] == "--seed" && i + 1 < args.size()) seed = std::stoull(args[++i]) * 0x9E3779B97F4A7C15ull + 1;
    else if (args[i] == "--help" || args[i] == "-h" || args[i].starts_with("--")) {
      std::fprintf(args[i] == "--help" || args[i] == "-h" ? stdout : stderr,
                   "usage: isnad train-speaker GOLD_DIR IDS.txt... [--out extract/models/speaker.model] [--epochs N] [--bags K]\n"
                   "                          [--seed N]\n"
                   "  GOLD_DIR holds texts/ID.txt, texts/ID.dct and gold/ID.json (../shared/data/news-gold);\n"
                   "  IDS.txt lists the article ids to learn from, one a line (train.txt; never dev.txt).\n"
                   "  The model is the mean of K averaged perceptrons (default 30), each trained on its own article\n"
                   "  order, which steadies it against the order of one run. The same inputs give the same model,\n"
                   "  byte for byte; --seed changes the orders (to measure how much the order still matters).\n");
      return args[i] == "--help" || args[i] == "-h" ? 0 : 2;
    } else if (dir.empty()) dir = args[i];
    else id_files.push_back(args[i]);
  }
  if (dir.empty() || id_files.empty()) {
    std::fprintf(stderr, "usage: isnad train-speaker GOLD_DIR IDS.txt... (see --help)\n");
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  std::vector<Example> examples;
  std::size_t gold_statements = 0, unplaced = 0;
  for (const auto& ids : id_files) {
    std::istringstream list(slurp(ids));
    for (std::string id; list >> id;) {
      ArticleInput input;
      std::string error;
      if (!read_article(dir + "/texts/" + id + ".txt", input, &error)) throw std::runtime_error(error);
      input.id = id;
      std::istringstream dct(slurp(dir + "/texts/" + id + ".dct"));
      dct >> input.dct;
      input.dct_source = "given";
      nlohmann::json gold = nlohmann::json::parse(slurp(dir + "/gold/" + id + ".json"));
      Example ex;
      gold_statements += gold.value("statements", nlohmann::json::array()).size();
      unplaced += align(input.text, gold, ex.gold);
      ex.doc = extract(std::move(input));
      examples.push_back(std::move(ex));
    }
  }
  std::fprintf(stderr, "train-speaker: %zu articles, %zu gold statements, %zu not placed at a cue in the text\n",
               examples.size(), gold_statements, unplaced);
  // K runs, each with articles in a new order every epoch (a perceptron learns less from the order than from the
  // examples), drawn by a fixed xorshift generator so that the model is the same bytes on every machine.
  std::vector<std::size_t> order(examples.size());
  std::uint64_t state = seed;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  SpeakerModel mean;
  std::size_t features = 0;
  for (int bag = 1; bag <= bags; ++bag) {
    SpeakerTrainer trainer;
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (int epoch = 1; epoch <= epochs; ++epoch) {
      trainer.decisions = trainer.with_gold = trainer.gold_reachable = trainer.correct = trainer.rule_correct = 0;
      if (epoch > 1 || bag > 1)
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next() % i]);
      for (std::size_t k : order) {
        Example& ex = examples[k];
        trainer.gold = ex.gold;
        find_statements(ex.doc, nullptr, &trainer);
      }
    }
    std::fprintf(stderr,
                 "run %d/%d, epoch %d: %zu decisions, %zu at a gold statement's cue (%zu with the gold speaker among the "
                 "candidates), %.3f chosen as gold (the rules: %.3f)\n",
                 bag, bags, epochs, trainer.decisions, trainer.with_gold, trainer.gold_reachable,
                 trainer.decisions ? double(trainer.correct) / double(trainer.decisions) : 0.0,
                 trainer.decisions ? double(trainer.rule_correct) / double(trainer.decisions) : 0.0);
    for (const auto& [f, w] : trainer.averaged().weights) mean.weights[f] += w / bags;
  }
  for (auto it = mean.weights.begin(); it != mean.weights.end();) {
    it->second = std::round(it->second * 1e4) / 1e4;
    it = it->second == 0 ? mean.weights.erase(it) : std::next(it);
  }
  features = mean.weights.size();
  std::string error;
  if (!mean.save(out_path, &error)) {
    std::fprintf(stderr, "train-speaker: %s\n", error.c_str());
    return 1;
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::fprintf(stderr, "train-speaker: wrote %s (%zu features) in %.1f s, peak memory %.0f MB\n", out_path.c_str(),
               features,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), usage.ru_maxrss / 1024.0);
  return 0;
}

}  // namespace isnad::app
