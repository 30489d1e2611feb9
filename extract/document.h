// The document model every stage reads and writes. Plain structs, no Boost.Graph.
// Every Span counts code points of the original article text (see text.h).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "text.h"

namespace isnad {

// A calendar day (proleptic Gregorian).
struct Date {
  int year = 0, month = 0, day = 0;
  bool operator==(const Date&) const = default;
  auto operator<=>(const Date&) const = default;
};
std::optional<Date> parse_iso_date(std::string_view s);  // "2016-11-03"
std::string format_iso_date(const Date& d);
long days_from_civil(const Date& d);                    // days since 1970-01-01
Date civil_from_days(long days);
int weekday(const Date& d);                             // 0 = Sunday ... 6 = Saturday
Date add_days(const Date& d, long n);

// A word or punctuation token. Positions in the normalised text (n*) and the original (span).
// A reading of a token as proclitics + stem.  "وبالمدينه" → {"وب", "المدينه"}, {"وبال", "مدينه"}.
struct CliticReading {
  std::u32string prefix;  // normalised proclitics: و ف ب ل ك and ال combinations
  std::u32string stem;    // the rest (with ال when has_article)
  bool has_article = false;
  std::size_t stem_hash = 0;  // U32Hash of stem, set by clitic_readings()
  HashedView hashed_stem() const { return {stem, stem_hash}; }
};

struct Token {
  std::size_t nstart = 0, nend = 0;
  Span span;
  std::u32string form;  // normalised surface, clitics attached: "والمعارضه"
  bool is_word = true;  // false for punctuation
  std::size_t sentence = 0;
  // clitic_readings(form) of a word (segment.h), computed once: every lexicon lookup reads them.
  std::vector<CliticReading> readings;
};

struct Sentence {
  Span span;                       // original
  std::size_t first_token = 0;     // [first_token, end_token)
  std::size_t end_token = 0;
};

enum class EntityType { Person, Organization, Place };
const char* entity_kind(EntityType t);  // "person" | "organization" | "place"

// One occurrence of a name in the text.
struct Mention {
  EntityType type = EntityType::Person;
  Span span;                // original, without attached clitics: "وروسيا" → "روسيا"
  std::string text;         // original slice, UTF-8
  std::u32string key;       // normalised name
  std::size_t first_token = 0, end_token = 0;
  std::string rule;         // which recogniser produced it: "lexicon:place", "title-apposition", ...
  std::string group;        // identity for lexicon names: "place:RU", "org:Reuters", "actor:opposition:SY"
  std::string label_en, country, subtype;  // from the lexicon when known
  std::string latitude, longitude;          // lexicon coordinates, "" when none
  int entity = -1;          // index into Document::entities after in-document resolution
};

// A real-world entity as far as one document knows it.
struct Entity {
  EntityType type = EntityType::Person;
  std::string label;                 // fullest Arabic name used
  std::vector<std::string> aliases;  // other surface forms
  std::string label_en;              // from gazetteers when known
  std::string country;               // ISO 3166-1 alpha-2 for places and nationality-bound titles
  std::string subtype;               // "country", "city", "tv-channel", "ministry", ...
  std::vector<std::size_t> mentions;
  std::vector<std::string> titles;   // "وزير الخارجية الروسي"
  std::string group;                 // lexicon identity when known ("place:RU"), else ""
  bool has_coordinates = false;      // places: from libgeonames (extract/geonames.h)
  double latitude = 0, longitude = 0;
  std::vector<std::string> merge_notes;  // why mentions were joined: "جيراسيموف = غيراسيموف: transliteration skeleton"
};

// A TIMEX3 temporal expression.
struct Timex {
  Span span;
  std::string text;
  std::string type = "DATE";  // DATE | TIME | DURATION | SET
  std::string value;          // "2016-11-04", "2016-W43", "P5Y6M", "PAST_REF", "2016-11-04T09:00"
  std::string time_range;     // "09:00-19:00" when a range of hours is given
  std::string mod;            // TIMEX3 mod: START | MID | END ("مطلع الشهر الجاري"), else ""
};

// A reported speech act: who said what, to/about whom, when.
struct Statement {
  Span span;                 // the whole act in the original: cue through end of content
  Span cue_span;
  std::string cue;           // as written, without و/ف: "قالت"
  std::string act;           // statement | announce | appeal | ... (see extract/lexicons/speech_cues.tsv)
  std::string cameo;         // CAMEO code of the act
  int speaker = -1;          // entity index, -1 = unresolved
  std::string speaker_text;  // surface that named the speaker (or the description)
  Span content;              // what was said (quote or clause); empty when none
  std::string content_text;
  bool direct_quote = false;
  std::vector<int> addressees;  // entity indices
  std::vector<int> about;       // entity indices
  std::string date;             // ISO date of the speech act when the text gives it
  int source = -1;              // entity that reports it (وكالة فرانس برس, قناة روسيا اليوم), -1 if none
  std::string status = "asserted";  // asserted | reported (via a source) | denied | hypothetical
  std::size_t sentence = 0;
};

// A stated role: "ياسر اليوسف، المتحدث باسم جماعة نور الدين زنكي".
struct Relation {
  int head = -1, tail = -1;   // entity indices (person → organisation/place)
  std::string role;           // "spokesperson", "president", "foreign minister", ...
  std::string title;          // the title text as written
  Span span;
};

struct Document {
  std::string id;           // short id, from the file name: "aleppo"
  std::string path;
  std::string title;
  std::string url, source;  // provenance from the corpus metadata ("https://…", "رويترز"), or empty
  std::string dct;          // publication date, ISO, or empty
  std::string dct_source = "none";  // given | metadata | inferred | ambiguous (several years fit: no dct) | none
  std::vector<int> dct_candidate_years;  // inferred or ambiguous: every year in which the text's clues agree
  Text text{U""};
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
  std::vector<Timex> timexes;
  std::vector<Statement> statements;
  std::vector<Relation> relations;
};

}  // namespace isnad
