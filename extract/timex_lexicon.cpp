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

// The indices point into the lists, so they are built on the lexicon in its final place.
void build_indices(Lexicon& lex) {
  for (const auto& m : lex.months) lex.month_index.add(m);
  for (const auto& w : lex.weekdays) lex.weekday_index.add(w);
  for (const auto& n : lex.numbers) lex.number_index.add(n);
  for (const auto& u : lex.units) lex.unit_index.add(u);
  for (const auto& r : lex.relative) lex.relative_by_kind[r.kind].add(r);
  int next_bit = 0;
  auto assign_bit = [&](auto& index) {
    if (next_bit == 64) throw std::logic_error("timex lexicon: more than 64 lists and kinds");
    index.bit = std::uint64_t{1} << next_bit++;
    index.for_each_first_word([&](const std::u32string& w) { lex.first_word_lists[w] |= index.bit; });
  };
  assign_bit(lex.month_index);
  assign_bit(lex.weekday_index);
  assign_bit(lex.number_index);
  assign_bit(lex.unit_index);
  for (auto& [kind, index] : lex.relative_by_kind) {
    assign_bit(index);
    lex.any_relative_bits |= index.bit;
  }
}

}  // namespace

const FirstWordIndex<RelWord>& Lexicon::of_kind(std::string_view kind) const {
  static const FirstWordIndex<RelWord> none;
  auto it = relative_by_kind.find(kind);
  return it == relative_by_kind.end() ? none : it->second;
}

const Lexicon& lexicon() {
  static const Lexicon* const lex = [] {  // built in place: the indices point into its lists
    auto* l = new Lexicon(load());
    build_indices(*l);
    return l;
  }();
  return *lex;
}

}  // namespace isnad::timex
