// report.html: the analyst's workbench (issue 17). One self-contained, offline file: the graph's facts as inline
// JSON (<script type="application/json" id="isnad-data">), and the script and style of export/workbench/
// (embedded at build time by workbench/embed.cmake), which draw in the browser an entity index searchable in
// Arabic and Latin, entity and article pages, filters by act, date and outlet kept in the URL fragment, an overview
// and an ego diagram (SVG, laid out by the script) and a stacked timeline. No network, no external script.
//
// A small graph (at most kStaticReportStatements statements: one article, a handful) also keeps today's report as
// static markup: the Graphviz diagram, the cards by day and the table (write_timeline_body). It is what the page
// shows without JavaScript, and the workbench shows it as its "التقرير" view, first when the graph has one article.
// Past that size Graphviz is the known stall (graphviz.cpp: 110 s for 200 articles) and a list of thousands of
// cards is unreadable, so the page is the workbench alone.
//
// The page stays polyglot markup (xmllint parses it as XML): the JSON escapes < > & as \u003c \u003e \u0026, and
// the script sits in a commented CDATA section (embed.cmake refuses a script containing "]]>").
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "escape.h"
#include "formats.h"

namespace isnad {

extern const char* const kWorkbenchJs;   // workbench_assets.cpp, generated from workbench/workbench.js
extern const char* const kWorkbenchCss;  // and workbench/workbench.css

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kStaticReportStatements = 60;  // the Graphviz full diagram's own limit (graphviz.cpp)

const char* const kActs[] = {"statement", "announce", "appeal",  "promise", "praise",  "criticize",
                             "accuse",    "reject",   "deny",    "warn",    "threaten"};

bool web_address(const std::string& url) { return url.starts_with("https://") || url.starts_with("http://"); }

// The facts the workbench needs, compactly: entities and documents are referred to by their index in their array.
//   {"generator", "acts": [[name, colour]], "kinds": {kind: colour},
//    "docs": [{"id", "title", "source", "dct", "dct_source", "path", "url" (web addresses only)}],
//    "entities": [{"id", "kind", "label", "en", "aliases", "titles", "subtype", "country", "mentions", "docs"}],
//    "statements": [{"id", "act", "cue", "text", "quote", "status", "day", "last", "basis", "date", "doc", "start",
//                    "end", "sp", "to", "about", "src"}],
//    "affiliations": [[person, organisation, title]]}
// "day"/"last" are the statement's inclusive days (its own date, else its article's: "basis"), "" when undated.
Json workbench_data(const KnowledgeGraph& kg, const std::vector<TimelineEntry>& entries) {
  const Graph& g = kg.graph;
  Json data;
  data["generator"] = std::string("isnad ") + ISNAD_VERSION;
  Json acts = Json::array();
  for (const char* act : kActs) acts.push_back({act, hex_colour(act_colour(act))});
  data["acts"] = std::move(acts);
  data["kinds"] = {{"person", hex_colour(kind_colour("person"))},
                   {"organization", hex_colour(kind_colour("organization"))},
                   {"place", hex_colour(kind_colour("place"))}};

  std::map<std::string, std::size_t> doc_index;
  Json docs = Json::array();
  for (const DocumentInfo& d : kg.documents) {
    doc_index.emplace(d.id, docs.size());
    Json doc = {{"id", sanitize_text(d.id)},       {"title", sanitize_text(d.title)},
                {"source", sanitize_text(d.source)}, {"dct", d.dct},
                {"dct_source", d.dct_source},       {"path", sanitize_text(d.path)}};
    // Only a web address becomes a link: a "javascript:" URL from a corpus must never be clickable.
    if (web_address(d.url)) doc["url"] = sanitize_text(d.url);
    docs.push_back(std::move(doc));
  }
  data["docs"] = std::move(docs);

  std::map<Vertex, std::size_t> entity_index;
  Json entities = Json::array();
  for (Vertex v : kg.sorted_vertices()) {
    const NodeProps& n = g[v];
    if (n.kind == "statement") continue;
    entity_index.emplace(v, entities.size());
    Json aliases = Json::array(), titles = Json::array();
    for (const auto& a : n.aliases) aliases.push_back(sanitize_text(a));
    for (const auto& t : n.titles) titles.push_back(sanitize_text(t));
    std::set<std::string> in_docs;
    for (const auto& m : n.mentions) in_docs.insert(m.doc);
    Json e = {{"id", n.id}, {"kind", n.kind}, {"label", sanitize_text(n.label)}};
    if (!n.label_en.empty()) e["en"] = sanitize_text(n.label_en);
    if (!aliases.empty()) e["aliases"] = std::move(aliases);
    if (!titles.empty()) e["titles"] = std::move(titles);
    if (!n.subtype.empty()) e["subtype"] = sanitize_text(n.subtype);
    if (!n.country.empty()) e["country"] = sanitize_text(n.country);
    e["mentions"] = n.mentions.size();
    e["docs"] = in_docs.size();
    entities.push_back(std::move(e));
  }
  data["entities"] = std::move(entities);

  auto refs = [&](const std::vector<Vertex>& vs) {
    Json out = Json::array();
    for (Vertex v : vs)
      if (auto it = entity_index.find(v); it != entity_index.end()) out.push_back(it->second);
    return out;
  };
  Json statements = Json::array();
  for (const TimelineEntry& e : entries) {
    const NodeProps& n = g[e.statement];
    auto doc = doc_index.find(n.doc);
    Json s = {{"id", n.id},
              {"act", n.act},
              {"cue", sanitize_text(n.cue)},
              {"text", sanitize_text(n.content)},
              {"quote", n.direct_quote},
              {"status", n.status},
              {"day", e.day_first},
              {"last", e.day_last},
              {"basis", e.basis},
              {"date", n.date},
              {"doc", doc == doc_index.end() ? Json(nullptr) : Json(doc->second)},
              {"start", n.span.start},
              {"end", n.span.end},
              {"sp", refs(e.speakers)},
              {"to", refs(e.addressees)},
              {"about", refs(e.about)},
              {"src", refs(e.sources)}};
    statements.push_back(std::move(s));
  }
  data["statements"] = std::move(statements);

  Json affiliations = Json::array();
  for (const EdgeDesc& edge : kg.sorted_edges()) {
    if (g[edge].role != "affiliation") continue;
    auto from = entity_index.find(boost::source(edge, g)), to = entity_index.find(boost::target(edge, g));
    if (from == entity_index.end() || to == entity_index.end()) continue;
    affiliations.push_back({from->second, to->second, sanitize_text(g[edge].title)});
  }
  data["affiliations"] = std::move(affiliations);
  return data;
}

// JSON text safe inside <script> in both HTML and XML parsing: no < > & at all (they only occur inside strings,
// where the \u escapes mean the same characters to JSON.parse).
std::string script_safe_json(const Json& data) {
  std::string text = data.dump(-1, ' ', false, Json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 50);
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

void write_report(const KnowledgeGraph& kg, std::ostream& out) {
  std::vector<TimelineEntry> entries = timeline_entries(kg);
  bool static_report = entries.size() <= kStaticReportStatements;
  std::string title = "تقرير: من قال ماذا عن مَن، ومتى";
  out << "<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      << "<meta name=\"generator\" content=\"isnad " << ISNAD_VERSION << "\"/>\n<title>" << xml_escape(title)
      << "</title>\n<style>\n"
      << timeline_css() << kWorkbenchCss << "</style>\n</head>\n<body>\n<header class=\"wb-header\">\n<h1>"
      << xml_escape(title) << "</h1>\n</header>\n"
      << "<div id=\"wb\" class=\"wb\" hidden=\"hidden\"></div>\n";
  if (static_report) {
    out << "<section id=\"static-report\">\n";
    write_timeline_body(kg, entries, out, true);
    out << "</section>\n";
  } else {
    out << "<noscript><p class=\"docs\">" << kg.documents.size() << " مقالًا، " << entries.size()
        << " تصريحًا: تصفّحها يحتاج JavaScript (This workbench needs JavaScript).</p></noscript>\n";
  }
  out << "<script type=\"application/json\" id=\"isnad-data\">" << script_safe_json(workbench_data(kg, entries))
      << "</script>\n<script>//<![CDATA[\n"
      << kWorkbenchJs << "\n//]]></script>\n</body>\n</html>\n";
}

}  // namespace isnad
