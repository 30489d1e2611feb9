// Temporal expressions: recognition and TIMEX3 normalisation anchored on the publication date.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "document.h"

namespace isnad {

// Fills doc.timexes from doc.tokens / doc.text. Relative expressions ("امس الأربعاء",
// "يوم غد الجمعة") are anchored on doc.dct; when doc.dct is empty the DCT is inferred from the
// text when it can be (see infer_dct): then doc.dct and doc.dct_source = "inferred" are set.
// Relative expressions that cannot be anchored are left out; today's date is never used.
// Spans are minimal: "في وقت سابق" → "وقت سابق", "ويوم الأحد" → "يوم الأحد". A range of hours
// before its day is part of the span ("التاسعة صباحا إلى السابعة مساء يوم الرابع من نوفمبر");
// one after its day is only attached as time_range ("يوم 4 نوفمبر من الساعة التاسعة ...").
void find_timexes(Document& doc);

// The publication date as the text pins it: a weekday stated relative to the publication day
// ("غد الجمعة", "امس الأربعاء", "اليوم الاثنين") combined with an explicit date ("4 نوفمبر")
// naming the same day. Without a year in the text several years fit: all are listed
// (in [kDctFirstYear, kDctLastYear]) and the one closest to a year the text mentions, else the
// latest, is chosen.
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
