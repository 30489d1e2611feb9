// Recognition of temporal expressions on the token stream (normalised forms), producing
// Meanings that timex_resolve.cpp anchors on the publication date.
#include "timex.h"

#include <algorithm>
#include <cstdint>
#include <map>

#include "timex_internal.h"

namespace isnad {
namespace timex {
namespace {

// Proclitics that may precede the first word of an expression: "وامس", "بنوفمبر", "والخميس".
const std::u32string kPrefixes[] = {U"", U"و", U"ف", U"ب", U"ل", U"ك", U"وب", U"ول", U"فب", U"فل", U"وك"};

// A second expression inside the span of the first, reported after it with its own span and value: news-gold
// annotates "3 و4 أفريل 2016" as the 3rd (the whole span) and "4 أفريل 2016", and "(1975-1990)" as 1975/1990
// and 1990. Tokens [start, end), `prefix` code points skipped on the first ("14و15": "15" starts after "14و").
struct Also {
  Meaning m;
  std::size_t start = 0, prefix = 0, end = 0;
};
struct Hit {
  std::size_t end = 0;       // token index after the match
  std::size_t prefix = 0;    // code points of proclitics on the first token
  std::size_t consumed = 0;  // when > end: tokens after the span that belong to it (a trailing time range)
  std::vector<Also> also{};  // the second end of a list or range, reported on its own as well (see Also)
};

int to_int(std::u32string_view s) {
  int v = 0;
  for (char32_t c : s) v = v * 10 + static_cast<int>(c - U'0');
  return v;
}

class Recogniser {
 public:
  explicit Recogniser(const Document& doc) : doc_(doc), toks_(doc.tokens), lex_(lexicon()) {
    lam_al_lists_ = lex_.of_kind("period").bit | lex_.of_kind("day").bit | lex_.unit_index.bit;
    bare_lists_.assign(toks_.size(), 0);
    prefixed_lists_.assign(toks_.size(), 0);
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (!toks_[i].is_word) continue;
      std::u32string_view f = toks_[i].form;
      bare_lists_[i] = lex_.lists_starting_with(f);
      for (const auto& p : kPrefixes)
        if (f.size() > p.size() && f.starts_with(p)) prefixed_lists_[i] |= lex_.lists_starting_with(f.substr(p.size()));
      // لـ before the article drops its alif: "للعام الحالي" is ل + "العام الحالي", "وللشهر الجاري" و + ل + "الشهر".
      std::size_t c = f.starts_with(U"و") || f.starts_with(U"ف") ? 1 : 0;
      if (f.size() >= c + 4 && f[c] == U'ل' && f[c + 1] == U'ل') {
        if (lam_al_.empty()) lam_al_.resize(toks_.size());
        lam_al_[i] = U"ال" + std::u32string(f.substr(c + 2));
        lam_al_clitics_ = true;
        prefixed_lists_[i] |= lex_.lists_starting_with(lam_al_[i]) & lam_al_lists_;
      }
    }
    // A Maghreb-only month name anywhere makes the ambiguous ones (ماي) months too.
    auto maghreb_only = [](const MonthName& m) { return m.use == "maghreb" && m.words.size() == 1 && m.words[0] != U"ماي"; };
    for (std::size_t i = 0; i < toks_.size() && !maghreb_; ++i) {
      Hit h;
      maghreb_ = longest(lex_.month_index, i, true, h, maghreb_only) != nullptr;
    }
  }

  std::vector<Meaning> run() {  // not const: tracks the last month named (last_month_)
    std::vector<Meaning> out;
    std::size_t i = 0, last_end = 0;
    while (i < toks_.size()) {
      if (!toks_[i].is_word) { ++i; continue; }
      Meaning m;
      std::optional<Hit> hit = expression(i, m);
      if (!hit) { ++i; continue; }
      if (m.same_month) {
        if (!last_month_) { i = std::max(hit->end, i + 1); continue; }  // no month named before: left out
        m.month = last_month_->month;
        m.year = last_month_->year;
        m.hijri = last_month_->hijri;
        m.shift = last_month_->shift;
        m.year_shift = last_month_->year_shift;
        m.same_month = false;
      }
      if (m.kind == Meaning::Kind::Date && m.day && m.month && !m.year && !m.hijri && m.shift == INT_MIN &&
          m.year_shift == INT_MIN && m.month_shift == INT_MIN && m.range_end.empty()) {
        m.year = event_year(i, m);
        if (!m.year) m.shift = tense_cue(i);  // "تم نقله يوم 17 يوليو": the last 17 July, even a month ahead
      }
      if (m.kind == Meaning::Kind::Date && m.month > 0 && m.range_end.empty()) last_month_ = m;
      m.span = span_of(i, hit->prefix, hit->end);
      // "يومي الأربعاء والخميس": a coordinated weekday shares the direction of the first.
      if (!out.empty() && m.weekday >= 0 && out.back().weekday >= 0 && hit->prefix == 1 && last_end == i)
        m.direction = out.back().direction;
      bool is_year = m.kind == Meaning::Kind::Date && m.year && !m.month && !day_or_weekday(m) && m.range_end.empty();
      out.push_back(std::move(m));
      for (Also& a : hit->also) {
        a.m.span = span_of(a.start, a.prefix, a.end);
        out.push_back(std::move(a.m));
      }
      i = std::max(hit->end, hit->consumed);
      last_end = i;
      year_list_end_ = is_year ? i : SIZE_MAX;
    }
    return out;
  }

 private:
  // The original span of tokens [start, end) less `prefix` normalised code points of the first.
  Span span_of(std::size_t start, std::size_t prefix, std::size_t end) const {
    Span first = toks_[start].span;
    Span s = doc_.text.to_original(toks_[start].nstart + prefix, toks_[end - 1].nend);
    if (s.start < first.start) s.start = first.start;
    // Keep trailing diacritics and tatweel, which the normalised view drops: "تقريباً".
    const std::u32string& orig = doc_.text.original();
    while (s.end < orig.size() && ((orig[s.end] >= 0x064B && orig[s.end] <= 0x065F) || orig[s.end] == 0x0670 ||
                                   orig[s.end] == 0x0640))
      ++s.end;
    return s;
  }
  bool word(std::size_t i) const { return i < toks_.size() && toks_[i].is_word; }
  bool punct(std::size_t i, char32_t c) const {
    return i < toks_.size() && !toks_[i].is_word && toks_[i].form.size() == 1 && toks_[i].form[0] == c;
  }

  // The rest of phrase `w` after its first word matched token i with `prefix` proclitic code points.
  std::optional<Hit> match_rest(const Words& w, std::size_t i, std::size_t prefix) const {
    std::size_t j = i + 1;
    for (std::size_t k = 1; k < w.size(); ++k, ++j)
      if (!word(j) || toks_[j].form != w[k]) return std::nullopt;
    return Hit{j, prefix};
  }

  // The longest phrase of `index` at token i that `keep` accepts (the first in lexicon order among equals); the
  // first token may carry proclitics when prefix_ok: "وامس".
  template <class Item, class Keep = bool (*)(const Item&)>
  const Item* longest(const FirstWordIndex<Item>& index, std::size_t i, bool prefix_ok, Hit& hit,
                      Keep keep = [](const Item&) { return true; }) const {
    if (!word(i) || !((prefix_ok ? prefixed_lists_[i] : bare_lists_[i]) & index.bit)) return nullptr;
    const std::u32string& f = toks_[i].form;
    const Item* best = nullptr;
    for (const auto& p : kPrefixes) {
      if (!prefix_ok && !p.empty()) break;
      if (f.size() <= p.size() || f.compare(0, p.size(), p) != 0) continue;
      for (const Item* item : index.starting_with(std::u32string_view(f).substr(p.size()))) {
        if (!keep(*item)) continue;
        auto h = match_rest(item->words, i, p.size());
        if (h && (!best || h->end > hit.end || (h->end == hit.end && item < best))) { best = item; hit = *h; }
      }
    }
    // "للعام الحالي": the phrase read with the article لـ swallowed; the span keeps لل, like "للعام 1996".
    if (prefix_ok && lam_al_clitics_ && (index.bit & lam_al_lists_) && !lam_al_[i].empty()) {
      std::size_t c = f.size() - lam_al_[i].size();  // the و or ف before لل
      for (const Item* item : index.starting_with(lam_al_[i])) {
        if (!keep(*item)) continue;
        auto h = match_rest(item->words, i, c);
        if (h && (!best || h->end > hit.end || (h->end == hit.end && item < best))) { best = item; hit = *h; }
      }
    }
    return best;
  }
  const RelWord* rel(std::string_view kind, std::size_t i, bool prefix_ok, Hit& hit) const {
    // Most tokens begin no relative phrase of any kind: known before the kind is looked up.
    if (i >= toks_.size() || !((prefix_ok ? prefixed_lists_[i] : bare_lists_[i]) & lex_.any_relative_bits)) return nullptr;
    return longest(lex_.of_kind(kind), i, prefix_ok, hit);
  }
  bool is_rel(std::string_view kind, std::size_t i, bool prefix_ok = false) const {
    Hit h;
    return rel(kind, i, prefix_ok, h) != nullptr;
  }
  // The single word `w` at token i (with proclitics when prefix_ok).
  bool is_word_form(std::size_t i, std::u32string_view w, bool prefix_ok, Hit& hit) const {
    if (!word(i)) return false;
    std::u32string_view f = toks_[i].form;
    if (f.size() < w.size() || !f.ends_with(w)) return false;  // most words: one comparison, no prefix loop
    for (const auto& p : kPrefixes) {
      if (!prefix_ok && !p.empty()) break;
      if (f.size() == p.size() + w.size() && f.starts_with(p) && f.ends_with(w)) {
        hit = Hit{i + 1, p.size()};
        return true;
      }
    }
    return false;
  }

