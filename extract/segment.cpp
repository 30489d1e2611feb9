#include "segment.h"

namespace isnad {

namespace {

bool is_sentence_end(char32_t c) { return c == U'.' || c == U'!' || c == U'?' || c == U'؟' || c == U'…'; }

bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace

bool opens_quote(std::u32string_view n, std::size_t pos, bool inside) {
  char32_t before = pos == 0 ? U' ' : n[pos - 1];
  char32_t after = pos + 1 < n.size() ? n[pos + 1] : U' ';
  bool open_before = is_space(before) || before == U'(' || before == U':' || before == U'،' || before == U',' ||
                     before == U'-' || before == U'ـ' || before == U'/';
  bool close_after = is_space(after) || after == U'.' || after == U'،' || after == U',' || after == U'؛' ||
                     after == U';' || after == U':' || after == U')' || after == U'!' || after == U'?' || after == U'؟';
  if (open_before != close_after) return open_before;
  return !inside;
}

void segment(Document& doc) {
  const std::u32string& n = doc.text.norm();
  doc.tokens.clear();
  doc.sentences.clear();
  std::size_t sentence_start_token = 0;

  auto close_sentence = [&] {
    if (doc.tokens.size() == sentence_start_token) return;
    Sentence s;
    s.first_token = sentence_start_token;
    s.end_token = doc.tokens.size();
    s.span = {doc.tokens[s.first_token].span.start, doc.tokens[s.end_token - 1].span.end};
    doc.sentences.push_back(s);
    sentence_start_token = doc.tokens.size();
  };
  auto add_token = [&](std::size_t a, std::size_t b, bool word) {
    Token t;
    t.nstart = a;
    t.nend = b;
    t.span = doc.text.to_original(a, b);
    t.form = n.substr(a, b - a);
    t.is_word = word;
    if (word) t.readings = clitic_readings(t.form);
    t.sentence = doc.sentences.size();
    doc.tokens.push_back(std::move(t));
  };

  // A full stop inside a quotation does not end the sentence when the quotation goes on after it on
  // the same line: «أنفقنا 7 تريليون دولار، هل تعلمون على ماذا حصلنا؟! لا شيء» is one quoted statement.
  bool in_quote = false;
  auto quote_goes_on = [&](std::size_t from) {
    std::size_t k = from;
    while (k < n.size() && is_sentence_end(n[k])) ++k;
    if (k < n.size() && n[k] == U'"') return false;  // closes right after the stop: the usual case
    for (std::size_t j = k; j < n.size() && j < k + 500; ++j) {
      if (n[j] == U'\n' || n[j] == U'\r') return false;
      if (n[j] == U'"') return true;
    }
    return false;
  };
  std::size_t i = 0;
  while (i < n.size()) {
    char32_t c = n[i];
    if (c == U'\n' || c == U'\r' || c == U'\u2029') {
      close_sentence();
      in_quote = false;
      ++i;
      continue;
    }
    if (c == U'"') in_quote = opens_quote(n, i, in_quote);
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (is_word_char(c)) {
      std::size_t j = i;
      while (j < n.size()) {
        if (is_word_char(n[j])) { ++j; continue; }
        // Decimal or time inside a number: "3.5", "14:30", "2,5".
        if ((n[j] == U'.' || n[j] == U':' || n[j] == U',' || n[j] == U'٫') && j > i && is_digit(n[j - 1]) &&
            j + 1 < n.size() && is_digit(n[j + 1])) { j += 2; continue; }
        break;
      }
      add_token(i, j, true);
      i = j;
      continue;
    }
    // Punctuation: runs of the same sentence-ending mark ("...", "؟!") form one token.
    std::size_t j = i + 1;
    if (is_sentence_end(c) && in_quote && quote_goes_on(i)) {
      while (j < n.size() && is_sentence_end(n[j])) ++j;
      add_token(i, j, false);
      i = j;
      continue;
    }
    // The dots of an abbreviation between short letter groups end no sentence: "قناة (سي.إن.إن ترك)".
    if (c == U'.' && i > 0 && is_word_char(n[i - 1]) && j < n.size() && is_word_char(n[j]) && !is_digit(n[j])) {
      std::size_t letters = 0;
      while (letters < i && is_word_char(n[i - 1 - letters])) ++letters;
      if (letters <= 3) {
        add_token(i, j, false);
        i = j;
        continue;
      }
    }
    if (is_sentence_end(c)) {
      while (j < n.size() && is_sentence_end(n[j])) ++j;
      add_token(i, j, false);
      // A closing quote or bracket right after the full stop belongs to the same sentence.
      while (j < n.size() && (n[j] == U'"' || n[j] == U')' || n[j] == U'\'')) {
        if (n[j] == U'"') in_quote = false;
        add_token(j, j + 1, false);
        ++j;
      }
      close_sentence();
      i = j;
      continue;
    }
    add_token(i, j, false);
    i = j;
  }
  close_sentence();
  for (std::size_t s = 0; s < doc.sentences.size(); ++s)
    for (std::size_t t = doc.sentences[s].first_token; t < doc.sentences[s].end_token; ++t) doc.tokens[t].sentence = s;
}

std::vector<CliticReading> clitic_readings(std::u32string_view word) {
  std::vector<CliticReading> out;
  auto add = [&](std::size_t prefix_len, bool article) {
    if (word.size() < prefix_len + 2) return;
    CliticReading r;
    r.prefix = std::u32string(word.substr(0, prefix_len));
    r.stem = std::u32string(word.substr(prefix_len));
    r.has_article = article;
    for (const auto& o : out)
      if (o.stem == r.stem) return;
    out.push_back(std::move(r));
  };
  auto starts_article = [&](std::size_t at) {
    return word.size() > at + 3 && word[at] == U'ا' && word[at + 1] == U'ل';
  };
  add(0, starts_article(0));
  for (std::size_t conj = 0; conj <= 1; ++conj) {
    if (conj == 1 && !(word.size() > 2 && (word[0] == U'و' || word[0] == U'ف'))) break;
    std::size_t at = conj;
    // preposition
    for (std::size_t prep = 0; prep <= 1; ++prep) {
      std::size_t p = at;
      if (prep == 1) {
        if (word.size() <= at + 2) continue;
        char32_t c = word[at];
        if (c != U'ب' && c != U'ل' && c != U'ك' && c != U'س') continue;
        // "لل" + stem: ل + (ا)ل + stem: "للرئيس" → "الرئيس"
        if (c == U'ل' && word.size() > at + 3 && word[at + 1] == U'ل') {
          CliticReading r;
          r.prefix = std::u32string(word.substr(0, at + 1));
          r.stem = U"ا" + std::u32string(word.substr(at + 1));
          r.has_article = true;
          bool dup = false;
          for (const auto& o : out) dup |= (o.stem == r.stem);
          if (!dup) out.push_back(r);
          std::u32string bare(word.substr(at + 2));
          if (bare.size() >= 2) {
            CliticReading b{std::u32string(word.substr(0, at + 2)), bare, false};
            bool dup2 = false;
            for (const auto& o : out) dup2 |= (o.stem == b.stem);
            if (!dup2) out.push_back(b);
          }
          continue;
        }
        p = at + 1;
      }
      if (p > 0) add(p, starts_article(p));
      if (starts_article(p)) add(p + 2, false);
    }
  }
  for (auto& r : out) r.stem_hash = U32Hash{}(r.stem);
  return out;
}

std::u32string strip_conjunction_preposition(std::u32string_view word) {
  auto readings = clitic_readings(word);
  // Prefer the longest prefix that leaves the article in place, else the bare word.
  const CliticReading* best = nullptr;
  for (const auto& r : readings)
    if (r.has_article && (!best || r.prefix.size() > best->prefix.size())) best = &r;
  return best ? best->stem : std::u32string(word);
}

std::u32string strip_article(std::u32string_view word) {
  if (word.size() >= 4 && word[0] == U'ا' && word[1] == U'ل') return std::u32string(word.substr(2));
  return std::u32string(word);
}

}  // namespace isnad
