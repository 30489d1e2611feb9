// timeline.json and timeline.html: the statements in date order (formats.md §4, JSON formats).
//   - timeline.json: {"items": […], "groups": […]} that vis-timeline reads as they are (items: id, content, start,
//     end, type, group, title, className; groups: id, content), each item also carrying the statement's facts
//     (speaker, addressees, about, act, cue, date basis, article and offsets) for scripts. content and title are
//     plain text: vis-timeline treats content as HTML, so a page showing it must sanitise or use textContent.
//   - timeline.html: one offline page (no script, no CDN, no web font), right to left, a section per day with
//     each statement as a card coloured by its act: who, the cue, to and about whom, the content, the source.
//   - report.html: the analyst's workbench (workbench.cpp), which for a small graph (one article) embeds this
//     page's body with the Graphviz diagram inlined as SVG above the timeline and a table of every statement below
//     it (write_timeline_body with `report`). Both pages are polyglot markup (they parse as XML too).
//     The figure is direction:ltr: Graphviz places SVG text by anchors computed left to right, and an inherited
//     rtl direction flips text-anchor="start" and scatters the legend.
// An undated statement takes its article's publication date and is marked as such; statements with neither
// come last, under "بلا تاريخ".
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "escape.h"
#include "formats.h"

namespace isnad {

namespace {

using Json = nlohmann::ordered_json;
using Entry = TimelineEntry;

}  // namespace

std::vector<TimelineEntry> timeline_entries(const KnowledgeGraph& kg) {
  const Graph& g = kg.graph;
  std::map<std::string, std::string> dct;
  for (const auto& d : kg.documents) dct[d.id] = d.dct;
  std::vector<Entry> out;
  for (Vertex v : kg.sorted_vertices()) {
    const NodeProps& n = g[v];
    if (n.kind != "statement") continue;
    Entry e;
    e.statement = v;
    auto date_of = [&](const std::optional<DayRange>& days, const char* basis) {
      e.day_first = days->first;
      e.day_last = days->last;
      e.basis = basis;
    };
    if (auto days = day_range(n.date)) {
      date_of(days, "statement");
    } else if (auto it = dct.find(n.doc); it != dct.end()) {
      if (auto pub = day_range(it->second)) date_of(pub, "publication");
    }
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it)
      if (g[*it].role == "speaker") e.speakers.push_back(boost::source(*it, g));
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      const std::string& role = g[*it].role;
      Vertex t = boost::target(*it, g);
      if (role == "addressee") e.addressees.push_back(t);
      else if (role == "about") e.about.push_back(t);
      else if (role == "source") e.sources.push_back(t);
    }
    out.push_back(std::move(e));
  }
  auto id_order = [&](std::vector<Vertex>& vs) {
    std::sort(vs.begin(), vs.end(), [&](Vertex a, Vertex b) { return g[a].id < g[b].id; });
  };
  for (Entry& e : out) {
    id_order(e.speakers);
    id_order(e.addressees);
    id_order(e.about);
    id_order(e.sources);
  }
  // Dated first, by day, then by article and position in it (the order of the text).
  std::stable_sort(out.begin(), out.end(), [&](const Entry& a, const Entry& b) {
    bool a_undated = a.day_first.empty(), b_undated = b.day_first.empty();
    const NodeProps& na = g[a.statement];
    const NodeProps& nb = g[b.statement];
    return std::tie(a_undated, a.day_first, na.doc, na.span.start) <
           std::tie(b_undated, b.day_first, nb.doc, nb.span.start);
  });
  return out;
}

namespace {

std::vector<std::string> labels(const Graph& g, const std::vector<Vertex>& vs) {
  std::vector<std::string> out;
  for (Vertex v : vs) out.push_back(sanitize_text(g[v].label));
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : separator) + s;
  return out;
}