  // A number: digits or a number word. ordinal_only/cardinal_only restrict the words.
  struct Number { int value = 0; Hit hit; bool digits = false; };
  std::optional<Number> number(std::size_t i, bool prefix_ok, int want /*0 any, 1 ordinal, 2 cardinal*/) const {
    if (!word(i)) return std::nullopt;
    if (all_digits(toks_[i].form) && toks_[i].form.size() <= 4) return Number{to_int(toks_[i].form), {i + 1, 0}, true};
    // "الـ15 من الشهر الجاري": a day number with the article (the tatweel is gone once normalised).
    if (std::u32string_view f = toks_[i].form; f.size() > 2 && f.size() <= 4 && f.starts_with(U"ال") && all_digits(f.substr(2)))
      return Number{to_int(f.substr(2)), {i + 1, 0}, true};
    // "و4 أفريل", and the second of two days written as one token: "14و15 مارس" (15, after "14و").
    if (prefix_ok) {
      std::u32string_view f = toks_[i].form;
      std::size_t w = f.find(U'و');
      if (w != std::u32string_view::npos && (w == 0 || all_digits(f.substr(0, w))) && w <= 2 &&
          all_digits(f.substr(w + 1)) && f.size() - w - 1 <= 2)
        return Number{to_int(f.substr(w + 1)), {i + 1, w + 1}, true};
    }
    Hit hit;
    const NumberWord* best = longest(lex_.number_index, i, prefix_ok, hit, [want](const NumberWord& n) {
      return !((want == 1 && !n.ordinal) || (want == 2 && n.ordinal));
    });
    if (!best) return std::nullopt;
    Number n{best->value, hit, false};
    // "خمسة وتسعين", "ثمانية وسبعين": units and tens joined by و.
    if (!best->ordinal && best->value >= 1 && best->value <= 9 && word(hit.end) && toks_[hit.end].form.size() > 1 &&
        toks_[hit.end].form[0] == U'و') {
      std::u32string_view tens = std::u32string_view(toks_[hit.end].form).substr(1);
      for (const NumberWord* t : lex_.number_index.starting_with(tens))
        if (!t->ordinal && t->words.size() == 1 && t->value >= 20 && t->value <= 90 && t->value % 10 == 0) {
          n.value += t->value;
          n.hit.end = hit.end + 1;
          break;
        }
    }
    return n;
  }

  // A year: "2016", "2016م", "1445 هـ", "2016 ميلادية".
  struct Year { int year = 0; bool hijri = false; bool marked = false; std::size_t start = 0, end = 0; };
  std::optional<Year> year(std::size_t i, std::size_t skip = 0) const {
    if (!word(i)) return std::nullopt;
    std::u32string f = toks_[i].form.substr(std::min(skip, toks_[i].form.size()));
    Year y;
    if (!f.empty() && (f.back() == U'م' || f.back() == U'ه') && f.size() == 5) {
      y.marked = true;
      y.hijri = f.back() == U'ه';
      f.pop_back();
    }
    if (!all_digits(f) || f.size() != 4) return std::nullopt;
    y.year = to_int(f);
    y.start = i;
    y.end = i + 1;
    Hit h;
    if (const RelWord* s = rel("yearsuffix", y.end, false, h)) {
      y.marked = true;
      y.hijri = s->arg == "hijri";
      y.end = h.end;
    }
    if (y.hijri ? (y.year < 1300 || y.year > 1500) : (y.year < 1800 || y.year > 2100)) return std::nullopt;
    return y;
  }

  // A month name, doubled forms included: "نوفمبر/ تشرين الثاني", "حزيران (يونيو)".
  struct Month { const MonthName* name = nullptr; Hit hit; bool doubled = false; };
  std::optional<Month> month(std::size_t i, bool prefix_ok) const {
    Month m;
    m.name = longest(lex_.month_index, i, prefix_ok, m.hit);
    if (!m.name) return std::nullopt;
    std::size_t j = m.hit.end;
    bool marked = punct(j, U'/') || punct(j, U'(') || punct(j, U'-');
    if (marked || word(j)) {  // "نوفمبر/ تشرين الثاني", "يونيو حزيران"
      Hit h2;
      const MonthName* other = longest(lex_.month_index, marked ? j + 1 : j, false, h2);
      if (other && other->month == m.name->month && other->hijri == m.name->hijri) {
        m.doubled = true;
        m.hit.end = h2.end;
        if (marked && punct(j, U'(') && punct(m.hit.end, U')')) ++m.hit.end;
      }
    }
    return m;
  }

  // "سيجري", "ستعقد": the future prefix سـ on an imperfect verb (و/ف may precede), unless the word is
  // one of the nouns that begin the same way (sfuture_not: سياسة، ستة، سنوات).
  // Four letters suffice ("ستصل"، "سيقع"), and the first person with its hamza as written ("سأطلب", not "سألت").
  bool future_verb(std::size_t k) const {
    std::u32string_view f = toks_[k].form;
    std::size_t skip = 0;
    if (f.size() > 1 && (f[0] == U'و' || f[0] == U'ف') && f[1] == U'س') { f.remove_prefix(1); skip = 1; }
    if (f.size() >= 5 && f[0] == U'س' && f[1] == U'ا' && f[2] != U'ل' &&
        doc_.text.original()[toks_[k].span.start + skip + 1] == U'\u0623')
      return true;
    if (f.size() < 4 || f[0] != U'س' || (f[1] != U'ي' && f[1] != U'ت' && f[1] != U'ن')) return false;
    for (const RelWord* r : lex_.of_kind("sfuture_not").all())
      if (f.starts_with(r->words[0])) return false;
    return true;
  }
  // A day and month without a year that name an event of the past after a word for it ("ثورة 25 يناير",
  // "أحداث 11 سبتمبر", "الذكرى السادسة لثورة 14 جانفي"): the event's year (eventday: day, month, year), not the
  // publication year. 0 when no event word comes right before it or the day is not in the list.
  // The side of the publication day a yearless date lies on, by a tense cue before it in its clause (six
  // words at most): -1 after a past particle or تم ("وقد وصل يوم 17 يوليو", "تم يوم 17 يوليو"), +1 after a
  // future cue ("المقرر في 25 ديسمبر"), INT_MIN (the nearest, biased to the past) without one or after كان.
  int tense_cue(std::size_t i) const {
    std::size_t first = doc_.sentences.empty() ? 0 : doc_.sentences[toks_[i].sentence].first_token;
    int words = 0;
    for (std::size_t k = i; k > first && words < 6;) {
      --k;
      if (clause_break(k)) break;
      if (!toks_[k].is_word) continue;
      ++words;
      Hit h;
      if (is_rel("past", k, false) || is_word_form(k, U"تم", true, h)) return -1;
      if (is_rel("future", k, true) || future_verb(k)) {
        std::size_t p = k;
        while (p > first && !toks_[p - 1].is_word && !clause_break(p - 1)) --p;
        if (p > first + 1 && toks_[p - 1].form == U"من") --p;  // "كان من المقرر"
        return p > first && is_rel("was", p - 1, false) ? INT_MIN : 1;
      }
    }
    return INT_MIN;
  }
  int event_year(std::size_t i, const Meaning& m) const {
    if (i == 0 || !is_rel("eventword", i - 1, true)) return 0;
    for (const RelWord* r : lex_.of_kind("eventday").all())
      if (r->words.size() == 2 && to_int(r->words[0]) == m.day && to_int(r->words[1]) == m.month) return std::stoi(r->arg);
    return 0;
  }
  // "ويلتقي قطبا الكرة الإسبانية الأحد", "يبدأ الاثنين": an imperfect verb يـ (و/ف may precede) reports what
  // is under way or scheduled, unlike the perfect of a past report ("قال الأحد"). Nouns and names beginning
  // with ي (yimperfect_not: يوم، يونيو، يوسف) are left out.
  bool imperfect_verb(std::size_t k) const {
    std::u32string_view f = toks_[k].form;
    if (f.size() > 1 && (f[0] == U'و' || f[0] == U'ف') && f[1] == U'ي') f.remove_prefix(1);
    if (f.size() < 4 || f[0] != U'ي') return false;
    for (const RelWord* r : lex_.of_kind("yimperfect_not").all())
      if (f.starts_with(r->words[0])) return false;
    return true;
  }
  bool clause_break(std::size_t k) const {
    if (toks_[k].is_word) return false;
    char32_t c = toks_[k].form.empty() ? 0 : toks_[k].form[0];
    return c == U'،' || c == U',' || c == U'.' || c == U'؛' || c == U';' || c == U':' || c == U'"' || c == U'«' ||
           c == U'»' || c == U'(' || c == U')';
  }
  // Whether the first sentence is a headline: it ends its line and a blank line follows.
  bool headline(std::size_t sentence) const {
    if (sentence != 0 || doc_.sentences.empty()) return false;
    const std::u32string& o = doc_.text.original();
    std::size_t k = doc_.sentences[0].span.end;
    int newlines = 0;
    for (; k < o.size() && (o[k] == U'\n' || o[k] == U'\r' || o[k] == U' '); ++k) newlines += o[k] == U'\n';
    return newlines >= 2;
  }

