// graph.nt: the graph as RDF N-Triples (formats.md §4), one triple per line, sorted, for RDF stores (Virtuoso,
// Jena, GraphDB, rdflib) and Neo4j's neosemantics.
//
// Vocabulary: schema.org for types and plain facts, PROV-O for provenance, the W3C Web Annotation vocabulary for
// character offsets, and a small isnad: vocabulary (kRdfVocab) for what those lack (cue, act, CAMEO code, role of
// a source). IRIs are ASCII and opaque: kRdfBase + "id/" + the percent-encoded graph.json id, so every node
// can be found again from graph.json (and schema:identifier carries the id as a literal too).
//
//   <…/id/person:1>            a schema:Person ; schema:name "فلاديمير بوتين"@ar ; schema:alternateName …@ar ;
//                              schema:jobTitle …@ar ; schema:affiliation <…/id/organization:2> .
//   <…/id/statement:aleppo:1>  a schema:Claim, prov:Entity ; schema:author <speaker> ; prov:wasAttributedTo <speaker> ;
//                              schema:recipient <addressee> ; schema:about <entity> ; isnad:reportedBy <outlet> ;
//                              isnad:cue "دعا"@ar ; isnad:act "appeal" ; isnad:cameo "020" ; schema:text "…"@ar ;
//                              schema:dateCreated "2016-11-03"^^xsd:date ;
//                              prov:wasDerivedFrom <…/article/aleppo> ;
//                              prov:wasQuotedFrom <…/article/aleppo#char=251,425> .
//   <…/article/aleppo#char=251,425>  a oa:TextPositionSelector ; oa:start 251 ; oa:end 425 ; schema:isPartOf <article> .
//   <…/article/aleppo>         a schema:NewsArticle, prov:Entity ; schema:datePublished "2016-11-03"^^xsd:date ; …
// The span IRI is an RFC 5147 text/plain fragment: #char=start,end counts characters (our code points), end exclusive.
// A date "2016-11" is typed xsd:gYearMonth, "2016" xsd:gYear; other values (weeks, PAST_REF) are plain literals.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "escape.h"
#include "formats.h"

namespace isnad {

namespace {

constexpr const char* kSchema = "https://schema.org/";
constexpr const char* kProv = "http://www.w3.org/ns/prov#";
constexpr const char* kOa = "http://www.w3.org/ns/oa#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr const char* kRdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

std::string iri(std::string_view full) { return "<" + std::string(full) + ">"; }
// An http(s) address that N-Triples can write as an IRIREF as it is: no space, control character or
// <>"{}|^`\ (which IRIREF forbids).
bool web_address_iri(std::string_view url) {
  if (!url.starts_with("http://") && !url.starts_with("https://")) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || std::string_view("<>\"{}|^`\\").find(static_cast<char>(c)) != std::string_view::npos) return false;
  return true;
}
std::string schema(std::string_view name) { return iri(std::string(kSchema) + std::string(name)); }
std::string prov(std::string_view name) { return iri(std::string(kProv) + std::string(name)); }
std::string oa(std::string_view name) { return iri(std::string(kOa) + std::string(name)); }
std::string vocab(std::string_view name) { return iri(std::string(kRdfVocab) + std::string(name)); }

std::string node_iri(std::string_view id) { return iri(std::string(kRdfBase) + "id/" + iri_segment_encode(id)); }
std::string article_iri(std::string_view doc) {
  return iri(std::string(kRdfBase) + "article/" + iri_segment_encode(doc));
}
std::string span_iri(std::string_view doc, std::size_t start, std::size_t end) {
  return iri(std::string(kRdfBase) + "article/" + iri_segment_encode(doc) + "#char=" + std::to_string(start) + "," +
             std::to_string(end));
}

// A BCP 47 tag as N-Triples accepts it ([a-zA-Z]+ ("-" [a-zA-Z0-9]+)*), else "ar", the language isnad reads.
std::string language_tag(const std::string& lang) {
  std::size_t i = 0;
  while (i < lang.size() && std::isalpha(static_cast<unsigned char>(lang[i]))) ++i;
  bool ok = i > 0;
  while (ok && i < lang.size()) {
    std::size_t start = ++i;  // past the '-'
    if (lang[start - 1] != '-') ok = false;
    while (i < lang.size() && std::isalnum(static_cast<unsigned char>(lang[i]))) ++i;
    if (i == start) ok = false;
  }
  return ok ? lang : "ar";
}

std::string text_literal(const std::string& text, const std::string& lang) {
  return "\"" + ntriples_literal_escape(text) + "\"@" + language_tag(lang);
}
std::string plain_literal(const std::string& text) { return "\"" + ntriples_literal_escape(text) + "\""; }
std::string integer_literal(std::size_t n) { return "\"" + std::to_string(n) + "\"^^<" + kXsd + "integer>"; }
std::string boolean_literal(bool b) { return std::string("\"") + (b ? "true" : "false") + "\"^^<" + kXsd + "boolean>"; }

// "2016-11-03"^^xsd:date, "2016-11"^^xsd:gYearMonth, "2016"^^xsd:gYear, or a plain literal (intervals, weeks).
std::string date_literal(const std::string& value) {
  if (day_range(value) && value.find('/') == std::string::npos) {
    const char* type = value.size() == 10 ? "date" : value.size() == 7 ? "gYearMonth" : "gYear";
    return "\"" + value + "\"^^<" + kXsd + type + ">";
  }
  return plain_literal(value);
}

const char* schema_type(std::string_view kind) {
  if (kind == "person") return "Person";
  if (kind == "organization") return "Organization";
  if (kind == "place") return "Place";
  return "Thing";
}

class Triples {
 public:
  void add(const std::string& s, const std::string& p, const std::string& o) { lines_.insert(s + " " + p + " " + o + " .\n"); }
  void write(std::ostream& out) const {
    for (const auto& line : lines_) out << line;
  }

