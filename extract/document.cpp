#include "document.h"

#include <charconv>
#include <cstdio>

namespace isnad {

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  Date d;
  auto num = [&](std::size_t at, std::size_t n, int& v) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + n, v);
    return ec == std::errc() && p == s.data() + at + n;
  };
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  if (civil_from_days(days_from_civil(d)) != d) return std::nullopt;  // 2016-02-30
  return d;
}

std::string format_iso_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// Howard Hinnant's civil calendar algorithms.
long days_from_civil(const Date& d) {
  long y = d.year - (d.month <= 2 ? 1 : 0);
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long mp = (d.month + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d.day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return Date{static_cast<int>(y + (month <= 2 ? 1 : 0)), month, day};
}

int weekday(const Date& d) {
  long z = days_from_civil(d);
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

Date add_days(const Date& d, long n) { return civil_from_days(days_from_civil(d) + n); }

const char* entity_kind(EntityType t) {
  switch (t) {
    case EntityType::Person: return "person";
    case EntityType::Organization: return "organization";
    case EntityType::Place: return "place";
  }
  return "person";
}

}  // namespace isnad