  // Which Friday "الجمعة" (at tokens [i, end)) is: the nearest tense cue in its clause decides. Before it,
  // within six words: a future cue (المقرر، يعتزمون، سيجري) → the next one, unless "كان" comes right
  // before the cue ("كان مقررا الجمعة": scheduled, which may lie either way → the nearest); a past
  // particle (قد) → the last one. Else a future cue within three words after it ("الجمعة المقبل" is a
  // shift; "يوم الجمعة سيعقد"). Else a headline (no tense) → the nearest; else the last one.
  Direction direction_of(std::size_t i, std::size_t end) const {
    std::size_t first = doc_.sentences.empty() ? 0 : doc_.sentences[toks_[i].sentence].first_token;
    std::size_t last = doc_.sentences.empty() ? toks_.size() : doc_.sentences[toks_[i].sentence].end_token;
    int words = 0;
    bool imperfect = false;
    // "إنه سيتخذ قرارا، الخميس، بشأن": a weekday set off by commas belongs to the clause before them.
    auto comma = [&](std::size_t k) { return punct(k, U'،') || punct(k, U','); };
    std::size_t from = i > first && comma(i - 1) && end < last && comma(end) ? i - 1 : i;
    for (std::size_t k = from; k > first && words < 6;) {
      --k;
      if (clause_break(k)) break;
      if (!toks_[k].is_word) continue;
      ++words;
      if (is_rel("past", k, false)) return Direction::Past;
      // Not in a relative clause: "المرصد الذي يتخذ من بريطانيا مقرا" describes, it does not report.
      if (imperfect_verb(k) && !(k > first && word(k - 1) &&
                                 (toks_[k - 1].form == U"الذي" || toks_[k - 1].form == U"التي" || toks_[k - 1].form == U"الذين")))
        imperfect = true;
      if (is_rel("future", k, true) || future_verb(k)) {
        std::size_t p = k;
        while (p > first && !toks_[p - 1].is_word && !clause_break(p - 1)) --p;
        if (p > first + 1 && toks_[p - 1].form == U"من") --p;  // "كان من المقرر"
        if (p > first && is_rel("was", p - 1, false)) return Direction::Nearest;
        return Direction::Future;
      }
    }
    // "تستمر شعائره من الأحد حتى يوم 24 أغسطس": the first day of a range ending on a dated day is the one nearest
    // the publication date either way.
    Hit c;
    if (rel("daterange", end, false, c)) {
      Meaning to;
      if (date(c.end, to) && to.day && to.month) return Direction::Nearest;
    }
    words = 0;
    for (std::size_t k = end; k < last && words < 3; ++k) {
      if (clause_break(k)) break;
      if (!toks_[k].is_word) continue;
      ++words;
      // "أكد الخميس أنه سيكون سفيرا": a future verb after أن/إن is in the reported content, not the act's tense.
      if (is_rel("complementizer", k, true)) break;
      if (is_rel("past", k, false)) return Direction::Past;
      if (future_verb(k)) return Direction::Future;
    }
    if (imperfect) return Direction::Nearest;
    return headline(toks_[i].sentence) ? Direction::Nearest : Direction::Past;
  }

