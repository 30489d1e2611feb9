#include "document_json.h"

#include "json_writer.h"

#include <stdexcept>

namespace isnad {

namespace {

using Json = RecordJson;

EntityType entity_type(const std::string& kind, const std::string& where) {
  if (kind == "person") return EntityType::Person;
  if (kind == "organization") return EntityType::Organization;
  if (kind == "place") return EntityType::Place;
  throw std::invalid_argument(where + ": unknown type '" + kind + "'");
}

// Typed field access that names the field on error ("statements[3].speaker: expected an integer").
class Reader {
 public:
  Reader(const Json& j, std::string where) : j_(j), where_(std::move(where)) {
    if (!j_.is_object()) throw std::invalid_argument(where_ + ": expected an object");
  }
  std::string str(const char* key, bool required = false) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (required) throw std::invalid_argument(where_ + "." + key + ": missing");
      return {};
    }
    if (!it->is_string()) throw std::invalid_argument(where_ + "." + key + ": expected a string");
    return it->get<std::string>();
  }
  long long integer(const char* key, long long fallback, long long min, long long max) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return fallback;
    if (!it->is_number_integer()) throw std::invalid_argument(where_ + "." + key + ": expected an integer");
    long long v = it->get<long long>();
    if (v < min || v > max) throw std::invalid_argument(where_ + "." + key + ": out of range");
    return v;
  }
  bool boolean(const char* key) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return false;
    if (!it->is_boolean()) throw std::invalid_argument(where_ + "." + key + ": expected true or false");
    return it->get<bool>();
  }
  const Json& array(const char* key) const {
    static const Json kEmpty = Json::array();
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return kEmpty;
    if (!it->is_array()) throw std::invalid_argument(where_ + "." + key + ": expected an array");
    return *it;
  }
  std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    for (const auto& v : array(key)) {
      if (!v.is_string()) throw std::invalid_argument(where_ + "." + key + ": expected strings");
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  std::vector<int> indices(const char* key, std::size_t bound) const {
    std::vector<int> out;
    for (const auto& v : array(key)) {
      if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() >= static_cast<long long>(bound))
        throw std::invalid_argument(where_ + "." + key + ": index out of range");
      out.push_back(v.get<int>());
    }
    return out;
  }
  Span span(const char* start_key, const char* end_key) const {
    constexpr long long kMax = 1LL << 40;
    auto start = integer(start_key, 0, 0, kMax), end = integer(end_key, 0, 0, kMax);
    if (end < start) throw std::invalid_argument(where_ + "." + end_key + ": before " + start_key);
    return {static_cast<std::size_t>(start), static_cast<std::size_t>(end)};
  }
  // An optional index into a list of `bound` items: -1 = none.
  int ref(const char* key, std::size_t bound) const {
    return static_cast<int>(integer(key, -1, -1, static_cast<long long>(bound) - 1));
  }

 private:
  const Json& j_;
  std::string where_;
};

std::string at(const char* list, std::size_t i) { return std::string(list) + "[" + std::to_string(i) + "]"; }

}  // namespace

