// graph.dot, graph.svg and graph.png through Graphviz's cgraph + gvc (formats.md §3).
//
// The diagram: persons are blue ellipses, organisations orange rounded boxes, places green hexagons; every
// statement is a small rounded box tinted by its act (accuse red, appeal teal, …) labelled with its cue and, on
// its own bidi-isolated line, its date. Speaker → statement edges carry the act colour, statement → addressee is
// solid, statement → about dashed, affiliations dotted grey with the title. A legend (an HTML-like table as the
// graph label) explains shapes, the acts present and edge styles. The layout is dot, right to left, so the
// reading order is Arabic: speakers on the right, what they said in the middle, whom it concerns on the left.
//
// Graphviz is not thread-safe (cgraph's own man page): every use of cgraph/gvc happens under one global mutex,
// and GraphvizSession frees in the order the library requires (gvFreeLayout, agclose, gvFreeContext).
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

#include "escape.h"
#include "formats.h"
#include "views.h"

namespace isnad {

namespace {

constexpr const char* kFont = "Noto Naskh Arabic";
// The full diagram: neato's stress layout with node overlaps removed and edges routed around nodes.
constexpr const char* kFullLayoutEngine = "neato";
// The overview: sfdp, the multilevel force layout that scales (see build_overview).
constexpr const char* kOverviewLayoutEngine = "sfdp";

// Limits of the full diagram. Its cost is neato's spline routing (splines=true), which grows far faster than the
// graph: measured on the first N articles of ANT news (Graphviz 2.42, one core) the SVG of 25 articles (39 linked
// entities, 32 statements) takes 0.8 s, of 40 articles (62, 56) 1.8 s, of 50 (87, 86) 10 s and of 200 (323, 283)
// 110 s, and the drawing of 87 entities is already a hairball nobody reads. Past either limit the diagram is an
// overview (build_overview).
constexpr std::size_t kFullDiagramEntities = 60;    // entity nodes with at least one edge
constexpr std::size_t kFullDiagramStatements = 60;  // statement nodes
// Mentioned-only entities named in the full diagram's legend; the rest are counted ("و 12 غيرها").
constexpr std::size_t kLegendLooseNames = 24;

std::mutex& graphviz_mutex() {
  static std::mutex m;
  return m;
}

// Graphviz reports errors through a global callback; collect them for our exception message instead of
// letting them go to stderr. Only ever touched with graphviz_mutex() held.
std::string& graphviz_messages() {
  static std::string messages;
  return messages;
}

int collect_graphviz_message(char* message) {
  graphviz_messages() += message;
  return 0;
}

// cgraph takes char* in 2.42 and never writes through it; the casts stay in this one helper.
char* cstr(const std::string& s) { return const_cast<char*>(s.c_str()); }
char* cstr(const char* s) { return const_cast<char*>(s); }

// gvRenderData's length is unsigned int* in Graphviz 2.42 (Debian 12) and size_t* from 3.0: deduce it.
template <typename Length>
bool render_data(int (*render)(GVC_t*, graph_t*, const char*, char**, Length*), GVC_t* gvc, Agraph_t* g,
                 const char* format, std::string& out) {
  char* data = nullptr;
  Length length = 0;
  int rc = render(gvc, g, format, &data, &length);
  if (rc == 0 && data != nullptr) out.assign(data, static_cast<std::size_t>(length));
  gvFreeRenderData(data);
  return rc == 0;
}

// Owns a context and a graph for one export, and frees them in Graphviz's required order.
class GraphvizSession {
 public:
  GraphvizSession() : lock_(graphviz_mutex()) {
    graphviz_messages().clear();
    previous_handler_ = agseterrf(collect_graphviz_message);
    gvc_ = gvContext();
    if (gvc_ == nullptr) throw std::runtime_error("Graphviz: cannot create a context");
    graph_ = agopen(cstr("isnad"), Agdirected, nullptr);
  }
  ~GraphvizSession() {
    if (laid_out_) gvFreeLayout(gvc_, graph_);
    if (graph_ != nullptr) agclose(graph_);
    gvFreeContext(gvc_);
    agseterrf(previous_handler_);
  }
  GraphvizSession(const GraphvizSession&) = delete;
  GraphvizSession& operator=(const GraphvizSession&) = delete;

  Agraph_t* graph() const { return graph_; }

  void layout(const char* engine) {
    if (gvLayout(gvc_, graph_, engine) != 0) fail("layout failed");
    laid_out_ = true;
  }