  // A calendar day or month: "يوم غد الجمعة", "امس الأربعاء", "الثلاثاء", "الجمعة الماضية",
  // "الرابع من نوفمبر/ تشرين الثاني", "4 نوفمبر 2016", "يوم 9 جوان القادم", "شهر أبريل", "5 رمضان 1445 هـ".
  std::optional<Hit> date(std::size_t i, Meaning& m) const {
    std::size_t j = i;
    Hit hit{i, 0}, h;
    bool any = false, shahr = false;
    auto first = [&](std::size_t at) { return at == i; };
    auto take = [&](const Hit& x, std::size_t at) {
      if (at == i) hit.prefix = x.prefix;
      j = x.end;
    };
    if (is_word_form(j, U"يوم", true, h) || is_word_form(j, U"يومي", true, h)) { take(h, j); }
    else if (is_word_form(j, U"شهر", true, h)) { take(h, j); shahr = true; }
    if (!shahr) {
      if (const RelWord* n = rel("night", j, first(j), h)) {  // "الليلة الماضية"
        m.day_offset = std::stoi(n->arg);
        m.daypart = "NI";
        take(h, j);
        any = true;
      } else if (const RelWord* t = rel("thisdaypart", j, first(j), h)) {  // "هذا الصباح"
        m.day_offset = 0;
        m.daypart = t->arg;
        take(h, j);
        any = true;
      } else if (const RelWord* d = rel("day", j, first(j), h)) {
        // "قناة روسيا اليوم", "صحيفة الغد", "حزب الغد": a name, not today or tomorrow.
        if ((d->arg == "0" || (d->arg == "1" && toks_[j].form.ends_with(U"الغد"))) && j > 0) {
          std::size_t p = j - 1;
          while (p > 0 && !toks_[p].is_word) --p;
          if (is_rel("blocker", p, true)) return std::nullopt;
          // 'قناة "اليمن اليوم"': a one-word name and اليوم inside quotation marks.
          auto quote = [&](std::size_t q) { return q < toks_.size() && (punct(q, U'"') || punct(q, U'«') || punct(q, U'»')); };
          if (quote(h.end) && p > 0 && toks_[p].is_word && quote(p - 1)) return std::nullopt;
          // "في مثل هذا اليوم": this day in another year.
          if (p > 0 && toks_[p].form == U"هذا" && word(p - 1) && toks_[p - 1].form == U"مثل") return std::nullopt;
        }
        // "اليوم التالي", "اليوم الأول", "اليوم الوطني": the day of something else, not today; "غد أفضل":
        // a figure of speech.
        if (is_rel("dayafter", h.end) || (d->arg == "0" && word(h.end) && number(h.end, false, 1))) return std::nullopt;
        // "الاستعداد لليوم الأول", "تأجيله لليوم", "لليوم الدراسي": with لـ the word is "the day" of something;
        // it is today when it names the weekday ("بوليتكا لليوم الخميس").
        if (first(j) && lam_al_clitics_ && !lam_al_[j].empty() && d->words[0] == lam_al_[j] && !word_is_weekday(h.end))
          return std::nullopt;
        // "تونس تعتبر اليوم نموذجا", "هو اليوم أقوى", "أصبحت تركيا اليوم", "النظام القائم اليوم": after a verb of
        // being or a copula (two words back at most) a bare اليوم is "nowadays", PRESENT_REF as news-gold has it.
        if (d->arg == "0" && first(j) && h.prefix == 0 && !word_is_weekday(h.end)) {
          for (std::size_t b = j, n = 0; b > 0 && n < 2 && toks_[b - 1].is_word; --b, ++n)
            if (is_rel("stative", b - 1, true)) {
              m = Meaning{};
              m.kind = Meaning::Kind::Vague;
              m.fixed = "PRESENT_REF";
              return Hit{h.end, 0};
            }
        }
        m.day_offset = std::stoi(d->arg);
        take(h, j);
        any = true;
      }
      if (const WeekdayName* w = longest(lex_.weekday_index, j, first(j), h)) {
        m.weekday = w->weekday;
        take(h, j);
        any = true;
        if (const RelWord* s = rel("shift", j, false, h)) { m.shift = std::stoi(s->arg); take(h, j); }
      }
    }
    // Explicit day and month.
    std::size_t k = j;
    std::optional<Number> day = shahr ? std::nullopt : number(k, first(k), 1);
    if (day && day->value >= 1 && day->value <= 31) {
      std::size_t after = day->hit.end;
      bool article = toks_[k].form.starts_with(U"ال");
      if ((!day->digits || article) && is_word_form(after, U"من", false, h)) after = h.end;
      Hit pm, sm;
      const RelWord* ms = nullptr;
      Hit same;
      if (article && is_word_form(day->hit.end, U"منه", false, same)) {
        // "وتكرر الأمر في الـ12 منه": the day of the month the text named last (filled in by run()).
        m.day = day->value;
        m.same_month = true;
        if (first(k)) hit.prefix = day->hit.prefix;
        j = same.end;
        any = true;
      } else if (Hit of2; is_word_form(day->hit.end, U"من", false, of2) && is_word_form(of2.end, U"الشهر", false, pm) &&
                 (is_word_form(pm.end, U"ذاته", false, same) || is_word_form(pm.end, U"نفسه", false, same))) {
        m.day = day->value;  // "في 19 من الشهر ذاته"
        m.same_month = true;
        if (first(k)) hit.prefix = day->hit.prefix;
        j = same.end;
        any = true;
      } else if (after > day->hit.end && is_word_form(after, U"الشهر", false, pm) && (ms = rel("shift", pm.end, false, sm))) {
        // "الخامس عشر من الشهر الجاري", "الـ20 من الشهر الماضي": a day of the month relative to the publication.
        m.day = day->value;
        m.month_shift = std::stoi(ms->arg);
        if (first(k)) hit.prefix = day->hit.prefix;
        j = sm.end;
        any = true;
      } else if (auto mo = month(after, false)) {
        m.day = day->value;
        m.month = mo->name->month;
        m.hijri = mo->name->hijri;
        if (first(k)) hit.prefix = day->hit.prefix;
        j = mo->hit.end;
        any = true;
      }
    }
    if (!m.month && !day_or_weekday(m)) {
      if (auto mo = month(j, first(j))) {
        auto y = year(mo->hit.end);
        bool free = mo->name->use == "free" || (mo->name->use == "maghreb" && maghreb_);
        // "منذ تكوينها في مارس الماضي": a shift word makes an ambiguous name a month too.
        bool shifted = is_rel("shift", mo->hit.end);
        // "في مارس"، "خلال رمضان"، "نهاية مارس": after a preposition or a part word an ambiguous name (a verb, a
        // given name) is the month; صفر (zero) and محرم (forbidden) stay ambiguous.
        if (!shifted && mo->name->use != "free" && j == i && mo->hit.prefix == 0 && i > 0 && word(i - 1) &&
            mo->name->month != (mo->name->hijri ? 2 : 0) && !(mo->name->hijri && mo->name->month == 1))
          shifted = is_rel("monthcue", i - 1, true) || is_rel("part", i - 1, true) || part_of_before(i);
        if (y || shahr || mo->doubled || free || shifted) {
          m.month = mo->name->month;
          m.hijri = mo->name->hijri;
          if (first(j)) hit.prefix = mo->hit.prefix;
          j = mo->hit.end;
          any = true;
        }
      }
    }
    if (m.month) {
      if (auto y = year(j); y && (!y->hijri || m.hijri || y->marked)) {
        m.year = y->year;
        if (y->hijri) m.hijri = true;
        // "رمضان 2018": a Hijri month with a Gregorian year is that month of the Hijri year that falls in it.
        if (m.hijri && !y->hijri && y->year >= 1800) {
          m.year = 0;
          int approx = (y->year - 622) * 33 / 32;
          for (int h = approx - 1; h <= approx + 2 && !m.year; ++h)
            if (auto g = hijri_to_gregorian(h, m.month, std::max(m.day, 1)); g && g->year == y->year) m.year = h;
          if (!m.year) return std::nullopt;
        }
        j = y->end;
      } else if (m.hijri && word(j) && all_digits(toks_[j].form) && toks_[j].form.size() == 4 &&
                 to_int(toks_[j].form) >= 1300 && to_int(toks_[j].form) <= 1500) {
        m.year = to_int(toks_[j].form);  // "10 شوال 1439": a Hijri month's year needs no هـ
        ++j;
      } else if (const RelWord* s = rel("shift", j, false, h)) {
        m.shift = std::stoi(s->arg);
        j = h.end;
      } else if (auto later = coordinated_month(j); later && later->year) {
        // "بين كانون الثاني/ يناير ونيسان/ أبريل 2018": the first month of a pair shares the second's year (and
        // calendar), which stays an expression of its own.
        if (later->hijri == m.hijri) m.year = later->year;
      } else {
        // "31 مارس من العام الماضي", "5 مايو من العام 2015", "يناير من هذا العام", "يونيو/حزيران من عام 2017",
        // "أبريل/نيسان العام الماضي" (the year word without من); "العاشر من الشهر الجاري" is not handled here.
        Hit w, s2, t;
        std::size_t k = j;
        if (rel("yearof", k, false, h)) k = h.end;
        bool this_year = rel("this", k, false, t) != nullptr;
        if (this_year) k = t.end;
        if (is_word_form(k, U"العام", false, w) || is_word_form(k, U"عام", false, w) ||
            is_word_form(k, U"السنه", false, w) || is_word_form(k, U"سنه", false, w)) {  // "شهر أفريل سنة 2014"
          if (this_year) {
            if (toks_[k].form != U"عام") {
              m.shift = 0;
              m.year_shift = 0;
              j = w.end;
            }
          } else if (auto y = year(w.end)) {
            m.year = y->year;
            j = y->end;
          } else if (const RelWord* s = rel("shift", w.end, false, s2)) {
            m.shift = 0;
            m.year_shift = std::stoi(s->arg);
            j = s2.end;
          }
        }
      }
    }
    if (!any) return std::nullopt;
    if (m.weekday >= 0 && !m.day_offset && m.shift == INT_MIN && !m.month) m.direction = direction_of(i, j);
    hit.end = j;
    return hit;
  }
  // A part of the day on a meaning. Noon (ظهر، ظهرا) is a time, 12:00, as news-gold writes it: "ظهر الجمعة"
  // → …T12:00; "بعد ظهر" is the afternoon, TAF.
  static void set_daypart(Meaning& m, const std::string& part) {
    if (part == "MI") {
      m.hour1 = 12;
      m.minute1 = 0;
    } else {
      m.daypart = part;
    }
  }
  // "الأسبوع الأول من مارس": a part phrase and من end right before token i.
  bool part_of_before(std::size_t i) const {
    if (i < 2 || !word(i - 1) || toks_[i - 1].form != U"من") return false;
    Hit h;
    for (std::size_t b = i - 1; b > 0 && b + 3 > i; --b)
      if (rel("part", b - 1, true, h) && h.end == i - 1) return true;
    return false;
  }
  // The month joined by و at token j with its year, if any: "ونيسان/ أبريل 2018", "و 15 يوليو 2018".
  std::optional<Meaning> coordinated_month(std::size_t j) const {
    if (!word(j)) return std::nullopt;
    std::size_t k = j;
    if (toks_[k].form == U"و") ++k;
    else if (!(toks_[k].form.size() > 1 && toks_[k].form[0] == U'و')) return std::nullopt;
    Meaning later;
    auto lh = date(k, later);
    if (!lh || !later.month || later.day_offset || later.weekday >= 0) return std::nullopt;
    if (k == j && lh->prefix != 1) return std::nullopt;
    if (k != j && lh->prefix != 0) return std::nullopt;
    return later;
  }
  static bool day_or_weekday(const Meaning& m) { return m.day_offset.has_value() || m.weekday >= 0; }

  // A clock time: "الساعة 14:30", "التاسعة صباحا", "الساعة السابعة مساء". Needs الساعة or a part of day
  // unless `loose` (the second end of a range).
  struct Clock { int hour = -1, minute = 0; std::string daypart; Hit hit; };
  std::optional<Clock> clock(std::size_t i, bool loose) const {
    Clock c;
    std::size_t j = i;
    Hit h;
    bool marked = false;
    if (rel("hour", j, true, h)) { c.hit.prefix = h.prefix; j = h.end; marked = true; }
    if (!word(j)) return std::nullopt;
    const std::u32string& f = toks_[j].form;
    auto colon = f.find_first_of(U":,.");
    if (colon != std::u32string::npos && all_digits(f.substr(0, colon)) && all_digits(f.substr(colon + 1)) &&
        f.size() - colon - 1 == 2) {
      c.hour = to_int(f.substr(0, colon));
      c.minute = to_int(f.substr(colon + 1));
      j += 1;
    } else if (auto n = number(j, j == i, 0); n && n->value >= 1 && n->value <= 24 && (n->digits ? marked : true)) {
      if (!n->digits && n->hit.end - j == 1 && !std::u32string_view(toks_[j].form).ends_with(U"ه") &&
          !std::u32string_view(toks_[j].form).ends_with(U"ي"))
        return std::nullopt;  // hours are feminine ordinals: التاسعة, الحادية عشرة
      if (j == i) c.hit.prefix = n->hit.prefix;
      c.hour = n->value;
      j = n->hit.end;
    } else {
      return std::nullopt;
    }
    if (c.hour > 24 || c.minute > 59) return std::nullopt;
    // "الثامنة والنصف صباحا" (8:30), "العاشرة والربع" (10:15), "السابعة إلا ربعا" (6:45): a fraction of the hour.
    if (const RelWord* fr = c.minute == 0 ? rel("hourfraction", j, false, h) : nullptr) {
      int minutes = std::stoi(fr->arg);
      if (minutes < 0) { c.hour = c.hour == 1 ? 12 : c.hour - 1; minutes += 60; }
      c.minute = minutes;
      j = h.end;
    }
    if (const RelWord* d = rel("daypart_adv", j, false, h); d || (d = rel("daypart", j, false, h))) {
      c.daypart = d->arg;
      j = h.end;
      if ((c.daypart == "EV" || c.daypart == "AF" || (c.daypart == "NI" && c.hour >= 6)) && c.hour < 12) c.hour += 12;
      if (c.daypart == "MI" && c.hour < 6) c.hour += 12;
      if (c.daypart == "MO" && c.hour == 12) c.hour = 0;
      marked = true;
    }
    // "الساعة الواحدة بتوقيت غرينتش", "09:30 ت غ", "التاسعة تغ": a time zone marks a clock time too.
    if (rel("timezone", j, false, h)) {
      j = h.end;
      marked = true;
    }
    if (!marked && !loose) return std::nullopt;
    c.hit.end = j;
    return c;
  }

