// Named-entity tagger commands: train-clusters, train-ner, tag, eval-ner, bench-ner.
#include <sys/resource.h>

#include <cerrno>
#include <chrono>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "commands.h"
#include "ner_tagger.h"
#include "text.h"

namespace isnad::app {

namespace {

std::vector<ConllSentence> read_conll_file(const std::string& path) {
  if (path.empty() || path == "-") return read_conll(std::cin);
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path);
  return read_conll(f);
}

// A column that can be a CoNLL tag: O, or B-/I-/E-/S- followed by a type (B-PERS, I-LOC...).
bool looks_like_tag(const std::string& c) {
  if (c == "O") return true;
  return c.size() > 2 && c[1] == '-' && std::string_view("BIES").find(c[0]) != std::string_view::npos;
}

// CoNLL when every non-blank line is one token, or tokens whose last column looks like a tag; otherwise prose.
bool looks_like_conll(const std::string& text) {
  std::istringstream in(text);
  bool any = false;
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> cols;
    for (std::string c; fields >> c;) cols.push_back(c);
    if (cols.empty()) continue;
    any = true;
    if (cols.size() > 1 && !looks_like_tag(cols.back())) return false;  // prose: several words, no tag
  }
  return any;
}

// Plain text as sentences of tokens: one sentence per non-blank line, split at white space, each punctuation mark
// or symbol a token of its own (the tagger was trained on tokens so split), so no word is silently dropped.
std::vector<ConllSentence> split_plain_text(const std::string& text) {
  std::vector<ConllSentence> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    ConllSentence sentence;
    std::u32string chars = to_u32(line);
    std::u32string word;
    auto flush = [&] {
      if (word.empty()) return;
      sentence.tokens.push_back(encode_utf8(word));
      sentence.gold.emplace_back();
      word.clear();
    };
    for (char32_t c : chars) {
      if (is_space(c) || c == U'\uFEFF') {
        flush();
      } else if (is_word_char(c)) {
        word.push_back(c);
      } else {  // punctuation and symbols: a token each, as in the CoNLL training data
        flush();
        word.push_back(c);
        flush();
      }
    }
    flush();
    if (!sentence.tokens.empty()) out.push_back(std::move(sentence));
  }
  return out;
}

// What `isnad tag` reads: CoNLL as it is, anything else as plain text.
std::vector<ConllSentence> tag_input(const std::string& text) {
  if (looks_like_conll(text)) {
    std::istringstream in(text);
    return read_conll(in);
  }
  return split_plain_text(text);
}

// The model named by --model, else the default one. Throws if none can be loaded.
const NerTagger& model_from(const std::string& path, std::unique_ptr<NerTagger>& holder) {
  if (!path.empty()) {
    std::string error;
    holder = NerTagger::load(path, &error);
    if (!holder) throw std::runtime_error(error);
    return *holder;
  }
  const NerTagger* m = NerTagger::default_model();
  if (!m) throw std::runtime_error("no NER model (train one with `isnad train-ner`, or set ISNAD_NER_MODEL)");
  return *m;
}

std::vector<std::vector<std::string>> gold_tags(const std::vector<ConllSentence>& conll) {
  std::vector<std::vector<std::string>> out;
  for (const auto& s : conll) {
    out.emplace_back();
    for (const auto& g : s.gold) out.back().push_back(g.empty() ? "O" : g);
  }
  return out;
}

// The sentences of a CoNLL file as one document (ANERcorp has no article boundaries: the two-pass
// tagger's window slides over neighbouring sentences).
std::vector<std::vector<std::string>> predict(const NerTagger& tagger, const std::vector<NerSentence>& sentences) {
  std::vector<std::vector<std::u32string>> words;
  words.reserve(sentences.size());
  for (const auto& s : sentences) words.push_back(s.words);
  return tagger.tag_document(words);
}