  std::string render(const char* format) {
    std::string out;
    if (!render_data(&gvRenderData, gvc_, graph_, format, out)) fail(std::string("cannot render ") + format);
    return out;
  }

  // The graph as DOT text without layout positions (agwrite), so users can re-run any engine on it.
  std::string write_dot() {
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* stream = open_memstream(&buffer, &size);
    if (stream == nullptr) throw std::runtime_error("cannot open a memory stream");
    int rc = agwrite(graph_, stream);
    std::fclose(stream);
    std::string out(buffer, size);
    std::free(buffer);
    if (rc != 0) fail("cannot write DOT");
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    std::string detail = graphviz_messages();
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    throw std::runtime_error("Graphviz: " + what + (detail.empty() ? "" : ": " + detail));
  }

  std::unique_lock<std::mutex> lock_;
  agusererrf previous_handler_ = nullptr;
  GVC_t* gvc_ = nullptr;
  Agraph_t* graph_ = nullptr;
  bool laid_out_ = false;
};

void set(void* object, const char* name, const std::string& value) { agsafeset(object, cstr(name), cstr(value), cstr("")); }

// Breaks a label into lines of at most `width` code points at spaces ("هيئة الأركان العامة للقوات المسلحة الروسية"
// becomes two lines); a single longer word stays whole.
std::string wrap_words(const std::string& text, std::size_t width) {
  auto length = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  std::string out, line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t space = text.find(' ', start);
    std::string word = text.substr(start, space == std::string::npos ? std::string::npos : space - start);
    if (!word.empty()) {
      if (!line.empty() && length(line) + 1 + length(word) > width) {
        out += (out.empty() ? "" : "\n") + line;
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
    }
    if (space == std::string::npos) break;
    start = space + 1;
  }
  if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
  return out;
}

std::string truncate(const std::string& text, std::size_t limit);

// A plain (escString) label: wrapped, Latin runs and dates isolated, escaped.
std::string plain_label(const std::string& text, std::size_t width = 22) {
  return dot_label_escape(bidi_isolate_ltr(wrap_words(dot_shorten(text), width)));
}

// A tooltip: at most kDotTextLimit characters, then escaped.
std::string tooltip_text(const std::string& text) { return dot_label_escape(dot_shorten(text)); }

// An HTML-like label: the wrapped name, and under it in small grey type the person's title ("وزير الخارجية").
// Titles sit in the node rather than on affiliation edges because neato does not keep edge labels off nodes.
std::string entity_label_html(const std::string& name, const std::string& subtitle) {
  std::string html;
  std::string lines = wrap_words(dot_shorten(name), 22);
  std::size_t start = 0;
  while (true) {
    std::size_t newline = lines.find('\n', start);
    html += xml_escape(bidi_isolate_ltr(lines.substr(start, newline == std::string::npos ? newline : newline - start)));
    if (newline == std::string::npos) break;
    html += "<BR/>";
    start = newline + 1;
  }
  if (!subtitle.empty())
    html += "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"#4A4A4A\">" +
            xml_escape(bidi_isolate_ltr(truncate(sanitize_text(subtitle), 36))) + "</FONT>";
  return html;
}

// Sets an HTML-like attribute value (written <…> in DOT rather than "…").
void set_html(Agraph_t* g, void* object, const char* name, const std::string& html) {
  char* value = agstrdup_html(g, cstr(html));
  agsafeset(object, cstr(name), value, cstr(""));
  agstrfree(g, value);
}

// DOT node names: the node's id, unless it is longer than a DOT token may be (an article id is whatever a JSON
// record says): then its first characters and a hash of the whole, made unique if two such names ever collide.
class NodeNames {
 public:
  std::string name(const std::string& id) {
    std::string clean = sanitize_text(id);
    if (clean.size() <= kDotTextLimit) return clean;
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : clean) h = (h ^ c) * 1099511628211ULL;
    char hash[24];
    std::snprintf(hash, sizeof hash, "#%016llx", static_cast<unsigned long long>(h));
    std::string base = dot_shorten(clean, 100) + hash, out = base;
    for (int k = 2; !long_names_.insert(out).second; ++k) out = base + "-" + std::to_string(k);
    return out;
  }