  // "[من] الساعة التاسعة صباحا حتى الساعة السابعة مساء": a single time or a range.
  std::optional<Hit> clock_range(std::size_t i, Meaning& m) const {
    auto c1 = clock(i, false);
    if (!c1) return std::nullopt;
    m.hour1 = c1->hour;
    m.minute1 = c1->minute;
    Hit hit = c1->hit;
    Hit h;
    if (rel("range", hit.end, false, h)) {
      if (auto c2 = clock(h.end, true)) {
        m.hour2 = c2->hour;
        m.minute2 = c2->minute;
        hit.end = c2->hit.end;
      }
    } else if (word(hit.end) && toks_[hit.end].form.starts_with(U"و")) {
      // "بين الساعة 7,00 والساعة 12,00": the connector attached to the second hour word.
      Hit hw;
      if (rel("hour", hit.end, true, hw) && hw.prefix == 1)
        if (auto c2 = clock(hit.end, true)) {
          m.hour2 = c2->hour;
          m.minute2 = c2->minute;
          hit.end = c2->hit.end;
        }
    }
    return hit;
  }

  std::optional<Hit> expression(std::size_t i, Meaning& m) const {
    Hit h;
    const RelWord* v = rel("vague", i, true, h);
    // "آلان" (Alan) normalises like "الآن": a vague word must keep its written first letter apart from
    // the hamza forms of alef.
    if (v && doc_.text.original()[toks_[i].span.start + h.prefix] == U'\u0622' && !v->written.starts_with("آ"))
      v = nullptr;
    // Nor does the article ال begin with a hamza: "ألان" (Alain) is a name, not "الآن".
    if (v && v->written.starts_with("ال")) {
      char32_t c = doc_.text.original()[toks_[i].span.start + h.prefix];
      if (c == U'\u0623' || c == U'\u0625') v = nullptr;
    }
    // "في وقت سابق من هذا الأسبوع", "في وقت لاحق اليوم": the expression after the vague one says when.
    if (v && !v->words.empty() && v->words[0] == U"وقت") {
      std::size_t k = h.end;
      Hit of;
      if (is_word_form(k, U"من", false, of)) k = of.end;
      Meaning after;
      if (date(k, after) || period(k, after, false)) v = nullptr;
    }
    if (v) {
      m.kind = Meaning::Kind::Vague;
      m.fixed = v->arg;
      return h;
    }
    if (auto s = recurrence(i, m)) return s;
    // Times first, then the day they belong to: "التاسعة صباحا إلى السابعة مساء يوم الرابع من نوفمبر".
    if (auto t = clock_range(i, m)) {
      Meaning d;
      // "السابعة من مساء غد": the part of the day after the hour, then its day.
      Hit of, dp;
      if (is_word_form(t->end, U"من", false, of)) {
        const RelWord* part = rel("daypart", of.end, false, dp);
        if (!part) part = rel("daypart_adv", of.end, false, dp);
        if (part && m.hour2 < 0) {
          if (auto dh = date(dp.end, d)) {
            int hour = m.hour1;
            if ((part->arg == "EV" || part->arg == "AF" || part->arg == "NI") && hour < 12) hour += 12;
            d.hour1 = hour; d.minute1 = m.minute1;
            m = d;
            t->end = dh->end;
            return t;
          }
        }
      }
      if (auto dh = date(t->end, d)) {
        d.hour1 = m.hour1; d.minute1 = m.minute1; d.hour2 = m.hour2; d.minute2 = m.minute2;
        m = d;
        t->end = dh->end;
      }
      return t;
    }
    // A part of the day before its day: "مساء الأربعاء", "بعد ظهر الجمعة"; or alone: "صباحا".
    const RelWord* part = rel("daypart", i, true, h);
    if (!part) part = rel("daypart_adv", i, true, h);
    if (part) {
      Meaning d;
      if (auto dh = date(h.end, d)) {
        set_daypart(d, part->arg);
        m = d;
        Hit hit{dh->end, h.prefix}, nw;
        // "ليل الجمعة السبت", "ليلة الأحد إلى الاثنين": the night from one weekday to the next is the first one's
        // night, both in its span.
        if (part->arg == "NI" && part->words.size() == 1 && d.weekday >= 0 && !d.month && !d.day_offset) {
          std::size_t k = dh->end;
          Hit to;
          if (rel("daterange", k, false, to)) k = to.end;
          if (const WeekdayName* w = longest(lex_.weekday_index, k, false, nw); w && w->weekday == (d.weekday + 1) % 7)
            hit.end = nw.end;
        }
        return hit;
      }
      if (part->kind == "daypart_adv") {
        set_daypart(m, part->arg);
        return h;
      }
    }
    // A part of a period narrows it (TIMEX3 mod): "مطلع الشهر الجاري", "نهاية حزيران/يونيو",
    // "أواخر القرن التاسع عشر", "نهاية الستينيات", "أوائل شهر مارس الماضي", "مطلع 2016".
    if (auto w = weekend(i, m)) return w;
    if (const RelWord* p = rel("part", i, true, h)) {
      std::size_t k = h.end;
      Hit of;
      if (is_word_form(k, U"من", false, of)) k = of.end;
      Meaning inner;
      std::optional<Hit> ih = period(k, inner, true);
      if (!ih) ih = century_or_decade(k, inner);
      if (!ih && !is_rel("day", k) && !is_rel("night", k) && !word_is_weekday(k)) ih = date(k, inner);
      if (!ih) ih = year_expression(k, inner, true);
      if (ih && (inner.month || inner.year || inner.kind != Meaning::Kind::Date)) {
        m = inner;
        m.mod = p->arg;
        return Hit{ih->end, h.prefix};
      }
    }
    if (auto c = century_or_decade(i, m)) return c;
    if (auto f = feast(i, m)) return f;
    if (auto c = coordinated_days(i, m)) return c;
    if (auto d = date(i, m)) {
      std::size_t k = d->end;
      // A range of days: "من أول يناير حتى 30 يونيو", "من 5 إلى 10 نوفمبر".
      if (auto r = date_range_end(k, m)) return Hit{r->end, d->prefix};
      // The time of the day after it. A range of hours is only attached ("يوم 4 نوفمبر من الساعة التاسعة
      // صباحا حتى ..."); a single time belongs to the expression ("الخميس الساعة العاشرة صباحا").
      Hit mn;
      if (is_word_form(k, U"من", false, mn) || is_word_form(k, U"في", false, mn) || is_word_form(k, U"عند", false, mn) ||
          is_word_form(k, U"بين", false, mn))
        k = mn.end;
      Meaning t;
      if (auto th = clock_range(k, t)) {
        if (t.hour2 >= 0) {
          m.hour1 = t.hour1; m.minute1 = t.minute1; m.hour2 = t.hour2; m.minute2 = t.minute2;
          d->consumed = th->end;
        } else if (m.hour1 < 0 && m.daypart.empty()) {
          m.hour1 = t.hour1; m.minute1 = t.minute1;
          d->end = th->end;
        }
      } else if (const RelWord* dp = rel("daypart_adv", d->end, false, mn); dp && m.hour1 < 0 && m.daypart.empty() &&
                 (m.day_offset || m.weekday >= 0 || m.day)) {
        set_daypart(m, dp->arg);  // "الخميس صباحا"
        d->end = mn.end;
      }
      return d;
    }
    // "من 5 إلى 10 نوفمبر": a bare day before a range connector takes the month of the second end.
    if (auto n = number(i, true, 0); n && n->value >= 1 && n->value <= 31 && (n->digits || n->hit.end > i)) {
      Hit c;
      if (rel("daterange", n->hit.end, false, c)) {
        Meaning end;
        if (auto eh = date(c.end, end); eh && end.day && end.month) {
          m = Meaning{};
          m.day = n->value;
          m.month = end.month;
          m.year = end.year;
          m.hijri = end.hijri;
          m.shift = end.shift;
          m.range_end.push_back(end);
          return Hit{eh->end, n->hit.prefix};
        }
      }
    }
    m = Meaning{};
    if (auto y = year_expression(i, m, false)) return y;
    if (auto p = period(i, m, false)) return p;
    if (auto s = season(i, m)) return s;
    return duration(i, m);
  }

