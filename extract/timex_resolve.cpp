// Anchoring recognised temporal expressions on the publication date (DCT), Hijri conversion
// through ICU's islamic-umalqura calendar, and inference of a missing DCT from the text.
#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <optional>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <map>
#include <set>

#include "timex.h"
#include "timex_internal.h"

namespace isnad {
namespace {

std::unique_ptr<icu::Calendar> make_calendar(const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(locale), status));
  if (U_FAILURE(status)) return nullptr;
  cal->setLenient(false);
  return cal;
}

std::optional<Date> valid(Date d) {
  auto back = parse_iso_date(format_iso_date(d));
  if (!back || !(*back == d)) return std::nullopt;
  return d;
}

// Hijri year of a Gregorian day (Umm al-Qura).
std::optional<int> hijri_year_of(const Date& g) {
  auto greg = make_calendar("en@calendar=gregorian");
  auto hij = make_calendar("ar@calendar=islamic-umalqura");
  if (!greg || !hij) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  greg->clear();
  greg->set(g.year, g.month - 1, g.day);
  UDate t = greg->getTime(status);
  hij->setTime(t, status);
  int y = hij->get(UCAL_YEAR, status);
  if (U_FAILURE(status)) return std::nullopt;
  return y;
}

std::string two(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}
std::string year_month(int y, int m) { return std::to_string(y) + "-" + two(m); }

std::string iso_week(const Date& d) {
  int monday_based = (weekday(d) + 6) % 7;
  Date thursday = add_days(d, 3 - monday_based);
  long jan1 = days_from_civil({thursday.year, 1, 1});
  int week = static_cast<int>((days_from_civil(thursday) - jan1) / 7 + 1);
  return std::to_string(thursday.year) + "-W" + two(week);
}

// Of several candidate days, the one the shift asks for: -1 the latest before the anchor,
// +1 the earliest after it, none: the nearest, with a bias to the past.
std::optional<Date> pick(const std::vector<Date>& days, const Date& anchor, int shift) {
  std::optional<Date> best;
  long a = days_from_civil(anchor);
  for (const Date& d : days) {
    long diff = days_from_civil(d) - a;
    if (shift < 0 && shift != INT_MIN && diff >= 0) continue;
    if (shift > 0 && diff <= 0) continue;
    if (!best) { best = d; continue; }
    // News reports look back more often than ahead: a day ahead counts 1.75 times as far ("في 25 أغسطس" in an
    // article of 3 April 2018 is August 2017, 221 days back, not 2018, 144 days ahead; news-gold train puts every
    // yearless day ahead within 125 days).
    auto cost = [](long x) { return x > 0 ? x * 7 : -x * 4; };
    long bdiff = days_from_civil(*best) - a;
    if (cost(diff) < cost(bdiff) || (cost(diff) == cost(bdiff) && diff < bdiff)) best = d;
  }
  return best;
}

// The day a date-kind meaning names, and whether it is only a month ("YYYY-MM") or year.
struct Named {
  std::optional<Date> day;
  std::string coarse;  // "2016-11" or "2016" when no day is named
};