 private:
  std::set<std::string> long_names_;
};

// The act's name in the legend: Arabic first, the English act name isolated after it.
const char* act_name_ar(std::string_view act) {
  static const std::map<std::string_view, const char*> kNames = {
      {"statement", "تصريح"}, {"announce", "إعلان"},  {"appeal", "دعوة"},  {"promise", "وعد"},
      {"praise", "إشادة"},    {"criticize", "انتقاد"}, {"accuse", "اتهام"}, {"reject", "رفض"},
      {"deny", "نفي"},        {"warn", "تحذير"},      {"threaten", "تهديد"},
  };
  auto it = kNames.find(act);
  return it == kNames.end() ? "" : it->second;
}

constexpr const char* kActOrder[] = {"statement", "announce", "appeal",  "promise", "praise",  "criticize",
                                     "accuse",    "reject",   "deny",    "warn",    "threaten"};

struct KindStyle {
  const char* kind;
  const char* shape;
  const char* style;
  const char* name_ar;
};
constexpr KindStyle kKindStyles[] = {
    {"person", "ellipse", "filled", "شخص"},
    {"organization", "box", "rounded,filled", "منظمة"},
    {"place", "hexagon", "filled", "مكان"},
};

const KindStyle* kind_style(std::string_view kind) {
  for (const auto& k : kKindStyles)
    if (kind == k.kind) return &k;
  return nullptr;
}

// At most `limit` code points of `text`, with "…" when cut.
std::string truncate(const std::string& text, std::size_t limit) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (count++ == limit) return text.substr(0, i) + "…";
  }
  return text;
}

// One legend cell, in the colours of what it explains.
std::string swatch(const std::string& text, Rgb colour, double fill_tint) {
  return "<TD BGCOLOR=\"" + hex_colour(tint(colour, fill_tint)) + "\" COLOR=\"" + hex_colour(colour) + "\">" +
         xml_escape(bidi_isolate_ltr(text)) + "</TD>";
}

constexpr std::size_t kLegendColumns = 6;

// A legend group: its swatches in rows of kLegendColumns filled from the right like the text, empty cells on the
// left, and the caption in a last (rightmost) column spanning the group's rows. One flat grid for all groups,
// because Graphviz 2.42 stretches the cells of a nested table to the width of its column.
std::string legend_group(const std::string& caption, const std::vector<std::string>& cells) {
  std::size_t rows = (cells.size() + kLegendColumns - 1) / kLegendColumns;
  std::string html;
  for (std::size_t row = 0; row < rows; ++row) {
    std::size_t first = row * kLegendColumns, last = std::min(cells.size(), first + kLegendColumns);
    html += "<TR>";
    for (std::size_t pad = last - first; pad < kLegendColumns; ++pad) html += "<TD BORDER=\"0\"></TD>";
    for (std::size_t i = last; i > first; --i) html += cells[i - 1];
    if (row == 0)
      html += "<TD BORDER=\"0\" ROWSPAN=\"" + std::to_string(rows) + "\" ALIGN=\"RIGHT\"><B>" + xml_escape(caption) +
              "</B></TD>";
    html += "</TR>";
  }
  return html;
}

// The diagram's title: the article's first sentence and date, or the number of articles.
std::string title_text(const KnowledgeGraph& kg) {
  std::string title = "من قال ماذا عن مَن";
  if (kg.documents.size() == 1) {
    const DocumentInfo& d = kg.documents.front();
    if (!d.title.empty()) title += " — " + truncate(sanitize_text(d.title), 70);
    if (!d.dct.empty()) title += " · " + d.dct;
  } else if (kg.documents.size() > 1) {
    title += " — " + std::to_string(kg.documents.size()) + " مقالات";
  }
  return title;
}

// Legend swatches of the entity kinds drawn, in kKindStyles order.
std::vector<std::string> kind_swatches(const std::set<std::string>& kinds_present) {
  std::vector<std::string> kinds;
  for (const auto& k : kKindStyles)
    if (kinds_present.count(k.kind))
      kinds.push_back(swatch(std::string(k.name_ar) + " " + k.kind, kind_colour(k.kind), 0.82));
  return kinds;
}

// Legend swatches of the acts drawn, in DESIGN.md's order; acts outside that list still get one, after them.
std::vector<std::string> act_swatches(const std::set<std::string>& acts_present) {
  std::vector<std::string> acts;
  for (const char* act : kActOrder)
    if (acts_present.count(act)) acts.push_back(swatch(std::string(act_name_ar(act)) + " " + act, act_colour(act), 0.78));
  for (const auto& act : acts_present)
    if (std::string(act_name_ar(act)).empty()) acts.push_back(swatch(act, act_colour(act), 0.78));
  return acts;
}

