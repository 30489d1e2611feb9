#include "exporter.h"

#include "formats.h"

namespace isnad {

std::unique_ptr<Exporter> make_exporter(std::string_view format) {
  if (format == "json") return make_json_exporter();
  if (format == "graphml") return make_graphml_exporter(GraphmlView::full);
  if (format == "graphml-entities") return make_graphml_exporter(GraphmlView::entities);
  if (format == "dot" || format == "svg" || format == "png") return make_graphviz_exporter(format);
  return nullptr;
}

std::vector<std::string> exporter_names() { return {"json", "graphml", "graphml-entities", "dot", "svg", "png"}; }

}  // namespace isnad
