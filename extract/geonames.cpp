// Loads libgeonames' cities and pairs them with the Arabic names of its gettext catalogue.
//
// How the Arabic names arrive: libgeonames keeps its cities in a GVariant resource compiled
// into the library, one tuple (id, name_en, state_code, state_en, country_code, country_en,
// timezone, population, latitude, longitude) per city. geonames_city_get_name() looks the
// geonames.org id up with g_dgettext("geonames", "170063") and falls back to the English name.
// The translations live in <localedir>/ar/LC_MESSAGES/geonames.mo (package libgeonames-common):
// msgid "170063" → msgstr "حلب", plus "SY" → "سوريا" and "SY.09" → "محافظة حلب" for countries
// and states.
//
// Going through gettext would mean switching the process's LANGUAGE/LC_MESSAGES to Arabic,
// which is process-global, unsafe while other threads run, and would hide the English name.
// So we read the id and English name from the city tuple (its type is checked first) and the
// Arabic name from the .mo file directly (GNU gettext's documented binary format).
#include "geonames.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "text.h"

#ifdef ISNAD_HAVE_GEONAMES
#include <geonames/geonames.h>
#include <libintl.h>
#endif

namespace isnad {
namespace {

struct GeoIndex {
  std::vector<GeoCity> cities;
  std::unordered_map<std::u32string, std::vector<const GeoCity*>> by_name;  // normalised Arabic → largest first
};

#ifdef ISNAD_HAVE_GEONAMES

// msgid → msgstr of a GNU .mo catalogue; empty if the file is missing or malformed.
// Layout: magic, revision, count N, offset of the msgid table, offset of the msgstr table;
// each table holds N (length, offset) pairs of 32-bit words in the file's byte order.
std::unordered_map<std::string, std::string> read_mo_catalogue(const std::string& path) {
  std::unordered_map<std::string, std::string> catalogue;
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return catalogue;
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return catalogue;
  if (bytes.size() < 20) return catalogue;

  auto word_at = [&](std::size_t offset, bool swap) -> std::optional<std::uint32_t> {
    if (offset + 4 > bytes.size()) return std::nullopt;
    std::uint32_t w;
    std::memcpy(&w, bytes.data() + offset, 4);
    return swap ? __builtin_bswap32(w) : w;
  };
  const std::uint32_t magic = *word_at(0, false);
  bool swap;
  if (magic == 0x950412deu) swap = false;
  else if (magic == 0xde120495u) swap = true;
  else return catalogue;

  const auto count = word_at(8, swap), ids = word_at(12, swap), strs = word_at(16, swap);
  if (!count || !ids || !strs) return catalogue;
  auto string_at = [&](std::size_t table, std::uint32_t i) -> std::optional<std::string_view> {
    const auto length = word_at(table + 8 * std::size_t(i), swap), offset = word_at(table + 8 * std::size_t(i) + 4, swap);
    if (!length || !offset || std::size_t(*offset) + *length > bytes.size()) return std::nullopt;
    return std::string_view(bytes).substr(*offset, *length);
  };
  for (std::uint32_t i = 0; i < *count; ++i) {
    auto id = string_at(*ids, i), str = string_at(*strs, i);
    if (!id || !str) return {};
    if (id->empty() || id->find('\x04') != std::string_view::npos) continue;  // header entry, msgctxt entries
    // Plural entries hold NUL-separated forms; the first (singular) form is the name.
    id = id->substr(0, id->find('\0'));
    str = str->substr(0, str->find('\0'));
    if (!str->empty()) catalogue.emplace(*id, *str);
  }
  return catalogue;
}

// Where gettext would look for libgeonames' catalogues: the domain's bound directory, which is
// the system locale directory (/usr/share/locale) unless somebody called bindtextdomain.
std::string arabic_catalogue_path() {
  const char* dir = bindtextdomain("geonames", nullptr);  // a query: nullptr changes nothing
  return std::string(dir ? dir : "/usr/share/locale") + "/ar/LC_MESSAGES/geonames.mo";
}

// The catalogue's translation as a clean Arabic name, or nothing: a few "translations" are
// Latin transliterations or other scripts ("Tārūt", "जावद"); some carry stray LRM marks,
// commas or a disambiguator. Diacritics stay as given ("دَهُکْ"); matching uses normalize().
std::optional<std::string> arabic_name(std::string_view translation) {
  std::u32string name;
  bool arabic = false;
  for (char32_t c : to_u32(translation)) {
    const bool direction_mark = (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
                                (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
    if (direction_mark) continue;
    if (is_arabic_letter(c)) arabic = true;
    else if (c < 0x80 ? std::isalpha(static_cast<int>(c)) : is_word_char(c) && !(c >= 0x0600 && c <= 0x06FF))
      return std::nullopt;  // a letter of another script
    name += c;
  }
  // Wikipedia-style disambiguators are not part of the name: "زالنجي (مدينة)" → "زالنجي".
  if (auto open = name.rfind(U" ("); open != std::u32string::npos && name.back() == U')') name.erase(open);
  // Stray spaces and punctuation at the ends: "باقة الغربية," → "باقة الغربية".
  while (!name.empty() && !is_word_char(name.back())) name.pop_back();
  while (!name.empty() && !is_word_char(name.front())) name.erase(0, 1);
  if (!arabic) return std::nullopt;
  return encode_utf8(name);
}

void load(GeoIndex& index) {
  const auto arabic = read_mo_catalogue(arabic_catalogue_path());
  if (arabic.empty()) return;

  const int count = geonames_get_n_cities();
  for (int i = 0; i < count; ++i) {
    GeonamesCity* city = geonames_get_city(i);
    if (!city) continue;
    // The id and the untranslated name are only reachable through the tuple itself.
    if (!g_variant_is_of_type(city, G_VARIANT_TYPE("(sssssssudd)"))) {
      geonames_city_free(city);
      index.cities.clear();  // a different libgeonames layout: better nothing than wrong fields
      return;
    }
    const gchar* id = nullptr;
    const gchar* name_en = nullptr;
    g_variant_get_child(city, 0, "&s", &id);
    g_variant_get_child(city, 1, "&s", &name_en);
    const auto translation = arabic.find(id);
    const auto name_ar = translation == arabic.end() ? std::nullopt : arabic_name(translation->second);
    if (name_ar) {
      index.cities.push_back(GeoCity{*name_ar, name_en, geonames_city_get_country_code(city),
                                     geonames_city_get_latitude(city), geonames_city_get_longitude(city),
                                     static_cast<long>(geonames_city_get_population(city))});
    }
    geonames_city_free(city);
  }
}

#endif  // ISNAD_HAVE_GEONAMES

const GeoIndex& geo_index() {
  static GeoIndex index;
  static std::once_flag once;
  std::call_once(once, [] {
#ifdef ISNAD_HAVE_GEONAMES
    load(index);
#endif
    // Built after `cities` is complete, so the pointers stay valid.
    for (const GeoCity& city : index.cities) index.by_name[normalize(to_u32(city.name_ar))].push_back(&city);
    for (auto& [name, cities] : index.by_name) {
      std::stable_sort(cities.begin(), cities.end(),
                       [](const GeoCity* a, const GeoCity* b) { return a->population > b->population; });
    }
  });
  return index;
}

}  // namespace

const std::vector<GeoCity>& geonames_cities() { return geo_index().cities; }

std::vector<const GeoCity*> find_cities(const std::u32string& normalised_name) {
  const auto& by_name = geo_index().by_name;
  auto found = by_name.find(normalised_name);
  return found == by_name.end() ? std::vector<const GeoCity*>{} : found->second;
}

}  // namespace isnad
