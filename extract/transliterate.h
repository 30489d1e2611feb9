// Readable Latin labels for Arabic names that no gazetteer gives an English name for.
//
// A news-style transliteration, not a scholarly one: consonants and long vowels are written, short
// vowels (absent from Arabic script) are not guessed, so some names read clipped:
//   "فلاديمير بوتين" → "Fladimir Butin",  "ياسر اليوسف" → "Yasr al-Yusf",  "دمشق" → "Dmshq".
// The rules are data: extract/lexicons/latin_transliteration.tsv, an ICU transform rule set documented
// line by line (ICU's stock "Arabic-Latin" gives "flạdymyr bwtyn", which is not meant for readers).
#pragma once
#include <string>
#include <string_view>

namespace isnad {

// The Latin label of an Arabic name (UTF-8 in, UTF-8 out). Every word read from Arabic is Title Cased
// ("al-" inside a label stays lower case); Latin letters, digits and punctuation pass through with their
// case ("راديو BBC" → "Radyu BBC"). For Arabic input the result is ASCII letters, apostrophes, hyphens and
// single spaces, trimmed; "" for empty or blank input. No Arabic-script letter survives.
// Thread-safe: the rules are compiled once; each thread transliterates with its own clone.
// Throws std::runtime_error if the rule file does not compile (a defect of the data file).
std::string latin_label(std::string_view arabic_utf8);

}  // namespace isnad
