// Internal to the temporal recogniser (timex.cpp recognises, timex_resolve.cpp anchors):
// its lexicons (extract/lexicons/timex_*.tsv, normalised and split into words once) and the
// meaning of a recognised expression before it is anchored on the publication date.
#pragma once
#include <climits>
#include <optional>
#include <string>
#include <vector>

#include "document.h"

namespace isnad::timex {

using Words = std::vector<std::u32string>;  // a phrase as normalised words

struct MonthName {
  Words words;
  int month = 0;
  bool hijri = false;
  std::string use;  // free | context | maghreb
};
struct WeekdayName {
  Words words;
  int weekday = 0;  // 0 = Sunday
};
struct NumberWord {
  Words words;
  int value = 0;  // 0 = unspecified (بضع، عدة)
  bool ordinal = false;
};
struct UnitWord {
  Words words;
  std::string unit;  // Y M W D H MIN DE CE
  int count = 1;     // 1 singular, 2 dual, 0 plural
};
struct RelWord {
  std::string kind;  // see timex_relative.tsv
  Words words;
  std::string arg;
  std::string written;  // the form as written in the lexicon, before normalisation
};

struct Lexicon {
  std::vector<MonthName> months;
  std::vector<WeekdayName> weekdays;
  std::vector<NumberWord> numbers;
  std::vector<UnitWord> units;
  std::vector<RelWord> relative;
  std::vector<const RelWord*> of_kind(std::string_view kind) const;
};

const Lexicon& lexicon();

// Which occurrence of a bare weekday is meant ("الجمعة"): the last one (the default: news reports
// look back), the next one (a future cue: "سيجري الجمعة", "المقرر الجمعة"), or the nearest either way
// ("كان مقررا الجمعة", a headline with no verb tense: "لقاء ماكرون مع كونتي الجمعة").
enum class Direction { Past, Future, Nearest };

// What an expression says, independent of the publication date.
struct Meaning {
  enum class Kind { Date, Period, Duration, Vague, Set, Century, Decade, Season, Ago } kind = Kind::Date;
  Span span;  // original code points
  // Calendar pieces as written (0 = not given). Hijri pieces are converted when resolved.
  int year = 0, month = 0, day = 0;
  bool hijri = false;
  std::optional<int> day_offset;  // امس -1, غدا +1
  int weekday = -1;               // 0 = Sunday
  int shift = INT_MIN;            // الماضي -1, المقبل +1, الجاري 0; INT_MIN = none
  int year_shift = INT_MIN;       // the year relative to the publication year: "31 مارس من العام الماضي" -1
  Direction direction = Direction::Past;  // of a bare weekday
  std::string period;             // W | M | Y for "الأسبوع الماضي", "نهاية العام"
  std::string daypart;            // MO AF EV NI MI
  int hour1 = -1, minute1 = 0, hour2 = -1, minute2 = 0;
  std::string fixed;              // a value that needs no anchor: "P5Y6M", "PAST_REF", "2016"
  std::string mod;                // TIMEX3 mod: START | MID | END | MORE_THAN | LESS_THAN | APPROX
  int number = 0;                 // Century: its ordinal (20 for القرن العشرين); Decade: tens digit; Ago: count
  std::string unit;               // Ago: Y | M | W | D; Season: SU | WI | SP | FA
  std::vector<Meaning> range_end; // a date range: the second end (one element), this meaning the first
};

// TIMEX3 type and value of a meaning anchored on `dct` (nullopt when it needs an anchor and
// there is none). time_range is set when two hours are given.
struct Resolved {
  std::string type, value, time_range, mod;
};
std::optional<Resolved> resolve(const Meaning& m, const std::optional<Date>& dct);

// Recognises every expression in the document (no anchoring).
std::vector<Meaning> recognise(const Document& doc);

}  // namespace isnad::timex