  // Two days of one month: "3 و4 أفريل 2016", "4 و 5 جوان الجاري", "14و15 مارس 2017", "الرابع والخامس من
  // نوفمبر". The first is a day of the second's month, its span covering both as news-gold writes it; the second
  // is reported on its own (Also). Not a range: "14 و16 أيار/مايو" are two days.
  std::optional<Hit> coordinated_days(std::size_t i, Meaning& m) const {
    if (!word(i)) return std::nullopt;
    std::u32string_view f = toks_[i].form;
    std::size_t w = f.find(U'و');
    int first_day = 0;
    std::size_t k = i, prefix = 0;
    bool one_token = w != std::u32string_view::npos && w > 0 && w <= 2 && all_digits(f.substr(0, w)) &&
                     all_digits(f.substr(w + 1)) && f.size() - w - 1 <= 2;
    if (one_token) {
      first_day = to_int(f.substr(0, w));
    } else {
      auto n = number(i, true, 1);
      if (!n || n->hit.end == i) return std::nullopt;
      if (n->digits && n->hit.prefix) return std::nullopt;  // "و4" is the second of a pair, not a first
      first_day = n->value;
      prefix = n->hit.prefix;
      k = n->hit.end;
      if (word(k) && toks_[k].form == U"و") ++k;
      else if (!(word(k) && toks_[k].form.size() > 1 && toks_[k].form[0] == U'و')) return std::nullopt;
    }
    if (first_day < 1 || first_day > 31) return std::nullopt;
    Meaning second;
    auto sh = date(k, second);
    if (!sh || !second.day || !second.month || second.day_offset || second.weekday >= 0 || second.day <= first_day)
      return std::nullopt;
    if (one_token && sh->prefix != w + 1) return std::nullopt;
    m = second;
    m.day = first_day;
    Hit hit{sh->end, prefix};
    hit.also.push_back({second, k, sh->prefix, sh->end});
    return hit;
  }

  // Religious feasts on their Hijri day, in the Hijri year nearest the publication date unless a shift says
  // which: "عيد الفطر" (1 Shawwal), "عيد الأضحى" (10 Dhu al-Hijjah), "عيد الأضحى المقبل".
  std::optional<Hit> feast(std::size_t i, Meaning& m) const {
    Hit h, s;
    const RelWord* f = rel("feast", i, true, h);
    if (!f) return std::nullopt;
    m = Meaning{};
    m.hijri = true;
    m.month = std::stoi(f->arg.substr(0, f->arg.find('-')));
    m.day = std::stoi(f->arg.substr(f->arg.find('-') + 1));
    if (const RelWord* sh = rel("shift", h.end, false, s)) {
      m.shift = std::stoi(sh->arg);
      h.end = s.end;
    }
    return h;
  }

  bool word_is_weekday(std::size_t k) const {
    Hit h;
    return longest(lex_.weekday_index, k, true, h) != nullptr;
  }

  // The second end of a date range after the first (at token k): "حتى 30 يونيو", "إلى الأحد".
  // The ends share what the second leaves out: "من أول يناير حتى 30 يونيو" (2018-01-01/2018-06-30).
  std::optional<Hit> date_range_end(std::size_t k, Meaning& m) const {
    Hit c;
    if (!rel("daterange", k, false, c)) return std::nullopt;
    Meaning end;
    auto eh = date(c.end, end);
    if (!eh || end.kind != Meaning::Kind::Date) return std::nullopt;
    bool days = m.day && end.day && m.month && end.month;
    bool weekdays = m.weekday >= 0 && end.weekday >= 0;
    bool months = !m.day && !end.day && m.month && end.month;
    if (!days && !weekdays && !months) return std::nullopt;
    if (!end.year && m.year && end.year_shift == INT_MIN) end.year = m.year;
    if (!m.year && end.year && m.year_shift == INT_MIN) m.year = end.year;
    if (weekdays) end.direction = m.direction;
    m.range_end.push_back(end);
    return Hit{eh->end, 0};
  }

  // Years: "عام 2016", "العام 2016م" (with the word), "في 2013" (after a trigger), "1445 هـ", a list
  // ("1910 و1912"), a range ("(1954-1989)", "من 1954 إلى 1989" → 1954/1989). With `after_part` the
  // number alone is a year ("مطلع 2016").
  std::optional<Hit> year_expression(std::size_t i, Meaning& m, bool after_part) const {
    Hit h;
    std::optional<Year> y;
    std::size_t prefix = 0;
    if (is_word_form(i, U"عام", true, h) || is_word_form(i, U"العام", true, h) || is_word_form(i, U"سنه", true, h) ||
        is_word_form(i, U"السنه", true, h) || is_word_form(i, U"عامي", true, h) ||
        is_word_form(i, U"للعام", true, h) || is_word_form(i, U"للسنه", true, h)) {  // "يعود تاريخه للعام 1999"
      y = year(h.end);
      prefix = h.prefix;
    }
    if (!y) {
      prefix = 0;
      std::size_t digits = 0;
      if (word(i) && toks_[i].form.size() == 5 && (toks_[i].form[0] == U'و' || toks_[i].form[0] == U'ف')) digits = 1;
      y = year(i, digits);
      if (!y) return std::nullopt;
      prefix = digits;
      std::size_t p = i;
      while (p > 0 && !toks_[p - 1].is_word && !clause_break(p - 1)) --p;
      Hit th;
      bool after_trigger = !digits && ((p > 0 && is_rel("year", p - 1, true)) ||  // "في 2013"
                                       (p > 1 && rel("year", p - 2, true, th) && th.end == p));  // "اعتبارا من 2025"
      // A list continues the year before it: "1910 و1912", "1910 و 1912", "2002، 2003".
      bool listed = year_list_end_ != SIZE_MAX &&
                    (i == year_list_end_ || (i == year_list_end_ + 1 && (!toks_[i - 1].is_word || toks_[i - 1].form == U"و")));
      bool ranged = year_range(y->end).has_value();
      // "شمشون ودليلة (1949)": a year alone in parentheses, as film and book dates are written.
      bool bracketed = i > 0 && punct(i - 1, U'(') && punct(y->end, U')');
      if (!(y->marked || after_trigger || listed || ranged || bracketed || after_part || bare_year(i, *y, digits)))
        return std::nullopt;
    }
    m.year = y->year;
    m.hijri = y->hijri;
    std::size_t end = y->end;
    if (auto r = year_range(end); r && r->year > m.year && r->hijri == m.hijri) {
      Meaning second;
      second.year = r->year;
      second.hijri = r->hijri;
      m.range_end.push_back(second);
      end = r->end;
      // The second year is also a date of its own: "الحرب الأهلية (1975-1990)" → 1975/1990 and 1990.
      Hit hit{end, prefix};
      hit.also.push_back({second, r->start, 0, r->end});
      return hit;
    }
    return Hit{end, prefix};
  }
  // A year with no word to announce it: "حرب 1948."، "حدود 1967 وعاصمتها"، "معاهدة ميونخ 1938، التي"، "من 1996
  // وحتى الآن". A number of this size is also a count ("1500 شخص"), an amount, or the number of a law or a
  // resolution ("القرار 1973"): it is a year only when it ends a phrase (punctuation, the end, a preposition or
  // relative word of yearfollow, a word joined by و) and no counting or numbering word (yearblocker: رقم،
  // القرار، قانون، نحو، أكثر من...) stands before it. Round hundreds (1900, 2000) are left out: counts more often.
  bool bare_year(std::size_t i, const Year& y, std::size_t digits) const {
    if (digits || y.hijri || y.year < 1900 || y.year > 2050 || y.year % 100 == 0) return false;
    std::size_t k = y.end;
    bool ends = k >= toks_.size() ||
                (!toks_[k].is_word && !punct(k, U'%') && !punct(k, U'\u066A') && !punct(k, U'-') && !punct(k, U'/')) ||
                is_rel("yearfollow", k) || (toks_[k].form.size() > 2 && toks_[k].form[0] == U'و' &&
                                            !all_digits(std::u32string_view(toks_[k].form).substr(1)));
    if (!ends) return false;
    std::size_t p = i;
    while (p > 0 && !toks_[p - 1].is_word && !clause_break(p - 1)) --p;
    if (p == 0 || !toks_[p - 1].is_word) return true;
    if (all_digits(toks_[p - 1].form)) return false;
    // '"سيناء 2018"', "(سيناء 2018)": a word and a year inside quotation marks or brackets name something (an
    // operation, a plan), as "عملية" or "خطة" would.
    auto opens = [&](std::size_t q) { return punct(q, U'"') || punct(q, U'«') || punct(q, U'('); };
    auto closes = [&](std::size_t q) { return punct(q, U'"') || punct(q, U'»') || punct(q, U')'); };
    if (p >= 2 && p - 1 == i - 1 && opens(p - 2) && closes(k)) return false;
    // Within three words: "بلغ عدد الضحايا 1850،".
    for (std::size_t b = p, n = 0; b > 0 && n < 3 && toks_[b - 1].is_word; --b, ++n)
      if (is_rel("yearblocker", b - 1, true)) return false;
    Hit q;
    if (p > 1 && rel("quantmod", p - 2, true, q) && q.end == p) return false;  // "أكثر من 1500"
    return true;
  }

  // The second year of a range at token k: "-1989", "إلى 1989".
  std::optional<Year> year_range(std::size_t k) const {
    Hit c;
    if (punct(k, U'-') || punct(k, U'\u2013') || punct(k, U'/')) return year(k + 1);
    if (rel("daterange", k, false, c)) {
      Hit w;
      std::size_t j = c.end;
      if (is_word_form(j, U"عام", false, w) || is_word_form(j, U"العام", false, w)) j = w.end;
      return year(j);
    }
    return std::nullopt;  // "عامي 2002 و2003" is a list of two years, not a range
  }

