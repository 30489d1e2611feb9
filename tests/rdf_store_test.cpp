// A real RDF store: Virtuoso Open Source 7 (Debian virtuoso-opensource-7-bin) is started on loopback with its own
// temporary database and free ports, loads the graph.nt that `isnad build` writes for the sample article, and
// answers "who said what about whom, when" in SPARQL; the rows must be exactly the ones graph.json implies.
// Skipped with a message when virtuoso-t, isql-vt or curl is not installed.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <tuple>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// The README's query: every statement with its speaker, cue, act, the entities it addresses or is about, its date,
// and where in which article it was said. Unbound ?role/?whom: a statement about nobody in particular.
constexpr const char* kWhoSaidWhat = R"(PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX isnad: <https://example.org/isnad/vocab#>
SELECT ?date ?speaker ?cue ?act ?role ?whom ?content ?article ?start ?end ?statement WHERE {
  ?s a schema:Claim ; schema:identifier ?statement ; schema:author ?who ; isnad:cue ?cue ; isnad:act ?act ;
     schema:text ?content ; prov:wasDerivedFrom ?art ; prov:wasQuotedFrom ?span .
  ?who schema:name ?speaker . FILTER (lang(?speaker) = "ar")
  ?art schema:identifier ?article .
  ?span oa:start ?start ; oa:end ?end .
  OPTIONAL {
    { ?s schema:recipient ?target . BIND ("addressee" AS ?role) } UNION { ?s schema:about ?target . BIND ("about" AS ?role) }
    ?target schema:name ?whom . FILTER (lang(?whom) = "ar")
  }
  OPTIONAL { ?s schema:dateCreated ?date }
}
ORDER BY ?date ?article ?start ?role ?whom
)";

bool have_command(const std::string& name) { return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0; }

std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A TCP port on 127.0.0.1 that nobody listens on right now (the kernel picks it).
int free_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

