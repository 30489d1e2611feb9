// Reads a graph.json (DESIGN.md's node-link contract, as export/json.cpp writes it) back into a KnowledgeGraph,
// so that `isnad render` and scripts can re-export without re-running extraction.
#pragma once
#include <istream>
#include <string>

#include "knowledge_graph.h"

namespace isnad {

// Throws std::runtime_error naming what is wrong ("graph.json: edge 3: unknown target 'person:9'"); `name` is the
// file name used in messages. Unknown keys are ignored, missing optional ones left empty.
KnowledgeGraph read_graph_json(std::istream& in, const std::string& name = "graph.json");
KnowledgeGraph read_graph_json_file(const std::string& path);

}  // namespace isnad