void write_json(const KnowledgeGraph& kg, std::ostream& out) {
  const Graph& g = kg.graph;
  Json items = Json::array();
  std::vector<Vertex> group_order;
  for (const Entry& e : timeline_entries(kg)) {
    const NodeProps& n = g[e.statement];
    std::string speaker = e.speakers.empty() ? "" : g[e.speakers.front()].id;
    if (!e.speakers.empty() && std::find(group_order.begin(), group_order.end(), e.speakers.front()) == group_order.end())
      group_order.push_back(e.speakers.front());
    std::string who = join(labels(g, e.speakers), "، ");
    Json item = {{"id", n.id}, {"content", (who.empty() ? "" : who + ": ") + sanitize_text(n.cue)}};
    if (!e.day_first.empty()) {
      item["start"] = e.day_first;
      if (e.day_last != e.day_first) item["end"] = e.day_last;
      item["type"] = e.day_last != e.day_first ? "range" : "point";
    }
    if (!speaker.empty()) item["group"] = speaker;
    item["title"] = sanitize_text(n.content);
    item["className"] = "act-" + n.act;
    item["act"] = n.act;
    item["cue"] = sanitize_text(n.cue);
    item["date"] = n.date;
    item["date_basis"] = e.basis;
    item["speakers"] = labels(g, e.speakers);
    item["addressees"] = labels(g, e.addressees);
    item["about"] = labels(g, e.about);
    item["sources"] = labels(g, e.sources);
    item["doc"] = n.doc;
    item["offsets"] = {n.span.start, n.span.end};
    items.push_back(std::move(item));
  }
  Json groups = Json::array();
  for (Vertex v : group_order) groups.push_back({{"id", g[v].id}, {"content", sanitize_text(g[v].label)}});
  Json root = {{"generator", std::string("isnad ") + ISNAD_VERSION},
               {"options", {{"rtl", true}, {"locale", "ar"}, {"orientation", "top"}}},
               {"groups", std::move(groups)},
               {"items", std::move(items)}};
  out << root.dump(1, ' ', false, Json::error_handler_t::replace) << '\n';
}

std::string html(std::string_view text) { return xml_escape(text); }

// An LTR value (date, id, offsets) inside the RTL page.
std::string ltr(std::string_view text) { return "<bdi dir=\"ltr\">" + html(text) + "</bdi>"; }

std::string names(const Graph& g, const std::vector<Vertex>& vs) {
  std::string out;
  for (Vertex v : vs)
    out += (out.empty() ? "" : "، ") + std::string("<span class=\"k-") + html(g[v].kind) + "\">" + html(g[v].label) + "</span>";
  return out;
}

// The diagram as inline SVG (Graphviz's core SVG keeps the text as text, so it stays selectable and searchable), or a
// note saying why there is none.
std::string inline_diagram(const KnowledgeGraph& kg) {
  std::ostringstream svg;
  try {
    make_graphviz_exporter("svg")->write(kg, svg);
  } catch (const std::exception& e) {
    return "<p class=\"meta\">" + html(std::string("no diagram: ") + e.what()) + "</p>\n";
  }
  std::string text = svg.str();
  std::size_t start = text.find("<svg");
  return start == std::string::npos ? std::string() : text.substr(start);
}

}  // namespace

std::string timeline_css() {
  std::string css =
      "body{font-family:'Noto Naskh Arabic','Noto Sans Arabic','Amiri',serif;margin:2em auto;max-width:60em;"
      "padding:0 1em;color:#222;background:#fafafa;line-height:1.7}\n"
      "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}\n"
      ".docs{color:#555;font-size:.95em}\n"
      ".card{background:#fff;border:1px solid #ddd;border-inline-start:6px solid #777;border-radius:6px;"
      "padding:.5em .9em;margin:.6em 0}\n"
      ".who{font-weight:bold}.cue{font-weight:bold}.meta{color:#666;font-size:.85em}\n"
      "blockquote{margin:.3em 0;padding:0 .8em;border-inline-start:2px solid #ddd;color:#333;white-space:pre-line}\n"
      ".k-person{color:#2563AB}.k-organization{color:#C96214}.k-place{color:#2E7D32}\n"
      ".basis{color:#8a6d00;font-size:.85em}\n"
      "figure.diagram{margin:1em 0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5em;"
      "overflow-x:auto;direction:ltr}figure.diagram svg{max-width:100%;height:auto}\n"
      "table{border-collapse:collapse;width:100%;background:#fff;font-size:.9em}"
      "th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:start}th{background:#eee}\n";
  for (const char* act : {"statement", "announce", "appeal", "promise", "praise", "criticize", "accuse", "reject", "deny",
                          "warn", "threaten"})
    css += std::string(".act-") + act + "{border-inline-start-color:" + hex_colour(act_colour(act)) + "}\n";
  return css;
}

