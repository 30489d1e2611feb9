#include "timex_internal.h"

#include <stdexcept>

#include "lexicon.h"
#include "text.h"

namespace isnad::timex {
namespace {

Words split_words(const std::string& utf8) {
  std::u32string norm = to_u32(normalize_utf8(utf8));
  Words words;
  std::u32string cur;
  for (char32_t c : norm) {
    if (is_space(c)) {
      if (!cur.empty()) words.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

const std::string& field(const TsvRow& row, std::size_t i, std::string_view file) {
  if (i >= row.size()) throw std::runtime_error(std::string(file) + ": row with too few columns: " + row[0]);
  return row[i];
}

Lexicon load() {
  Lexicon lex;
  for (const auto& row : lexicon_rows("timex_months.tsv"))
    lex.months.push_back({split_words(row[0]), std::stoi(field(row, 1, "timex_months.tsv")),
                          field(row, 2, "timex_months.tsv") == "hijri", field(row, 3, "timex_months.tsv")});
  for (const auto& row : lexicon_rows("timex_weekdays.tsv"))
    lex.weekdays.push_back({split_words(row[0]), std::stoi(field(row, 1, "timex_weekdays.tsv"))});
  for (const auto& row : lexicon_rows("timex_numbers.tsv"))
    lex.numbers.push_back({split_words(row[0]), std::stoi(field(row, 1, "timex_numbers.tsv")),
                           field(row, 2, "timex_numbers.tsv") == "ordinal"});
  for (const auto& row : lexicon_rows("timex_units.tsv"))
    lex.units.push_back({split_words(row[0]), field(row, 1, "timex_units.tsv"),
                         std::stoi(field(row, 2, "timex_units.tsv"))});
  for (const auto& row : lexicon_rows("timex_relative.tsv"))
    lex.relative.push_back({row[0], split_words(field(row, 1, "timex_relative.tsv")), row.size() > 2 ? row[2] : "", row[1]});
  return lex;
}

}  // namespace

std::vector<const RelWord*> Lexicon::of_kind(std::string_view kind) const {
  std::vector<const RelWord*> out;
  for (const auto& r : relative)
    if (r.kind == kind) out.push_back(&r);
  return out;
}

const Lexicon& lexicon() {
  static const Lexicon lex = load();
  return lex;
}

}  // namespace isnad::timex
