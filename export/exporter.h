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
  virtual std::string file_name() const = 0;  // "graph.graphml"
  virtual void write(const KnowledgeGraph& kg, std::ostream& out) const = 0;  // throws std::runtime_error
};

// "json", "graphml", "dot", "svg", "png". Returns nullptr for an unknown name.
std::unique_ptr<Exporter> make_exporter(std::string_view format);
std::vector<std::string> exporter_names();

}  // namespace isnad
