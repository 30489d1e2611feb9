// Cities of the world with Arabic names, from Debian's libgeonames (a geonames.org
// subset: ~24k cities of 15,000+ people, about 6.6k of them translated into Arabic).
//
// Places found in text carry an English name, an ISO country code and coordinates from
// here, for maps and Gephi's GeoLayout:   "حلب" → Aleppo, SY, 36.20N 37.16E.
#pragma once
#include <string>
#include <vector>

namespace isnad {

struct GeoCity {
  std::string name_ar;   // as translated by libgeonames' Arabic catalogue, e.g. "القاهرة"
  std::string name_en;   // geonames.org main name, may carry transliteration marks: "Sarāqib"
  std::string country;   // ISO 3166-1 alpha-2 as geonames uses it ("SY"; Kosovo is "XK")
  double latitude = 0;   // degrees, north positive
  double longitude = 0;  // degrees, east positive
  long population = 0;
};

// All cities with an Arabic name, loaded once (thread-safe); empty if libgeonames or its
// Arabic catalogue is unavailable. Order is libgeonames' (by country).
const std::vector<GeoCity>& geonames_cities();

// Cities whose normalised Arabic name (isnad::normalize) equals `normalised_name`, largest
// population first; several towns share a name ("سبرينغفيلد"), the first is the likely one.
std::vector<const GeoCity*> find_cities(const std::u32string& normalised_name);

}  // namespace isnad