// virtuoso-t in the foreground (-f) as our child, with everything under `dir`; stopped (SIGTERM, then SIGKILL
// after 20 s) and reaped by the destructor, whatever the test does.
class VirtuosoServer {
 public:
  explicit VirtuosoServer(const fs::path& dir) : dir_(dir), sql_port_(free_loopback_port()), http_port_(free_loopback_port()) {
    while (http_port_ == sql_port_) http_port_ = free_loopback_port();  // the kernel may hand out a port twice
    std::string d = dir.string();
    std::ofstream(dir / "virtuoso.ini")
        << "[Database]\nDatabaseFile = " << d << "/virtuoso.db\nErrorLogFile = " << d << "/virtuoso.log\n"
        << "LockFile = " << d << "/virtuoso.lck\nTransactionFile = " << d << "/virtuoso.trx\n"
        << "xa_persistent_file = " << d << "/virtuoso.pxa\nFileExtend = 200\nStriping = 0\nTempStorage = TempDatabase\n"
        << "[TempDatabase]\nDatabaseFile = " << d << "/virtuoso-temp.db\nTransactionFile = " << d << "/virtuoso-temp.trx\n"
        << "Striping = 0\n"
        << "[Parameters]\nServerPort = 127.0.0.1:" << sql_port_ << "\nServerThreads = 4\nCheckpointInterval = 0\n"
        << "NumberOfBuffers = 10000\nMaxDirtyBuffers = 6000\nDirsAllowed = ., " << d << "\n"
        << "[HTTPServer]\nServerPort = 127.0.0.1:" << http_port_ << "\nServerThreads = 2\n"
        << "[SPARQL]\nResultSetMaxRows = 100000\n";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    std::string log = (dir / "stdout.log").string();
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::string ini = (dir / "virtuoso.ini").string();
    const char* argv[] = {"virtuoso-t", "-f", "-c", ini.c_str(), nullptr};
    int rc = posix_spawnp(&pid_, "virtuoso-t", &actions, nullptr, const_cast<char* const*>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) pid_ = -1;
  }
  ~VirtuosoServer() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (::waitpid(pid_, nullptr, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  VirtuosoServer(const VirtuosoServer&) = delete;
  VirtuosoServer& operator=(const VirtuosoServer&) = delete;

  bool started() const { return pid_ > 0; }

  // Runs SQL through isql-vt (default dba/dba: the database exists only for this test, on loopback).
  int sql(const std::string& statements) const {
    return std::system(("isql-vt 127.0.0.1:" + std::to_string(sql_port_) + " dba dba exec=\"" + statements + "\" > " +
                        quote(dir_ / "isql.log") + " 2>&1")
                           .c_str());
  }

  // Waits until the server answers SQL, at most `seconds`.
  bool wait_ready(int seconds) const {
    for (int i = 0; i < seconds * 4; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) != 0) return false;  // it exited
      if (sql("select 1;") == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return false;
  }

  // SPARQL SELECT over HTTP; the result as parsed SPARQL JSON results.
  Json select(const std::string& query, const std::string& graph) const {
    fs::path query_file = dir_ / "query.rq", result = dir_ / "result.json";
    std::ofstream(query_file) << query;
    std::string command = "curl -sS -f -G 'http://127.0.0.1:" + std::to_string(http_port_) +
                          "/sparql' --data-urlencode 'default-graph-uri=" + graph + "' --data-urlencode query@" +
                          quote(query_file) + " -H 'Accept: application/sparql-results+json' -o " + quote(result);
    REQUIRE_MESSAGE(std::system(command.c_str()) == 0, command);
    return Json::parse(read_file(result));
  }

  std::string log() const { return read_file(dir_ / "virtuoso.log") + read_file(dir_ / "stdout.log"); }

 private:
  fs::path dir_;
  int sql_port_, http_port_;
  pid_t pid_ = -1;
};

using Row = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string, std::string,
                       std::string, long, long>;  // statement, speaker, cue, act, role, whom, date, article, start, end

// The rows graph.json implies: one per (statement, speaker, addressee-or-about target), or per (statement,
// speaker) when the statement has no target.
std::vector<Row> rows_from_graph_json(const Json& graph) {
  std::map<std::string, Json> nodes;
  for (const auto& n : graph["nodes"]) nodes[n["id"]] = n;
  std::vector<Row> rows;
  for (const auto& [id, n] : nodes) {
    if (n["kind"] != "statement") continue;
    std::vector<std::string> speakers;
    std::vector<std::pair<std::string, std::string>> targets;  // role, label
    for (const auto& e : graph["edges"]) {
      if (e["target"] == id && e["role"] == "speaker") speakers.push_back(nodes[e["source"]]["label"]);
      if (e["source"] == id && (e["role"] == "about" || e["role"] == "addressee"))
        targets.emplace_back(e["role"], nodes[e["target"]]["label"]);
    }
    if (targets.empty()) targets.emplace_back("", "");
    for (const auto& speaker : speakers)
      for (const auto& [role, whom] : targets)
        rows.emplace_back(id, speaker, n["cue"], n["act"], role, whom, n.value("date", ""), n["doc"],
                          n["start"].get<long>(), n["end"].get<long>());
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<Row> rows_from_sparql(const Json& result) {
  std::vector<Row> rows;
  for (const auto& b : result["results"]["bindings"]) {
    auto value = [&](const char* name) { return b.contains(name) ? b[name]["value"].get<std::string>() : std::string(); };
    rows.emplace_back(value("statement"), value("speaker"), value("cue"), value("act"), value("role"), value("whom"),
                      value("date"), value("article"), std::stol(value("start")), std::stol(value("end")));
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

TEST_CASE("rdf store: Virtuoso loads graph.nt and answers who said what about whom, when, as graph.json says") {
  for (const char* tool : {"virtuoso-t", "isql-vt", "curl"})
    if (!have_command(tool)) {
      MESSAGE("skipped: " << tool << " is not installed (Debian virtuoso-opensource-7-bin, curl)");
      return;
    }
  fs::path dir = fs::temp_directory_path() / ("isnad-virtuoso-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "out");
  std::string build = std::string("'") + ISNAD_BINARY + "' build '" + ISNAD_SOURCE_DIR +
                      "/samples/aleppo.txt' --date 2016-11-03 --format json,rdf -o " + quote(dir / "out") +
                      " 2>/dev/null";
  REQUIRE(std::system(build.c_str()) == 0);
  Json graph = Json::parse(read_file(dir / "out" / "graph.json"));
  std::vector<Row> expected = rows_from_graph_json(graph);
  REQUIRE(expected.size() > 10);

  {
    VirtuosoServer server(dir);
    REQUIRE(server.started());
    REQUIRE_MESSAGE(server.wait_ready(60), server.log());
    // TTLP reads Turtle, of which N-Triples is a subset; the named graph keeps the test's triples apart.
    std::string load = "DB.DBA.TTLP_MT(file_to_string_output('" + (dir / "out" / "graph.nt").string() +
                       "'), '', 'urn:isnad:test', 0); checkpoint;";
    REQUIRE_MESSAGE(server.sql(load) == 0, read_file(dir / "isql.log"));

    Json result = server.select(kWhoSaidWhat, "urn:isnad:test");
    std::vector<Row> actual = rows_from_sparql(result);
    CHECK(actual.size() == expected.size());
    CHECK(actual == expected);
    // The first rows that differ, to read in the failure report.
    for (std::size_t i = 0, shown = 0; i < std::min(actual.size(), expected.size()) && shown < 3; ++i)
      if (actual[i] != expected[i]) {
        ++shown;
        MESSAGE("row " << i << ": SPARQL " << std::get<0>(actual[i]) << " " << std::get<5>(actual[i]) << " / graph.json "
                       << std::get<0>(expected[i]) << " " << std::get<5>(expected[i]));
      }
    // Dated rows come out in date order, and a typed xsd:date survives the store.
    std::string previous;
    bool typed_date = false;
    for (const auto& b : result["results"]["bindings"]) {
      if (!b.contains("date")) continue;
      std::string date = b["date"]["value"];
      CHECK(previous <= date);
      previous = date;
      typed_date |= b["date"].value("datatype", "") == "http://www.w3.org/2001/XMLSchema#date";
    }
    CHECK(typed_date);

    // One schema:Claim per statement node (the rows above already compare the Arabic labels byte for byte).
    Json counts = server.select("PREFIX schema: <https://schema.org/> SELECT (COUNT(?s) AS ?n) WHERE { ?s a schema:Claim }",
                                "urn:isnad:test");
    long statements = std::count_if(graph["nodes"].begin(), graph["nodes"].end(),
                                    [](const Json& n) { return n["kind"] == "statement"; });
    CHECK(std::stol(counts["results"]["bindings"][0]["n"]["value"].get<std::string>()) == statements);
  }
  fs::remove_all(dir);
}