void print_scores(const NerScores& s, std::FILE* out) {
  std::fprintf(out, "%-6s %7s %7s %7s %6s %6s %6s\n", "type", "gold", "pred", "correct", "P", "R", "F1");
  auto row = [&](const std::string& name, const NerCounts& c) {
    std::fprintf(out, "%-6s %7zu %7zu %7zu %6.2f %6.2f %6.2f\n", name.c_str(), c.gold, c.predicted, c.correct,
                 100 * c.precision(), 100 * c.recall(), 100 * c.f1());
  };
  for (const auto& [type, c] : s.per_type) row(type, c);
  row("micro", s.micro);
}

// Reads a gazetteer for --gazetteer NAME=FILE[@COLUMN]: one entry per line; with @COLUMN, lines are CSV and
// the 1-based column is taken (quotes stripped). Lines starting with '#', '=' or '*' are skipped
// (comments and ANERgazet's group headers).
NerGazetteer read_gazetteer(const std::string& spec) {
  auto eq = spec.find('=');
  if (eq == std::string::npos) throw std::runtime_error("--gazetteer wants NAME=FILE[@COLUMN], got " + spec);
  NerGazetteer g;
  g.name = spec.substr(0, eq);
  std::string path = spec.substr(eq + 1);
  int column = 0;
  if (auto at = path.rfind('@'); at != std::string::npos) {
    column = std::stoi(path.substr(at + 1));
    path.resize(at);
  }
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path);
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#' || line[0] == '=' || line[0] == '*') continue;
    if (column > 0) {
      std::string field;
      int c = 1;
      for (std::size_t i = 0, start = 0; i <= line.size(); ++i)
        if (i == line.size() || line[i] == ',') {
          if (c++ == column) field = line.substr(start, i - start);
          start = i + 1;
        }
      line = field;
    }
    auto decoded = decode_utf8(line);
    if (!decoded.ok) continue;
    std::u32string entry = normalize(decoded.text);
    std::u32string cleaned;
    for (char32_t ch : entry)
      if (ch != U'"') cleaned += ch;
    while (!cleaned.empty() && is_space(cleaned.back())) cleaned.pop_back();
    while (!cleaned.empty() && is_space(cleaned.front())) cleaned.erase(cleaned.begin());
    if (cleaned.size() >= 2) g.entries.push_back(cleaned);
  }
  std::fprintf(stderr, "gazetteer %s: %zu entries from %s\n", g.name.c_str(), g.entries.size(), path.c_str());
  return g;
}

// Sentences of one line of running text: XML markup (<...>) removed, normalised, punctuation split off, a
// sentence ending after . ! ? ؟ or at the line end. Lines that are not valid UTF-8 are skipped.
template <typename Sink>
void split_sentences(const std::string& line, Sink&& sink) {
  std::string text;
  bool in_tag = false;
  for (char c : line) {
    if (c == '<') in_tag = true;
    if (!in_tag) text += c;
    if (c == '>') in_tag = false, text += ' ';
  }
  auto decoded = decode_utf8(text);
  if (!decoded.ok) return;
  std::vector<std::u32string> words;
  std::u32string cur;
  for (char32_t c : normalize(decoded.text)) {
    if (is_word_char(c)) {
      cur += c;
      continue;
    }
    if (!cur.empty()) words.push_back(cur), cur.clear();
    if (is_space(c)) continue;
    words.push_back(std::u32string(1, c));
    if (c == U'.' || c == U'!' || c == U'?' || c == U'؟') sink(std::move(words)), words.clear();
  }
  if (!cur.empty()) words.push_back(cur);
  if (!words.empty()) sink(std::move(words));
}

// Sentences of normalised words from unlabelled text: with `conll`, the tokens of a CoNLL file (first column; the
// tags are never read); else running text with XML markup (<...>) removed, punctuation split off, a sentence
// ending at a line end or after . ! ? ؟. A directory contributes its files in name order.
void read_unlabelled(const std::string& path, bool conll, std::vector<std::vector<std::u32string>>& out) {
  namespace fs = std::filesystem;
  if (fs::is_directory(path)) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(path))
      if (e.is_regular_file() && e.path().extension() != ".md") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) read_unlabelled(f, conll, out);
    return;
  }
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path);
  std::size_t before = out.size();
  if (conll) {
    for (const auto& s : read_conll(f)) {
      std::vector<std::u32string> words;
      for (const auto& token : s.tokens) words.push_back(normalize(to_u32(token)));  // s.gold is not used
      out.push_back(std::move(words));
    }
  } else {
    for (std::string line; std::getline(f, line);) split_sentences(line, [&](std::vector<std::u32string>&& words) { out.push_back(std::move(words)); });
  }
  std::fprintf(stderr, "unlabelled %s: %zu sentences\n", path.c_str(), out.size() - before);
}

