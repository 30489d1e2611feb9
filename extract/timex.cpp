// Recognition of temporal expressions on the token stream (normalised forms), producing
// Meanings that timex_resolve.cpp anchors on the publication date.
#include "timex.h"

#include <algorithm>
#include <map>

#include "timex_internal.h"

namespace isnad {
namespace timex {
namespace {

// Proclitics that may precede the first word of an expression: "وامس", "بنوفمبر", "والخميس".
const std::u32string kPrefixes[] = {U"", U"و", U"ف", U"ب", U"ل", U"ك", U"وب", U"ول", U"فب", U"فل", U"وك"};

struct Hit {
  std::size_t end = 0;       // token index after the match
  std::size_t prefix = 0;    // code points of proclitics on the first token
  std::size_t consumed = 0;  // when > end: tokens after the span that belong to it (a trailing time range)
};

bool all_digits(std::u32string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; });
}

int to_int(std::u32string_view s) {
  int v = 0;
  for (char32_t c : s) v = v * 10 + static_cast<int>(c - U'0');
  return v;
}

class Recogniser {
 public:
  explicit Recogniser(const Document& doc) : doc_(doc), toks_(doc.tokens), lex_(lexicon()) {
    for (const auto& r : lex_.relative) kinds_[r.kind].push_back(&r);
    // A Maghreb-only month name anywhere makes the ambiguous ones (ماي) months too.
    for (std::size_t i = 0; i < toks_.size() && !maghreb_; ++i)
      for (const auto& m : lex_.months)
        if (m.use == "maghreb" && m.words.size() == 1 && m.words[0] != U"ماي" && match(m.words, i, true)) maghreb_ = true;
  }

  std::vector<Meaning> run() {
    std::vector<Meaning> out;
    std::size_t i = 0, last_end = 0;
    while (i < toks_.size()) {
      if (!toks_[i].is_word) { ++i; continue; }
      Meaning m;
      std::optional<Hit> hit = expression(i, m);
      if (!hit) { ++i; continue; }
      Span first = toks_[i].span;
      std::size_t nstart = toks_[i].nstart + hit->prefix;
      m.span = doc_.text.to_original(nstart, toks_[hit->end - 1].nend);
      if (m.span.start < first.start) m.span.start = first.start;
      // Keep trailing diacritics and tatweel, which the normalised view drops: "تقريباً".
      const std::u32string& orig = doc_.text.original();
      while (m.span.end < orig.size() && ((orig[m.span.end] >= 0x064B && orig[m.span.end] <= 0x065F) ||
                                          orig[m.span.end] == 0x0670 || orig[m.span.end] == 0x0640))
        ++m.span.end;
      // "يومي الأربعاء والخميس": a coordinated weekday shares the direction of the first.
      if (!out.empty() && m.weekday >= 0 && out.back().weekday >= 0 && hit->prefix == 1 && last_end == i)
        m.future_cue = out.back().future_cue;
      out.push_back(std::move(m));
      i = std::max(hit->end, hit->consumed);
      last_end = i;
    }
    return out;
  }

 private:
  bool word(std::size_t i) const { return i < toks_.size() && toks_[i].is_word; }
  bool punct(std::size_t i, char32_t c) const {
    return i < toks_.size() && !toks_[i].is_word && toks_[i].form.size() == 1 && toks_[i].form[0] == c;
  }

  // The phrase `w` at token i; the first token may carry proclitics when prefix_ok.
  std::optional<Hit> match(const Words& w, std::size_t i, bool prefix_ok) const {
    if (w.empty() || !word(i)) return std::nullopt;
    std::size_t prefix = 0;
    bool found = false;
    for (const auto& p : kPrefixes) {
      if (!prefix_ok && !p.empty()) break;
      const std::u32string& f = toks_[i].form;
      if (f.size() == p.size() + w[0].size() && f.compare(0, p.size(), p) == 0 && f.compare(p.size(), w[0].size(), w[0]) == 0) {
        prefix = p.size();
        found = true;
        break;
      }
    }
    if (!found) return std::nullopt;
    std::size_t j = i + 1;
    for (std::size_t k = 1; k < w.size(); ++k, ++j)
      if (!word(j) || toks_[j].form != w[k]) return std::nullopt;
    return Hit{j, prefix};
  }

  // The longest item of `items` at i.
  template <class Items>
  auto longest(const Items& items, std::size_t i, bool prefix_ok, Hit& hit) const -> decltype(&*std::begin(items)) {
    decltype(&*std::begin(items)) best = nullptr;
    for (const auto& item : items) {
      auto h = match(item.words, i, prefix_ok);
      if (h && (!best || h->end > hit.end)) { best = &item; hit = *h; }
    }
    return best;
  }
  const RelWord* rel(std::string_view kind, std::size_t i, bool prefix_ok, Hit& hit) const {
    auto it = kinds_.find(std::string(kind));
    if (it == kinds_.end()) return nullptr;
    const RelWord* best = nullptr;
    for (const RelWord* r : it->second) {
      auto h = match(r->words, i, prefix_ok);
      if (h && (!best || h->end > hit.end)) { best = r; hit = *h; }
    }
    return best;
  }
  bool is_rel(std::string_view kind, std::size_t i, bool prefix_ok = false) const {
    Hit h;
    return rel(kind, i, prefix_ok, h) != nullptr;
  }
  bool is_word_form(std::size_t i, std::u32string_view w, bool prefix_ok, Hit& hit) const {
    auto h = match(Words{std::u32string(w)}, i, prefix_ok);
    if (h) hit = *h;
    return h.has_value();
  }