// The legend as an HTML-like table under the drawing: title, the node kinds, the acts present, edge styles,
// and the entities that are only mentioned (no statement, no relation), which would otherwise float around
// the drawing as loose nodes.
std::string legend_html(const KnowledgeGraph& kg, const std::set<std::string>& acts_present,
                        const std::set<std::string>& kinds_present, const std::vector<Vertex>& isolated) {
  std::vector<std::string> kinds = kind_swatches(kinds_present);
  std::vector<std::string> acts = act_swatches(acts_present);
  const Rgb ink = {60, 60, 60};
  std::vector<std::string> edges = {
      swatch("━━ القائل ← التصريح ← المخاطَب", ink, 1.0),
      swatch("╍╍ التصريح ← موضوعه", ink, 1.0),
      swatch("┈┈ صفة أو انتماء", ink, 1.0),
  };
  std::vector<std::string> loose;
  for (Vertex v : isolated) {
    if (loose.size() == kLegendLooseNames) {  // a corpus mentions hundreds: name some, count the rest
      loose.push_back(swatch("و" + std::to_string(isolated.size() - kLegendLooseNames) + " غيرها", ink, 1.0));
      break;
    }
    const NodeProps& n = kg.graph[v];
    loose.push_back(swatch(truncate(sanitize_text(n.label), 26), kind_colour(n.kind), 0.82));
  }

  std::string html = "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"4\" CELLPADDING=\"3\">";
  html += "<TR><TD BORDER=\"0\" COLSPAN=\"" + std::to_string(kLegendColumns + 1) +
          "\" ALIGN=\"RIGHT\"><FONT POINT-SIZE=\"21\"><B>" + xml_escape(bidi_isolate_ltr(title_text(kg))) +
          "</B></FONT></TD></TR>";
  if (!loose.empty()) html += legend_group("ذُكروا دون تصريح أو علاقة", loose);
  if (!kinds.empty()) html += legend_group("الكيانات", kinds);
  if (!acts.empty()) html += legend_group("نوع التصريح", acts);
  html += legend_group("الروابط", edges);
  return html + "</TABLE>";
}

// What an overview drew of the whole graph.
struct OverviewCounts {
  std::size_t entities_drawn = 0, entities = 0, statements_drawn = 0, statements = 0;
};

// The overview's legend: the title, what was left out (in Arabic and in English) and how to see one entity in full,
// the kinds, the acts of the drawn statements, and what its edges mean.
std::string overview_legend_html(const KnowledgeGraph& kg, const std::set<std::string>& acts_present,
                                 const std::set<std::string>& kinds_present, const OverviewCounts& c) {
  std::vector<std::string> kinds = kind_swatches(kinds_present);
  std::vector<std::string> acts = act_swatches(acts_present);
  const Rgb ink = {60, 60, 60};
  std::vector<std::string> edges = {
      swatch("━━ القائل ← المخاطَب (الرقم: عدد التصريحات)", ink, 1.0),
      swatch("╍╍ القائل ← مَن تحدّث عنه", ink, 1.0),
      swatch("┈┈ صفة أو انتماء", ink, 1.0),
  };
  auto n = [](std::size_t v) { return std::to_string(v); };
  std::string arabic = "نظرة عامة: الكيانات الأكثر مشاركة في التصريحات — المرسومة " + n(c.entities_drawn) + " من " +
                       n(c.entities) + " كيانًا، والتصريحات الممثَّلة " + n(c.statements_drawn) + " من " +
                       n(c.statements) + "؛ لم يُرسم " + n(c.entities - c.entities_drawn) + " كيانًا ولا " +
                       n(c.statements - c.statements_drawn) + " تصريحًا؛ لرسم كيان واحد بالتفصيل: isnad render graph.json --focus الاسم";
  std::string english = "Overview of the " + n(c.entities_drawn) + " entities in most statements: " +
                        n(c.entities - c.entities_drawn) + " of " + n(c.entities) + " entities and " +
                        n(c.statements - c.statements_drawn) + " of " + n(c.statements) +
                        " statements left out; one entity in full: isnad render graph.json --focus NAME";
  std::string span = "<TD BORDER=\"0\" COLSPAN=\"" + std::to_string(kLegendColumns + 1) + "\" ALIGN=\"RIGHT\">";
  std::string html = "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"4\" CELLPADDING=\"3\">";
  html += "<TR>" + span + "<FONT POINT-SIZE=\"21\"><B>" + xml_escape(bidi_isolate_ltr(title_text(kg))) +
          "</B></FONT></TD></TR>";
  html += "<TR>" + span + "<B>" + xml_escape(bidi_isolate_ltr(arabic)) + "</B></TD></TR>";
  html += "<TR>" + span + xml_escape(bidi_isolate_ltr(english)) + "</TD></TR>";
  if (!kinds.empty()) html += legend_group("الكيانات", kinds);
  if (!acts.empty()) html += legend_group("نوع التصريح", acts);
  html += legend_group("الروابط", edges);
  return html + "</TABLE>";
}