// Feeds the sentences of a text file to `sink`: JSON Lines (".jsonl", or ".jsonl.xz" read through `xz -dc`) give
// the "title" and "text" fields of each record, each line of them split by split_sentences; any other file is
// running text. Returns the number of sentences.
template <typename Sink>
std::size_t read_text_sentences(const std::string& path, Sink&& sink) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  const bool xz = ends_with(".xz"), jsonl = ends_with(".jsonl") || ends_with(".jsonl.xz");
  std::size_t sentences = 0;
  auto counting = [&](std::vector<std::u32string>&& words) {
    ++sentences;
    sink(std::move(words));
  };
  auto one_line = [&](const std::string& line) {
    if (!jsonl) {
      split_sentences(line, counting);
      return;
    }
    if (line.empty()) return;
    const auto record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!record.is_object()) throw std::runtime_error(path + ": a line is not a JSON object");
    for (const char* field : {"title", "text"}) {
      auto it = record.find(field);
      if (it == record.end() || !it->is_string()) continue;
      std::istringstream lines(it->get<std::string>());
      for (std::string l; std::getline(lines, l);) split_sentences(l, counting);
    }
  };
  if (xz) {
    if (path.find('\'') != std::string::npos) throw std::runtime_error("cannot quote the path " + path);
    std::FILE* pipe = ::popen(("xz -dc -- '" + path + "'").c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run xz -dc on " + path);
    std::string line;
    char buffer[1 << 16];
    while (std::fgets(buffer, sizeof buffer, pipe)) {
      line += buffer;
      if (!line.empty() && line.back() == '\n') {
        line.pop_back();
        one_line(line);
        line.clear();
      }
    }
    if (!line.empty()) one_line(line);
    if (::pclose(pipe) != 0) throw std::runtime_error("xz -dc failed on " + path + " (is xz-utils installed?)");
  } else {
    std::ifstream f(path);
    if (!f) throw std::runtime_error("cannot open " + path);
    for (std::string line; std::getline(f, line);) one_line(line);
  }
  return sentences;
}

}  // namespace