  // A number: digits or a number word. ordinal_only/cardinal_only restrict the words.
  struct Number { int value = 0; Hit hit; bool digits = false; };
  std::optional<Number> number(std::size_t i, bool prefix_ok, int want /*0 any, 1 ordinal, 2 cardinal*/) const {
    if (!word(i)) return std::nullopt;
    if (all_digits(toks_[i].form) && toks_[i].form.size() <= 4) return Number{to_int(toks_[i].form), {i + 1, 0}, true};
    Hit hit;
    std::vector<NumberWord> none;
    const NumberWord* best = nullptr;
    for (const auto& n : lex_.numbers) {
      if ((want == 1 && !n.ordinal) || (want == 2 && n.ordinal)) continue;
      auto h = match(n.words, i, prefix_ok);
      if (h && (!best || h->end > hit.end)) { best = &n; hit = *h; }
    }
    if (!best) return std::nullopt;
    return Number{best->value, hit, false};
  }

  // A year: "2016", "2016م", "1445 هـ", "2016 ميلادية".
  struct Year { int year = 0; bool hijri = false; bool marked = false; std::size_t end = 0; };
  std::optional<Year> year(std::size_t i) const {
    if (!word(i)) return std::nullopt;
    std::u32string f = toks_[i].form;
    Year y;
    if (!f.empty() && (f.back() == U'م' || f.back() == U'ه') && f.size() == 5) {
      y.marked = true;
      y.hijri = f.back() == U'ه';
      f.pop_back();
    }
    if (!all_digits(f) || f.size() != 4) return std::nullopt;
    y.year = to_int(f);
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
    m.name = longest(lex_.months, i, prefix_ok, m.hit);
    if (!m.name) return std::nullopt;
    std::size_t j = m.hit.end;
    if (punct(j, U'/') || punct(j, U'(') || punct(j, U'-')) {
      Hit h2;
      const MonthName* other = longest(lex_.months, j + 1, false, h2);
      if (other && other->month == m.name->month && other->hijri == m.name->hijri) {
        m.doubled = true;
        m.hit.end = h2.end;
        if (punct(j, U'(') && punct(m.hit.end, U')')) ++m.hit.end;
      }
    }
    return m;
  }

