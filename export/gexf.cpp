// graph.gexf and graph.entities.gexf: GEXF 1.3 for Gephi (formats.md §2), dynamic, so that Gephi's timeline slider
// replays the story.
//   - mode="dynamic", timeformat="date", timerepresentation="interval"; bounds are inclusive days;
//   - a statement node and its edges live for the days of the statement's date ("2016-11" is the whole month);
//     an undated statement falls back to its article's publication date, and says so in date_basis;
//   - an entity appears on the first day it takes part in a dated statement or is named in a dated article, and
//     stays (no end); affiliations and undated entities are static (always there);
//   - edge `kind` keeps parallel relations apart (Gephi merges same-kind edges between one pair): the role in the
//     full view, the act in the entities view, where all statements of one act between one pair are one edge
//     with one spell per statement and their count as the weight;
//   - viz colours and sizes are the GraphML/Graphviz palette; label and kind are xsd:tokens (whitespace
//     collapsed); lists are one string joined with " | " like GraphML's, since Gephi splits list values on ",".
// Valid against shared/schemas/gexf/gexf.rng (tests/export_test.cpp runs xmllint --relaxng).
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "escape.h"
#include "formats.h"
#include "views.h"

namespace isnad {

namespace {

struct Attribute {
  const char* id;
  const char* title;
  const char* type;
};

constexpr Attribute kNodeAttributes[] = {
    {"kind", "kind", "string"},         {"uid", "uid", "string"},
    {"label_en", "label_en", "string"}, {"aliases", "aliases", "string"},
    {"titles", "titles", "string"},     {"country", "country", "string"},
    {"subtype", "subtype", "string"},   {"mentions", "mentions", "integer"},
    {"statements", "statements", "integer"},
    {"cue", "cue", "string"},           {"act", "act", "string"},
    {"cameo", "cameo", "string"},       {"content", "content", "string"},
    {"date", "date", "string"},         {"date_basis", "date basis", "string"},
    {"doc", "doc", "string"},           {"start", "start offset", "integer"},
    {"end", "end offset", "integer"},   {"direct_quote", "direct quote", "boolean"},
};
constexpr Attribute kEdgeAttributes[] = {
    {"role", "role", "string"},   {"act", "act", "string"},           {"date", "date", "string"},
    {"doc", "doc", "string"},     {"title", "title", "string"},       {"relation", "relation", "string"},
    {"cues", "cues", "string"},   {"statements", "statements", "string"},
};

// When a statement happened, as written on its node and edges.
struct StatementTime {
  std::optional<DayRange> days;
  std::string basis;  // "statement" | "publication" | "" (unknown)
};

StatementTime statement_time(const KnowledgeGraph& kg, const NodeProps& s) {
  if (auto days = day_range(s.date)) return {days, "statement"};
  for (const auto& d : kg.documents)
    if (d.id == s.doc)
      if (auto days = day_range(d.dct)) return {days, "publication"};
  return {};
}

class AttValues {
 public:
  void add(const char* id, std::string_view value) {
    if (!value.empty()) text_ += "        <attvalue for=\"" + std::string(id) + "\" value=\"" + xml_escape(value) + "\"/>\n";
  }
  void add(const char* id, long value) { add(id, std::to_string(value)); }
  std::string take() {
    std::string out = text_.empty() ? "" : "      <attvalues>\n" + text_ + "      </attvalues>\n";
    text_.clear();
    return out;
  }