  // Weeks, months, years relative to the publication date: "الأسبوع الماضي", "الشهر الجاري", "هذا العام".
  // After a part word (`bare_ok`) the period alone is the current one: "نهاية العام".
  std::optional<Hit> period(std::size_t i, Meaning& m, bool bare_ok) const {
    std::size_t j = i;
    Hit h, ph{i, 0};
    bool has_this = false;
    if (rel("this", j, true, h)) { ph.prefix = h.prefix; j = h.end; has_this = true; }
    const RelWord* p = rel("period", j, j == i, h);
    if (!p) return std::nullopt;
    if (j == i) ph.prefix = h.prefix;
    // "الأمين العام السابق", "المدعي العام الحالي": العام after a title is "general", not the year.
    if (j == i && h.prefix == 0 && p->arg == "Y" && i > 0 && toks_[i].form == U"العام" && is_rel("generalnoun", i - 1, true))
      return std::nullopt;
    j = h.end;
    Hit sh;
    const RelWord* s = rel("shift", j, false, sh);
    if (!s && !has_this && !bare_ok) return std::nullopt;
    m.kind = Meaning::Kind::Period;
    m.period = p->arg;
    m.shift = s ? std::stoi(s->arg) : 0;
    ph.end = s ? sh.end : j;
    // "العام الجاري 2018": the year that follows names it.
    if (m.period == "Y")
      if (auto y = year(ph.end); y && !y->hijri) {
        m.kind = Meaning::Kind::Date;
        m.year = y->year;
        m.shift = INT_MIN;
        ph.end = y->end;
      }
    return ph;
  }
  // "نهاية الأسبوع (الماضي)", "عطلة نهاية الأسبوع": the weekend, TIMEX3 "2015-W51-WE".
  std::optional<Hit> weekend(std::size_t i, Meaning& m) const {
    Hit h, w, sh;
    const RelWord* p = rel("part", i, true, h);
    if (!p || p->arg != "END") return std::nullopt;
    std::size_t k = h.end;
    if (Hit t; is_rel("this", k) && is_word_form(k + 1, U"الاسبوع", false, t)) ++k;  // "نهاية هذا الأسبوع"
    if (!is_word_form(k, U"الاسبوع", false, w)) return std::nullopt;
    m = Meaning{};
    m.kind = Meaning::Kind::Period;
    m.period = "WE";
    Hit hit{w.end, h.prefix};
    if (const RelWord* s = rel("shift", w.end, false, sh)) { m.shift = std::stoi(s->arg); hit.end = sh.end; }
    else m.shift = 0;
    return hit;
  }

  // "القرن العشرين" (19), "القرن التاسع عشر" (18), "القرن الماضي"; "الستينيات" (196), "الستينيات من القرن الماضي".
  std::optional<Hit> century_or_decade(std::size_t i, Meaning& m) const {
    Hit h;
    if (rel("century", i, true, h)) {
      Hit s;
      if (auto n = number(h.end, false, 1); n && n->value >= 1 && n->value <= 30 && !n->digits) {
        m = Meaning{};
        m.kind = Meaning::Kind::Century;
        m.number = n->value;
        std::size_t end = n->hit.end;
        if (rel("yearsuffix", end, false, s)) end = s.end;
        return Hit{end, h.prefix};
      }
      if (const RelWord* sh = rel("shift", h.end, false, s)) {
        m = Meaning{};
        m.kind = Meaning::Kind::Century;
        m.shift = std::stoi(sh->arg);
        return Hit{s.end, h.prefix};
      }
      return std::nullopt;
    }
    if (const RelWord* d = rel("decade", i, true, h)) {
      // "وهو في أواخر العشرينات", "في الثلاثينيات من عمره": an age, not a decade.
      Hit age;
      if (is_word_form(h.end, U"من", false, age) && word(age.end) &&
          (toks_[age.end].form.starts_with(U"عمر") || toks_[age.end].form == U"العمر"))
        return std::nullopt;
      for (std::size_t b = i, n = 0; b > 0 && n < 3; --b) {
        if (!toks_[b - 1].is_word) break;
        ++n;
        const std::u32string& w = toks_[b - 1].form;
        if (w == U"هو" || w == U"هي" || w == U"وهو" || w == U"وهي") return std::nullopt;
      }
      m = Meaning{};
      m.kind = Meaning::Kind::Decade;
      m.number = std::stoi(d->arg);
      Hit hit = h, of;
      // "الستينيات من القرن الماضي", and in construct "ثمانينات القرن الماضي".
      bool of_century = is_word_form(h.end, U"من", false, of);
      if (!of_century && is_rel("century", h.end)) {
        of = Hit{h.end, 0};
        of_century = true;
      }
      if (of_century) {
        Meaning c;
        if (auto ch = century_or_decade(of.end, c); ch && c.kind == Meaning::Kind::Century) {
          m.year = c.number;  // the century's ordinal, or 0 with a shift
          m.shift = c.shift;
          if (!c.number && c.shift == INT_MIN) m.shift = 0;
          hit.end = ch->end;
        }
      }
      return hit;
    }
    return std::nullopt;
  }

  // "الصيف", "صيفا", "شتاء 2015", "الصيف الماضي"; not "الربيع العربي".
  std::optional<Hit> season(std::size_t i, Meaning& m) const {
    Hit h, s;
    Hit f;
    std::size_t k = i;
    bool fasl = is_word_form(i, U"فصل", true, f);
    if (fasl) k = f.end;
    const RelWord* w = rel("season", k, !fasl, h);
    if (!w) return std::nullopt;
    if (is_rel("seasonblocker", h.end)) return std::nullopt;
    m.kind = Meaning::Kind::Season;
    m.unit = w->arg;
    Hit hit{h.end, fasl ? f.prefix : h.prefix};
    // "صيف العام 2014", "صيف العام المقبل", "صيف هذا العام": the year word between the season and its year.
    std::size_t k2 = h.end;
    Hit yw, th;
    bool this_year = rel("this", k2, false, th) != nullptr;
    if (this_year) k2 = th.end;
    bool year_word = is_word_form(k2, U"العام", false, yw) || is_word_form(k2, U"عام", false, yw);
    if (!year_word) k2 = h.end;
    else k2 = yw.end;
    if (auto y = year(k2); y && !this_year) { m.year = y->year; hit.end = y->end; }
    else if (const RelWord* sh = year_word && !this_year ? rel("shift", k2, false, s) : rel("shift", h.end, false, s)) {
      m.shift = std::stoi(sh->arg);
      hit.end = s.end;
    } else if (year_word && this_year) {
      m.shift = 0;
      hit.end = k2;
    } else if (!fasl && !w->written.starts_with("ال") && w->words[0].back() != U'ا') {
      // An indefinite season names one only with its year: "وصيف بطل مونديال 2014" is the runner-up, "سحابة
      // صيف" a figure of speech.
      return std::nullopt;
    }
    return hit;
  }

  // Recurrences (TIMEX3 SET): "يوميا", "سنويا", "كل يوم", "كل عامين" (P2Y), "كل يوم سبت" (XXXX-WXX-6); not the
  // adjectives "السنوي", "اليومية" (see timex_relative.tsv).
  std::optional<Hit> recurrence(std::size_t i, Meaning& m) const {
    Hit h;
    if (const RelWord* s = rel("set", i, true, h)) {
      // "كل يوم سبت": the weekday after "كل يوم" makes it a weekly set.
      if (s->arg == "P1D" && s->words.size() == 2) {
        Hit wd;
        if (const WeekdayName* w = weekday_word(h.end, wd)) return weekly(*w, i, h.prefix, wd.end, m);
      }
      m = Meaning{};
      m.kind = Meaning::Kind::Set;
      m.fixed = s->arg;
      return h;
    }
    if (!rel("every", i, true, h)) return std::nullopt;
    Hit wd, yw;
    std::size_t k = h.end;
    if (is_word_form(k, U"يوم", false, yw)) k = yw.end;
    if (const WeekdayName* w = weekday_word(k, wd)) return weekly(*w, i, h.prefix, wd.end, m);
    Meaning d;
    if (auto dh = duration(h.end, d); dh && dh->prefix == 0) {
      m = Meaning{};
      m.kind = Meaning::Kind::Set;
      m.fixed = d.fixed;
      return Hit{dh->end, h.prefix};
    }
    return std::nullopt;
  }
  // A weekday with or without its article: "سبت" after "كل يوم".
  const WeekdayName* weekday_word(std::size_t k, Hit& hit) const {
    if (const WeekdayName* w = longest(lex_.weekday_index, k, false, hit)) return w;
    if (!word(k)) return nullptr;
    for (const WeekdayName* w : lex_.weekday_index.all())
      if (w->words.size() == 1 && w->words[0].size() > 2 && std::u32string_view(w->words[0]).substr(2) == toks_[k].form) {
        hit = {k + 1, 0};
        return w;
      }
    return nullptr;
  }
  Hit weekly(const WeekdayName& w, std::size_t i, std::size_t prefix, std::size_t end, Meaning& m) const {
    m = Meaning{};
    m.kind = Meaning::Kind::Set;
    m.fixed = "XXXX-WXX-" + std::to_string(w.weekday == 0 ? 7 : w.weekday);  // ISO: Monday 1 .. Sunday 7
    (void)i;
    return Hit{end, prefix};
  }