  bool future_cue_before(std::size_t i) const {
    std::size_t first = doc_.sentences.empty() ? 0 : doc_.sentences[toks_[i].sentence].first_token;
    // Only a cue close before the day counts: "المقرر الجمعة", "يعتزمون الإضراب عن العمل يومي الأربعاء".
    int words = 0;
    for (std::size_t k = i; k > first && words < 4;) {
      --k;
      if (!toks_[k].is_word) continue;
      ++words;
      if (is_rel("future", k, true)) return true;
    }
    return false;
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
      if (const RelWord* d = rel("day", j, first(j), h)) {
        if (d->arg == "0" && j > 0) {  // "قناة روسيا اليوم": a name, not today
          std::size_t p = j - 1;
          while (p > 0 && !toks_[p].is_word) --p;
          if (is_rel("blocker", p, true)) return std::nullopt;
        }
        m.day_offset = std::stoi(d->arg);
        take(h, j);
        any = true;
      }
      if (const WeekdayName* w = longest(lex_.weekdays, j, first(j), h)) {
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
      if (!day->digits && is_word_form(after, U"من", false, h)) after = h.end;
      if (auto mo = month(after, false)) {
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
        if (y || shahr || mo->doubled || free) {
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
        j = y->end;
      } else if (const RelWord* s = rel("shift", j, false, h)) {
        m.shift = std::stoi(s->arg);
        j = h.end;
      }
    }
    if (!any) return std::nullopt;
    if (m.weekday >= 0 && !m.day_offset && m.shift == INT_MIN && !m.month) m.future_cue = future_cue_before(i);
    hit.end = j;
    return hit;
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
    if (const RelWord* d = rel("daypart_adv", j, false, h); d || (d = rel("daypart", j, false, h))) {
      c.daypart = d->arg;
      j = h.end;
      if ((c.daypart == "EV" || c.daypart == "AF" || (c.daypart == "NI" && c.hour >= 6)) && c.hour < 12) c.hour += 12;
      if (c.daypart == "MI" && c.hour < 6) c.hour += 12;
      if (c.daypart == "MO" && c.hour == 12) c.hour = 0;
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
    if (v) {
      m.kind = Meaning::Kind::Vague;
      m.fixed = v->arg;
      return h;
    }
    // Times first, then the day they belong to: "التاسعة صباحا إلى السابعة مساء يوم الرابع من نوفمبر".
    if (auto t = clock_range(i, m)) {
      Meaning d;
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
        d.daypart = part->arg;
        m = d;
        return Hit{dh->end, h.prefix};
      }
      if (part->kind == "daypart_adv") {
        m.daypart = part->arg;
        return h;
      }
    }
    if (auto d = date(i, m)) {
      // A range of hours after the day is its time: "يوم 4 نوفمبر من الساعة التاسعة صباحا حتى ...".
      std::size_t k = d->end;
      Hit mn;
      if (is_word_form(k, U"من", false, mn)) k = mn.end;
      Meaning t;
      if (auto th = clock_range(k, t); th && t.hour2 >= 0) {
        m.hour1 = t.hour1; m.minute1 = t.minute1; m.hour2 = t.hour2; m.minute2 = t.minute2;
        d->consumed = th->end;
      }
      return d;
    }
    m = Meaning{};
    // Years: "عام 2016", "العام 2016م" (with the word), "في 2013" (the number alone), "1445 هـ".
    if (is_word_form(i, U"عام", true, h) || is_word_form(i, U"العام", true, h) || is_word_form(i, U"سنه", true, h) ||
        is_word_form(i, U"السنه", true, h)) {
      if (auto y = year(h.end)) {
        m.year = y->year;
        m.hijri = y->hijri;
        return Hit{y->end, h.prefix};
      }
    }
    if (auto y = year(i)) {
      std::size_t p = i;
      bool after_trigger = p > 0 && is_rel("year", p - 1, true);
      if (y->marked || after_trigger) {
        m.year = y->year;
        m.hijri = y->hijri;
        return Hit{y->end, 0};
      }
    }
    // Weeks, months, years relative to the publication date: "الأسبوع الماضي", "مطلع الشهر الجاري", "نهاية العام".
    {
      std::size_t j = i;
      Hit ph{i, 0};
      bool has_part = false, has_this = false;
      if (rel("part", j, true, h)) { ph.prefix = h.prefix; j = h.end; has_part = true; }
      else if (rel("this", j, true, h)) { ph.prefix = h.prefix; j = h.end; has_this = true; }
      if (const RelWord* p = rel("period", j, j == i, h)) {
        if (j == i) ph.prefix = h.prefix;
        j = h.end;
        Hit sh;
        const RelWord* s = rel("shift", j, false, sh);
        if (s || has_part || has_this) {
          m.kind = Meaning::Kind::Period;
          m.period = p->arg;
          m.shift = s ? std::stoi(s->arg) : 0;
          ph.end = s ? sh.end : j;
          return ph;
        }
      }
    }
    return duration(i, m);
  }

  // "خمس سنوات ونصف" → P5Y6M, "بضع ساعات" → PTXH, "يومين" → P2D, "مضى عام تقريبا" → P1Y.
  std::optional<Hit> duration(std::size_t i, Meaning& m) const {
    Hit hit{i, 0}, h;
    std::string n;
    const UnitWord* unit = nullptr;
    if (auto num = number(i, true, 2); num && num->hit.end > i) {
      if ((unit = longest(lex_.units, num->hit.end, false, h)) && unit->count != 2) {
        n = num->value ? std::to_string(num->value) : "X";
        hit.prefix = num->hit.prefix;
        hit.end = h.end;
      } else {
        unit = nullptr;
      }
    }
    if (!unit) {
      unit = longest(lex_.units, i, true, h);
      if (!unit) return std::nullopt;
      hit = h;
      std::size_t p = i;
      while (p > 0 && !toks_[p - 1].is_word) --p;
      bool cued = p > 0 && is_rel("durcue", p - 1, true);
      Hit one;
      auto after = number(hit.end, false, 2);
      if (unit->count == 2) {
        n = "2";
      } else if (after && after->value == 1) {
        n = "1";
        hit.end = after->hit.end;
      } else if (cued || is_rel("approx", hit.end)) {
        n = unit->count == 1 ? "1" : "X";
      } else {
        return std::nullopt;
      }
    }
    bool half = false;
    if (rel("half", hit.end, false, h)) { half = true; hit.end = h.end; }
    if (rel("approx", hit.end, false, h)) hit.end = h.end;
    const std::string& u = unit->unit;
    std::string v;
    if (u == "H" || u == "MIN") v = "PT" + n + (u == "H" ? "H" : "M") + (half && u == "H" ? "30M" : "");
    else if (u == "Y") v = "P" + n + "Y" + (half ? "6M" : "");
    else if (u == "D") v = "P" + n + "D" + (half ? "T12H" : "");
    else if (u == "M") v = "P" + n + "M" + (half ? "15D" : "");
    else v = "P" + n + u;
    m.kind = Meaning::Kind::Duration;
    m.fixed = v;
    return hit;
  }

  const Document& doc_;
  const std::vector<Token>& toks_;
  const Lexicon& lex_;
  std::map<std::string, std::vector<const RelWord*>> kinds_;
  bool maghreb_ = false;
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
    doc.timexes.push_back(std::move(t));
  }
}

}  // namespace isnad
