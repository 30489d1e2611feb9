// Documents → KnowledgeGraph: one node per resolved entity (graph/resolve.h), one per statement.
#include <algorithm>
#include <map>
#include <set>

#include <boost/range/iterator_range.hpp>

#include "entities.h"
#include "knowledge_graph.h"
#include "transliterate.h"

namespace isnad {

namespace {

void add_unique(std::vector<std::string>& list, const std::string& s) {
  for (const auto& x : list)
    if (x == s) return;
  list.push_back(s);
}

}  // namespace

KnowledgeGraph build_graph(const std::vector<Document>& input, const std::vector<AliasRule>& aliases) {
  std::vector<const Document*> docs;
  for (const Document& d : input) docs.push_back(&d);
  std::stable_sort(docs.begin(), docs.end(), [](const Document* a, const Document* b) { return a->id < b->id; });
  Resolution resolution = resolve_across_documents(docs, aliases);

  KnowledgeGraph kg;
  std::map<int, Vertex> vertex_of_cluster;
  std::map<EntityType, int> counters;
  kg.refused_merges = resolution.refused;

  for (std::size_t d = 0; d < docs.size(); ++d) {
    const Document& doc = *docs[d];
    DocumentInfo info{.id = doc.id, .path = doc.path, .title = doc.title, .lang = "ar", .dct = doc.dct,
                      .dct_source = doc.dct_source, .url = doc.url, .source = doc.source,
                      .dct_candidate_years = doc.dct_candidate_years, .timexes = doc.timexes};
    kg.documents.push_back(std::move(info));

    std::vector<Vertex> vertex_of(doc.entities.size());
    for (std::size_t i = 0; i < doc.entities.size(); ++i) {
      const Entity& e = doc.entities[i];
      int cluster = resolution.cluster[d][i];
      auto it = vertex_of_cluster.find(cluster);
      Vertex v;
      if (it == vertex_of_cluster.end()) {
        NodeProps p;
        p.kind = entity_kind(e.type);
        p.id = p.kind + ":" + std::to_string(++counters[e.type]);
        p.label = e.label;
        v = kg.add_node(std::move(p));
        vertex_of_cluster.emplace(cluster, v);
        if (!resolution.merges[static_cast<std::size_t>(cluster)].empty())
          kg.merges[kg.graph[v].id] = resolution.merges[static_cast<std::size_t>(cluster)];
      } else {
        v = it->second;
      }
      NodeProps& p = kg.graph[v];
      // The fullest name becomes the label; the others are aliases.
      if (to_u32(e.label).size() > to_u32(p.label).size()) {
        add_unique(p.aliases, p.label);
        p.label = e.label;
      }
      for (const auto& a : e.aliases) add_unique(p.aliases, a);
      if (e.label != p.label) add_unique(p.aliases, e.label);
      std::erase(p.aliases, p.label);
      if (p.label_en.empty() && !e.label_en.empty()) {
        p.label_en = e.label_en;
        p.label_en_source = "gazetteer";
      }
      if (!p.has_coordinates && e.has_coordinates) {
        p.has_coordinates = true;
        p.latitude = e.latitude;
        p.longitude = e.longitude;
      }
      if (p.country.empty()) p.country = e.country;
      if (p.subtype.empty()) p.subtype = e.subtype;
      for (const auto& t : e.titles) add_unique(p.titles, t);
      for (std::size_t m : e.mentions) {
        const Mention& mention = doc.mentions[m];
        p.mentions.push_back({doc.id, mention.span.start, mention.span.end, mention.text});
      }
      vertex_of[i] = v;
    }

    for (const Relation& r : doc.relations) {  // (labels in Latin are completed below)
      if (r.head < 0 || r.tail < 0) continue;
      EdgeProps e;
      e.role = "affiliation";
      e.relation = r.role;
      e.title = r.title;
      e.doc = doc.id;
      kg.add_edge(vertex_of[r.head], vertex_of[r.tail], std::move(e));
    }

    int n = 0;
    for (const Statement& s : doc.statements) {
      if (s.speaker < 0) {
        kg.documents.back().unattributed.push_back({s.cue, s.act, s.span.start, s.span.end});
        continue;
      }
      NodeProps p;
      p.kind = "statement";
      p.id = "statement:" + doc.id + ":" + std::to_string(++n);
      p.cue = s.cue;
      p.act = s.act;
      p.cameo = s.cameo;
      p.content = s.content_text;
      p.direct_quote = s.direct_quote;
      p.status = s.status;
      p.date = s.date;
      p.doc = doc.id;
      p.span = s.span;
      p.label = s.cue + (s.speaker >= 0 ? " — " + doc.entities[s.speaker].label : std::string());
      Vertex sv = kg.add_node(std::move(p));
      auto edge = [&](const std::string& role) {
        EdgeProps e;
        e.role = role;
        e.act = s.act;
        e.date = s.date;
        e.doc = doc.id;
        return e;
      };
      if (s.speaker >= 0) kg.add_edge(vertex_of[s.speaker], sv, edge("speaker"));
      std::set<int> seen;
      for (int a : s.addressees)
        if (seen.insert(a).second) kg.add_edge(sv, vertex_of[a], edge("addressee"));
      for (int a : s.about)
        if (seen.insert(a).second) kg.add_edge(sv, vertex_of[a], edge("about"));
      if (s.source >= 0) kg.add_edge(sv, vertex_of[s.source], edge("source"));
    }
  }
  // A readable Latin label where no gazetteer gave an English name: "ياسر اليوسف" → "Yasr al-Yusf".
  for (Vertex v : boost::make_iterator_range(boost::vertices(kg.graph))) {
    NodeProps& p = kg.graph[v];
    if (p.kind == "statement" || !p.label_en.empty()) continue;
    p.label_en = latin_label(p.label);
    p.label_en_source = "transliteration";
  }
  return kg;
}

}  // namespace isnad
