// The learned speaker decision (extract/speaker_model.h): the model file, the trainer, the shipped model, and
// what the graph does with an act nobody can be found to have said.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "exporter.h"
#include "json_reader.h"
#include "knowledge_graph.h"
#include "pipeline.h"
#include "speaker_model.h"
#include "statements.h"

namespace fs = std::filesystem;
using namespace isnad;

namespace {

Document article(const std::string& id, const char* text) {
  ArticleInput in;
  in.id = id;
  in.text = to_u32(text);
  in.dct = "2018-05-01";
  in.dct_source = "given";
  return extract(std::move(in));
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A gold statement at the first occurrence of `cue` in the document's text, spoken by `speaker`.
SpeakerTrainer::Gold gold_at(const Document& d, const char* cue, const char* speaker) {
  std::size_t at = d.text.original().find(to_u32(cue));
  REQUIRE(at != std::u32string::npos);
  return {at, speaker_name_keys(speaker), false};
}

}  // namespace

TEST_CASE("speaker model: the file format, the best candidate, and a clear error on a bad line") {
  fs::path dir = fs::temp_directory_path() / "isnad-speaker-test";
  fs::create_directories(dir);
  std::ofstream(dir / "ok.model") << "# comment\n*:none\t-1.5\n*:rule\t2.25\nverb:a&d=1\t0.5\n";
  std::string error;
  auto model = SpeakerModel::load((dir / "ok.model").string(), &error);
  REQUIRE(model);
  CHECK(model->weights.size() == 3);
  std::vector<SpeakerCandidate> candidates = {{SpeakerCandidate::kNobody, {"*:none"}}, {3, {"*:rule"}}, {5, {"verb:a&d=1"}}};
  CHECK(model->best(candidates) == 1);
  CHECK(model->score(candidates[2]) == doctest::Approx(0.5));
  std::ofstream(dir / "bad.model") << "*:none\t-1.5\nno weight here\n";
  CHECK_FALSE(SpeakerModel::load((dir / "bad.model").string(), &error));
  CHECK(error.find("bad.model:2") != std::string::npos);
  CHECK_FALSE(SpeakerModel::load((dir / "missing.model").string(), &error));
  fs::remove_all(dir);
}

TEST_CASE("speaker model: the trainer learns who speaks after a title chain, byte for byte") {
  // A speaker the rules do not resolve ("وقال وزير الخارجية والتعاون الدولي في الحكومة الانتقالية، X، إن")
  // is learnable from the gold; the same examples give the same model file twice.
  std::vector<Document> docs = {
      article("a", "استقبل الرئيس التونسي الباجي قائد السبسي وفدا من البرلمان الأوروبي. وأضاف أن تونس ماضية في الإصلاح."),
      article("b", "زار الرئيس الفرنسي إيمانويل ماكرون الجزائر أمس. وأضاف أن فرنسا تدعم الحوار."),
  };
  std::vector<std::vector<SpeakerTrainer::Gold>> gold = {{gold_at(docs[0], "أضاف", "الباجي قائد السبسي")},
                                                         {gold_at(docs[1], "أضاف", "إيمانويل ماكرون")}};
  fs::path dir = fs::temp_directory_path() / "isnad-speaker-train";
  fs::create_directories(dir);
  for (const char* name : {"one.model", "two.model"}) {
    SpeakerTrainer trainer;
    for (int epoch = 0; epoch < 5; ++epoch) {
      trainer.with_gold = trainer.gold_reachable = 0;
      for (std::size_t i = 0; i < docs.size(); ++i) {
        trainer.gold = gold[i];
        find_statements(docs[i], nullptr, &trainer);
      }
    }
    CHECK(trainer.with_gold == 2);
    CHECK(trainer.gold_reachable == 2);
    std::string error;
    REQUIRE(trainer.averaged().save((dir / name).string(), &error));
  }
  CHECK(slurp(dir / "one.model") == slurp(dir / "two.model"));
  auto model = SpeakerModel::load((dir / "one.model").string(), nullptr);
  REQUIRE(model);
  Document c = article("c", "التقى رئيس الوزراء الإيطالي جوزيبي كونتي نظيره الإسباني. وأضاف أن إيطاليا تريد حلا.");
  find_statements(c, model.get(), nullptr);
  REQUIRE(c.statements.size() == 1);
  REQUIRE(c.statements[0].speaker >= 0);
  CHECK(c.entities[static_cast<std::size_t>(c.statements[0].speaker)].label == "جوزيبي كونتي");
  fs::remove_all(dir);
}

TEST_CASE("speaker model: the shipped model loads and names the speaker of a continuation") {
  auto model = SpeakerModel::load(std::string(ISNAD_SOURCE_DIR) + "/extract/models/speaker.model", nullptr);
  REQUIRE(model);
  CHECK(model->weights.size() > 100);
  // A sentence after the last act the rules no longer continue its speaker; the model does. (Three sentences
  // after it the model trained on news-gold prefers nobody: there, such a continuation often belongs to a speaker
  // no entity carries.)
  const char* text = "وقال وزير الخارجية الروسي، سيرغي لافروف، إن الحوار مستمر في جنيف. وعقد الاجتماع في قاعة الأمم المتحدة. "
                     "وأضاف أن موسكو مستعدة للتعاون.";
  Document rules = article("d", text);
  find_statements(rules, nullptr, nullptr);
  REQUIRE(rules.statements.size() == 2);
  CHECK(rules.statements[1].speaker < 0);
  Document d = article("d", text);
  find_statements(d, model.get(), nullptr);
  REQUIRE(d.statements.size() == 2);
  REQUIRE(d.statements[1].speaker >= 0);
  CHECK(d.entities[static_cast<std::size_t>(d.statements[1].speaker)].label == "سيرغي لافروف");
}

TEST_CASE("graph: an act with no speaker is listed with its document, not drawn as a statement from nobody") {
  Document d = article("u", "وأضاف أن الحوار مستمر في جنيف.");
  REQUIRE(d.statements.size() == 1);
  REQUIRE(d.statements[0].speaker < 0);
  KnowledgeGraph kg = build_graph({d});
  for (Vertex v : kg.sorted_vertices()) CHECK(kg.graph[v].kind != "statement");
  REQUIRE(kg.documents.size() == 1);
  REQUIRE(kg.documents[0].unattributed.size() == 1);
  CHECK(kg.documents[0].unattributed[0].cue == "أضاف");
  std::ostringstream out;
  make_exporter("json")->write(kg, out);
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["graph"]["documents"][0]["unattributed"][0]["act"] == "statement");
  std::istringstream in(out.str());
  KnowledgeGraph back = read_graph_json(in);
  REQUIRE(back.documents.size() == 1);
  CHECK(back.documents[0].unattributed.size() == 1);
}

// Needs ../shared/data/news-gold: `isnad train-speaker` on its train split rebuilds the shipped model exactly.
TEST_CASE("speaker model: train-speaker on news-gold train rebuilds extract/models/speaker.model byte for byte") {
  fs::path gold = fs::path(ISNAD_SHARED_DIR) / "data" / "news-gold";
  if (!fs::exists(gold / "train.txt")) {
    MESSAGE("skipped: " << gold.string() << " not found (third-party data is not in the repository)");
    return;
  }
  fs::path out = fs::temp_directory_path() / "isnad-speaker-rebuilt.model";
  std::string command = std::string(ISNAD_BINARY) + " train-speaker " + gold.string() + " " + (gold / "train.txt").string() +
                        " --out " + out.string() + " 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(slurp(out) == slurp(fs::path(ISNAD_SOURCE_DIR) / "extract" / "models" / "speaker.model"));
  fs::remove(out);
}
