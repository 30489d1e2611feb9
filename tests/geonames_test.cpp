// World cities with Arabic names from libgeonames: names, country codes, coordinates.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

#include "geonames.h"
#include "text.h"

using namespace isnad;

namespace {

// The catalogue may be absent (libgeonames-dev not installed): those tests skip.
bool geonames_available() {
  if (!geonames_cities().empty()) return true;
  MESSAGE("libgeonames or its Arabic catalogue (ar/LC_MESSAGES/geonames.mo) is unavailable: skipped");
  return false;
}

}  // namespace

TEST_CASE("geonames: Arabic city names resolve to English name, country and coordinates") {
  if (!geonames_available()) return;
  struct Row { const char* arabic; const char* english; const char* country; double latitude, longitude; };
  const Row rows[] = {
      {"حلب", "Aleppo", "SY", 36.20, 37.16},
      {"دمشق", "Damascus", "SY", 33.51, 36.29},
      {"القاهرة", "Cairo", "EG", 30.06, 31.25},
      {"باريس", "Paris", "FR", 48.85, 2.35},
      {"موسكو", "Moscow", "RU", 55.75, 37.62},
      {"إدلب", "Idlib", "SY", 35.93, 36.63},     // hamza folded by normalisation
      {"الموصل", "Mosul", "IQ", 36.34, 43.13},
  };
  for (const auto& r : rows) {
    CAPTURE(r.arabic);
    auto found = find_cities(normalize(to_u32(r.arabic)));
    REQUIRE_FALSE(found.empty());
    const GeoCity& city = *found.front();  // the most populous of its name
    CHECK(city.name_en == r.english);
    CHECK(city.country == r.country);
    CHECK(std::abs(city.latitude - r.latitude) < 0.1);
    CHECK(std::abs(city.longitude - r.longitude) < 0.1);
    CHECK(city.population > 100'000);
  }
}

TEST_CASE("geonames: shared names come largest first, absent names give nothing") {
  if (!geonames_available()) return;
  auto springfields = find_cities(normalize(to_u32("سبرينغفيلد")));
  REQUIRE(springfields.size() >= 2);
  for (std::size_t i = 1; i < springfields.size(); ++i)
    CHECK(springfields[i - 1]->population >= springfields[i]->population);
  CHECK(springfields.front()->country == "US");

  CHECK(find_cities(normalize(to_u32("قال"))).empty());
  CHECK(find_cities(normalize(to_u32("حلبستان"))).empty());
  CHECK(find_cities(normalize(to_u32("Tārūt"))).empty());  // the catalogue's Latin "translations" are dropped
  CHECK(find_cities(U"").empty());
  CHECK(find_cities(U"حلب ").empty());  // the caller normalises and trims; no fuzzy matching here
}

TEST_CASE("geonames: every city is well-formed") {
  if (!geonames_available()) return;
  const auto& cities = geonames_cities();
  MESSAGE("cities with an Arabic name: " << cities.size());
  CHECK(cities.size() >= 5000);
  std::set<std::string> countries;
  for (const GeoCity& city : cities) {
    CAPTURE(city.name_en);
    REQUIRE(city.country.size() == 2);
    CHECK(std::isupper(static_cast<unsigned char>(city.country[0])));
    CHECK(std::isupper(static_cast<unsigned char>(city.country[1])));
    countries.insert(city.country);
    CHECK_FALSE(city.name_en.empty());
    const std::u32string name = normalize(to_u32(city.name_ar));  // "دَهُکْ" ends in a sukun: compare letters
    REQUIRE_FALSE(name.empty());
    CHECK(is_arabic_letter(name.front()));  // no Latin "translations" ("Tārūt"), no leading marks
    CHECK(is_arabic_letter(name.back()));   // nor trailing LRM ("طريف\u200e"), commas, "(مدينة)"
    CHECK(std::abs(city.latitude) <= 90);
    CHECK(std::abs(city.longitude) <= 180);
    CHECK(city.population >= 0);
  }
  MESSAGE("countries: " << countries.size());
  CHECK(countries.size() > 150);
}