  // "خمس سنوات ونصف" → P5Y6M, "بضع ساعات" → PTXH, "يومين" → P2D, "مضى عام تقريبا" → P1Y,
  // "أكثر من عشر سنوات" → P10Y mod MORE_THAN, "السنوات الخمس الماضية" → P5Y, "العامين الماضيين" → P2Y,
  // "قبل خمسة وتسعين عاما" → a date ninety-five years before the publication date.
  std::optional<Hit> duration(std::size_t i, Meaning& m) const {
    Hit h;
    // "على مدى العام": through a whole period, a duration of one (not the current year): P1Y.
    if (rel("throughout", i, true, h) && word(h.end) && !is_rel("shift", h.end + 1)) {
      const std::u32string& w = toks_[h.end].form;
      std::string u = w == U"العام" || w == U"السنه" ? "Y" : w == U"الشهر" ? "M" : w == U"الاسبوع" ? "W" : "";
      if (!u.empty()) {
        m = Meaning{};
        m.kind = Meaning::Kind::Duration;
        m.fixed = "P1" + u;
        m.unit = u;
        m.number = 1;
        return Hit{h.end + 1, h.prefix};
      }
    }
    // "قبل أيام", "منذ أسابيع", "قبل أعوام قليلة", "منذ عقود": some time ago, no number: PAST_REF with the cue in
    // its span, as news-gold annotates it (hours stay a duration: "قبل ساعات" PTXH).
    if (rel("ago", i, true, h) || is_word_form(i, U"منذ", true, h)) {
      Hit uh;
      const UnitWord* u = longest(lex_.unit_index, h.end, false, uh);
      if (u && u->count == 0 && u->unit != "H" && u->unit != "MIN") {
        m = Meaning{};
        m.kind = Meaning::Kind::Vague;
        m.fixed = "PAST_REF";
        Hit hit{uh.end, h.prefix};
        if (word(uh.end) && (toks_[uh.end].form == U"قليله" || toks_[uh.end].form == U"عديده" ||
                             toks_[uh.end].form == U"طويله"))
          ++hit.end;
        return hit;
      }
    }
    if (rel("ago", i, true, h) && !is_rel("ago", h.end)) {
      Meaning d;
      auto dh = duration(h.end, d);
      Hit of;
      if (dh && dh->prefix == 0 && d.kind == Meaning::Kind::Duration && d.number > 0 &&
          (d.unit == "Y" || d.unit == "M" || d.unit == "W" || d.unit == "D") && !is_word_form(dh->end, U"من", false, of)) {
        m = d;
        m.kind = Meaning::Kind::Ago;
        return Hit{dh->end, h.prefix};
      }
    }
    if (const RelWord* q = rel("quantmod", i, true, h)) {
      Meaning d;
      auto dh = measure(h.end, d);
      if (dh && dh->prefix == 0) {
        m = d;
        m.mod = q->arg;
        return Hit{dh->end, h.prefix};
      }
      return std::nullopt;
    }
    return measure(i, m);
  }

  std::optional<Hit> measure(std::size_t i, Meaning& m) const {
    Hit hit{i, 0}, h;
    std::string n;
    const UnitWord* unit = nullptr;
    if (auto num = number(i, true, 2); num && num->hit.end > i) {
      // "القانون 377 عام 2001": عام before a year introduces the year, it does not count the number.
      if ((unit = longest(lex_.unit_index, num->hit.end, false, h)) && unit->count != 2 && !year(h.end)) {
        n = num->value ? std::to_string(num->value) : "X";
        hit.prefix = num->hit.prefix;
        hit.end = h.end;
      } else {
        unit = nullptr;
      }
    }
    if (!unit) {
      unit = longest(lex_.unit_index, i, true, h);
      if (!unit) {
        // "السنوات الخمس (الماضية)", "الأيام الثلاثة": a definite plural unit and a definite number.
        if (!word(i) || !word(i + 1) || !toks_[i].form.starts_with(U"ال") || !toks_[i + 1].form.starts_with(U"ال"))
          return std::nullopt;
        Hit uh;
        const UnitWord* plural = nullptr;
        for (const UnitWord* u : lex_.unit_index.starting_with(std::u32string_view(toks_[i].form).substr(2)))
          if (u->count == 0 && u->words.size() == 1) plural = u;
        if (!plural) return std::nullopt;
        for (const NumberWord* nw : lex_.number_index.starting_with(std::u32string_view(toks_[i + 1].form).substr(2)))
          if (!nw->ordinal && nw->value >= 2 && nw->words.size() == 1) { n = std::to_string(nw->value); break; }
        if (n.empty()) return std::nullopt;
        unit = plural;
        hit = {i + 2, 0};
        if (rel("shift", hit.end, false, h)) hit.end = h.end;
      } else {
        hit = h;
        // "خلال شهر الصيام", "منذ يوم الأرض": a singular unit before a definite noun names that month or day.
        if (unit->count == 1 && word(h.end) && toks_[h.end].form.starts_with(U"ال") && !is_rel("shift", h.end) &&
            !is_rel("approx", h.end))
          return std::nullopt;
        std::size_t p = i;
        while (p > 0 && !toks_[p - 1].is_word) --p;
        bool cued = p > 0 && (is_rel("durcue", p - 1, true) || is_rel("quantmod", p - 1, true) ||
                              (p > 1 && is_rel("quantmod", p - 2, true)));
        auto after = number(hit.end, false, 2);
        if (unit->count == 2) {
          n = "2";
          if (rel("shift", hit.end, false, h)) hit.end = h.end;  // "العامين الماضيين"
        } else if (after && after->value == 1) {
          n = "1";
          hit.end = after->hit.end;
        } else if (cued || is_rel("approx", hit.end)) {
          n = unit->count == 1 ? "1" : "X";
        } else {
          return std::nullopt;
        }
      }
    }
    bool half = false;
    if (rel("half", hit.end, false, h)) { half = true; hit.end = h.end; }
    if (rel("approx", hit.end, false, h)) { hit.end = h.end; m.mod = "APPROX"; }
    const std::string& u = unit->unit;
    std::string v;
    if (u == "H" || u == "MIN") v = "PT" + n + (u == "H" ? "H" : "M") + (half && u == "H" ? "30M" : "");
    else if (u == "Y") v = "P" + n + "Y" + (half ? "6M" : "");
    else if (u == "D") v = "P" + n + "D" + (half ? "T12H" : "");
    else if (u == "M") v = "P" + n + "M" + (half ? "15D" : "");
    // Decades in years, as news-gold writes them: "عقدين" P20Y, "عقود" PXY, "عقد ونصف" P15Y. Centuries keep
    // TimeML's CE ("اثني عشر قرنا" P12CE).
    else if (u == "DE") v = "P" + (n == "X" ? std::string("X") : std::to_string(std::stoi(n) * 10 + (half ? 5 : 0))) + "Y";
    else v = "P" + n + u;
    m.kind = Meaning::Kind::Duration;
    m.fixed = v;
    m.unit = u;
    m.number = n == "X" ? 0 : std::stoi(n);
    return hit;
  }

  const Document& doc_;
  const std::vector<Token>& toks_;
  const Lexicon& lex_;
  // Per token, Lexicon::lists_starting_with of its form, and of its form with or without proclitics.
  std::vector<std::uint64_t> bare_lists_, prefixed_lists_;
  // Per token beginning with لل (after و or ف): the form with the article restored ("للعام" → "العام"); empty
  // otherwise, and the vector left empty when no token does. Only calendar periods ("للعام الحالي"), days
  // ("لليوم الخميس") and units ("للعامين القادمين") are read so: a vague phrase or a century after لـ is what
  // something is of or for ("القصة المعروفة للساعات الاخيرة في حياة المسيح") or a name ("فوكس للقرن العشرين").
  std::vector<std::u32string> lam_al_;
  bool lam_al_clitics_ = false;
  std::uint64_t lam_al_lists_ = 0;  // the bits of the lists read so
  bool maghreb_ = false;
  std::optional<Meaning> last_month_;  // the last date naming a month, for "الـ12 منه"
  std::size_t year_list_end_ = SIZE_MAX;  // token after the last bare year: "1910 و1912" continues a list
};

}  // namespace

std::vector<Meaning> recognise(const Document& doc) { return Recogniser(doc).run(); }

}  // namespace timex

void find_timexes(Document& doc) {
  doc.timexes.clear();
  std::vector<timex::Meaning> meanings = timex::recognise(doc);
  if (doc.dct.empty()) {
    DctInference inferred = infer_dct(doc);
    if (!inferred.date.empty()) {
      doc.dct = inferred.date;
      doc.dct_source = "inferred";
      doc.dct_candidate_years = inferred.candidate_years;
    } else if (!inferred.candidate_years.empty()) {
      doc.dct_source = "ambiguous";
      doc.dct_candidate_years = inferred.candidate_years;
    }
  }
  std::optional<Date> dct = parse_iso_date(doc.dct);
  for (const auto& m : meanings) {
    auto r = timex::resolve(m, dct);
    if (!r) continue;
    Timex t;
    t.span = m.span;
    t.text = doc.text.slice_utf8(m.span);
    t.type = r->type;
    t.value = r->value;
    t.time_range = r->time_range;
    t.mod = r->mod;
    doc.timexes.push_back(std::move(t));
  }
}

}  // namespace isnad