// Attributes every diagram shares: fonts, colours, margins. `engine` is the layout engine written into the DOT
// (so `dot -Tsvg graph.dot` lays it out as isnad did).
void set_defaults(Agraph_t* g, const char* engine) {
  agattr(g, AGRAPH, cstr("layout"), cstr(engine));
  agattr(g, AGRAPH, cstr("overlap"), cstr("prism"));  // remove node overlaps, keep the stress layout's shape
  agattr(g, AGRAPH, cstr("sep"), cstr("+10"));
  agattr(g, AGRAPH, cstr("splines"), cstr("true"));    // edges routed around nodes
  agattr(g, AGRAPH, cstr("fontname"), cstr(kFont));
  agattr(g, AGRAPH, cstr("fontsize"), cstr("16"));  // the legend
  agattr(g, AGRAPH, cstr("bgcolor"), cstr("white"));
  agattr(g, AGRAPH, cstr("pad"), cstr("0.3"));
  agattr(g, AGRAPH, cstr("labelloc"), cstr("b"));
  agattr(g, AGRAPH, cstr("labeljust"), cstr("r"));
  agattr(g, AGNODE, cstr("fontname"), cstr(kFont));
  agattr(g, AGNODE, cstr("fontsize"), cstr("14"));
  agattr(g, AGNODE, cstr("style"), cstr("filled"));
  agattr(g, AGNODE, cstr("penwidth"), cstr("1.4"));
  agattr(g, AGNODE, cstr("margin"), cstr("0.12,0.04"));
  agattr(g, AGEDGE, cstr("fontname"), cstr(kFont));
  agattr(g, AGEDGE, cstr("fontsize"), cstr("11"));
  agattr(g, AGEDGE, cstr("arrowsize"), cstr("0.7"));
  agattr(g, AGEDGE, cstr("color"), cstr("#777777"));
}

// An entity's node: its shape and colour by kind, the name with the titles of its affiliations (at most two) or
// else the first title found in the text under it, and a tooltip with the English name and `tooltip_extra`.
Agnode_t* add_entity_node(const KnowledgeGraph& kg, Agraph_t* g, Vertex v, NodeNames& node_names,
                          const std::string& tooltip_extra = "") {
  const Graph& graph = kg.graph;
  const NodeProps& n = graph[v];
  Agnode_t* node = agnode(g, cstr(node_names.name(n.id)), 1);
  const KindStyle* style = kind_style(n.kind);
  Rgb colour = kind_colour(n.kind);
  // In the order of the affiliated nodes' ids, not of the edges: a graph read back from graph.json holds its edges
  // in another order than the one built, and `render` must draw what `build` drew.
  std::vector<std::pair<std::string, std::string>> affiliations;  // (target id, title)
  for (auto [it, end] = boost::out_edges(v, graph); it != end; ++it)
    if (graph[*it].role == "affiliation" && !graph[*it].title.empty())
      affiliations.emplace_back(graph[boost::target(*it, graph)].id, graph[*it].title);
  std::sort(affiliations.begin(), affiliations.end());
  std::vector<std::string> titles;
  for (const auto& [target, t] : affiliations)
    if (titles.size() < 2 && std::find(titles.begin(), titles.end(), t) == titles.end()) titles.push_back(t);
  if (titles.empty() && !n.titles.empty()) titles.push_back(n.titles.front());
  std::string subtitle;
  for (const auto& t : titles) subtitle += (subtitle.empty() ? "" : "، ") + t;
  set_html(g, node, "label", entity_label_html(n.label, subtitle));
  set(node, "shape", style ? style->shape : "box");
  if (style) set(node, "style", style->style);
  set(node, "fillcolor", hex_colour(tint(colour, 0.82)));
  set(node, "color", hex_colour(colour));
  set(node, "margin", "0.14,0.09");  // room for the subtitle inside an ellipse
  std::string tooltip = n.label_en.empty() ? n.label : n.label + " — " + n.label_en;
  if (!tooltip_extra.empty()) tooltip += " — " + tooltip_extra;
  set(node, "tooltip", tooltip_text(tooltip));
  return node;
}