std::string document_record(const Document& doc) {
  std::string out;
  JsonWriter w(out, -1);
  w.begin_object();
  w.member("id", doc.id);
  w.member("path", doc.path);
  w.member("title", doc.title);
  w.member("dct", doc.dct);
  w.member("dct_source", doc.dct_source);
  if (!doc.url.empty()) w.member("url", doc.url);
  if (!doc.source.empty()) w.member("source", doc.source);
  if (!doc.dct_candidate_years.empty()) {
    w.key("dct_candidate_years");
    w.array(doc.dct_candidate_years);
  }
  w.member("chars", doc.text.original().size());
  w.member("tokens", doc.tokens.size());

  w.key("entities");
  w.begin_array();
  for (const Entity& e : doc.entities) {
    w.begin_object();
    w.member("type", entity_kind(e.type));
    w.member("label", e.label);
    w.key("aliases");
    w.array(e.aliases);
    if (!e.label_en.empty()) w.member("label_en", e.label_en);
    if (!e.country.empty()) w.member("country", e.country);
    if (!e.subtype.empty()) w.member("subtype", e.subtype);
    if (!e.titles.empty()) {
      w.key("titles");
      w.array(e.titles);
    }
    if (!e.group.empty()) w.member("group", e.group);
    if (!e.merge_notes.empty()) {
      w.key("merge_notes");
      w.array(e.merge_notes);
    }
    if (e.has_coordinates) {
      w.key("coordinates");
      w.begin_array();
      w.value(e.latitude);
      w.value(e.longitude);
      w.end_array();
    }
    w.key("mentions");
    w.array(e.mentions);
    w.end_object();
  }
  w.end_array();

  w.key("mentions");
  w.begin_array();
  for (const Mention& m : doc.mentions) {
    w.begin_object();
    w.member("type", entity_kind(m.type));
    w.member("start", m.span.start);
    w.member("end", m.span.end);
    w.member("text", m.text);
    if (m.entity >= 0) w.member("entity", m.entity);
    if (!m.rule.empty()) w.member("rule", m.rule);
    if (!m.group.empty()) w.member("group", m.group);
    if (!m.label_en.empty()) w.member("label_en", m.label_en);
    if (!m.country.empty()) w.member("country", m.country);
    if (!m.subtype.empty()) w.member("subtype", m.subtype);
    if (!m.latitude.empty()) w.member("latitude", m.latitude);
    if (!m.longitude.empty()) w.member("longitude", m.longitude);
    w.end_object();
  }
  w.end_array();

  w.key("timexes");
  w.begin_array();
  for (const Timex& t : doc.timexes) {
    w.begin_object();
    w.member("start", t.span.start);
    w.member("end", t.span.end);
    w.member("text", t.text);
    w.member("type", t.type);
    w.member("value", t.value);
    if (!t.time_range.empty()) w.member("time", t.time_range);
    if (!t.mod.empty()) w.member("mod", t.mod);
    w.end_object();
  }
  w.end_array();

  w.key("statements");
  w.begin_array();
  for (const Statement& s : doc.statements) {
    w.begin_object();
    w.member("start", s.span.start);
    w.member("end", s.span.end);
    w.member("cue_start", s.cue_span.start);
    w.member("cue_end", s.cue_span.end);
    w.member("cue", s.cue);
    w.member("act", s.act);
    w.member("cameo", s.cameo);
    if (s.speaker >= 0) w.member("speaker", s.speaker);
    if (!s.speaker_text.empty()) w.member("speaker_text", s.speaker_text);
    w.member("content_start", s.content.start);
    w.member("content_end", s.content.end);
    w.member("content", s.content_text);
    w.member("direct_quote", s.direct_quote);
    w.key("addressees");
    w.array(s.addressees);
    w.key("about");
    w.array(s.about);
    if (!s.date.empty()) w.member("date", s.date);
    if (s.source >= 0) w.member("source", s.source);
    w.member("status", s.status);
    w.member("sentence", s.sentence);
    w.end_object();
  }
  w.end_array();

  w.key("relations");
  w.begin_array();
  for (const Relation& r : doc.relations) {
    w.begin_object();
    w.member("head", r.head);
    w.member("tail", r.tail);
    w.member("role", r.role);
    w.member("title", r.title);
    w.member("start", r.span.start);
    w.member("end", r.span.end);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

RecordJson document_to_json(const Document& doc) { return RecordJson::parse(document_record(doc)); }

Document record_document(const Document& full) {
  // Copied field by field rather than moved out of `full`: the copies are allocated together and tight,
  // instead of staying scattered among the freed token and text buffers (which doubled a build's peak memory).
  Document doc;
  doc.id = full.id;
  doc.path = full.path;
  doc.title = full.title;
  doc.url = full.url;
  doc.source = full.source;
  doc.dct = full.dct;
  doc.dct_source = full.dct_source.empty() ? "none" : full.dct_source;  // document_from_json's default
  doc.dct_candidate_years = full.dct_candidate_years;
  doc.mentions.reserve(full.mentions.size());
  for (const Mention& m : full.mentions) {
    Mention& x = doc.mentions.emplace_back();
    x.type = m.type;
    x.span = m.span;
    x.text = m.text;
    x.rule = m.rule;
    x.group = m.group;
    x.label_en = m.label_en;
    x.country = m.country;
    x.subtype = m.subtype;
    x.latitude = m.latitude;
    x.longitude = m.longitude;
    x.entity = m.entity < 0 ? -1 : m.entity;
  }
  doc.entities = full.entities;
  for (Entity& e : doc.entities)
    if (!e.has_coordinates) e.latitude = e.longitude = 0;
  doc.timexes = full.timexes;
  doc.statements = full.statements;
  for (Statement& s : doc.statements) {
    if (s.status.empty()) s.status = Statement{}.status;
    if (s.speaker < 0) s.speaker = -1;
    if (s.source < 0) s.source = -1;
  }
  doc.relations = full.relations;
  return doc;
}

Document document_from_json(const RecordJson& record) {
  Reader r(record, "record");
  Document doc;
  doc.id = r.str("id", true);
  if (doc.id.empty()) throw std::invalid_argument("record.id: empty");
  doc.path = r.str("path");
  doc.title = r.str("title");
  doc.url = r.str("url");
  doc.source = r.str("source");
  doc.dct = r.str("dct");
  doc.dct_source = r.str("dct_source");
  if (doc.dct_source.empty()) doc.dct_source = "none";
  for (const auto& y : r.array("dct_candidate_years")) {
    if (!y.is_number_integer()) throw std::invalid_argument("record.dct_candidate_years: expected integers");
    doc.dct_candidate_years.push_back(y.get<int>());
  }

  const Json& mentions = r.array("mentions");
  const Json& entities = r.array("entities");
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    Reader m(mentions[i], at("mentions", i));
    Mention x;
    x.type = entity_type(m.str("type", true), at("mentions", i) + ".type");
    x.span = m.span("start", "end");
    x.text = m.str("text");
    x.entity = m.ref("entity", entities.size());
    x.rule = m.str("rule");
    x.group = m.str("group");
    x.label_en = m.str("label_en");
    x.country = m.str("country");
    x.subtype = m.str("subtype");
    x.latitude = m.str("latitude");
    x.longitude = m.str("longitude");
    doc.mentions.push_back(std::move(x));
  }
  for (std::size_t i = 0; i < entities.size(); ++i) {
    Reader e(entities[i], at("entities", i));
    Entity x;
    x.type = entity_type(e.str("type", true), at("entities", i) + ".type");
    x.label = e.str("label", true);
    x.aliases = e.strings("aliases");
    x.label_en = e.str("label_en");
    x.country = e.str("country");
    x.subtype = e.str("subtype");
    x.titles = e.strings("titles");
    x.group = e.str("group");
    x.merge_notes = e.strings("merge_notes");
    if (const Json& c = e.array("coordinates"); !c.empty()) {
      if (c.size() != 2 || !c[0].is_number() || !c[1].is_number())
        throw std::invalid_argument(at("entities", i) + ".coordinates: expected [latitude, longitude]");
      x.has_coordinates = true;
      x.latitude = c[0].get<double>();
      x.longitude = c[1].get<double>();
    }
    for (int m : e.indices("mentions", doc.mentions.size())) x.mentions.push_back(static_cast<std::size_t>(m));
    doc.entities.push_back(std::move(x));
  }
  const Json& timexes = r.array("timexes");
  for (std::size_t i = 0; i < timexes.size(); ++i) {
    Reader t(timexes[i], at("timexes", i));
    Timex x;
    x.span = t.span("start", "end");
    x.text = t.str("text");
    x.type = t.str("type");
    x.value = t.str("value");
    x.time_range = t.str("time");
    x.mod = t.str("mod");
    doc.timexes.push_back(std::move(x));
  }
  const std::size_t n_entities = doc.entities.size();
  const Json& statements = r.array("statements");
  for (std::size_t i = 0; i < statements.size(); ++i) {
    Reader s(statements[i], at("statements", i));
    Statement x;
    x.span = s.span("start", "end");
    x.cue_span = s.span("cue_start", "cue_end");
    x.cue = s.str("cue");
    x.act = s.str("act");
    x.cameo = s.str("cameo");
    x.speaker = s.ref("speaker", n_entities);
    x.speaker_text = s.str("speaker_text");
    x.content = s.span("content_start", "content_end");
    x.content_text = s.str("content");
    x.direct_quote = s.boolean("direct_quote");
    x.addressees = s.indices("addressees", n_entities);
    x.about = s.indices("about", n_entities);
    x.date = s.str("date");
    x.source = s.ref("source", n_entities);
    if (std::string status = s.str("status"); !status.empty()) x.status = status;
    x.sentence = static_cast<std::size_t>(s.integer("sentence", 0, 0, 1LL << 40));
    doc.statements.push_back(std::move(x));
  }
  const Json& relations = r.array("relations");
  for (std::size_t i = 0; i < relations.size(); ++i) {
    Reader rel(relations[i], at("relations", i));
    Relation x;
    x.head = rel.ref("head", n_entities);
    x.tail = rel.ref("tail", n_entities);
    x.role = rel.str("role");
    x.title = rel.str("title");
    x.span = rel.span("start", "end");
    doc.relations.push_back(std::move(x));
  }
  return doc;
}

RecordStats record_stats(const RecordJson& record) {
  RecordStats s;
  if (!record.is_object()) return s;
  auto count = [&](const char* key) -> std::size_t {
    auto it = record.find(key);
    return it != record.end() && it->is_number_unsigned() ? it->get<std::size_t>() : 0;
  };
  s.chars = count("chars");
  s.tokens = count("tokens");
  auto size = [&](const char* key) -> std::size_t {
    auto it = record.find(key);
    return it != record.end() && it->is_array() ? it->size() : 0;
  };
  s.entities = size("entities");
  s.statements = size("statements");
  return s;
}

}  // namespace isnad