int cmd_train_clusters(const Args& args) {
  std::string out_path;
  std::vector<std::string> inputs;
  WordClassOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw std::runtime_error(a + " needs a value");
      return args[++i];
    };
    if (a == "--help") {
      std::printf(
          "usage: isnad train-clusters --out FILE [--min-count N] [--contexts N] [--window N] [--branching A,B,C]\n"
          "                            [--iterations N] [--seed N] [--ppmi] TEXT...\n"
          "Learns hierarchical word classes of word cores (the words without و/ف, a preposition and the article, as\n"
          "the NER tagger sees them) from unlabelled text: each core seen at least --min-count times (default 5) is\n"
          "described by the --contexts most frequent cores (default 1000) within --window words on each side (default\n"
          "2), and the cores are split top-down by spherical k-means, A classes then B in each then C in each (default\n"
          "16,4,16). Context counts are Hellinger-weighted (square roots of relative counts), with --ppmi positive-PMI\n"
          "weighted. TEXT: JSON Lines (.jsonl or .jsonl.xz, fields title and text) or running text; a directory gives\n"
          "its files in name order. Deterministic. train-ner --clusters FILE stores the classes in the NER model.\n");
      return 0;
    }
    if (a == "--out") out_path = value();
    else if (a == "--min-count") options.min_count = std::stoi(value());
    else if (a == "--contexts") options.contexts = std::stoi(value());
    else if (a == "--window") options.window = std::stoi(value());
    else if (a == "--iterations") options.iterations = std::stoi(value());
    else if (a == "--ppmi") options.ppmi = true;
    else if (a == "--seed") options.seed = std::stoull(value());
    else if (a == "--branching") {
      options.branching.clear();
      std::istringstream list(value());
      for (std::string part; std::getline(list, part, ',');) options.branching.push_back(std::stoi(part));
      long product = 1;
      const long limits[] = {128, 256, 65536};
      if (options.branching.empty() || options.branching.size() > 3) throw std::runtime_error("--branching wants 1 to 3 numbers");
      for (std::size_t l = 0; l < options.branching.size(); ++l) {
        if (options.branching[l] < 1) throw std::runtime_error("--branching wants positive numbers");
        product *= options.branching[l];
        if (product >= limits[l]) throw std::runtime_error("--branching: too many classes at level " + std::to_string(l + 1));
      }
    } else if (!a.empty() && a[0] == '-') throw std::runtime_error("unknown option " + a);
    else inputs.push_back(a);
  }
  if (out_path.empty() || inputs.empty()) {
    std::fprintf(stderr, "usage: isnad train-clusters --out FILE TEXT... (see --help)\n");
    return 2;
  }
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const auto& input : inputs) {
    if (!fs::is_directory(input)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& e : fs::directory_iterator(input))
      if (e.is_regular_file() && e.path().extension() != ".md") inside.push_back(e.path().string());
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  WordClassLearner learner;
  auto start = std::chrono::steady_clock::now();
  for (const auto& file : files) {
    std::size_t n = read_text_sentences(file, [&](std::vector<std::u32string>&& words) { learner.add_sentence(words); });
    std::fprintf(stderr, "%s: %zu sentences (%zu tokens so far, %.0f s)\n", file.c_str(), n, learner.tokens(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  options.log = [&](const std::string& message) {
    std::fprintf(stderr, "%s (%.0f s)\n", message.c_str(), std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  auto classes = learner.learn(options);
  std::string error;
  if (!save_word_classes(out_path, classes, &learner, &error)) throw std::runtime_error(error);
  std::fprintf(stderr, "wrote %s: %zu cores\n", out_path.c_str(), classes.size());
  return 0;
}

int cmd_train_ner(const Args& args) {
  std::string train_path, out_path = "extract/models/ner.model";
  NerTrainOptions options;
  int holdout_percent = 0, holdout_slice = -1;
  std::string dictionary_path, clusters_path, second_clusters_path;
  std::vector<std::string> extra_paths;
  int dictionary_suffix_levels = 1;
  std::unordered_map<std::uint64_t, std::uint32_t> clusters;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::runtime_error(a + " needs a value");
      return args[++i];
    };
    if (a == "--help") {
      std::printf(
          "usage: isnad train-ner TRAIN [--out extract/models/ner.model] [--epochs N] [--seed N]\n"
          "                         [--holdout PERCENT [--holdout-slice K]] [--name-folds N] [--o-penalty W] [--gazetteer NAME=FILE[@CSV-COLUMN]]...\n"
          "                         [--window N] [--stack-folds N] [--second-o-penalty W] [--min-feature-count N]\n"
          "                         [--margin W] [--o-margin W] [--dictionary FILE.dic [--dictionary-suffix-levels N]]\n"
          "                         [--extra-train FILE]... [--clusters FILE [--second-clusters FILE]] [--unlabelled FILE|DIR]... [--unlabelled-conll FILE]... [--fine-classes N] [--coarse-classes N]\n"
          "Trains the averaged-perceptron BIO tagger on a CoNLL file (token TAG per line).\n"
          "--holdout P trains on the first 100-P%% of the sentences and prints entity F1 on the rest after\n"
          "every epoch (for tuning without touching the test split). --holdout-slice K holds out the K-th (0-based)\n"
          "slice of P%% instead of the last one, the rest training (cross-validation over slices).\n"
          "--name-folds N (default 10; 0 turns it off) builds typed name lists from the training tags by jackknifing.\n"
          "--o-penalty W lowers the score of O by W (weight units) when tagging: more recall, less precision.\n"
          "--margin W trains with cost-augmented decoding: every wrong tag gets W (in units of one update), a wrong O\n"
          "W + the --o-margin more.\n"
          "--gazetteer adds a name list (one entry per line) whose hashes are stored in the model.\n"
          "--dictionary reads a hunspell dictionary (Debian hunspell-ar: /usr/share/hunspell/ar.dic) and its .aff beside it;\n"
          "its stems and the forms of up to --dictionary-suffix-levels N (default 1) suffix rules are stored in the model\n"
          "as a hashed set: each word then says whether it (without proclitics) is an ordinary word.\n"
          "--window N (default 0: one pass) trains a second pass that sees the first pass's tags of the same word\n"
          "in the sentences within ±(N-1); --stack-folds N (default 5) blocks give it first-pass tags of unseen text.\n"
          "--extra-train FILE adds the sentences of another CoNLL file to the training sentences (after --holdout has\n"
          "taken its slice of TRAIN); tags must be ANERcorp's (B-PER is read as B-PERS, unknown tags as O).\n"
          "--clusters FILE stores the word classes of `isnad train-clusters` in the model (instead of learning them\n"
          "from --unlabelled); --second-clusters FILE adds a second clustering (other templates, same model).\n"
          "--unlabelled (running text, XML markup dropped) and --unlabelled-conll (the tokens of a CoNLL file, its\n"
          "tags never read) give text from which train-ner learns word classes (k-means over neighbouring words; default 256 and 32) stored\n"
          "in the model.\n");
      return 0;
    }
    if (a == "--out") out_path = value();
    else if (a == "--epochs") options.epochs = std::stoi(value());
    else if (a == "--seed") options.seed = std::stoull(value());
    else if (a == "--holdout") holdout_percent = std::stoi(value());
    else if (a == "--holdout-slice") holdout_slice = std::stoi(value());
    else if (a == "--o-penalty") options.o_penalty = std::stod(value());
    else if (a == "--name-folds") options.training_name_folds = std::stoi(value());
    else if (a == "--gazetteer") options.gazetteers.push_back(read_gazetteer(value()));
    else if (a == "--window") options.window = std::stoi(value());
    else if (a == "--min-feature-count") options.min_feature_count = std::stoi(value());
    else if (a == "--unlabelled") read_unlabelled(value(), false, options.unlabelled);
    else if (a == "--unlabelled-conll") read_unlabelled(value(), true, options.unlabelled);
    else if (a == "--fine-classes") options.fine_clusters = std::stoi(value());
    else if (a == "--coarse-classes") options.coarse_clusters = std::stoi(value());
    else if (a == "--stack-folds") options.stack_folds = std::stoi(value());
    else if (a == "--second-o-penalty") options.second_o_penalty = std::stod(value());
    else if (a == "--margin") options.margin = std::stoi(value());
    else if (a == "--o-margin") options.o_margin = std::stoi(value());
    else if (a == "--clusters") clusters_path = value();
    else if (a == "--second-clusters") second_clusters_path = value();
    else if (a == "--extra-train") extra_paths.push_back(value());
    else if (a == "--dictionary") dictionary_path = value();
    else if (a == "--dictionary-suffix-levels") dictionary_suffix_levels = std::stoi(value());
    else if (!a.empty() && a[0] == '-') throw std::runtime_error("unknown option " + a);
    else train_path = a;
  }
  if (train_path.empty()) {
    std::fprintf(stderr, "usage: isnad train-ner TRAIN [--out PATH] [--epochs N] (see --help)\n");
    return 2;
  }
  if (!dictionary_path.empty()) {
    std::ifstream dic(dictionary_path);
    if (!dic) throw std::runtime_error("cannot open " + dictionary_path);
    std::string aff_path = dictionary_path;
    if (aff_path.size() > 4 && aff_path.compare(aff_path.size() - 4, 4, ".dic") == 0) aff_path.replace(aff_path.size() - 4, 4, ".aff");
    std::ifstream aff(aff_path);
    const bool with_affixes = aff && aff_path != dictionary_path;
    options.dictionary = hunspell_word_forms(dic, with_affixes ? &aff : nullptr, dictionary_suffix_levels);
    std::fprintf(stderr, "dictionary %s: %zu normalised word forms%s\n", dictionary_path.c_str(), options.dictionary.size(),
                 with_affixes ? (" (with the suffix rules of " + aff_path + ")").c_str() : "");
  }
  if (!clusters_path.empty()) {
    std::string error;
    if (!load_word_classes(clusters_path, clusters, &error)) throw std::runtime_error(error);
    options.clusters = &clusters;
    std::fprintf(stderr, "word classes %s: %zu cores\n", clusters_path.c_str(), clusters.size());
  }
  if (!second_clusters_path.empty()) {
    if (clusters_path.empty()) throw std::runtime_error("--second-clusters needs --clusters");
    std::unordered_map<std::uint64_t, std::uint32_t> second;
    std::string error;
    if (!load_word_classes(second_clusters_path, second, &error)) throw std::runtime_error(error);
    for (const auto& [core, value] : second) {
      if (!(value & kWordClassHierarchical) || (value >> 16) >= 0x8000) throw std::runtime_error(second_clusters_path + ": not hierarchical classes with fewer than 32768 leaves");
      clusters[second_class_key(core)] = value | kWordClassSecond;
    }
    std::fprintf(stderr, "second word classes %s: %zu cores\n", second_clusters_path.c_str(), second.size());
  }
  auto conll = read_conll_file(train_path);
  auto sentences = to_ner_sentences(conll);
  std::vector<NerSentence> dev;
  std::vector<std::vector<std::string>> dev_gold;
  if (holdout_percent > 0) {
    const std::size_t n = sentences.size(), slices = std::size_t(std::max(1, 100 / holdout_percent));
    const std::size_t slice = holdout_slice < 0 ? slices - 1 : std::min(slices - 1, std::size_t(holdout_slice));
    // The last slice ends at the end of the file (its size rounds); any other is exactly P% of the sentences.
    const std::size_t begin = slice + 1 == slices ? n * std::size_t(100 - holdout_percent) / 100
                                                  : n * slice * std::size_t(holdout_percent) / 100;
    const std::size_t end = slice + 1 == slices ? n : n * (slice + 1) * std::size_t(holdout_percent) / 100;
    dev.assign(sentences.begin() + long(begin), sentences.begin() + long(end));
    std::vector<ConllSentence> dev_conll(conll.begin() + long(begin), conll.begin() + long(end));
    dev_gold = gold_tags(dev_conll);
    sentences.erase(sentences.begin() + long(begin), sentences.begin() + long(end));
    std::fprintf(stderr, "training on %zu sentences, holding out %zu (sentences %zu to %zu)\n", sentences.size(), dev.size(),
                 begin, end);
  }
  // Extra training sentences (another corpus) follow the train file's, after any held-out slice was taken out:
  // held-out scores stay scores on the train file's own text.
  for (const auto& path : extra_paths) {
    auto extra = to_ner_sentences(read_conll_file(path));
    std::fprintf(stderr, "extra training sentences %s: %zu\n", path.c_str(), extra.size());
    sentences.insert(sentences.end(), extra.begin(), extra.end());
  }
  auto start = std::chrono::steady_clock::now();
  options.log = [](const std::string& message) { std::fprintf(stderr, "%s\n", message.c_str()); };
  options.on_epoch = [&](int pass, int epoch, const NerTagger& model) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (dev.empty()) {
      std::fprintf(stderr, "pass %d epoch %d done (%.1f s)\n", pass, epoch, seconds);
      return;
    }
    auto s = score_entities(dev_gold, predict(model, dev));
    std::fprintf(stderr, "pass %d epoch %2d  held-out micro P %.2f R %.2f F1 %.2f  (PERS %.2f LOC %.2f ORG %.2f MISC %.2f)  %.1f s"
                 "  gold/predicted/correct %zu %zu %zu\n",
                 pass, epoch, 100 * s.micro.precision(), 100 * s.micro.recall(), 100 * s.micro.f1(),
                 100 * s.per_type["PERS"].f1(), 100 * s.per_type["LOC"].f1(), 100 * s.per_type["ORG"].f1(),
                 100 * s.per_type["MISC"].f1(), seconds, s.micro.gold, s.micro.predicted, s.micro.correct);
  };
  auto model = NerTagger::train(sentences, options);
  std::string error;
  if (!model->save(out_path, &error)) throw std::runtime_error(error);
  std::fprintf(stderr, "wrote %s (%zu weight rows)\n", out_path.c_str(), model->feature_count());
  return 0;
}

int cmd_tag(const Args& args) {
  std::string input, model_path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::printf("usage: isnad tag [FILE] [--model PATH]\n"
                  "Tags FILE or stdin with BIO named-entity tags and writes `token TAG` lines, a blank line between\n"
                  "sentences. Two inputs are understood:\n"
                  "  CoNLL       one token per line (optional tags in later columns), blank line between sentences\n"
                  "  plain text  anything else: each line is a sentence, split at white space and punctuation\n"
                  "              (\"بوتين،\" → بوتين ،)\n");
      return 0;
    }
    if (args[i] == "--model" && i + 1 < args.size()) {
      model_path = args[++i];
    } else if (args[i].size() > 1 && args[i][0] == '-') {
      std::fprintf(stderr, "isnad tag: unknown option '%s'\n", args[i].c_str());
      return 2;
    } else if (!input.empty()) {
      std::fprintf(stderr, "isnad tag: one input at a time ('%s' is extra)\n", args[i].c_str());
      return 2;
    } else {
      input = args[i];
    }
  }
  std::string text;
  if (input.empty() || input == "-") {
    std::stringstream s;
    s << std::cin.rdbuf();
    text = s.str();
  } else {
    std::ifstream f(input, std::ios::binary);
    if (!f) {
      std::fprintf(stderr, "isnad tag: %s: cannot open file (%s)\n", input.c_str(), std::strerror(errno));
      return 2;
    }
    std::stringstream s;
    s << f.rdbuf();
    text = s.str();
  }
  std::unique_ptr<NerTagger> holder;
  const NerTagger& tagger = model_from(model_path, holder);
  std::vector<ConllSentence> conll = tag_input(text);
  auto tagged = predict(tagger, to_ner_sentences(conll));
  std::string out;
  for (std::size_t k = 0; k < conll.size(); ++k) {
    const auto& tags = tagged[k];
    for (std::size_t i = 0; i < tags.size(); ++i) out += conll[k].tokens[i] + ' ' + tags[i] + '\n';
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int cmd_eval_ner(const Args& args) {
  std::string input, model_path;
  bool per_sentence = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help") {
      std::printf("usage: isnad eval-ner GOLD [--model PATH] [--per-sentence]\nTags the tokens of a gold CoNLL file and "
                  "prints conlleval-style entity-level exact-match P/R/F1 per type and micro-averaged. The file is one\n"
                  "document (neighbouring sentences inform each other); --per-sentence tags each sentence alone.\n");
      return 0;
    }
    if (args[i] == "--model" && i + 1 < args.size()) model_path = args[++i];
    else if (args[i] == "--per-sentence") per_sentence = true;
    else input = args[i];
  }
  if (input.empty()) {
    std::fprintf(stderr, "usage: isnad eval-ner GOLD [--model PATH]\n");
    return 2;
  }
  std::unique_ptr<NerTagger> holder;
  const NerTagger& tagger = model_from(model_path, holder);
  auto conll = read_conll_file(input);
  auto sentences = to_ner_sentences(conll);
  std::vector<std::vector<std::string>> predicted;
  if (per_sentence)
    for (const auto& s : sentences) predicted.push_back(tagger.tag(s.words));
  else
    predicted = predict(tagger, sentences);
  print_scores(score_entities(gold_tags(conll), predicted), stdout);
  return 0;
}

