// Factories of the individual exporters, and what the exporters share (the colour palette, so that
// Gephi and the Graphviz diagram colour kinds and acts alike). Only export/*.cpp include this.
#pragma once
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "exporter.h"

namespace isnad {

std::unique_ptr<Exporter> make_json_exporter();

// GraphML. The full view has statement nodes (speaker → statement → addressee/about/source); the entities view
// collapses every statement into speaker → addressee/about edges, one edge per (speaker, target) pair with the
// acts, cues and dates of its statements and their count as the weight (Gephi merges parallel edges anyway).
enum class GraphmlView { full, entities };
void write_graphml(const KnowledgeGraph& kg, GraphmlView view, std::ostream& out);
std::unique_ptr<Exporter> make_graphml_exporter(GraphmlView view);  // graph.graphml / graph.entities.graphml

// Graphviz through cgraph/gvc: "dot" writes the unlaid-out graph with its styling, "svg" and "png" (cairo) render it.
std::unique_ptr<Exporter> make_graphviz_exporter(std::string_view format);

// GEXF 1.3 for Gephi, dynamic (gexf.cpp). The full view mirrors GraphML's; the entities view draws one edge per
// statement and target (speaker → addressee/about), its kind the act, its spell the statement's date, so Gephi's
// timeline slider replays who turned against whom. graph.gexf / graph.entities.gexf.
std::unique_ptr<Exporter> make_gexf_exporter(GraphmlView view);

// neo4j/: bulk-import CSVs with their headers and an idempotent Cypher script (neo4j.cpp).
std::unique_ptr<Exporter> make_neo4j_exporter();

// graph.nt: RDF N-Triples, schema.org types and PROV-O provenance (ntriples.cpp). kRdfBase is the namespace of
// every IRI we mint; kRdfVocab that of the few properties schema.org and PROV-O lack.
inline constexpr const char* kRdfBase = "https://example.org/isnad/";
inline constexpr const char* kRdfVocab = "https://example.org/isnad/vocab#";
std::unique_ptr<Exporter> make_ntriples_exporter();

// timeline.json (statements in date order, vis-timeline items and groups), timeline.html (an offline,
// right-to-left single-file page of the same) and report.html (the analyst's workbench, workbench.cpp)
// (timeline.cpp).
enum class TimelineFormat { json, html, report };
std::unique_ptr<Exporter> make_timeline_exporter(TimelineFormat format);

// A statement placed in time (timeline.cpp): its inclusive day range and the basis of it ("statement": its own
// date; "publication": its article's; "": neither, then both days are empty), and its speakers, addressees,
// topics and sources, each sorted by id.
struct TimelineEntry {
  Vertex statement = 0;
  std::string day_first, day_last, basis;
  std::vector<Vertex> speakers, addressees, about, sources;
};
// Every statement: dated first by day, then by article and position in it; undated last.
std::vector<TimelineEntry> timeline_entries(const KnowledgeGraph& kg);
// The style of timeline.html (its cards coloured by act), which report.html reuses.
std::string timeline_css();
// timeline.html's body: the article list, the statement count and the cards by day. With `report`, also the
// Graphviz diagram inlined as SVG first and the table of every statement last (today's single-article report).
void write_timeline_body(const KnowledgeGraph& kg, const std::vector<TimelineEntry>& entries, std::ostream& out,
                         bool report);
// report.html: the analyst's workbench (workbench.cpp).
void write_report(const KnowledgeGraph& kg, std::ostream& out);

// The inclusive ISO days a date value covers: "2016-11-03" → [2016-11-03, 2016-11-03], "2016-11" → the month,
// "2016" → the year, "2016-11-05/2016-11-10" → that interval; weeks, seasons, "PAST_REF" and impossible days →
// nullopt (exporter.cpp).
struct DayRange {
  std::string first, last;
};
std::optional<DayRange> day_range(std::string_view value);

struct Rgb {
  int r = 0, g = 0, b = 0;
};

// Colour of a node kind: person blue, organisation orange, place green, statement grey.
inline Rgb kind_colour(std::string_view kind) {
  if (kind == "person") return {37, 99, 171};
  if (kind == "organization") return {201, 98, 20};
  if (kind == "place") return {46, 125, 50};
  return {110, 110, 110};
}

// Colour of a statement act (DESIGN.md's act list): neutral speech in slate, cooperative acts in blues and
// greens, hostile acts in reds and purples, so a diagram shows at a glance who attacks whom.
inline Rgb act_colour(std::string_view act) {
  if (act == "statement") return {84, 110, 122};
  if (act == "announce") return {2, 119, 189};
  if (act == "appeal") return {0, 137, 123};
  if (act == "promise") return {104, 159, 56};
  if (act == "praise") return {175, 180, 43};
  if (act == "criticize") return {239, 108, 0};
  if (act == "accuse") return {211, 47, 47};
  if (act == "reject") return {142, 36, 170};
  if (act == "deny") return {173, 20, 87};
  if (act == "warn") return {255, 160, 0};
  if (act == "threaten") return {120, 20, 20};
  return {120, 120, 120};
}

// "#2563AB"
inline std::string hex_colour(Rgb c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "#";
  for (int v : {c.r, c.g, c.b}) {
    out += kHex[(v >> 4) & 0xF];
    out += kHex[v & 0xF];
  }
  return out;
}

// The colour mixed towards white by `amount` in [0, 1]: fills behind black text.
inline Rgb tint(Rgb c, double amount) {
  auto mix = [amount](int v) { return static_cast<int>(v + (255 - v) * amount + 0.5); };
  return {mix(c.r), mix(c.g), mix(c.b)};
}

}  // namespace isnad
