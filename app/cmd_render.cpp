// isnad render GRAPH.json [--format svg|png|dot|…] [--focus NAME] [-o FILE]
//
// Re-renders a graph.json without re-running extraction: the diagram again (after editing the JSON by hand, or
// merging), or one actor's ego network with --focus: the actor, what it said and whom that was to or about, what
// others said to or about it and who said it, and its affiliations.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>

#include "commands.h"
#include "escape.h"
#include "exporter.h"
#include "interrupt.h"
#include "json_reader.h"
#include "output.h"

namespace isnad::app {

namespace {

constexpr const char* kRenderHelp =
    "usage: isnad render GRAPH.json [--format FORMAT] [--focus NAME] [-o FILE]\n"
    "  --format FORMAT  svg (default), png, dot, or any `isnad build` format (gexf, graphml, rdf, timeline, neo4j…)\n"
    "  --focus NAME     only NAME's ego network: the entity (id, name or alias, or a unique part of a name), its\n"
    "                   statements and whom they address or are about, others' statements to or about it and\n"
    "                   their speakers, its affiliations\n"
    "  -o, --out FILE   output file (a directory for neo4j); default: standard output\n";

// The entity NAME designates: an exact id, name or alias; else the one entity whose name contains NAME.
Vertex find_focus(const KnowledgeGraph& kg, const std::string& wanted) {
  const Graph& g = kg.graph;
  std::string name = sanitize_text(wanted);
  if (const Vertex* v = kg.find(name)) return *v;
  std::vector<Vertex> exact, partial;
  for (Vertex v : kg.sorted_vertices()) {
    const NodeProps& n = g[v];
    if (n.kind == "statement") continue;
    bool is_alias = std::find(n.aliases.begin(), n.aliases.end(), name) != n.aliases.end();
    if (n.label == name || n.label_en == name || is_alias) exact.push_back(v);
    else if (!name.empty() && n.label.find(name) != std::string::npos) partial.push_back(v);
  }
  const std::vector<Vertex>& found = exact.empty() ? partial : exact;
  if (found.size() == 1) return found.front();
  if (found.empty()) throw std::runtime_error("--focus '" + wanted + "': no entity has this id, name or alias");
  std::string candidates;
  for (Vertex v : found) candidates += "\n  " + g[v].id + "  " + g[v].label;
  throw std::runtime_error("--focus '" + wanted + "' is ambiguous; use one of these ids:" + candidates);
}

// The ego network of `centre` as a graph of its own (same ids, same documents).
KnowledgeGraph ego_network(const KnowledgeGraph& kg, Vertex centre) {
  const Graph& g = kg.graph;
  std::set<Vertex> keep = {centre};
  auto statement_and_ends = [&](Vertex statement) {
    keep.insert(statement);
    for (auto [it, end] = boost::in_edges(statement, g); it != end; ++it)
      if (g[*it].role == "speaker") keep.insert(boost::source(*it, g));
    for (auto [it, end] = boost::out_edges(statement, g); it != end; ++it) keep.insert(boost::target(*it, g));
  };
  for (auto [it, end] = boost::out_edges(centre, g); it != end; ++it) {
    Vertex target = boost::target(*it, g);
    if (g[target].kind == "statement") statement_and_ends(target);  // what it said
    else keep.insert(target);                                         // its affiliations
  }
  for (auto [it, end] = boost::in_edges(centre, g); it != end; ++it) {
    Vertex source = boost::source(*it, g);
    if (g[source].kind == "statement") statement_and_ends(source);  // said to or about it
    else keep.insert(source);                                         // affiliated to it
  }
  KnowledgeGraph ego;
  ego.documents = kg.documents;
  std::map<Vertex, Vertex> copy;
  for (Vertex v : kg.sorted_vertices())
    if (keep.count(v)) copy.emplace(v, ego.add_node(g[v]));
  for (const EdgeDesc& e : kg.sorted_edges()) {
    auto from = copy.find(boost::source(e, g)), to = copy.find(boost::target(e, g));
    if (from == copy.end() || to == copy.end()) continue;
    // Between two others, only the statement structure: not their unrelated affiliations.
    if (g[e].role == "affiliation" && from->first != centre && to->first != centre) continue;
    ego.add_edge(from->second, to->second, g[e]);
  }
  return ego;
}

}  // namespace

int cmd_render(const Args& args) {
  std::string input, format = "svg", focus, out_path;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag) -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(std::string(flag) + " needs a value");
      return args[++i];
    };
    try {
      if (a == "--help" || a == "-h") {
        std::fputs(kRenderHelp, stdout);
        return 0;
      } else if (a == "--format") {
        format = value("--format");
      } else if (a == "--focus") {
        focus = value("--focus");
      } else if (a == "-o" || a == "--out") {
        out_path = value("-o");
      } else if (a.size() > 1 && a[0] == '-') {
        std::fprintf(stderr, "isnad render: unknown option '%s'\n", a.c_str());
        return 2;
      } else if (input.empty()) {
        input = a;
      } else {
        std::fprintf(stderr, "isnad render: one graph.json at a time ('%s' is extra)\n", a.c_str());
        return 2;
      }
    } catch (const std::invalid_argument& e) {
      std::fprintf(stderr, "isnad render: %s\n", e.what());
      return 2;
    }
  }
  if (input.empty()) {
    std::fputs(kRenderHelp, stderr);
    return 2;
  }
  auto exporter = make_exporter(format);
  if (!exporter) {
    std::string valid;
    for (const auto& f : exporter_names()) valid += (valid.empty() ? "" : ", ") + f;
    std::fprintf(stderr, "isnad render: unknown format '%s' (valid: %s)\n", format.c_str(), valid.c_str());
    return 2;
  }
  if (exporter->writes_directory() && out_path.empty()) {
    std::fprintf(stderr, "isnad render: --format %s writes a directory: give it with -o DIR\n", format.c_str());
    return 2;
  }
  if (out_path.empty() && format == "png" && ::isatty(STDOUT_FILENO)) {
    std::fprintf(stderr, "isnad render: not writing PNG to a terminal: use -o FILE\n");
    return 2;
  }

  // A mistyped path is a usage error that names it, like build's.
  if (std::error_code ec; !std::filesystem::exists(input, ec)) {
    std::fprintf(stderr, "isnad render: %s: no such file or directory\n", input.c_str());
    return 2;
  }
  KnowledgeGraph kg = read_graph_json_file(input);
  if (!focus.empty()) kg = ego_network(kg, find_focus(kg, focus));

  std::string error;
  // Ctrl-C while a file is written removes it rather than leaving "FILE.tmp-PID".
  std::vector<std::unique_ptr<Exporter>> writing;
  writing.push_back(make_exporter(format));
  TemporaryFilesGuard guard("isnad render", exporter->writes_directory() ? temporary_paths(writing, out_path)
                                                                         : std::vector<std::string>{temporary_path(out_path)});
  if (exporter->writes_directory()) {
    // The exporter names its own directory (neo4j/) inside -o.
    std::filesystem::create_directories(out_path);
    if (!export_to_directory(*exporter, kg, out_path, &error)) throw std::runtime_error(error);
    return 0;
  }
  if (out_path.empty()) {
    std::ostringstream buffer;  // nothing reaches stdout if rendering fails half-way
    exporter->write(kg, buffer);
    std::cout << buffer.str() << std::flush;
    return std::cout ? 0 : 1;
  }
  if (!write_file_atomic(out_path, [&](std::ostream& os) { exporter->write(kg, os); }, &error))
    throw std::runtime_error(error);
  return 0;
}

}  // namespace isnad::app