 private:
  std::set<std::string> lines_;  // sorted and without duplicates: deterministic output
};

void write_ntriples(const KnowledgeGraph& kg, std::ostream& out) {
  const Graph& g = kg.graph;
  Triples t;
  std::map<std::string, std::string> doc_lang;
  for (const DocumentInfo& d : kg.documents) {
    std::string a = article_iri(d.id);
    doc_lang[d.id] = d.lang;
    t.add(a, kRdfType, schema("NewsArticle"));
    t.add(a, kRdfType, prov("Entity"));
    t.add(a, schema("identifier"), plain_literal(d.id));
    if (!d.title.empty()) t.add(a, schema("headline"), text_literal(d.title, d.lang));
    if (!d.lang.empty()) t.add(a, schema("inLanguage"), plain_literal(d.lang));
    if (!d.path.empty()) t.add(a, vocab("path"), plain_literal(d.path));
    if (!d.dct.empty()) t.add(a, schema("datePublished"), date_literal(d.dct));
    if (!d.dct_source.empty()) t.add(a, vocab("datePublishedSource"), plain_literal(d.dct_source));
    // The article's address is an IRI when it can be one; any other text stays a literal of our vocabulary.
    if (!d.url.empty()) {
      if (web_address_iri(d.url)) t.add(a, schema("url"), iri(d.url));
      else t.add(a, vocab("url"), plain_literal(d.url));
    }
    if (!d.source.empty()) t.add(a, schema("publisher"), plain_literal(d.source));
  }
  auto lang_of = [&](const std::string& doc) {
    auto it = doc_lang.find(doc);
    return it == doc_lang.end() ? std::string("ar") : it->second;
  };

  for (Vertex v : kg.sorted_vertices()) {
    const NodeProps& n = g[v];
    std::string s = node_iri(n.id);
    t.add(s, schema("identifier"), plain_literal(n.id));
    t.add(s, vocab("kind"), plain_literal(n.kind));
    if (n.kind == "statement") {
      std::string lang = lang_of(n.doc);
      t.add(s, kRdfType, schema("Claim"));
      t.add(s, kRdfType, prov("Entity"));
      t.add(s, schema("name"), text_literal(n.label, lang));
      t.add(s, vocab("cue"), text_literal(n.cue, lang));
      t.add(s, vocab("act"), plain_literal(n.act));
      if (!n.cameo.empty()) t.add(s, vocab("cameo"), plain_literal(n.cameo));
      t.add(s, schema("text"), text_literal(n.content, lang));
      t.add(s, vocab("directQuote"), boolean_literal(n.direct_quote));
      if (!n.date.empty()) t.add(s, schema("dateCreated"), date_literal(n.date));
      t.add(s, prov("wasDerivedFrom"), article_iri(n.doc));
      std::string span = span_iri(n.doc, n.span.start, n.span.end);
      t.add(s, prov("wasQuotedFrom"), span);
      t.add(span, kRdfType, oa("TextPositionSelector"));
      t.add(span, kRdfType, prov("Entity"));
      t.add(span, oa("start"), integer_literal(n.span.start));
      t.add(span, oa("end"), integer_literal(n.span.end));
      t.add(span, schema("isPartOf"), article_iri(n.doc));
      continue;
    }
    std::string lang = n.mentions.empty() ? "ar" : lang_of(n.mentions.front().doc);
    t.add(s, kRdfType, schema(schema_type(n.kind)));
    t.add(s, schema("name"), text_literal(n.label, lang));
    if (!n.label_en.empty()) t.add(s, schema("name"), text_literal(n.label_en, "en"));
    for (const auto& alias : n.aliases) t.add(s, schema("alternateName"), text_literal(alias, lang));
    for (const auto& title : n.titles)
      t.add(s, n.kind == "person" ? schema("jobTitle") : vocab("title"), text_literal(title, lang));
    if (!n.country.empty()) t.add(s, vocab("country"), plain_literal(n.country));
    if (!n.subtype.empty()) t.add(s, vocab("subtype"), plain_literal(n.subtype));
    for (const auto& m : n.mentions) {
      std::string span = span_iri(m.doc, m.start, m.end);
      t.add(s, vocab("mention"), span);
      t.add(s, schema("subjectOf"), article_iri(m.doc));
      t.add(span, kRdfType, oa("TextPositionSelector"));
      t.add(span, oa("start"), integer_literal(m.start));
      t.add(span, oa("end"), integer_literal(m.end));
      t.add(span, schema("isPartOf"), article_iri(m.doc));
      t.add(span, oa("exact"), text_literal(m.text, lang_of(m.doc)));
    }
  }

  std::size_t role_number = 0;
  for (const EdgeDesc& e : kg.sorted_edges()) {
    const EdgeProps& p = g[e];
    std::string from = node_iri(g[boost::source(e, g)].id), to = node_iri(g[boost::target(e, g)].id);
    if (p.role == "speaker") {
      t.add(to, schema("author"), from);
      t.add(to, prov("wasAttributedTo"), from);
    } else if (p.role == "addressee") {
      t.add(from, schema("recipient"), to);
    } else if (p.role == "about") {
      t.add(from, schema("about"), to);
    } else if (p.role == "source") {
      t.add(from, vocab("reportedBy"), to);
    } else if (p.role == "affiliation") {
      // The plain link for simple queries, and the title on a schema:Role between the two.
      t.add(from, schema("affiliation"), to);
      std::string role = iri(std::string(kRdfBase) + "role/" + std::to_string(role_number++));
      t.add(role, kRdfType, schema("Role"));
      t.add(role, vocab("member"), from);
      t.add(role, vocab("organization"), to);
      if (!p.title.empty()) t.add(role, schema("roleName"), text_literal(p.title, lang_of(p.doc)));
      if (!p.relation.empty()) t.add(role, vocab("relation"), plain_literal(p.relation));
      if (!p.doc.empty()) t.add(role, prov("wasDerivedFrom"), article_iri(p.doc));
    } else if (!p.role.empty()) {
      t.add(from, vocab(iri_segment_encode(p.role)), to);
    }
  }
  t.write(out);
}

class NtriplesExporter : public Exporter {
 public:
  std::string file_name() const override { return "graph.nt"; }
  void write(const KnowledgeGraph& kg, std::ostream& out) const override { write_ntriples(kg, out); }
};

}  // namespace

std::unique_ptr<Exporter> make_ntriples_exporter() { return std::make_unique<NtriplesExporter>(); }

}  // namespace isnad
