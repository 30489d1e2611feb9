#include "lexicon.h"
#include <algorithm>

#include <stdexcept>

namespace isnad {

std::vector<std::string> comma_list(std::string_view field) {
  std::vector<std::string> out;
  for (std::size_t s = 0, c; s <= field.size(); s = c + 1) {
    c = std::min(field.find(',', s), field.size());
    if (c > s) out.emplace_back(field.substr(s, c - s));
  }
  return out;
}

std::vector<TsvRow> parse_tsv(std::string_view text) {
  std::vector<TsvRow> rows;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    TsvRow row;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      row.emplace_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(row));
    if (eol == text.size()) break;
  }
  return rows;
}

std::vector<TsvRow> lexicon_rows(std::string_view name) {
  const auto& files = embedded_lexicons();
  auto it = files.find(name);
  if (it == files.end()) throw std::runtime_error("unknown lexicon '" + std::string(name) + "'");
  return parse_tsv(it->second);
}

}  // namespace isnad