// ---- the full diagram: every statement a node ----

bool needs_overview(const KnowledgeGraph& kg) {
  const Graph& graph = kg.graph;
  std::size_t entities = 0, statements = 0;
  for (Vertex v : boost::make_iterator_range(boost::vertices(graph))) {
    if (graph[v].kind == "statement") ++statements;
    else if (boost::degree(v, graph) > 0) ++entities;
  }
  return entities > kFullDiagramEntities || statements > kFullDiagramStatements;
}

void build_full_diagram(const KnowledgeGraph& kg, Agraph_t* g) {
  const Graph& graph = kg.graph;
  set_defaults(g, kFullLayoutEngine);

  std::set<std::string> acts_present, kinds_present;
  std::vector<Vertex> isolated;
  NodeNames node_names;
  std::map<Vertex, Agnode_t*> node_of;
  for (Vertex v : kg.sorted_vertices()) {
    const NodeProps& n = graph[v];
    if (n.kind != "statement") kinds_present.insert(n.kind);
    if (boost::degree(v, graph) == 0 && n.kind != "statement") {
      isolated.push_back(v);  // listed in the legend instead
      continue;
    }
    if (n.kind != "statement") {
      node_of.emplace(v, add_entity_node(kg, g, v, node_names));
      continue;
    }
    Agnode_t* node = agnode(g, cstr(node_names.name(n.id)), 1);
    node_of.emplace(v, node);
    acts_present.insert(n.act);
    Rgb colour = act_colour(n.act);
    std::string label = plain_label(n.cue, 18);
    if (!n.date.empty()) {
      label += "\\n";
      label += dot_label_escape(bidi_isolate_ltr(n.date));
    }
    set(node, "label", label);
    set(node, "shape", "box");
    set(node, "style", "rounded,filled");
    set(node, "fillcolor", hex_colour(tint(colour, 0.78)));
    set(node, "color", hex_colour(colour));
    set(node, "fontsize", "11");
    set(node, "margin", "0.06,0.02");
    set(node, "height", "0.3");
    set(node, "tooltip", tooltip_text(n.content.empty() ? n.label : n.content));
  }

  int edge_number = 0;
  for (const EdgeDesc& e : kg.sorted_edges()) {
    const EdgeProps& p = graph[e];
    std::string name = "e" + std::to_string(edge_number++);  // distinct names keep parallel edges
    Agedge_t* edge = agedge(g, node_of.at(boost::source(e, graph)), node_of.at(boost::target(e, graph)), cstr(name), 1);
    Rgb colour = act_colour(p.act);
    // Preferred lengths (inches) for neato: a statement sits close to its speaker, further from its topics.
    if (p.role == "speaker") {
      set(edge, "color", hex_colour(colour));
      set(edge, "penwidth", "1.8");
      set(edge, "len", "0.7");
    } else if (p.role == "addressee") {
      set(edge, "color", hex_colour(colour));
      set(edge, "penwidth", "1.3");
      set(edge, "len", "1.3");
    } else if (p.role == "about") {
      set(edge, "color", hex_colour(tint(colour, 0.25)));
      set(edge, "style", "dashed");
      set(edge, "len", "1.5");
    } else if (p.role == "source") {
      set(edge, "style", "dotted");
      set(edge, "arrowhead", "odot");
      set(edge, "len", "1.5");
    } else if (p.role == "affiliation") {
      set(edge, "len", "1.0");
      set(edge, "style", "dotted");
      set(edge, "penwidth", "1.3");
      set(edge, "arrowhead", "empty");
      std::string title = p.title.empty() ? p.relation : p.title;
      if (!title.empty()) set(edge, "tooltip", tooltip_text(title));
    }
  }

  set_html(g, g, "label", legend_html(kg, acts_present, kinds_present, isolated));
}

// ---- the overview: the most connected entities, statements collapsed into weighted edges ----

constexpr std::size_t kOverviewEntities = 50;  // the entities an overview keeps
constexpr std::size_t kOverviewEdges = 200;    // and at most this many collapsed edges among them

// Statements collapsed into one speaker → target edge.
struct OverviewEdge {
  long statements = 0;
  bool addressed = false;             // some statement addresses the target; else all are about it
  std::map<std::string, long> acts;   // act → statements
};