int cmd_bench_ner(const Args& args) {
  std::string input, model_path;
  double min_tokens = 2e6;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help") {
      std::printf("usage: isnad bench-ner FILE [--tokens N] [--model PATH]\nTags FILE (CoNLL) repeatedly until at "
                  "least N tokens (default 2,000,000) on one thread; prints tokens/s, MB/s and peak memory.\n");
      return 0;
    }
    if (args[i] == "--model" && i + 1 < args.size()) model_path = args[++i];
    else if (args[i] == "--tokens" && i + 1 < args.size()) min_tokens = std::stod(args[++i]);
    else input = args[i];
  }
  if (input.empty()) {
    std::fprintf(stderr, "usage: isnad bench-ner FILE [--tokens N]\n");
    return 2;
  }
  std::unique_ptr<NerTagger> holder;
  const NerTagger& tagger = model_from(model_path, holder);
  auto conll = read_conll_file(input);
  std::size_t file_tokens = 0, file_bytes = 0;
  for (const auto& s : conll)
    for (const auto& t : s.tokens) ++file_tokens, file_bytes += t.size() + 1;
  if (file_tokens == 0) throw std::runtime_error("no tokens in " + input);

  // Wall-clock and this thread's CPU seconds: on a shared machine the CPU time is what one core delivers.
  struct Clock {
    std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
    double cpu = cpu_seconds();
    static double cpu_seconds() {
      rusage u{};
      getrusage(RUSAGE_THREAD, &u);
      return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
    void report(const char* what, std::size_t tokens, std::size_t bytes) const {
      double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
      double cpu_s = cpu_seconds() - cpu;
      std::printf("%-34s %zu tokens in %.2f s = %.0f tokens/s (CPU %.2f s = %.0f tokens/s)", what, tokens, wall_s,
                  tokens / wall_s, cpu_s, tokens / cpu_s);
      if (bytes) std::printf(", %.2f MB/s", bytes / 1e6 / wall_s);
      std::printf("\n");
    }
  };
  std::printf("input: %s, %zu tokens, %.2f MB per pass; model: %zu weight rows\n", input.c_str(), file_tokens,
              file_bytes / 1e6, tagger.feature_count());

  // End to end from UTF-8 tokens: decode, normalise, tag sentence by sentence.
  std::size_t tokens = 0, bytes = 0, entity_tokens = 0;
  Clock whole;
  while (double(tokens) < min_tokens) {
    for (const auto& s : conll) {
      std::vector<std::u32string> words;
      words.reserve(s.tokens.size());
      for (const auto& t : s.tokens) words.push_back(normalize(to_u32(t)));
      for (int t : tagger.tag_indices(words)) entity_tokens += t != 0;
    }
    tokens += file_tokens;
    bytes += file_bytes;
  }
  whole.report("normalise+tag, per sentence:", tokens, bytes);
  // Tagging alone, on words already normalised (what extract/ calls with doc.tokens[i].form).
  auto sentences = to_ner_sentences(conll);
  std::size_t tag_tokens = 0;
  Clock tag_only;
  while (double(tag_tokens) < min_tokens) {
    for (const auto& s : sentences) entity_tokens += tagger.tag_indices(s.words).size();
    tag_tokens += file_tokens;
  }
  tag_only.report("tag only, per sentence:", tag_tokens, 0);
  // Documents of 30 sentences (a long news article), the window of a two-pass model sliding inside each.
  std::vector<std::vector<std::vector<std::u32string>>> documents;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    if (k % 30 == 0) documents.emplace_back();
    documents.back().push_back(sentences[k].words);
  }
  std::size_t doc_tokens = 0;
  Clock doc_only;
  while (double(doc_tokens) < min_tokens) {
    for (const auto& d : documents)
      for (const auto& tags : tagger.tag_document_indices(d)) entity_tokens += tags.size();
    doc_tokens += file_tokens;
  }
  doc_only.report("tag only, 30-sentence documents:", doc_tokens, 0);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak memory (ru_maxrss): %.1f MB\n", usage.ru_maxrss / 1024.0);
  std::fprintf(stderr, "(checksum %zu)\n", entity_tokens);
  return 0;
}

}  // namespace isnad::app