std::optional<Named> name_day(const timex::Meaning& m, const std::optional<Date>& dct) {
  Named n;
  auto convert = [&](int y, int mo, int d) -> std::optional<Date> {
    return m.hijri ? hijri_to_gregorian(y, mo, d) : valid({y, mo, d});
  };
  if (m.month_shift != INT_MIN) {  // "الـ15 من الشهر الجاري"
    if (!dct) return std::nullopt;
    timex::Meaning fixed = m;
    int index = dct->year * 12 + (dct->month - 1) + m.month_shift;
    fixed.year = index / 12;
    fixed.month = index % 12 + 1;
    fixed.month_shift = INT_MIN;
    fixed.shift = INT_MIN;
    return name_day(fixed, dct);
  }
  if (m.year_shift != INT_MIN) {  // "31 مارس من العام الماضي"
    if (!dct) return std::nullopt;
    timex::Meaning fixed = m;
    fixed.year = dct->year + m.year_shift;
    fixed.year_shift = INT_MIN;
    return name_day(fixed, dct);
  }
  if (m.month && m.day) {
    if (m.year) {
      n.day = convert(m.year, m.month, m.day);
    } else {
      if (!dct) return std::nullopt;
      int base = dct->year;
      if (m.hijri) {
        auto hy = hijri_year_of(*dct);
        if (!hy) return std::nullopt;
        base = *hy;
      }
      std::vector<Date> days;
      for (int y = base - 1; y <= base + 1; ++y)
        if (auto d = convert(y, m.month, m.day)) days.push_back(*d);
      // "12 ابريل الجاري": the month of the current year, whichever side of the publication day.
      if (m.shift == 0) {
        n.day = convert(base, m.month, m.day);
        if (!n.day) return std::nullopt;
        return n;
      }
      n.day = pick(days, *dct, m.shift);
    }
    if (!n.day) return std::nullopt;
    return n;
  }
  if (m.month) {
    int y = m.year;
    if (!y) {
      if (!dct) return std::nullopt;
      int base = dct->year;
      if (m.hijri) {
        auto hy = hijri_year_of(*dct);
        if (!hy) return std::nullopt;
        base = *hy;
      }
      std::vector<Date> firsts;
      for (int c = base - 1; c <= base + 1; ++c)
        if (auto d = convert(c, m.month, 1)) firsts.push_back(*d);
      Date month_start{dct->year, dct->month, 1};
      std::optional<Date> chosen;
      if (m.hijri) {
        chosen = pick(firsts, *dct, m.shift == 0 ? INT_MIN : m.shift);
      } else if (m.shift == 0) {
        chosen = Date{dct->year, m.month, 1};
      } else {
        chosen = pick(firsts, month_start, m.shift);
      }
      if (!chosen) return std::nullopt;
      n.coarse = year_month(chosen->year, chosen->month);
      return n;
    }
    auto d = convert(y, m.month, 1);
    if (!d) return std::nullopt;
    n.coarse = year_month(d->year, d->month);
    return n;
  }
  if (m.day_offset) {
    if (!dct) return std::nullopt;
    n.day = add_days(*dct, *m.day_offset);
    // "بعد ظهر اليوم الجمعة" in an article dated Saturday: written the day before it was published. The
    // weekday names the day: the nearest one to the relative day.
    if (m.weekday >= 0 && weekday(*n.day) != m.weekday) {
      int diff = (m.weekday - weekday(*n.day) + 7) % 7;
      if (diff > 3) diff -= 7;
      n.day = add_days(*n.day, diff);
    }
    return n;
  }
  if (m.weekday >= 0) {
    if (!dct) return std::nullopt;
    int wd = weekday(*dct);
    int back = (wd - m.weekday + 7) % 7;    // 0..6 days ago
    int ahead = (m.weekday - wd + 7) % 7;   // 0..6 days ahead
    // "الجمعة قبل الماضية" (-2) is a week before the last one.
    if (m.shift < 0 && m.shift != INT_MIN) n.day = add_days(*dct, -(back ? back : 7) - 7L * (-m.shift - 1));
    else if (m.shift > 0) n.day = add_days(*dct, (ahead ? ahead : 7) + 7L * (m.shift - 1));
    else if (m.direction == timex::Direction::Future) n.day = add_days(*dct, ahead);
    else if (m.direction == timex::Direction::Nearest) n.day = add_days(*dct, ahead < back ? ahead : -back);
    else n.day = add_days(*dct, -back);
    return n;
  }
  if (m.year) {
    if (m.hijri) {
      auto d = hijri_to_gregorian(m.year, 1, 1);
      if (!d) return std::nullopt;
      n.coarse = std::to_string(d->year);
    } else {
      n.coarse = std::to_string(m.year);
    }
    return n;
  }
  if (m.hour1 >= 0 || !m.daypart.empty()) {  // a time of the publication day
    if (!dct) return std::nullopt;
    n.day = *dct;
    return n;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Date> hijri_to_gregorian(int hijri_year, int hijri_month, int hijri_day) {
  auto hij = make_calendar("ar@calendar=islamic-umalqura");
  auto greg = make_calendar("en@calendar=gregorian");
  if (!hij || !greg || hijri_month < 1 || hijri_month > 12 || hijri_day < 1 || hijri_day > 30) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  hij->clear();
  hij->set(hijri_year, hijri_month - 1, hijri_day);
  UDate t = hij->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  greg->setTime(t, status);
  Date d{greg->get(UCAL_YEAR, status), greg->get(UCAL_MONTH, status) + 1, greg->get(UCAL_DATE, status)};
  if (U_FAILURE(status)) return std::nullopt;
  return d;
}

namespace timex {

namespace {

std::optional<Resolved> resolve_one(const Meaning& m, const std::optional<Date>& dct);

// The value of a range: "START/END", each end at its own granularity (ISO 8601 interval).
std::optional<Resolved> resolve_range(const Meaning& m, const std::optional<Date>& dct) {
  Meaning first = m;
  first.range_end.clear();
  auto a = resolve_one(first, dct);
  auto b = resolve_one(m.range_end[0], dct);
  if (!a || !b) return std::nullopt;
  // An end without its own year that falls before the start lies in the next year ("من ديسمبر إلى فبراير").
  if (b->value < a->value && !m.range_end[0].year && a->value.size() >= 7 && b->value.size() == a->value.size()) {
    Meaning later = m.range_end[0];
    auto d = parse_iso_date(b->value.size() == 10 ? b->value : b->value + "-01");
    if (d) {
      later.year = d->year + 1;
      later.shift = INT_MIN;
      if (auto c = resolve_one(later, dct)) b = c;
    }
  }
  return Resolved{"DATE", a->value + "/" + b->value, "", m.mod};
}

std::string season_value(const Meaning& m, const Date& dct) {
  int y = m.year ? m.year : dct.year + (m.shift == INT_MIN ? 0 : m.shift);
  return std::to_string(y) + "-" + m.unit;
}

}  // namespace

std::optional<Resolved> resolve(const Meaning& m, const std::optional<Date>& dct) {
  if (!m.range_end.empty()) return resolve_range(m, dct);
  return resolve_one(m, dct);
}

namespace {

std::optional<Resolved> resolve_one(const Meaning& m, const std::optional<Date>& dct) {
  auto r = [&](std::string type, std::string value, std::string time = "") {
    return std::optional<Resolved>(Resolved{std::move(type), std::move(value), std::move(time), m.mod});
  };
  switch (m.kind) {
    case Meaning::Kind::Set:
      return r("SET", m.fixed);
    case Meaning::Kind::Century: {
      int c = m.number ? m.number - 1 : -1;  // the 20th century is the 1900s: "19"
      if (!m.number) {
        if (!dct) return std::nullopt;
        c = dct->year / 100 + (m.shift == INT_MIN ? 0 : m.shift);
      }
      return r("DATE", two(c));
    }
    case Meaning::Kind::Decade: {
      int century;
      if (m.year) {
        century = m.year - 1;
      } else if (m.shift != INT_MIN) {
        if (!dct) return std::nullopt;
        century = dct->year / 100 + m.shift;
      } else {
        // The latest such decade that has begun by the publication date ("الستينيات" → 196).
        if (!dct) return std::nullopt;
        century = dct->year / 100;
        if (century * 100 + m.number * 10 > dct->year) --century;
      }
      return r("DATE", std::to_string(century * 10 + m.number));
    }
    case Meaning::Kind::Season:
      if (!m.year && !dct) return std::nullopt;
      return r("DATE", season_value(m, dct ? *dct : Date{m.year, 1, 1}));
    case Meaning::Kind::Ago: {
      if (!dct) return std::nullopt;
      if (m.unit == "Y") return r("DATE", std::to_string(dct->year - m.number));
      if (m.unit == "M") {
        int index = dct->year * 12 + (dct->month - 1) - m.number;
        return r("DATE", year_month(index / 12, index % 12 + 1));
      }
      if (m.unit == "W") return r("DATE", iso_week(add_days(*dct, -7L * m.number)));
      return r("DATE", format_iso_date(add_days(*dct, -m.number)));
    }
    default:
      break;
  }
  switch (m.kind) {
    case Meaning::Kind::Vague:
      return r("DATE", m.fixed);
    case Meaning::Kind::Duration:
      return r("DURATION", m.fixed);
    case Meaning::Kind::Period: {
      if (!dct) return std::nullopt;
      int shift = m.shift == INT_MIN ? 0 : m.shift;
      if (m.period == "W") return r("DATE", iso_week(add_days(*dct, 7L * shift)));
      if (m.period == "WE") return r("DATE", iso_week(add_days(*dct, 7L * shift)) + "-WE");
      if (m.period == "M") {
        int index = dct->year * 12 + (dct->month - 1) + shift;
        return r("DATE", year_month(index / 12, index % 12 + 1));
      }
      return r("DATE", std::to_string(dct->year + shift));
    }
    default:
      break;
  }
  auto named = name_day(m, dct);
  if (!named) return std::nullopt;
  if (!named->day) return r("DATE", named->coarse);
  std::string day = format_iso_date(*named->day);
  if (m.hour2 >= 0)
    return r(m.month || m.day_offset || m.weekday >= 0 ? "DATE" : "TIME", day,
             two(m.hour1) + ":" + two(m.minute1) + "-" + two(m.hour2) + ":" + two(m.minute2));
  if (m.hour1 >= 0) return r("TIME", day + "T" + two(m.hour1) + ":" + two(m.minute1));
  if (!m.daypart.empty()) return r("TIME", day + "T" + m.daypart);
  return r("DATE", day);
}

}  // namespace

}  // namespace timex

DctInference infer_dct(const Document& doc) {
  DctInference out;
  std::vector<timex::Meaning> meanings = timex::recognise(doc);
  struct Anchor { int offset, weekday; const timex::Meaning* m; };
  std::vector<Anchor> anchors;       // "غد الجمعة": the day after the DCT is a Friday
  std::vector<int> mentioned_years;
  for (const auto& m : meanings) {
    if (m.kind != timex::Meaning::Kind::Date) continue;
    if (m.day_offset && m.weekday >= 0) anchors.push_back({*m.day_offset, m.weekday, &m});
    if (m.year && !m.hijri) mentioned_years.push_back(m.year);
    // "أمس الجمعة 31 مارس 2017" pins the day by itself.
    if (m.day_offset && m.year && m.month && m.day && !m.hijri) {
      if (auto d = valid({m.year, m.month, m.day})) {
        out.date = format_iso_date(add_days(*d, -*m.day_offset));
        out.candidate_years = {add_days(*d, -*m.day_offset).year};
        return out;
      }
    }
  }
  if (anchors.empty()) return out;
  // An explicit day naming the same weekday as an anchor is taken to be that day; each such
  // pair votes for the DCT it implies, and a pair sharing the same hours ("من التاسعة صباحا
  // حتى السابعة مساء") is surely one event and weighs more. Most votes win.
  std::map<Date, int> votes;
  for (const auto& m : meanings) {
    if (m.kind != timex::Meaning::Kind::Date || !m.month || !m.day || m.hijri || m.day_offset) continue;
    for (int y = m.year ? m.year : kDctFirstYear; y <= (m.year ? m.year : kDctLastYear); ++y) {
      auto d = valid({y, m.month, m.day});
      if (!d) continue;
      for (const auto& a : anchors) {
        if (weekday(*d) != a.weekday) continue;
        bool same_hours = m.hour2 >= 0 && m.hour1 == a.m->hour1 && m.hour2 == a.m->hour2;
        votes[add_days(*d, -a.offset)] += same_hours ? 5 : 1;
      }
    }
  }
  if (votes.empty()) return out;
  int top = 0;
  for (const auto& [d, v] : votes) top = std::max(top, v);
  std::vector<Date> candidates;
  for (const auto& [d, v] : votes)
    if (v == top) candidates.push_back(d);
  std::set<int> years;
  for (const Date& d : candidates) years.insert(d.year);
  out.candidate_years.assign(years.begin(), years.end());
  // Pinned: one year fits, or exactly one of the fitting years is written in the article. Otherwise the
  // day is known but not the year ("الخميس 3 نوفمبر" fits 2005, 2011, 2016, 2022): no date is invented.
  if (years.size() == 1) {
    out.date = format_iso_date(candidates.back());
    return out;
  }
  std::optional<Date> written;
  for (const Date& d : candidates)
    if (std::find(mentioned_years.begin(), mentioned_years.end(), d.year) != mentioned_years.end()) {
      if (written && written->year != d.year) return out;
      written = d;
    }
  if (written) out.date = format_iso_date(*written);
  return out;
}

}  // namespace isnad