// Position of an act in kActOrder (unknown acts after), so that ties between acts resolve the same way every time.
std::size_t act_rank(const std::string& act) {
  for (std::size_t i = 0; i < std::size(kActOrder); ++i)
    if (act == kActOrder[i]) return i;
  return std::size(kActOrder);
}

std::string with_count(long n) { return std::to_string(n); }

// The overview of a graph too large to draw in full: the kOverviewEntities entities taking part in the most
// statements (as speaker, addressee, about or source; ties: more mentions, then id order), each pair's statements
// collapsed into one speaker → target edge whose width and label give their number and whose colour is their most
// frequent act, affiliations among them dotted. The legend says how many entities and statements were left out and
// how to draw one entity in full (isnad render graph.json --focus NAME). Laid out with sfdp (kOverviewLayoutEngine).
void build_overview(const KnowledgeGraph& kg, Agraph_t* g) {
  const Graph& graph = kg.graph;
  set_defaults(g, kOverviewLayoutEngine);
  agattr(g, AGRAPH, cstr("sep"), cstr("+14"));

  std::vector<Vertex> order = kg.sorted_vertices();
  std::vector<std::size_t> rank(boost::num_vertices(graph));
  for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = i;

  // How many statements each entity takes part in.
  std::vector<long> involvement(boost::num_vertices(graph), 0);
  std::size_t total_entities = 0, total_statements = 0;
  for (Vertex v : order) {
    if (graph[v].kind != "statement") {
      ++total_entities;
      continue;
    }
    ++total_statements;
    std::set<Vertex> parties;
    for (auto [it, end] = boost::in_edges(v, graph); it != end; ++it)
      if (graph[boost::source(*it, graph)].kind != "statement") parties.insert(boost::source(*it, graph));
    for (auto [it, end] = boost::out_edges(v, graph); it != end; ++it)
      if (graph[boost::target(*it, graph)].kind != "statement") parties.insert(boost::target(*it, graph));
    for (Vertex p : parties) ++involvement[p];
  }
  std::vector<Vertex> ranked;
  for (Vertex v : order)
    if (graph[v].kind != "statement" && involvement[v] > 0) ranked.push_back(v);
  std::stable_sort(ranked.begin(), ranked.end(), [&](Vertex a, Vertex b) {
    if (involvement[a] != involvement[b]) return involvement[a] > involvement[b];
    return graph[a].mentions.size() > graph[b].mentions.size();
  });
  if (ranked.size() > kOverviewEntities) ranked.resize(kOverviewEntities);
  std::vector<bool> kept(boost::num_vertices(graph), false);
  for (Vertex v : ranked) kept[v] = true;

  // Statements between kept entities, collapsed per (speaker, target) pair; keyed by id order for a stable output.
  using Pair = std::pair<std::size_t, std::size_t>;
  std::map<Pair, OverviewEdge> collapsed;
  std::vector<std::pair<Vertex, std::set<Pair>>> statement_pairs;  // each statement and the pairs it is counted in
  for (Vertex v : order) {
    if (graph[v].kind != "statement") continue;
    StatementParties parties = statement_parties(graph, v);
    std::set<Pair> counted;  // a target both addressed and named counts once
    for (Vertex speaker : parties.speakers) {
      if (!kept[speaker]) continue;
      for (const auto& [target, role] : parties.targets) {
        if (!kept[target] || target == speaker) continue;
        Pair key{rank[speaker], rank[target]};
        OverviewEdge& e = collapsed[key];
        if (counted.insert(key).second) {
          ++e.statements;
          ++e.acts[graph[v].act];
        }
        e.addressed = e.addressed || role == "addressee";
      }
    }
    if (!counted.empty()) statement_pairs.emplace_back(v, std::move(counted));
  }
  // The heaviest kOverviewEdges pairs (ties in id order): spline routing is the cost, and lighter edges only add
  // to the tangle.
  if (collapsed.size() > kOverviewEdges) {
    std::vector<std::pair<long, Pair>> by_weight;
    for (const auto& [key, e] : collapsed) by_weight.emplace_back(e.statements, key);
    std::stable_sort(by_weight.begin(), by_weight.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = kOverviewEdges; i < by_weight.size(); ++i) collapsed.erase(by_weight[i].second);
  }
  std::size_t drawn_statements = 0;  // statements counted in at least one drawn edge
  std::set<std::string> acts_present, kinds_present;
  for (const auto& [v, pairs] : statement_pairs)
    if (std::any_of(pairs.begin(), pairs.end(), [&](const Pair& p) { return collapsed.count(p) > 0; })) {
      ++drawn_statements;
      acts_present.insert(graph[v].act);
    }

  NodeNames node_names;
  std::map<Vertex, Agnode_t*> node_of;
  for (Vertex v : order) {
    if (!kept[v]) continue;
    kinds_present.insert(graph[v].kind);
    Agnode_t* node = add_entity_node(kg, g, v, node_names, with_count(involvement[v]) + " statements");
    // The more statements, the larger the name: 14 pt, up to 24 pt from 32 statements on.
    double size = 14 + std::min(10.0, 2.0 * std::log2(static_cast<double>(involvement[v])));
    set(node, "fontsize", format_one_decimal(size));
    node_of.emplace(v, node);
  }
  int edge_number = 0;
  for (const auto& [key, e] : collapsed) {
    std::string dominant;
    long most = 0;
    for (const auto& [act, n] : e.acts)
      if (n > most || (n == most && act_rank(act) < act_rank(dominant))) dominant = act, most = n;
    std::string name = "e" + std::to_string(edge_number++);
    Agedge_t* edge = agedge(g, node_of.at(order[key.first]), node_of.at(order[key.second]), cstr(name), 1);
    Rgb colour = act_colour(dominant);
    set(edge, "color", hex_colour(e.addressed ? colour : tint(colour, 0.25)));
    if (!e.addressed) set(edge, "style", "dashed");
    set(edge, "penwidth", format_one_decimal(std::min(9.0, 1.2 + 1.5 * std::log2(static_cast<double>(e.statements)))));
    set(edge, "weight", std::to_string(e.statements));
    if (e.statements > 1) set(edge, "label", std::to_string(e.statements));
    std::string acts;
    for (const auto& [act, n] : e.acts) acts += (acts.empty() ? "" : ", ") + act + " ×" + std::to_string(n);
    set(edge, "tooltip", tooltip_text(graph[order[key.first]].label + " → " + graph[order[key.second]].label + ": " + acts));
  }
  for (const EdgeDesc& d : kg.sorted_edges()) {
    const EdgeProps& p = graph[d];
    Vertex from = boost::source(d, graph), to = boost::target(d, graph);
    if (p.role != "affiliation" || !kept[from] || !kept[to]) continue;
    Agedge_t* edge = agedge(g, node_of.at(from), node_of.at(to), cstr("e" + std::to_string(edge_number++)), 1);
    set(edge, "style", "dotted");
    set(edge, "penwidth", "1.3");
    set(edge, "arrowhead", "empty");
    std::string title = p.title.empty() ? p.relation : p.title;
    if (!title.empty()) set(edge, "tooltip", tooltip_text(title));
  }

  OverviewCounts counts{ranked.size(), total_entities, drawn_statements, total_statements};
  set_html(g, g, "label", overview_legend_html(kg, acts_present, kinds_present, counts));
}

