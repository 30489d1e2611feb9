#include "json_reader.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace isnad {

namespace {

using Json = nlohmann::json;

std::string text(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::size_t number(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
}

std::vector<std::string> strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const auto& s : *it)
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

}  // namespace

KnowledgeGraph read_graph_json(std::istream& in, const std::string& name) {
  Json root;
  try {
    root = Json::parse(in);
  } catch (const Json::parse_error& e) {
    throw std::runtime_error(name + ": not JSON: " + e.what());
  }
  if (!root.is_object() || !root.contains("nodes") || !root["nodes"].is_array())
    throw std::runtime_error(name + ": not a graph.json (no \"nodes\" array)");
  // NetworkX before 3.4 writes "links"; accept it too.
  const char* edges_key = root.contains("edges") ? "edges" : "links";

  KnowledgeGraph kg;
  if (root.contains("graph") && root["graph"].contains("documents"))
    for (const auto& d : root["graph"]["documents"]) {
      DocumentInfo info;
      info.id = text(d, "id");
      info.path = text(d, "path");
      info.title = text(d, "title");
      info.lang = d.contains("lang") ? text(d, "lang") : "ar";
      info.dct = text(d, "dct");
      info.dct_source = text(d, "dct_source");
      info.url = text(d, "url");
      info.source = text(d, "source");
      if (d.contains("dct_candidate_years") && d["dct_candidate_years"].is_array())
        for (const auto& y : d["dct_candidate_years"])
          if (y.is_number_integer()) info.dct_candidate_years.push_back(y.get<int>());
      if (d.contains("timexes") && d["timexes"].is_array())
        for (const auto& t : d["timexes"]) {
          Timex timex;
          timex.text = text(t, "text");
          timex.span = {number(t, "start"), number(t, "end")};
          timex.type = text(t, "type");
          timex.value = text(t, "value");
          timex.time_range = text(t, "time");
          timex.mod = text(t, "mod");
          info.timexes.push_back(std::move(timex));
        }
      if (d.contains("unattributed") && d["unattributed"].is_array())
        for (const auto& a : d["unattributed"])
          info.unattributed.push_back({text(a, "cue"), text(a, "act"), number(a, "start"), number(a, "end")});
      kg.documents.push_back(std::move(info));
    }

  std::size_t index = 0;
  for (const auto& n : root["nodes"]) {
    NodeProps p;
    p.id = text(n, "id");
    if (p.id.empty()) throw std::runtime_error(name + ": node " + std::to_string(index) + " has no string id");
    if (kg.find(p.id)) throw std::runtime_error(name + ": node " + std::to_string(index) + ": duplicate id '" + p.id + "'");
    p.kind = text(n, "kind");
    p.label = text(n, "label");
    p.aliases = strings(n, "aliases");
    p.label_en = text(n, "label_en");
    p.country = text(n, "country");
    p.subtype = text(n, "subtype");
    p.titles = strings(n, "titles");
    if (n.contains("mentions") && n["mentions"].is_array())
      for (const auto& m : n["mentions"])
        p.mentions.push_back({text(m, "doc"), number(m, "start"), number(m, "end"), text(m, "text")});
    p.cue = text(n, "cue");
    p.act = text(n, "act");
    p.cameo = text(n, "cameo");
    p.content = text(n, "content");
    p.date = text(n, "date");
    p.doc = text(n, "doc");
    p.span = {number(n, "start"), number(n, "end")};
    p.direct_quote = n.value("direct_quote", false);
    p.status = text(n, "status");  // asserted | reported | denied | hypothetical
    kg.add_node(std::move(p));
    ++index;
  }
  index = 0;
  if (root.contains(edges_key) && root[edges_key].is_array())
    for (const auto& e : root[edges_key]) {
      std::string where = name + ": edge " + std::to_string(index++);
      const Vertex* from = kg.find(text(e, "source"));
      const Vertex* to = kg.find(text(e, "target"));
      if (from == nullptr) throw std::runtime_error(where + ": unknown source '" + text(e, "source") + "'");
      if (to == nullptr) throw std::runtime_error(where + ": unknown target '" + text(e, "target") + "'");
      EdgeProps p;
      p.role = text(e, "role");
      p.title = text(e, "title");
      p.relation = text(e, "relation");
      p.act = text(e, "act");
      p.date = text(e, "date");
      p.doc = text(e, "doc");
      kg.add_edge(*from, *to, std::move(p));
    }
  return kg;
}

KnowledgeGraph read_graph_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot open");
  return read_graph_json(in, path);
}

}  // namespace isnad
