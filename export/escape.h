// Text preparation for the exporters. Every output format has its own escaper (formats.md, pitfall 9:
// never share one); they all start from sanitize_text(), which makes any string safe to put in XML 1.0.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace isnad {

// Valid UTF-8 without the characters XML 1.0 forbids: C0 controls other than \t \n \r are dropped, as are
// U+FFFE and U+FFFF; each invalid byte becomes U+FFFD. Arabic, RTL marks and Latin pass unchanged.
//   "قال\x01 بوتين" => "قال بوتين"
std::string sanitize_text(std::string_view text);

// XML character data and attribute values (after sanitize_text): & < > " ' as entities, and \t \n \r as
// character references so that attribute-value normalisation cannot turn them into spaces.
//   "الأمم المتحدة & <وكالاتها>" => "الأمم المتحدة &amp; &lt;وكالاتها&gt;"
std::string xml_escape(std::string_view text);
// The same, appended to `out`.
void append_xml_escaped(std::string& out, std::string_view text);

// An xs:NMTOKEN for GraphML ids (node, edge, key): ASCII letters, digits and ". - _ :" are kept, every other
// byte becomes "_" followed by two upper-case hex digits. Injective as long as the input has no "_XX" of
// its own; callers that need uniqueness regardless keep a set (graphml.cpp does).
//   "statement:حلب 1" => "statement:_D8_AD_D9_84_D8_A8_201"
std::string xml_nmtoken(std::string_view text);

// A Graphviz escString label (the value given to agsafeset; cgraph adds the DOT quoting itself): sanitized,
// backslash doubled so that "\N" or "\n" in the text stay literal, a newline becomes the centred line break
// "\n", \r is dropped and a tab becomes a space.
//   "C:\\new" => "C:\\\\new"
std::string dot_label_escape(std::string_view text);

// The longest label or tooltip a DOT file gets, in characters. Graphviz's scanner rejects a token longer than
// 16384 bytes ("syntax error ... longer than 16384?"), and agwrite leaves a string of letters unquoted, so a
// statement quoting 10,000 «» marks made graph.dot unreadable; 200 characters are also all a tooltip can show.
inline constexpr std::size_t kDotTextLimit = 200;

// At most `limit` characters of `text` (after sanitize_text), cut on a character boundary (never between a letter
// and its combining marks, nor inside a UTF-8 sequence) and ended with "…" when cut. Shorten first, escape after
// (dot_label_escape, xml_escape), so that no escape is ever cut in half.
//   dot_shorten("«««…" × 10,000) => the first 200 characters + "…"
std::string dot_shorten(std::string_view text, std::size_t limit = kDotTextLimit);

// Wraps each left-to-right run (Latin letters, digits of either script, and the "-/.:," or spaces between
// them) in LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE (U+2066 … U+2069), so the bidi algorithm keeps
// it whole inside an Arabic label instead of reordering its parts.
//   "الأمم المتحدة UN 2024" => "الأمم المتحدة \u2066UN 2024\u2069"
std::string bidi_isolate_ltr(std::string_view text);

// An xsd:token for GEXF's label and kind attributes (after sanitize_text): runs of spaces, tabs and newlines
// become one space, none at either end, then xml_escape. XML readers collapse a token this way anyway; doing it
// here keeps what Gephi shows equal to what we wrote.
//   " قال\n  بوتين " => "قال بوتين"
std::string xml_token_escape(std::string_view text);

// The inside of an N-Triples (and Turtle) "…" literal (after sanitize_text): \ " \n \r \t as ECHAR escapes,
// everything else, Arabic included, as raw UTF-8, which N-Triples 1.1 allows.
//   "قال \"نعم\"\n" => "قال \\\"نعم\\\"\\n"
std::string ntriples_literal_escape(std::string_view text);

// One IRI path segment made of ASCII only: unreserved characters (A-Z a-z 0-9 - . _ ~) and ":" stay, every other
// byte (UTF-8 of Arabic, spaces, "/", "%", "#") becomes %XX, so the result is injective and legal in every RDF
// syntax.
//   "statement:حلب 1" => "statement:%D8%AD%D9%84%D8%A8%201"
std::string iri_segment_encode(std::string_view text);

// One RFC 4180 CSV field as Neo4j's importer reads it (after sanitize_text): always quoted, inner quotes doubled.
// Quoting every field keeps leading/trailing spaces (the importer trims unquoted ones) and allows newlines (with
// --multiline-fields=true).
//   "قال \"نعم\"" => "\"قال \"\"نعم\"\"\""
std::string csv_field(std::string_view text);

// A Cypher string literal with its single quotes (after sanitize_text): \ ' and line breaks backslash-escaped.
//   "l'ONU" => "'l\\'ONU'"
std::string cypher_string(std::string_view text);

}  // namespace isnad