// The diagram of `kg` into `g`: in full when it is small enough, else the overview. Returns the layout engine.
const char* build_diagram(const KnowledgeGraph& kg, Agraph_t* g) {
  if (needs_overview(kg)) {
    build_overview(kg, g);
    return kOverviewLayoutEngine;
  }
  build_full_diagram(kg, g);
  return kFullLayoutEngine;
}

class GraphvizExporter : public Exporter {
 public:
  explicit GraphvizExporter(std::string format) : format_(std::move(format)) {}
  std::string file_name() const override { return "graph." + format_; }
  void write(const KnowledgeGraph& kg, std::ostream& out) const override {
    GraphvizSession session;
    const char* engine = build_diagram(kg, session.graph());
    if (format_ == "dot") {
      out << session.write_dot();
      return;
    }
    if (format_ == "png") agsafeset(session.graph(), cstr("dpi"), cstr("150"), cstr(""));
    session.layout(engine);
    // Core SVG keeps the text selectable (logical order; the viewer shapes it). PNG goes through cairo/pango,
    // which shape Arabic: never gd, whose letters come out unjoined.
    out << session.render(format_ == "png" ? "png:cairo" : "svg");
  }

 private:
  std::string format_;
};

}  // namespace

std::unique_ptr<Exporter> make_graphviz_exporter(std::string_view format) {
  if (format != "dot" && format != "svg" && format != "png") return nullptr;
  return std::make_unique<GraphvizExporter>(std::string(format));
}

}  // namespace isnad
