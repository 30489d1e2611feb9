// Internal to the temporal recogniser (timex.cpp recognises, timex_resolve.cpp anchors):
// its lexicons (extract/lexicons/timex_*.tsv, normalised and split into words once) and the
// meaning of a recognised expression before it is anchored on the publication date.
#pragma once
#include <climits>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "document.h"
#include "text.h"

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

// The phrases of one lexicon list by their first normalised word, so that a token finds its candidates with one
// hash lookup per proclitic reading ("وامس" → امس) instead of a scan of the list. Candidates come in lexicon order.
template <class Item>
class FirstWordIndex {
 public:
  void add(const Item& item) {
    if (!item.words.empty()) by_first_word_[item.words[0]].push_back(&item);
    all_.push_back(&item);
  }
  const std::vector<const Item*>& starting_with(std::u32string_view first_word) const {
    static const std::vector<const Item*> none;
    auto it = by_first_word_.find(first_word);
    return it == by_first_word_.end() ? none : it->second;
  }
  const std::vector<const Item*>& all() const { return all_; }
  // This list's bit in Lexicon::lists_starting_with (set once when the lexicon is built).
  std::uint64_t bit = 0;
  template <class F>
  void for_each_first_word(F f) const {
    for (const auto& [word, items] : by_first_word_) f(word);
  }

 private:
  std::unordered_map<std::u32string, std::vector<const Item*>, U32Hash, std::equal_to<>> by_first_word_;
  std::vector<const Item*> all_;
};

struct Lexicon {
  std::vector<MonthName> months;
  std::vector<WeekdayName> weekdays;
  std::vector<NumberWord> numbers;
  std::vector<UnitWord> units;
  std::vector<RelWord> relative;
  // Built once the lists above are complete (they point into them).
  FirstWordIndex<MonthName> month_index;
  FirstWordIndex<WeekdayName> weekday_index;
  FirstWordIndex<NumberWord> number_index;
  FirstWordIndex<UnitWord> unit_index;
  std::map<std::string, FirstWordIndex<RelWord>, std::less<>> relative_by_kind;  // kind → its phrases
  const FirstWordIndex<RelWord>& of_kind(std::string_view kind) const;
  std::uint64_t any_relative_bits = 0;  // the bits of every kind of relative_by_kind
  // A word → the bits of the lists above with a phrase beginning with it: most tokens begin none, and the
  // recogniser learns it once per token instead of once per list it tries.
  std::uint64_t lists_starting_with(std::u32string_view word) const {
    auto it = first_word_lists.find(word);
    return it == first_word_lists.end() ? 0 : it->second;
  }
  std::unordered_map<std::u32string, std::uint64_t, U32Hash, std::equal_to<>> first_word_lists;
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
  int month_shift = INT_MIN;      // the month relative to the publication month: "الـ15 من الشهر الجاري" 0
  bool same_month = false;        // "الـ12 منه", "19 من الشهر ذاته": a day of the month named last (set by recognise)
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
