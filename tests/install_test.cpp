// A user's first hour (issue 16), installing: `cmake --install` puts the binary, both models and the manual page
// under a prefix, and the installed binary, run from another folder, finds its models beside itself
// (PREFIX/share/isnad/models) rather than in the source tree; $ISNAD_NER_MODEL / $ISNAD_SPEAKER_MODEL still win.
// Uses the build tree of this test binary and samples/aleppo.txt.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int shell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Statements with a speaker edge in a graph.json.
std::size_t spoken_statements(const Json& graph) {
  std::size_t n = 0;
  for (const auto& e : graph["edges"]) n += e["role"] == "speaker";
  return n;
}

}  // namespace

TEST_CASE("install: cmake --install gives a binary that finds both models beside itself, from any folder") {
  if (shell("command -v cmake >/dev/null 2>&1") != 0) {
    MESSAGE("skipped: cmake missing");
    return;
  }
  fs::path build_dir = fs::path(ISNAD_BINARY).parent_path();
  fs::path tmp = fs::temp_directory_path() / ("isnad-install-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp / "elsewhere");
  fs::path prefix = tmp / "prefix";
  std::string log = (tmp / "install.log").string();
  REQUIRE_MESSAGE(shell("cmake --install '" + build_dir.string() + "' --prefix '" + prefix.string() + "' > '" + log +
                        "' 2>&1") == 0,
                  slurp(log));
  fs::path bin = prefix / "bin" / "isnad";
  REQUIRE(fs::exists(bin));
  CHECK(fs::file_size(prefix / "share" / "isnad" / "models" / "ner.model") ==
        fs::file_size(fs::path(ISNAD_SOURCE_DIR) / "extract" / "models" / "ner.model"));
  CHECK(slurp(prefix / "share" / "isnad" / "models" / "speaker.model") ==
        slurp(fs::path(ISNAD_SOURCE_DIR) / "extract" / "models" / "speaker.model"));
  CHECK(fs::exists(prefix / "share" / "man" / "man1" / "isnad.1"));

  // From another folder, with no model variables: graph.json has statements with speakers.
  std::string sample = (fs::path(ISNAD_SOURCE_DIR) / "samples" / "aleppo.txt").string();
  std::string run = "cd '" + (tmp / "elsewhere").string() + "' && env -u ISNAD_NER_MODEL -u ISNAD_SPEAKER_MODEL ";
  REQUIRE(shell(run + "'" + bin.string() + "' build '" + sample + "' -o out --date 2016-11-03 --format json --quiet -j1 2>/dev/null") == 0);
  Json installed = Json::parse(slurp(tmp / "elsewhere" / "out" / "graph.json"));
  CHECK(spoken_statements(installed) > 20);
  REQUIRE(shell(run + "'" + bin.string() + "' tag '" + sample + "' > tags.txt 2>/dev/null") == 0);
  CHECK(slurp(tmp / "elsewhere" / "tags.txt").find("B-PER") != std::string::npos);

  // The models it read are the installed ones, not the source tree's: with the installed NER model broken, tagging
  // fails, and with the installed speaker model broken the statements are those of the rules alone.
  std::string rules_only = (tmp / "rules-only").string();
  REQUIRE(shell("ISNAD_SPEAKER_MODEL=/nonexistent '" + std::string(ISNAD_BINARY) + "' build '" + sample + "' -o '" +
                rules_only + "' --date 2016-11-03 --format json --quiet -j1 2>/dev/null") == 0);
  Json without_model = Json::parse(slurp(fs::path(rules_only) / "graph.json"));
  REQUIRE(without_model["edges"] != installed["edges"]);  // the speaker model changes this article's graph
  std::ofstream(prefix / "share" / "isnad" / "models" / "speaker.model", std::ios::trunc) << "not a model\n";
  std::ofstream(prefix / "share" / "isnad" / "models" / "ner.model", std::ios::trunc) << "not a model\n";
  CHECK(shell(run + "'" + bin.string() + "' tag '" + sample + "' > /dev/null 2>&1") != 0);
  REQUIRE(shell(run + "'" + bin.string() + "' build '" + sample + "' -o out2 --date 2016-11-03 --format json --quiet -j1 2>/dev/null") == 0);
  // (The broken NER model also drops the tagger's names; the rules-only comparison is on speaker edges.)
  Json broken = Json::parse(slurp(tmp / "elsewhere" / "out2" / "graph.json"));
  CHECK(broken["edges"] != installed["edges"]);

  // The variables still win over the installed files.
  fs::path source_models = fs::path(ISNAD_SOURCE_DIR) / "extract" / "models";
  REQUIRE(shell("cd '" + (tmp / "elsewhere").string() + "' && ISNAD_NER_MODEL='" + (source_models / "ner.model").string() +
                "' ISNAD_SPEAKER_MODEL='" + (source_models / "speaker.model").string() + "' '" + bin.string() + "' build '" +
                sample + "' -o out3 --date 2016-11-03 --format json --quiet -j1 2>/dev/null") == 0);
  Json from_env = Json::parse(slurp(tmp / "elsewhere" / "out3" / "graph.json"));
  CHECK(from_env["nodes"] == installed["nodes"]);
  CHECK(from_env["edges"] == installed["edges"]);
  fs::remove_all(tmp);
}

TEST_CASE("install: cpack builds a .deb whose binary, unpacked anywhere, finds its models") {
  if (shell("command -v cpack >/dev/null 2>&1 && command -v dpkg-deb >/dev/null 2>&1") != 0) {
    MESSAGE("skipped: cpack or dpkg-deb missing");
    return;
  }
  fs::path build_dir = fs::path(ISNAD_BINARY).parent_path();
  fs::path tmp = fs::temp_directory_path() / ("isnad-deb-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  std::string log = (tmp / "cpack.log").string();
  REQUIRE_MESSAGE(shell("cd '" + build_dir.string() + "' && cpack -G DEB -B '" + (tmp / "deb").string() + "' > '" + log +
                        "' 2>&1") == 0,
                  slurp(log));
  fs::path deb;
  for (const auto& entry : fs::directory_iterator(tmp / "deb"))
    if (entry.path().extension() == ".deb") deb = entry.path();
  REQUIRE_MESSAGE(!deb.empty(), slurp(log));
  REQUIRE(shell("dpkg-deb -x '" + deb.string() + "' '" + (tmp / "root").string() + "'") == 0);
  fs::path bin = tmp / "root" / "usr" / "bin" / "isnad";
  REQUIRE(fs::exists(bin));
  CHECK(fs::exists(tmp / "root" / "usr" / "share" / "isnad" / "models" / "ner.model"));
  CHECK(fs::exists(tmp / "root" / "usr" / "share" / "isnad" / "models" / "speaker.model"));
  std::string sample = (fs::path(ISNAD_SOURCE_DIR) / "samples" / "aleppo.txt").string();
  REQUIRE(shell("cd '" + tmp.string() + "' && env -u ISNAD_NER_MODEL -u ISNAD_SPEAKER_MODEL '" + bin.string() + "' build '" +
                sample + "' -o out --date 2016-11-03 --format json --quiet -j1 2>/dev/null") == 0);
  CHECK(spoken_statements(Json::parse(slurp(tmp / "out" / "graph.json"))) > 20);
  fs::remove_all(tmp);
}