void write_timeline_body(const KnowledgeGraph& kg, const std::vector<TimelineEntry>& all, std::ostream& out,
                         bool report) {
  const Graph& g = kg.graph;
  const char* day_tag = report ? "h3" : "h2";
  out << "<p class=\"docs\">";
  for (std::size_t i = 0; i < kg.documents.size(); ++i) {
    const DocumentInfo& d = kg.documents[i];
    out << (i ? "<br/>\n" : "") << ltr(d.id) << " — ";
    // A link only to a web address: a "javascript:" or "data:" URL from a corpus never becomes clickable.
    bool web = d.url.starts_with("https://") || d.url.starts_with("http://");
    if (web) out << "<a href=\"" << html(d.url) << "\" rel=\"noopener noreferrer\">";
    out << html(d.title) << (web ? "</a>" : "");
    if (!d.source.empty()) out << " · " << html(d.source);
    // An inferred publication date is marked as such ("مستنتج": read from the text's weekday and date).
    if (!d.dct.empty()) out << " · " << ltr(d.dct) << (d.dct_source == "inferred" ? " (تاريخ مستنتج من النص)" : "");
    else if (d.dct_source == "ambiguous") out << " · تاريخ النشر غير محدد";
  }
  out << "</p>\n<p class=\"docs\">" << all.size() << " تصريحًا</p>\n";
  if (report) out << "<h2>المخطط</h2>\n<figure class=\"diagram\">\n" << inline_diagram(kg) << "</figure>\n<h2>الخط الزمني</h2>\n";
  std::string current = "\x01";  // no day is this
  for (const Entry& e : all) {
    if (e.day_first != current) {
      if (current != "\x01") out << "</section>\n";
      current = e.day_first;
      std::string heading = e.day_first.empty()       ? html("بلا تاريخ")
                            : e.day_last == e.day_first ? ltr(e.day_first)
                                                        : ltr(e.day_first + " – " + e.day_last);
      out << "<section>\n<" << day_tag << ">" << heading << "</" << day_tag << ">\n";
    }
    const NodeProps& n = g[e.statement];
    out << "<div class=\"card act-" << html(n.act) << "\" id=\"" << html(n.id) << "\">\n<div><span class=\"who\">"
        << (e.speakers.empty() ? html("؟") : names(g, e.speakers)) << "</span> <span class=\"cue\">" << html(n.cue)
        << "</span>";
    if (!e.addressees.empty()) out << " ← " << names(g, e.addressees);
    out << "</div>\n";
    if (!n.content.empty()) out << "<blockquote>" << html(n.content) << "</blockquote>\n";
    out << "<div class=\"meta\">";
    if (!e.about.empty()) out << "عن: " << names(g, e.about) << " · ";
    if (!e.sources.empty()) out << "المصدر: " << names(g, e.sources) << " · ";
    out << html(n.act) << " · " << ltr(n.doc + " [" + std::to_string(n.span.start) + ", " + std::to_string(n.span.end) + ")");
    if (e.basis == "publication") out << " <span class=\"basis\">(تاريخ النشر)</span>";
    out << "</div>\n</div>\n";
  }
  if (current != "\x01") out << "</section>\n";
  if (report) {
    out << "<h2>جدول التصريحات</h2>\n<table>\n<thead><tr><th>التاريخ</th><th>القائل</th><th>الفعل</th><th>النوع</th>"
           "<th>إلى</th><th>عن</th><th>النص</th><th>المصدر</th></tr></thead>\n<tbody>\n";
    for (const Entry& e : all) {
      const NodeProps& n = g[e.statement];
      out << "<tr><td>" << ltr(n.date) << "</td><td>" << names(g, e.speakers) << "</td><td>" << html(n.cue)
          << "</td><td>" << html(n.act) << "</td><td>" << names(g, e.addressees) << "</td><td>" << names(g, e.about)
          << "</td><td>" << html(n.content) << "</td><td>"
          << ltr(n.doc + " [" + std::to_string(n.span.start) + ", " + std::to_string(n.span.end) + ")");
      if (!e.sources.empty()) out << "<br/>" << names(g, e.sources);
      out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
  }
}

namespace {

// timeline.html: the statements as cards by day, no script.
void write_timeline_html(const KnowledgeGraph& kg, std::ostream& out) {
  std::string title = "الخط الزمني: من قال ماذا عن مَن";
  out << "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      << "<meta name=\"generator\" content=\"isnad " << ISNAD_VERSION << "\"/>\n<title>" << html(title) << "</title>\n"
      << "<style>\n" << timeline_css() << "</style>\n</head>\n<body>\n<h1>" << html(title) << "</h1>\n";
  write_timeline_body(kg, timeline_entries(kg), out, false);
  out << "</body>\n</html>\n";
}

class TimelineExporter : public Exporter {
 public:
  explicit TimelineExporter(TimelineFormat format) : format_(format) {}
  std::string file_name() const override {
    switch (format_) {
      case TimelineFormat::json: return "timeline.json";
      case TimelineFormat::html: return "timeline.html";
      case TimelineFormat::report: return "report.html";
    }
    return "timeline.html";
  }
  void write(const KnowledgeGraph& kg, std::ostream& out) const override {
    switch (format_) {
      case TimelineFormat::json: write_json(kg, out); break;
      case TimelineFormat::html: write_timeline_html(kg, out); break;
      case TimelineFormat::report: write_report(kg, out); break;
    }
  }

 private:
  TimelineFormat format_;
};

}  // namespace

std::unique_ptr<Exporter> make_timeline_exporter(TimelineFormat format) {
  return std::make_unique<TimelineExporter>(format);
}

}  // namespace isnad