 private:
  std::string text_;
};

std::string colour_element(Rgb c) {
  return "      <viz:color r=\"" + std::to_string(c.r) + "\" g=\"" + std::to_string(c.g) + "\" b=\"" +
         std::to_string(c.b) + "\"/>\n";
}

std::string spells_element(const std::vector<DayRange>& spells) {
  if (spells.empty()) return "";
  std::string out = "      <spells>\n";
  for (const auto& s : spells) out += "        <spell start=\"" + s.first + "\" end=\"" + s.last + "\"/>\n";
  return out + "      </spells>\n";
}

// A GEXF edge: `kind` keeps parallel relations apart in Gephi (the role, or the act in the entities view); the
// spells are the days it lives.
struct GexfEdge : ViewEdge {
  explicit GexfEdge(ViewEdge edge) : ViewEdge(std::move(edge)) {}
  std::string kind;
  std::vector<DayRange> spells;
};

std::vector<GexfEdge> full_edges(const KnowledgeGraph& kg, const std::map<Vertex, StatementTime>& times) {
  const Graph& g = kg.graph;
  std::vector<GexfEdge> edges;
  for (const EdgeDesc& e : kg.sorted_edges()) {
    GexfEdge out{full_view_edge(kg, e)};
    out.kind = out.role;
    for (Vertex end : {out.source, out.target}) {
      auto it = times.find(end);
      if (g[end].kind == "statement" && it != times.end() && it->second.days) out.spells = {*it->second.days};
    }
    edges.push_back(std::move(out));
  }
  return edges;
}

// Speaker → addressee/about per statement, one edge per (speaker, target, act) with a spell per statement.
std::vector<GexfEdge> entity_edges(const KnowledgeGraph& kg, const std::vector<Vertex>& sorted,
                                   const std::map<Vertex, StatementTime>& times) {
  const Graph& g = kg.graph;
  std::map<std::tuple<Vertex, Vertex, std::string>, std::size_t> slot;
  std::vector<GexfEdge> edges;
  for (Vertex s : sorted) {
    const NodeProps& st = g[s];
    if (st.kind != "statement") continue;
    const StatementParties parties = statement_parties(g, s);
    const StatementTime& time = times.at(s);
    for (Vertex speaker : parties.speakers) {
      for (const auto& [target, role] : parties.targets) {
        auto [it, inserted] = slot.try_emplace({speaker, target, st.act}, edges.size());
        if (inserted) {
          GexfEdge e{new_collapsed_edge(speaker, target, st)};
          e.kind = e.act = st.act;
          e.colour = act_colour(st.act);
          edges.push_back(std::move(e));
        }
        GexfEdge& e = edges[it->second];
        bool new_statement = std::find(e.statements.begin(), e.statements.end(), st.id) == e.statements.end();
        if (new_statement) {
          e.weight += 1;
          e.statements.push_back(st.id);
          if (time.days) e.spells.push_back(*time.days);
        }
        fold_statement(e, st, role, kListSeparator);
      }
    }
  }
  for (GexfEdge& e : edges) {
    e.label = join_list(e.cues);
    // Gephi wants non-overlapping spells: one per distinct day range, in order.
    std::sort(e.spells.begin(), e.spells.end(), [](const DayRange& a, const DayRange& b) {
      return std::tie(a.first, a.last) < std::tie(b.first, b.last);
    });
    std::vector<DayRange> merged;
    for (const auto& s : e.spells) {
      if (!merged.empty() && s.first <= merged.back().last) merged.back().last = std::max(merged.back().last, s.last);
      else merged.push_back(s);
    }
    e.spells = std::move(merged);
  }
  for (ViewEdge& affiliation : affiliation_edges(kg)) {
    GexfEdge e{std::move(affiliation)};
    e.kind = e.role;
    edges.push_back(std::move(e));
  }
  return edges;
}

void write_gexf(const KnowledgeGraph& kg, GraphmlView view, std::ostream& out) {
  const Graph& g = kg.graph;
  const bool full = view == GraphmlView::full;
  std::vector<Vertex> all = kg.sorted_vertices();

  std::map<Vertex, StatementTime> times;
  for (Vertex v : all)
    if (g[v].kind == "statement") times.emplace(v, statement_time(kg, g[v]));

  // First day of each entity: its dated statements (any role) and the articles that name it.
  std::map<Vertex, std::string> first_day;
  auto seen_on = [&](Vertex v, const std::string& day) {
    auto [it, inserted] = first_day.try_emplace(v, day);
    if (!inserted && day < it->second) it->second = day;
  };
  for (const auto& [s, time] : times) {
    if (!time.days) continue;
    for (auto [it, end] = boost::in_edges(s, g); it != end; ++it) seen_on(boost::source(*it, g), time.days->first);
    for (auto [it, end] = boost::out_edges(s, g); it != end; ++it) seen_on(boost::target(*it, g), time.days->first);
  }
  std::map<std::string, std::string> dct_day;
  for (const auto& d : kg.documents)
    if (auto days = day_range(d.dct)) dct_day[d.id] = days->first;
  for (Vertex v : all)
    for (const auto& m : g[v].mentions)
      if (auto it = dct_day.find(m.doc); it != dct_day.end()) seen_on(v, it->second);

  std::map<Vertex, long> spoken = statements_per_speaker(kg);

  std::vector<GexfEdge> edges = full ? full_edges(kg, times) : entity_edges(kg, all, times);

  std::string graph_start, graph_end;
  auto widen = [&](const DayRange& r) {
    if (graph_start.empty() || r.first < graph_start) graph_start = r.first;
    if (graph_end.empty() || r.last > graph_end) graph_end = r.last;
  };
  for (const auto& [v, time] : times)
    if (time.days) widen(*time.days);
  for (const auto& [v, day] : first_day) widen({day, day});

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
         "  <meta>\n    <creator>isnad "
      << ISNAD_VERSION << "</creator>\n    <description>"
      << xml_escape(std::string(full ? "full" : "entities") + " view: who said what about whom, and when")
      << "</description>\n  </meta>\n";
  out << "  <graph mode=\"dynamic\" defaultedgetype=\"directed\" timeformat=\"date\" timerepresentation=\"interval\"";
  if (!graph_start.empty()) out << " start=\"" << graph_start << "\" end=\"" << graph_end << "\"";
  out << ">\n    <attributes class=\"node\" mode=\"static\">\n";
  for (const auto& a : kNodeAttributes)
    out << "      <attribute id=\"" << a.id << "\" title=\"" << a.title << "\" type=\"" << a.type << "\"/>\n";
  out << "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
  for (const auto& a : kEdgeAttributes)
    out << "      <attribute id=\"" << a.id << "\" title=\"" << a.title << "\" type=\"" << a.type << "\"/>\n";
  out << "    </attributes>\n";

  std::map<Vertex, std::string> ids;
  std::set<std::string> taken;
  out << "    <nodes>\n";
  AttValues att;
  for (Vertex v : all) {
    const NodeProps& n = g[v];
    if (!full && n.kind == "statement") continue;
    std::string id = sanitize_text(n.id);
    for (int k = 2; taken.count(id); ++k) id = sanitize_text(n.id) + "." + std::to_string(k);
    taken.insert(id);
    ids.emplace(v, id);
    out << "    <node id=\"" << xml_escape(id) << "\" label=\"" << xml_token_escape(n.label) << "\">\n";
    att.add("kind", n.kind);
    att.add("uid", n.id);
    std::vector<DayRange> spells;
    double size = kStatementNodeSize;
    if (n.kind == "statement") {
      const StatementTime& time = times.at(v);
      att.add("cue", n.cue);
      att.add("act", n.act);
      att.add("cameo", n.cameo);
      att.add("content", n.content);
      att.add("date", n.date);
      att.add("date_basis", time.basis);
      att.add("doc", n.doc);
      att.add("start", static_cast<long>(n.span.start));
      att.add("end", static_cast<long>(n.span.end));
      att.add("direct_quote", n.direct_quote ? "true" : "false");
      if (time.days) spells.push_back(*time.days);
    } else {
      auto it = spoken.find(v);
      long statements = it == spoken.end() ? 0 : it->second;
      size = entity_node_size(n, statements);
      att.add("label_en", n.label_en);
      att.add("aliases", join_list(n.aliases));
      att.add("titles", join_list(n.titles));
      att.add("country", n.country);
      att.add("subtype", n.subtype);
      att.add("mentions", static_cast<long>(n.mentions.size()));
      att.add("statements", statements);
      if (auto day = first_day.find(v); day != first_day.end()) spells.push_back({day->second, ""});
    }
    out << att.take();
    if (!spells.empty()) {
      out << "      <spells>\n";
      for (const auto& s : spells)
        out << "        <spell start=\"" << s.first << "\"" << (s.last.empty() ? "" : " end=\"" + s.last + "\"") << "/>\n";
      out << "      </spells>\n";
    }
    out << colour_element(n.kind == "statement" ? act_colour(n.act) : kind_colour(n.kind))
        << "      <viz:size value=\"" << format_one_decimal(size) << "\"/>\n";
    out << "    </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const GexfEdge& e = edges[i];
    out << "    <edge id=\"e" << i << "\" source=\"" << xml_escape(ids.at(e.source)) << "\" target=\""
        << xml_escape(ids.at(e.target)) << "\" kind=\"" << xml_token_escape(e.kind) << "\"";
    if (!e.label.empty()) out << " label=\"" << xml_token_escape(e.label) << "\"";
    out << " weight=\"" << format_one_decimal(e.weight) << "\">\n";
    att.add("role", e.role);
    att.add("act", e.act);
    att.add("date", e.date);
    att.add("doc", e.doc);
    att.add("title", e.title);
    att.add("relation", e.relation);
    att.add("cues", join_list(e.cues));
    att.add("statements", join_list(e.statements));
    out << att.take() << spells_element(e.spells) << colour_element(e.colour);
    out << "    </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

class GexfExporter : public Exporter {
 public:
  explicit GexfExporter(GraphmlView view) : view_(view) {}
  std::string file_name() const override { return view_ == GraphmlView::full ? "graph.gexf" : "graph.entities.gexf"; }
  void write(const KnowledgeGraph& kg, std::ostream& out) const override { write_gexf(kg, view_, out); }

 private:
  GraphmlView view_;
};

}  // namespace

std::unique_ptr<Exporter> make_gexf_exporter(GraphmlView view) { return std::make_unique<GexfExporter>(view); }

}  // namespace isnad
