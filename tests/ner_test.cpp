// Statistical NER tagger: the committed model on real Arabic sentences, save/load round trip,
// conlleval-style scoring arithmetic, and (when ../shared/data is present) the ANERcorp test split.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ner_tagger.h"
#include "text.h"

using namespace isnad;

namespace {

std::vector<std::u32string> words_of(const char* sentence) {
  std::vector<std::u32string> out;
  std::u32string norm = normalize(to_u32(sentence));
  std::u32string cur;
  for (char32_t c : norm) {
    if (is_space(c)) {
      if (!cur.empty()) out.push_back(cur), cur.clear();
    } else if (is_word_char(c)) {
      cur += c;
    } else {  // punctuation is a token of its own, as in doc.tokens
      if (!cur.empty()) out.push_back(cur), cur.clear();
      out.push_back(std::u32string(1, c));
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// "type:normalised words" for every chunk the tagger finds.
std::vector<std::string> entities_of(const NerTagger& tagger, const char* sentence) {
  auto words = words_of(sentence);
  auto tags = tagger.tag(words);
  std::vector<std::string> out;
  for (const auto& c : ner_chunks(tags)) {
    std::u32string text;
    for (std::size_t i = c.begin; i < c.end; ++i) text += (i > c.begin ? U" " : U"") + words[i];
    out.push_back(c.type + ":" + encode_utf8(text));
  }
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

const NerTagger* committed_model() {
  static std::unique_ptr<NerTagger> model = [] {
    std::string error;
    auto m = NerTagger::load(std::string(ISNAD_SOURCE_DIR) + "/extract/models/ner.model", &error);
    if (!m) MESSAGE("cannot load the committed model: " << error);
    return m;
  }();
  return model.get();
}

// Six tagged sentences (CoNLL) for the models trained inside the tests.
constexpr const char* kSixSentences =
      "قال O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n\n"
      "وأضاف O\nبوتين B-PERS\nأن O\nموسكو B-LOC\nمستعدة O\n\n"
      "زار O\nجون B-PERS\nكيري I-PERS\nالقاهرة B-LOC\n\n"
      "وقال O\nكيري B-PERS\nإن O\nالقاهرة B-LOC\nشريك O\n\n"
      "أعلنت O\nوزارة B-ORG\nالدفاع I-ORG\nفي O\nسوريا B-LOC\n\n"
      "وقالت O\nالوزارة O\nإن O\nسوريا B-LOC\nآمنة O\n\n";

// Trains with `options`, saves, loads and trains again: the loaded model tags the document as the trained
// one, and the two saved files are byte-identical (training is repeatable). Returns the trained model.
std::unique_ptr<NerTagger> train_and_check_round_trip(const std::vector<NerSentence>& sentences,
                                                      const NerTrainOptions& options, const std::string& file) {
  auto trained = NerTagger::train(sentences, options);
  auto path = (std::filesystem::temp_directory_path() / file).string();
  std::string error;
  REQUIRE(trained->save(path, &error));
  auto loaded = NerTagger::load(path, &error);
  REQUIRE(loaded != nullptr);
  CHECK(loaded->feature_count() == trained->feature_count());
  std::vector<std::vector<std::u32string>> document;
  for (const auto& s : sentences) document.push_back(s.words);
  CHECK(loaded->tag_document(document) == trained->tag_document(document));
  for (const auto& s : sentences) CHECK(loaded->tag(s.words) == trained->tag(s.words));
  auto again = NerTagger::train(sentences, options);
  auto path2 = path + ".2";
  REQUIRE(again->save(path2, &error));
  std::ifstream a(path, std::ios::binary), b(path2, std::ios::binary);
  std::string bytes_a((std::istreambuf_iterator<char>(a)), {}), bytes_b((std::istreambuf_iterator<char>(b)), {});
  CHECK(bytes_a == bytes_b);
  std::filesystem::remove(path);
  std::filesystem::remove(path2);
  return trained;
}

}  // namespace

TEST_CASE("ner: the committed model loads and is the default model") {
  const NerTagger* m = committed_model();
  REQUIRE(m != nullptr);
  CHECK(m->feature_count() > 10000);
  CHECK(NerTagger::default_model() != nullptr);
}

TEST_CASE("ner: obvious entities in real news sentences") {
  const NerTagger* m = committed_model();
  REQUIRE(m != nullptr);
  struct Row {
    const char* sentence;
    std::vector<std::string> expected;  // each must be among the tagged chunks
  };
  const Row rows[] = {
      {"قال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده لن تتراجع.", {"PERS:فلاديمير بوتين", "LOC:موسكو"}},
      {"وصل وزير الخارجية الأمريكي جون كيري إلى القاهرة أمس.", {"PERS:جون كيري", "LOC:القاهره"}},
      {"أعلنت وزارة الدفاع الروسية أن الطائرات قصفت مواقع في سوريا.", {"LOC:سوريا"}},
      {"وقال الأمين العام للأمم المتحدة بان كي مون إن الوضع في حلب مأساوي.", {"PERS:بان كي مون", "ORG:للامم المتحده"}},
      {"التقى الملك عبدالله الثاني رئيس الوزراء البريطاني في عمان.", {"PERS:عبدالله الثاني"}},
  };
  for (const auto& r : rows) {
    auto found = entities_of(*m, r.sentence);
    INFO(std::string(r.sentence));
    std::string all;
    for (const auto& f : found) all += f + " | ";
    INFO("found: " << all);
    for (const auto& e : r.expected) CHECK(contains(found, e));
  }
  // No entity in a sentence without names.
  CHECK(entities_of(*m, "وقال إن الوضع صعب جدا ولن يتحسن قريبا.").empty());
}

// Known misses of the current model (measured, not hidden): a city before a sentence-final adjective.
TEST_CASE("ner: known gaps of the statistical model" * doctest::may_fail()) {
  const NerTagger* m = committed_model();
  REQUIRE(m != nullptr);
  auto found = entities_of(*m, "وقال الأمين العام للأمم المتحدة بان كي مون إن الوضع في حلب مأساوي.");
  CHECK(contains(found, "LOC:حلب"));
  CHECK_FALSE(contains(found, "PERS:ماساوي"));
}

TEST_CASE("ner: save and load give a model that tags identically") {
  // A small model trained here, so the test does not depend on the committed file.
  std::vector<ConllSentence> conll;
  std::istringstream in(
      "قال O\nالرئيس O\nفلاديمير B-PERS\nبوتين I-PERS\nفي O\nموسكو B-LOC\n\n"
      "زار O\nجون B-PERS\nكيري I-PERS\nالقاهرة B-LOC\n\n"
      "أعلنت O\nوزارة B-ORG\nالدفاع I-ORG\nفي O\nسوريا B-LOC\n\n");
  conll = read_conll(in);
  REQUIRE(conll.size() == 3);
  NerTrainOptions options;
  options.epochs = 5;
  auto trained = train_and_check_round_trip(to_ner_sentences(conll), options, "isnad_ner_roundtrip.model");
  CHECK(trained->tag(words_of("قال الرئيس فلاديمير بوتين في موسكو")) ==
        std::vector<std::string>{"O", "O", "B-PERS", "I-PERS", "O", "B-LOC"});
  std::string error;
  // A file that is not a model is refused with a reason.
  CHECK(NerTagger::load(std::string(ISNAD_SOURCE_DIR) + "/CMakeLists.txt", &error) == nullptr);
  CHECK(error.find("not an isnad NER model") != std::string::npos);
}

TEST_CASE("ner: chunks follow conlleval (I-X without B-X opens a chunk)") {
  using V = std::vector<std::string>;
  CHECK(ner_chunks(V{"B-PERS", "I-PERS", "O", "B-LOC"}) ==
        std::vector<NerChunk>{{0, 2, "PERS"}, {3, 4, "LOC"}});
  CHECK(ner_chunks(V{"O", "I-ORG", "I-ORG"}) == std::vector<NerChunk>{{1, 3, "ORG"}});
  CHECK(ner_chunks(V{"B-LOC", "I-ORG"}) == std::vector<NerChunk>{{0, 1, "LOC"}, {1, 2, "ORG"}});
  CHECK(ner_chunks(V{"B-LOC", "B-LOC"}) == std::vector<NerChunk>{{0, 1, "LOC"}, {1, 2, "LOC"}});
  CHECK(ner_chunks(V{"B-PER", "I-PERS"}) == std::vector<NerChunk>{{0, 2, "PERS"}});  // PER is PERS
}

TEST_CASE("ner: exact-match scoring arithmetic") {
  using V = std::vector<std::string>;
  // gold: PERS(0-2), LOC(3), ORG(5-7); predicted: PERS(0-1) wrong boundary, LOC(3) right, ORG(5-7) right, LOC(8) spurious
  std::vector<V> gold = {{"B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O", "O"}};
  std::vector<V> pred = {{"B-PERS", "O", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O", "B-LOC"}};
  auto s = score_entities(gold, pred);
  CHECK(s.micro.gold == 3);
  CHECK(s.micro.predicted == 4);
  CHECK(s.micro.correct == 2);
  CHECK(s.micro.precision() == doctest::Approx(0.5));
  CHECK(s.micro.recall() == doctest::Approx(2.0 / 3));
  CHECK(s.micro.f1() == doctest::Approx(4.0 / 7));
  CHECK(s.per_type["PERS"].correct == 0);
  CHECK(s.per_type["LOC"].precision() == doctest::Approx(0.5));
  CHECK(s.per_type["LOC"].recall() == doctest::Approx(1.0));
  CHECK(s.per_type["ORG"].f1() == doctest::Approx(1.0));
}

TEST_CASE("ner: ANERcorp test split with the committed model (needs ../shared/data)") {
  std::string path = std::string(ISNAD_SHARED_DIR) + "/data/anercorp/ANERCorp_CamelLab_test.reconstructed.txt";
  if (!std::filesystem::exists(path)) {
    MESSAGE("skipped: " << path << " is absent");
    return;
  }
  const NerTagger* m = committed_model();
  REQUIRE(m != nullptr);
  std::ifstream in(path);
  auto conll = read_conll(in);
  auto sentences = to_ner_sentences(conll);
  std::vector<std::vector<std::string>> gold, alone;
  std::vector<std::vector<std::u32string>> document;
  for (std::size_t k = 0; k < conll.size(); ++k) {
    gold.push_back(conll[k].gold);
    alone.push_back(m->tag(sentences[k].words));
    document.push_back(sentences[k].words);
  }
  // The split as one document: the second pass sees names tagged in neighbouring sentences.
  auto s = score_entities(gold, m->tag_document(document));
  CHECK(s.micro.gold == 2231);  // as counted in the split's SOURCE.md
  MESSAGE("ANERcorp test micro F1 " << 100 * s.micro.f1() << " as a document");
  CHECK(s.micro.f1() > 0.71);  // measured 0.7393; the floor catches a broken model, features or lexicons
  // Sentence by sentence (no neighbours) the second pass has less to go on.
  auto a = score_entities(gold, alone);
  MESSAGE("ANERcorp test micro F1 " << 100 * a.micro.f1() << " sentence by sentence");
  CHECK(a.micro.f1() > 0.695);  // measured 0.7192
}

TEST_CASE("ner: a document of one sentence is tagged as tag() tags it") {
  const NerTagger* m = committed_model();
  REQUIRE(m != nullptr);
  for (const char* s : {"قال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده لن تتراجع.",
                        "وقال الأمين العام للأمم المتحدة بان كي مون إن الوضع في حلب مأساوي."}) {
    auto words = words_of(s);
    CHECK(m->tag_document({words}) == std::vector<std::vector<std::string>>{m->tag(words)});
  }
  CHECK(m->tag_document({}).empty());
}

// Two passes (the second reads the first pass's tags of the same word in neighbouring sentences) and word
// classes learnt from the sentences' words: the model file round-trips and training is byte-for-byte repeatable.
TEST_CASE("ner: a two-pass model trained here saves, loads and tags deterministically") {
  std::istringstream in(kSixSentences);
  auto conll = read_conll(in);
  REQUIRE(conll.size() == 6);
  auto sentences = to_ner_sentences(conll);
  NerTrainOptions options;
  options.epochs = 4;
  options.window = 2;
  options.stack_folds = 2;
  options.training_name_folds = 0;
  for (const auto& s : sentences) options.unlabelled.push_back(s.words);  // words only
  auto trained = train_and_check_round_trip(sentences, options, "isnad_ner_two_pass.model");
  std::vector<std::vector<std::u32string>> document;
  for (const auto& s : sentences) document.push_back(s.words);
  CHECK(trained->tag_document(document)[0] == std::vector<std::string>{"O", "O", "B-PERS", "I-PERS", "O", "B-LOC"});
}

// Label counts per core (jackknifed over name folds) and cost-augmented training (a margin): the
// counts travel in the model file (a loaded model tags as the trained one) and training stays repeatable.
TEST_CASE("ner: label counts and a margin survive save/load and train deterministically") {
  std::istringstream in(std::string(kSixSentences) +
      "عرضت O\nقناة O\nالمحور B-ORG\nبرنامج O\n« O\nالناس B-MISC\nوأنا I-MISC\n» O\n\n");
  auto sentences = to_ner_sentences(read_conll(in));
  REQUIRE(sentences.size() == 7);
  NerTrainOptions options;
  options.epochs = 3;
  options.training_name_folds = 2;
  options.margin = 5;
  options.o_margin = 5;
  auto trained = train_and_check_round_trip(sentences, options, "isnad_ner_labels.model");
  CHECK(trained->tag(sentences[1].words) == std::vector<std::string>{"O", "B-PERS", "O", "B-LOC", "O"});
}

// hunspell's format as hunspell-ar writes it: FLAG long, AF aliases (numbered from 1) in the .dic and in rule
// continuations, suffix conditions, a second suffix through a continuation flag, the entry count and
// morphology fields of the .dic. Forms come back normalised (ة → ه, أ → ا), sorted, without duplicates.
TEST_CASE("ner: hunspell word forms with suffix rules and flag aliases") {
  const std::string aff =
      "SET UTF-8\nFLAG long\n"
      "AF 2\nAF AAAB # 1\nAF BB # 2\n"
      "SFX AA Y 2\nSFX AA 0 ات [^ة]\nSFX AA ة ات ة\n"  // plural: مدرسة → مدرسات, كتاب → كتابات
      "SFX AB Y 1\nSFX AB 0 ي/2 .\n"                    // كتابي, which then takes BB
      "SFX BB Y 1\nSFX BB 0 ه .\n"
      "PFX CC Y 1\nPFX CC 0 ال .\n";                     // prefixes are left to the tagger's clitic readings
  const std::string dic = "3\nمدرسة/AA\tpo:noun\nكتاب/1\nأمس\n";
  std::istringstream dic1(dic), aff1(aff);
  CHECK(hunspell_word_forms(dic1, &aff1, 1) ==
        std::vector<std::u32string>{U"امس", U"كتاب", U"كتابات", U"كتابي", U"مدرسات", U"مدرسه"});
  std::istringstream dic2(dic), aff2(aff);
  auto two = hunspell_word_forms(dic2, &aff2, 2);
  CHECK(std::count(two.begin(), two.end(), U"كتابيه") == 1);
  std::istringstream dic0(dic);
  CHECK(hunspell_word_forms(dic0, nullptr, 1) == std::vector<std::u32string>{U"امس", U"كتاب", U"مدرسه"});
}

// The dictionary feature on its own: every slot word occurs once, so the dictionary is the one feature that
// always tells the names (outside it) from the ordinary words (inside it) in the same frame. A model trained with
// the dictionary tags unseen slot words by it: the same name listed in the dictionary becomes an ordinary word.
TEST_CASE("ner: a dictionary stored in the model tells unseen names from ordinary words") {
  const char* names[] = {"بوتين", "كيري", "اوباما", "ميركل", "لافروف", "نتنياهو", "عباس", "اردوغان"};
  const char* words[] = {"ايضا", "مجددا", "كذلك", "سابقا", "لاحقا", "صراحه", "بدوره", "مرارا"};
  std::string conll;
  for (int k = 0; k < 8; ++k) {
    conll += std::string("وقال O\n") + names[k] + " B-PERS\nإن O\nالوضع O\nصعب O\n\n";
    conll += std::string("وقال O\n") + words[k] + " O\nإن O\nالوضع O\nصعب O\n\n";
  }
  std::istringstream in(conll);
  auto sentences = to_ner_sentences(read_conll(in));
  NerTrainOptions options;
  options.epochs = 6;
  options.training_name_folds = 0;
  for (const char* w : words) options.dictionary.push_back(normalize(to_u32(w)));
  for (const char* w : {"حاليا", "الوضع", "صعب", "قال"}) options.dictionary.push_back(normalize(to_u32(w)));
  auto with = train_and_check_round_trip(sentences, options, "isnad_ner_dictionary.model");
  const auto name = words_of("وقال هولاند إن الوضع صعب"), word = words_of("وقال حاليا إن الوضع صعب");
  CHECK(with->tag(name) == std::vector<std::string>{"O", "B-PERS", "O", "O", "O"});
  CHECK(with->tag(word) == std::vector<std::string>{"O", "O", "O", "O", "O"});
  options.dictionary.push_back(U"هولاند");
  auto listed = NerTagger::train(sentences, options);
  CHECK(listed->tag(name) == std::vector<std::string>{"O", "O", "O", "O", "O"});
}

// Hierarchical word classes (isnad train-clusters): cores that share their neighbours share a class path, learning
// is repeatable, the class file round-trips, and a model trained with the classes stores them (save/load tags alike).
TEST_CASE("ner: hierarchical word classes from unlabelled text") {
  // Names in one frame, cities in another: within a frame the cores' context vectors are identical.
  WordClassLearner learner;
  for (const char* name : {"بوتين", "اوباما", "ماكرون"})
    learner.add_sentence(words_of((std::string("قال الرئيس ") + name + " إن الحرب انتهت").c_str()));
  for (const char* city : {"موسكو", "باريس", "القاهره"})
    learner.add_sentence(words_of((std::string("وصل الوفد الى ") + city + " امس").c_str()));
  WordClassOptions options;
  options.min_count = 1;
  options.contexts = 50;
  options.branching = {16, 2, 2};  // more classes than distinct vectors at level 1
  auto classes = learner.learn(options);
  CHECK(classes == learner.learn(options));
  auto class_of = [&](const char* word) {
    auto infos = words_of(word);
    REQUIRE(infos.size() == 1);
    // The core of a bare word without clitics is the word itself.
    std::uint64_t h = 0;
    for (const auto& [core, value] : classes)
      if (learner.example(core) == infos[0]) h = core;
    REQUIRE(h != 0);
    return classes.at(h);
  };
  const std::uint32_t putin = class_of("بوتين"), obama = class_of("اوباما"), moscow = class_of("موسكو"), paris = class_of("باريس");
  CHECK((putin & kWordClassHierarchical) != 0);
  CHECK(putin == obama);
  CHECK(moscow == paris);
  CHECK((putin & 0x7F) != (moscow & 0x7F));  // different at level 1 already
  CHECK((putin & kWordClassSecond) == 0);
  auto path = (std::filesystem::temp_directory_path() / "isnad_word_classes.tsv").string();
  std::string error;
  REQUIRE(save_word_classes(path, classes, &learner, &error));
  std::unordered_map<std::uint64_t, std::uint32_t> loaded;
  REQUIRE(load_word_classes(path, loaded, &error));
  CHECK(loaded == classes);
  std::filesystem::remove(path);

  std::istringstream in(kSixSentences);
  auto sentences = to_ner_sentences(read_conll(in));
  NerTrainOptions train;
  train.epochs = 3;
  train.training_name_folds = 0;
  train.clusters = &loaded;
  train_and_check_round_trip(sentences, train, "isnad_ner_classes.model");
  // A second clustering in the same map (train-ner --second-clusters) travels with the model too.
  auto both = loaded;
  for (const auto& [core, value] : loaded) both[second_class_key(core)] = value | kWordClassSecond;
  train.clusters = &both;
  train_and_check_round_trip(sentences, train, "isnad_ner_two_classes.model");
}
