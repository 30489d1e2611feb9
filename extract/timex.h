// Temporal expressions: recognition and TIMEX3 normalisation anchored on the publication date.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "document.h"

namespace isnad {

// Fills doc.timexes from doc.tokens / doc.text. Relative expressions ("امس الأربعاء",
// "يوم غد الجمعة") are anchored on doc.dct; when doc.dct is empty the DCT is inferred from the
// text when it can be (see infer_dct): then doc.dct and doc.dct_source = "inferred" are set; when the
// text fits several years, doc.dct stays empty, dct_source is "ambiguous" and the years are listed.
// Relative expressions that cannot be anchored are left out; today's date is never used.
// Spans are minimal: "في وقت سابق" → "وقت سابق", "ويوم الأحد" → "يوم الأحد". A range of hours
// before its day is part of the span ("التاسعة صباحا إلى السابعة مساء يوم الرابع من نوفمبر");
// one after its day is only attached as time_range ("يوم 4 نوفمبر من الساعة التاسعة ...").
//
// Representation choices (TIMEX3 where it has one):
// - A range of days, months or years is ONE Timex whose span runs from the first end to the second
//   and whose value is an ISO 8601 interval "START/END", each end at its own granularity:
//   "من أول يناير حتى 30 يونيو" → span "أول يناير حتى 30 يونيو", value "2018-01-01/2018-06-30";
//   "(1954-1989)" → "1954/1989". An end leaves out what the other gives ("من 5 إلى 10 نوفمبر":
//   2016-11-05/2016-11-10). Consumers wanting one day test value.size() == 10, as statements do.
//   A range of years also reports its second year on its own, after it and inside its span, as news-gold
//   annotates it: "(1975-1990)" → 1975/1990 and "1990".
// - Two days of one month joined by و are two dates: the first spans both, the second follows inside it
//   ("3 و4 أفريل 2016" → 2016-04-03, then "4 أفريل 2016" → 2016-04-04).
// - Feasts fall on their Umm al-Qura day in the Hijri year nearest the DCT ("عيد الأضحى" in July 2018 →
//   2018-08-21); "قبل أيام"، "منذ عقود" are PAST_REF; a bare اليوم after a verb of being is PRESENT_REF
//   ("تونس تعتبر اليوم نموذجا"); decades count in years ("عقدين" P20Y); noon is 12:00 ("ظهر الجمعة").
// - A part of a period keeps the period's value and says which part in mod (TIMEX3 mod):
//   "مطلع الشهر الجاري" → "2016-11" START, "منتصف" MID, "نهاية حزيران/يونيو" → "2018-06" END;
//   durations take MORE_THAN / LESS_THAN / APPROX ("أكثر من عشر سنوات" → P10Y MORE_THAN).
//   "نهاية الأسبوع" is the weekend: "2016-W43-WE".
// - A single time after its day is part of the expression ("الخميس الساعة العاشرة صباحا" → TIME
//   "…T10:00"); a range of hours after it is only attached (time_range), as above.
// - A bare weekday ("الجمعة") is the last such day before the DCT, the next one after a future cue in
//   its clause (سيجري، المقرر، يعتزمون، سوف), or the nearest either way after "كان" + a future cue
//   ("كان مقررا الجمعة") and in a headline, which has no tense.
// - Recurrences are SET ("يوميا" P1D, "كل عامين" P2Y, "كل يوم سبت" XXXX-WXX-6), centuries and
//   decades the TIMEX3 prefixes ("القرن العشرين" 19, "الستينيات" 196), seasons "2015-SU",
//   "قبل خمسة وتسعين عاما" the year counted back (1920).
void find_timexes(Document& doc);

// The publication date as the text pins it: a weekday stated relative to the publication day
// ("غد الجمعة", "امس الأربعاء", "اليوم الاثنين") combined with an explicit date ("4 نوفمبر")
// naming the same day. Without a year in the text several years fit (in [kDctFirstYear, kDctLastYear]):
// all are listed, and a date is given only when one year fits or exactly one fitting year is written in the
// article; otherwise `date` stays empty (find_timexes then sets dct_source "ambiguous").
struct DctInference {
  std::string date;                 // ISO, "" when the text does not pin it
  std::vector<int> candidate_years;  // years in which the clues agree
};
inline constexpr int kDctFirstYear = 1990;
inline constexpr int kDctLastYear = 2030;
DctInference infer_dct(const Document& doc);

// Gregorian date of a day of the Umm al-Qura Hijri calendar (ICU "islamic-umalqura").
// 5 رمضان 1445 → 2024-03-15. nullopt when ICU rejects the date.
std::optional<Date> hijri_to_gregorian(int hijri_year, int hijri_month, int hijri_day);

}  // namespace isnad
