// Exporters: one file per format behind a factory. Every writer is deterministic (stable
// ids, sorted output), escapes for its own format and writes to a stream.
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge_graph.h"

namespace isnad {

class Exporter {
 public:
  virtual ~Exporter() = default;
  virtual std::string file_name() const = 0;  // "graph.graphml"; a directory's name for directory exporters ("neo4j")
  virtual void write(const KnowledgeGraph& kg, std::ostream& out) const = 0;  // throws std::runtime_error

  // A directory exporter (neo4j/: several CSVs and a Cypher script) writes several files into
  // OUT/file_name(); its write() throws std::logic_error. files() lists their names in writing order, and
  // write_file() writes one of them (throws std::runtime_error).
  virtual bool writes_directory() const { return false; }
  virtual std::vector<std::string> files() const { return {}; }
  virtual void write_file(const KnowledgeGraph& kg, const std::string& name, std::ostream& out) const;
};

// The factory. Names: json, graphml, graphml-entities, gexf, gexf-entities, dot, svg, png, neo4j, rdf (graph.nt;
// "nt" and "ntriples" are synonyms), timeline (timeline.json), timeline-html (timeline.html).
// Returns nullptr for an unknown name.
std::unique_ptr<Exporter> make_exporter(std::string_view format);
std::vector<std::string> exporter_names();

// Writes one exporter's output into `out_dir` atomically (every file through write_file_atomic, so a failed run
// never leaves a half-written file): OUT/file_name(), or every file of OUT/file_name()/ for a directory exporter.
// Returns false and sets `error` ("out/graph.svg: <reason>") on the first failure.
bool export_to_directory(const Exporter& exporter, const KnowledgeGraph& kg, const std::string& out_dir,
                         std::string* error);

}  // namespace isnad
