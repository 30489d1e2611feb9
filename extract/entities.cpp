// Rule-based recognition of persons, organisations and places, and their grouping into entities.
// Order of passes (each claims tokens; a later pass never overrides an earlier one):
//   1. names from lexicons: organisations, countries (ICU), places, collective actors
//   2. titles and the persons they introduce: "الرئيس الروسي، فلاديمير بوتين،"
//   3. organisation triggers: "جماعة نور الدين زنكي"، "وزارة الدفاع الروسية"
//   4. post-posed titles: "وقال ياسر اليوسف، المتحدث باسم ..."
//   5. later mentions of known persons by full name or surname, across spelling variants
//   6. nationality nouns used as actors: "الروس" → Russia
#include "entities.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "gazetteer.h"
#include "geonames.h"
#include "lexicon.h"
#include "segment.h"
#include "ner_bridge.h"
#include "ner_tagger.h"

namespace isnad {

namespace {

bool is_comma(const Token& t) { return t.form == U"،" || t.form == U","; }
bool starts_with_article(std::u32string_view w) { return w.size() > 3 && w[0] == U'ا' && w[1] == U'ل'; }
bool is_definite(std::u32string_view w) {
  return starts_with_article(w) || (w.size() > 3 && w[0] == U'ل' && w[1] == U'ل') ||
         (w.size() > 4 && (w[0] == U'و' || w[0] == U'ب') && starts_with_article(w.substr(1)));
}
bool is_open_quote(const Token& t) { return t.form == U"\"" || t.form == U"(" || t.form == U"'"; }
// Token k is a hyphen written between two words of one sentence, without spaces: "ميزا-كوادرا".
bool joining_hyphen(const Document& doc, std::size_t k) {
  const auto& t = doc.tokens;
  return k > 0 && k + 1 < t.size() && t[k].form == U"-" && t[k - 1].span.end == t[k].span.start &&
         t[k].span.end == t[k + 1].span.start && t[k + 1].sentence == t[k].sentence;
}

// Words written as in the text, normalised for looking tokens up: {"مطار", "ميناء"}.
WordSet normalised_words(std::initializer_list<const char*> words) {
  WordSet out;
  for (const char* w : words) out.insert(normalize(to_u32(w)));
  return out;
}

// A title found in the text with what qualifies it.
struct TitleComplex {
  std::size_t first = 0, end = 0;  // tokens of the title and its qualifiers
  std::size_t stem_offset = 0;
  std::string role;
  std::string complement;
  std::string country;   // from a nationality adjective
  int tail_mention = -1; // organisation or place it belongs to
  int post_mention = -1; // organisation or place where it serves: "السفير البريطاني في مصر"
};

struct Binding {
  std::size_t person_mention;
  TitleComplex title;
};

// Defined with the resolution helpers below.
bool one_edit_apart(std::u32string_view a, std::u32string_view b);
std::vector<std::u32string> split_words(const std::u32string& key);

class Recogniser {
 public:
  explicit Recogniser(Document& doc) : doc_(doc), lx_(lexicons()), owner_(doc.tokens.size(), -1) {}

  void run() {
    lexicon_pass();
    title_pass();
    trigger_pass();
    administration_pass();  // of a person the lexicons know; again at the end for the tagger's
    post_title_pass();
    cue_subject_pass();
    age_pass();
    hyphenated_names();  // before the tagger reads the part after the hyphen as a name of its own
    propagate_persons();
    nationality_people_pass();
    // Names only the tagger finds recur too ("بنيامين نتنياهو" … "نتنياهو"): its persons first, their later
    // mentions next, and only then its places and organisations (which add no name to propagate), so that a
    // person's surname the tagger reads as an organisation once ("دفعته الصحيفة لمكدوغال") stays the person.
    tagger_pass(true);
    propagate_persons();
    tagger_pass(false);
    trailing_title_pass();
    capital_homographs();
    facility_pass();
    administration_pass();
    hyphenated_names();
  }

  std::vector<Binding> bindings;

 private:
  Document& doc_;
  const Lexicons& lx_;
  std::vector<int> owner_;  // token → mention index, -1 free, -2 part of a title
  WordSet seen_forms_, seen_skeletons_;  // filled on first use by clitic_is_plausible

  const Token& tok(std::size_t i) const { return doc_.tokens[i]; }
  std::size_t size() const { return doc_.tokens.size(); }
  bool free(std::size_t a, std::size_t b) const {
    for (std::size_t i = a; i < b; ++i)
      if (owner_[i] != -1) return false;
    return true;
  }

  // A name with the person's age after it in brackets: "وقال نزيه خير (44 عاما)"، "ويوضح الشاب وحيد (30 عاما)".
  // One or two name-like words without the article (from where the tagger starts a name, if it does).
  void age_pass() {
    auto age_word = [](const std::u32string& w) { return w.starts_with(U"عام") || w == U"سنه" || w == U"سنوات"; };
    for (std::size_t p = 1; p + 3 < size(); ++p) {
      if (tok(p).form.size() != 1 || tok(p).form[0] != U'(' || !all_digits(tok(p + 1).form) || !age_word(tok(p + 2).form) || tok(p + 3).form != U")") continue;
      std::size_t first = p;
      // (Not a noun with a pronoun after a conjunction: "وأبيه (34 عاما)"; "نزيه" ends in ه too.)
      while (first > 0 && p - first < 2 && name_like(first - 1) && !starts_with_article(tok(first - 1).form) &&
             !(possessive_suffix(first - 1) && (tok(first - 1).form[0] == U'و' || tok(first - 1).form[0] == U'ف')) &&
             tok(first - 1).sentence == tok(p).sentence)
        --first;
      first = tagged_name_start(first, p);
      // One word alone is a name when the tagger reads it so ("محمد (25 عاما)" is one of many Mohammeds).
      if (first + 1 < p || (first < p && tags_()[first].ends_with("PERS"))) add_mention(EntityType::Person, first, p, 0, "age");
    }
  }

  // Where the tagger starts a person's name inside [first, end) after a word it leaves out ("استبعد روبرت باير"),
  // else first.
  std::size_t tagged_name_start(std::size_t first, std::size_t end) {
    for (std::size_t k = first + 1; k < end; ++k)
      if (tags_()[k] == "B-PERS" && tags_()[k - 1] == "O") return k;
    return first;
  }

  // A person's name continues across a hyphen written between two words: "غوستافو ميزا-كوادرا"، "كانغ كيونغ-وا".
  void hyphenated_names() {
    for (std::size_t index = 0; index < doc_.mentions.size(); ++index) {
      Mention& m = doc_.mentions[index];
      if (m.type != EntityType::Person) continue;
      std::size_t e = m.end_token;
      while (e + 1 < size() && joining_hyphen(doc_, e) && owner_[e] == -1 && owner_[e + 1] == -1 && tok(e + 1).is_word)
        e += 2;
      if (e == m.end_token) continue;
      for (std::size_t k = m.end_token; k < e; ++k) owner_[k] = static_cast<int>(index);
      for (std::size_t k = m.end_token + 1; k < e; k += 2) m.key += U"-" + tok(k).form;  // one word: "يونغ-اون"
      m.span.end = tok(e - 1).span.end;
      m.text = doc_.text.slice_utf8(m.span);
      m.end_token = e;
    }
  }

  int add_mention(EntityType type, std::size_t first, std::size_t end, std::size_t stem_offset, std::string rule,
                  const LexiconEntry* entry = nullptr) {
    Mention m;
    m.type = type;
    m.rule = std::move(rule);
    std::size_t last = end - 1;
    while (last > first && !tok(last).is_word && !(tok(last).form == U")" || tok(last).form == U"\"")) --last;
    m.span = doc_.text.to_original(tok(first).nstart + stem_offset, tok(last).nend);
    m.text = doc_.text.slice_utf8(m.span);
    for (std::size_t i = first; i < end; ++i) {
      if (!tok(i).is_word) continue;
      if (!m.key.empty()) m.key += U' ';
      m.key += i == first ? tok(i).form.substr(stem_offset) : tok(i).form;
    }
    // "للاتحاد العام التونسي للشغل" names "الاتحاد العام التونسي للشغل", "للوليد بن طلال" "الوليد بن طلال":
    // ل + ال written as لل (a name the tagger found, or a lexicon name written with the article).
    if (stem_offset == 0 && m.key.size() > 4 && m.key.rfind(U"لل", 0) == 0 &&
        (entry ? normalize(to_u32(entry->written)).rfind(U"ال", 0) == 0 : m.rule == "tagger"))
      m.key = U"ا" + m.key.substr(1);
    m.first_token = first;
    m.end_token = end;
    if (entry) {
      m.label_en = entry->label_en;
      m.country = entry->country;
      m.subtype = entry->subtype;
      m.latitude = entry->latitude;
      m.longitude = entry->longitude;
      if (entry->kind == "place") m.group = "place:" + (entry->subtype == "country" ? entry->country : entry->label_en);
      else if (entry->kind == "organization") m.group = "org:" + entry->label_en;
      else if (entry->kind == "person") m.group = "person:" + entry->label_en;
    }
    int index = static_cast<int>(doc_.mentions.size());
    doc_.mentions.push_back(std::move(m));
    for (std::size_t i = first; i < end; ++i) owner_[i] = index;
    return index;
  }

 private:
  // A nationality adjective at token i: returns tokens matched and the entry.
  std::size_t nationality_at(std::size_t i, const LexiconEntry** e) const {
    if (i >= size() || !tok(i).is_word) return 0;
    return lx_.nationalities.match(doc_, i, e, nullptr, false);
  }

  // 1. Lexicon names, longest match first; collective actors may take a nationality.
  void lexicon_pass() {
    for (std::size_t i = 0; i < size(); ++i) {
      if (owner_[i] != -1) continue;
      const LexiconEntry* e = nullptr;
      std::size_t off = 0;
      std::size_t n = lx_.names.match(doc_, i, &e, &off);
      if (!n || !free(i, i + n)) continue;
      // A form written with its title gives way to the same person's fuller name inside it: "الملك سلمان بن عبد
      // العزيز" is the name "سلمان بن عبد العزيز" (persons.tsv also lists "الملك سلمان").
      if (e->type == EntityType::Person && n >= 2 && i + 1 < size()) {
        const LexiconEntry* inner = nullptr;
        std::size_t inner_off = 0;
        const std::size_t inner_n = lx_.names.match(doc_, i + 1, &inner, &inner_off);
        if (inner_n && inner->label_en == e->label_en && i + 1 + inner_n > i + n && free(i + 1, i + 1 + inner_n)) continue;
      }
      if (e->kind == "actor") {
        std::size_t end = i + n;
        const LexiconEntry* nat = nullptr;
        std::string country;
        if (std::size_t k = nationality_at(end, &nat); k && nat->subtype != "people") {
          // Gender agreement: "الخارجية الأمريكية" but not "وزير الخارجية الروسي".
          bool feminine_head = tok(end - 1).form.back() == U'ه';
          bool feminine_adj = tok(end + k - 1).form.back() == U'ه';  // "الحكومة الجنوب أفريقية"
          if (feminine_head == feminine_adj || !feminine_head) {
            country = nat->country;
            end += k;
          }
        }
        if (country.empty() && e->subtype != "alone") continue;
        // One more descriptive adjective: "المعارضة السورية المسلحة".
        if (end < size() && tok(end).is_word && starts_with_article(tok(end).form) && !lx_.is_function_word(tok(end).form) &&
            tok(end).form == U"المسلحه")
          ++end;
        int m = add_mention(EntityType::Organization, i, end, off, "actor", e);
        Mention& mention = doc_.mentions[static_cast<std::size_t>(m)];
        mention.country = country;
        mention.subtype = e->value;
        mention.group = "actor:" + e->value + ":" + country;
        mention.label_en = e->label_en;
        // "أكدت الرئاسة الفرنسية" is the Élysée; "ترشحه للرئاسة الأمريكية" (ل: the office) is not.
        if (e->value == "presidency" && off == 0 && tok(i).form.rfind(U"لل", 0) != 0)
          if (const auto seat = presidency_seats().find(country); seat != presidency_seats().end()) {
            mention.group = "org:" + seat->second;
            mention.label_en = seat->second;
          }
        i = end - 1;
        continue;
      }
      if (n == 1 && ambiguous(i) && ((!announced(i) && tags_()[i] == "O") || article_on_ambiguous(i))) continue;
      // "ودعا الأسد": a public figure's surname that is also a common word, as the subject of a verb of saying.
      if (e->subtype == "speaker-only" && !(i > 0 && is_cue_verb(i - 1))) continue;
      // A known surname after another name is someone else's family name: "ميلانيا ترامب" is not Donald.
      // So is a bare nationality word used as a given name after a title: "العقيد تركي المالكي" is not Nouri.
      const LexiconEntry* title = nullptr;
      const bool given_name_before =
          i > 0 && ((name_like(i - 1) && !starts_with_article(tok(i - 1).form)) ||
                    (nationality_at(i - 1, &title) && !is_definite(tok(i - 1).form) && i > 1 &&
                     lx_.titles.match(doc_, i - 2, &title, nullptr, false)));
      if (e->kind == "person" && n == 1 && normalize(to_u32(e->written)) != tok(i).form.substr(off) && given_name_before)
        continue;
      // A known person's surname after the rest of the family name and another given name is a relative:
      // "حافظ قائد السبسي" is not "الباجي قائد السبسي"; after a bare nationality word used as a given name, someone
      // else: "، تركي المالكي،" is not Nouri. The namesake is a person of his own.
      if (e->kind == "person" && n == 1 && off == 0 && i > 0 && owner_[i - 1] == -1 && tok(i - 1).is_word) {
        const std::vector<std::u32string> full = split_words(normalize(to_u32(e->written)));
        std::size_t j = i, w = full.size() - 1;
        if (full.size() >= 2 && full.back() == tok(i).form) {
          while (w > 1 && j > 0 && tok(j - 1).form == full[w - 1]) --j, --w;
          const bool other_given_name = j > 0 && tok(j - 1).sentence == tok(i).sentence && owner_[j - 1] == -1 &&
                                        tok(j - 1).form != full[w - 1] && !starts_with_article(tok(j - 1).form) &&
                                        (j < i ? name_like(j - 1) : nationality_at(j - 1, &title) == 1 && !is_definite(tok(j - 1).form));
          if (other_given_name) {
            add_mention(EntityType::Person, j - 1, i + 1, 0, "namesake");
            continue;
          }
        }
      }
      // A known organisation with its nationality adjective is named with it: "الحرس الثوري الإيراني" (not when
      // the adjective names another country than the lexicon's: "الحرس الثوري" is Iran's).
      std::size_t end = i + n;
      const LexiconEntry* nat = nullptr;
      if (e->type == EntityType::Organization && end < size() && tok(end).sentence == tok(i).sentence)
        if (std::size_t k = nationality_at(end, &nat); k && nat->subtype != "people" && (e->country.empty() || e->country == nat->country))
          end += k;
      int m = add_mention(e->type, i, end, off, "lexicon:" + e->kind, e);
      // Each country has its own: "الهلال الأحمر المصري" is not the Iranian Red Crescent.
      if (nat && end > i + n && e->country.empty() && m >= 0) {
        Mention& mention = doc_.mentions[static_cast<std::size_t>(m)];
        mention.country = nat->country;
        mention.group += ":" + nat->country;
      }
      i = end - 1;
    }
  }

  // Country code → English name of the organisation that stands for its presidency (organizations.tsv
  // rows with subtype "presidency": FR → "Élysée Palace"). The English name is the lexicon identity.
  static const std::map<std::string, std::string>& presidency_seats() {
    static const std::map<std::string, std::string> seats = [] {
      std::map<std::string, std::string> out;
      for (const TsvRow& row : lexicon_rows("organizations.tsv"))
        if (row.size() >= 4 && row[2] == "presidency") out.emplace(row[3], row[1]);
      return out;
    }();
    return seats;
  }

  bool ambiguous(std::size_t i) const {
    for (const auto& r : tok(i).readings)
      if (lx_.ambiguous_names.count(r.stem)) return true;
    return false;
  }

  // An article the name does not take makes it the common word, whatever the tagger says: "المشهد السياسي" is
  // "the political scene", "المالي" "the financial" (Mashhad and Mali are never definite).
  bool article_on_ambiguous(std::size_t i) const {
    for (const auto& r : tok(i).readings)
      if (lx_.ambiguous_names.count(r.stem) &&
          (r.prefix.size() >= 2 && (r.prefix.compare(r.prefix.size() - 2, 2, U"ال") == 0 || r.prefix == U"لل")))
        return true;
    return false;
  }

  // "جمهورية مالي"، "مدينة عمان": a word before the name announces it.
  bool announced(std::size_t i) const {
    static const std::u32string heads[] = {U"دوله", U"جمهوريه", U"مدينه", U"عاصمه", U"ولايه", U"بلده", U"قريه", U"منطقه", U"قناه", U"صحيفه", U"تنظيم"};
    if (i == 0 || !tok(i - 1).is_word) return false;
    for (const auto& r : tok(i - 1).readings)
      for (const auto& h : heads)
        if (r.stem == h) return true;
    return false;
  }

  // A plural with a possessive is no name: "شركائنا" (our partners), "زعمائهم" (normalised ئ → ي).
  // So is a noun with "your" ("معاناتكم"، "منطلقاتك"), which news addresses to nobody by name.
  static bool possessive_plural(const std::u32string& w) {
    for (std::u32string_view suffix : {U"اينا", U"ايهم", U"ايها", U"اءنا", U"اءهم", U"اتك", U"اتكم"})
      if (w.size() > suffix.size() + 1 && std::u32string_view(w).substr(w.size() - suffix.size()) == suffix) return true;
    return w.size() >= 6 && std::u32string_view(w).substr(w.size() - 2) == U"كم";
  }

  // "آلان بيتر كايتانو"، "ألفريدو ستروسنر"، "ألمانيا": a word written with an initial madda or hamza normalises
  // to "ال…" but has no article (the article's alef never carries one; the adverb "الآن" is written with a
  // plain alef).
  char32_t first_written_letter(std::size_t i) const {
    const std::u32string& original = doc_.text.original();
    return tok(i).span.start < original.size() ? original[tok(i).span.start] : U'\0';
  }
  // "رفضه"، "موقفها"، "قيادتهم": a noun with a possessive pronoun (written with ه, not ة) ends a name before it;
  // "الله" and "طه" are names.
  bool possessive_suffix(std::size_t i) const {
    const std::u32string& original = doc_.text.original();
    const Span sp = tok(i).span;
    if (sp.end <= sp.start + 3 || sp.end > original.size()) return false;
    const std::u32string_view w(original.data() + sp.start, sp.end - sp.start);
    if (tok(i).form.ends_with(U"الله")) return false;
    return w.back() == U'ه' || w.ends_with(U"ها") || w.ends_with(U"هم");
  }
  bool hamza_initial(std::size_t i) const {
    const char32_t c = first_written_letter(i);
    return c == U'آ' || c == U'أ' || c == U'إ';
  }
  bool has_article(std::size_t i) const { return starts_with_article(tok(i).form) && !hamza_initial(i); }

  // "ولم يخض": the word after لم / لن / قد / سوف (verb_particles.tsv) is a verb.
  bool after_verb_particle(std::size_t i) const {
    static const std::vector<std::u32string> particles = [] {
      std::vector<std::u32string> out;
      for (const TsvRow& row : lexicon_rows("verb_particles.tsv")) out.push_back(normalize(to_u32(row[0])));
      return out;
    }();
    if (!tok(i - 1).is_word || tok(i - 1).sentence != tok(i).sentence) return false;
    std::u32string_view w = tok(i - 1).form;
    for (const auto& p : particles)
      if (w == p || (w.size() == p.size() + 1 && (w[0] == U'و' || w[0] == U'ف') && w.substr(1) == p)) return true;
    return false;
  }

  bool name_like(std::size_t i) const {
    if (i >= size() || !tok(i).is_word || owner_[i] != -1) return false;
    const std::u32string& w = tok(i).form;
    if (w.size() < 2 || (w[0] >= U'0' && w[0] <= U'9') || possessive_plural(w)) return false;
    // "آلان" (Alan) normalises to the adverb "الان": a madda keeps it a name. (Not a hamza: "إلى"، "أن".)
    if (lx_.is_function_word(w) && first_written_letter(i) != U'آ' && !given_name_ali(i)) return false;
    if (i > 0 && after_verb_particle(i)) return false;
    const LexiconEntry* e = nullptr;
    if (lx_.titles.match(doc_, i, &e, nullptr, false)) return false;
    if (is_cue(i)) return false;
    // A bare nationality word right after a definite title is a given name: "العقيد تركي المالكي".
    if (lx_.nationalities.match(doc_, i, &e, nullptr, false) &&
        !(!is_definite(w) && i > 0 && starts_with_article(tok(i - 1).form) && lx_.titles.match(doc_, i - 1, &e, nullptr, false)))
      return false;
    if (lx_.org_triggers.match(doc_, i, &e, nullptr, false)) return false;
    return true;
  }

  // "علي" written with ي (the preposition is "على") before a lineage or a bare name is the given name Ali:
  // "علي بن مزين"، "علي عبد الله صالح" (not "علي الرغم", as Egyptian spelling writes the preposition).
  bool given_name_ali(std::size_t i) const {
    const std::u32string& original = doc_.text.original();
    if (tok(i).form != U"علي" || original[tok(i).span.end - 1] != U'ي' || i + 1 >= size() ||
        tok(i + 1).sentence != tok(i).sentence)
      return false;
    const std::u32string& next = tok(i + 1).form;
    return is_patronymic_link(next) || (!starts_with_article(next) && name_like(i + 1));
  }

  // Person name tokens starting at i: 1–4 name-like tokens, the first without ال. A word with ال
  // ends the name ("بشار الأسد") unless it completes a compound ("عبد العزيز"، "نور الدين") or the
  // tagger continues the name: "أفيغدور ليبرمان التحقيق" stops before "التحقيق".
  // "الحبيب الصيد": a given name with the article, then a family name (definite_given_names.tsv).
  bool definite_given_name_at(std::size_t i) const {
    return i + 1 < size() && tok(i).is_word && owner_[i] == -1 && lx_.definite_given_names.count(tok(i).form) &&
           name_like(i + 1) && tok(i + 1).sentence == tok(i).sentence;
  }

  std::size_t read_person_name(std::size_t i) {
    // A first name with the article opens a name only before a lineage: "المنصف بن رمضان"، "الوليد بن طلال".
    bool lineage_next = i + 1 < size() && is_patronymic_link(tok(i + 1).form);
    // So does a given name the Maghreb writes with the article, before a family name: "الحبيب الصيد".
    if (!name_like(i) || (has_article(i) && !lineage_next && !definite_given_name_at(i))) return 0;
    static const std::u32string compound_heads[] = {U"عبد", U"ابو", U"بن", U"ابن", U"بنت", U"نور", U"سيف",
                                                    U"صلاح", U"شمس", U"علاء", U"عز", U"جمال", U"نجم", U"ام", U"ال",
                                                    U"زين", U"محيي", U"تقي", U"ضياء", U"بهاء", U"فخر", U"خير", U"شرف"};
    std::size_t n = 0;
    bool had_article = false;
    // A lineage (بن، ابن، آل) makes longer names: "محمد بن زايد آل نهيان".
    std::size_t longest = 4;
    // After بن/ابن comes the father's name even when it reads as a function word: "بن علي" (علي = على).
    auto after_lineage = [&](std::size_t j) {
      return j > i && j < size() && tok(j).is_word && owner_[j] == -1 && is_patronymic_link(tok(j - 1).form);
    };
    while (n < longest && (name_like(i + n) || after_lineage(i + n)) && tok(i + n).sentence == tok(i).sentence) {
      // Each link (بن، آل) brings the next name: "حمد بن جاسم بن جبر آل ثاني" has seven words.
      if (n > 0 && (is_patronymic_link(tok(i + n).form) || tok(i + n).form == U"ال")) longest = std::min<std::size_t>(9, std::max<std::size_t>(6, n + 3));
      const std::u32string& w = tok(i + n).form;
      bool compound = false;  // the second word of "عبد الرحمن"، "زين العابدين" (a plural in form, not a noun)
      for (const auto& h : compound_heads) compound |= n > 0 && starts_with_article(w) && tok(i + n - 1).form == h;
      // A word like a future verb ("ستجري") right before a comma or bracket is a foreign name's last word:
      // "الجنرال ألفريدو ستروسنر (1954-1989)".
      bool closes_phrase = i + n + 1 < size() && (is_comma(tok(i + n + 1)) || tok(i + n + 1).form == U"(");
      if (n > 0 && ((!compound && overrun(w, n, !closes_phrase)) || opens_content(i + n))) break;  // "بيل كلينتون بأنه"
      // After the father's name of a lineage comes another link, a family name with the article or آل, or the
      // second word of a compound ("علي بن أبي طالب"), unless the tagger continues the name: "الرئيس التونسي
      // زين العابدين بن علي استقبل" stops before the verb.
      if (n >= 2 && is_patronymic_link(tok(i + n - 2).form) && !is_patronymic_link(w) && w != U"ال" &&
          !starts_with_article(w) && tok(i + n - 1).form != U"ابو" && tok(i + n - 1).form != U"ابي" &&
          tok(i + n - 1).form != U"عبد" && tags_()[i + n] != "I-PERS")
        break;
      // "وداد بوشماوي وممثلي": a later word with و is a conjunction unless the tagger continues the name.
      if (n > 0 && w.size() > 3 && w[0] == U'و' && tags_()[i + n] != "I-PERS") break;
      // "كوندوليزا رايس بالمواجهة": a preposition with the article (بال، كال، فال، لل) never continues a name.
      if (n > 0 && is_definite(w) && !starts_with_article(w)) break;
      if (n > 0 && starts_with_article(w)) {
        bool tagged = tags_()[i + n] == "I-PERS";
        if (had_article && !compound && !tagged) break;
        if (!compound) had_article = true;
      } else if (had_article && tags_()[i + n] != "I-PERS") {
        break;  // nothing but a compound follows the family name
      }
      ++n;
    }
    return n;
  }

  bool ends_name(std::size_t i) const {
    if (i >= size() || tok(i).sentence != tok(i > 0 ? i - 1 : 0).sentence) return true;
    if (!tok(i).is_word) return true;
    return lx_.is_function_word(tok(i).form) || is_cue(i);
  }

  // After "وزير الدفاع الإسرائيلي أفيغدور ليبرمان": a following definite word the tagger keeps
  // out of the name ("التحقيق") is the object, not part of the name.
  bool name_ends_before_object(std::size_t i) {
    return i < size() && tok(i).is_word && starts_with_article(tok(i).form) && tags_()[i] == "O";
  }

  // A finite speech verb (not a noun such as "تصريحات"، "إعلان"), with at most a و/ف prefix.
  bool is_cue_verb(std::size_t i) const {
    const LexiconEntry* e = lx_.speech_cue(tok(i).form);
    return e && (e->subtype == "verb" || e->subtype == "verb-that");
  }

  // A verb of speech; not a word that only normalises like one: the name "راي" (Bob Rae) is written with ي,
  // the verb "رأى" with ى.
  bool is_cue(std::size_t i) const {
    const LexiconEntry* e = lx_.speech_cue(tok(i).form);
    if (!e) return false;
    const std::u32string& original = doc_.text.original();
    return !(e->written.ends_with("ى") && tok(i).span.end > tok(i).span.start && original[tok(i).span.end - 1] == U'ي');
  }

  // An organisation (lexicon, actor or trigger-introduced) starting at token i, or -1.
  int organisation_at(std::size_t i) {
    if (i >= size()) return -1;
    if (owner_[i] >= 0) {
      const Mention& m = doc_.mentions[static_cast<std::size_t>(owner_[i])];
      return m.first_token == i && m.type != EntityType::Person ? owner_[i] : -1;
    }
    return trigger_org_at(i);
  }

  // "جماعة نور الدين زنكي"، "وزارة الدفاع الروسية"، "وكالة "فرانس برس""، "راديو (سوا)".
  int trigger_org_at(std::size_t i) {
    if (i >= size() || owner_[i] != -1 || !tok(i).is_word) return -1;
    const LexiconEntry* e = nullptr;
    std::size_t off = 0;
    if (!lx_.org_triggers.match(doc_, i, &e, &off)) return -1;
    // With the article the trigger is a description ("الجماعة") unless a definite adjective makes it a
    // name: "الحزب الليبرالي"، "المحكمة الانتخابية العليا"، "للوكالة الدولية للطاقة الذرية".
    std::u32string_view prefix = std::u32string_view(tok(i).form).substr(0, off);
    bool definite = (prefix.size() >= 2 && (prefix.substr(prefix.size() - 2) == U"ال" || prefix.substr(prefix.size() - 2) == U"لل")) ||
                    (off == 0 && tok(i).form.rfind(U"لل", 0) == 0);  // "للحزب" is ل + الحزب
    if (definite) return definite_trigger_org(i, off, e);
    std::size_t k = i + 1;
    if (k >= size() || tok(k).sentence != tok(i).sentence) return -1;
    // A purpose after the head noun names nothing: "مركز للدراسات"، "لجنة للتحقيق"، "فرع للجيش الأميركي" (ل + the
    // article; a known organisation there stays itself).
    if (tok(k).is_word && tok(k).form.size() > 4 && tok(k).form.rfind(U"لل", 0) == 0) return -1;
    // A known organisation right after the trigger: "قناة روسيا اليوم" is RT. But a name that has its
    // own head noun makes a namesake: "كتائب حزب الله" is not حزب الله.
    if (owner_[k] >= 0) {
      // A site the lexicon knows stays itself: "موقع تويتر" is Twitter, written "تويتر".
      if (site_trigger(e)) return -1;
      Mention& m = doc_.mentions[static_cast<std::size_t>(owner_[k])];
      // A city's body: "شرطة لندن"، "بلدية باريس" (the head noun and the city name one organisation).
      const bool city_body = m.first_token == k && m.type == EntityType::Place && m.subtype == "city" &&
                             e->value == "descriptive" && (e->subtype == "police" || e->subtype == "government");
      if (m.first_token != k || (m.type != EntityType::Organization && !city_body)) return -1;
      const LexiconEntry* head = nullptr;
      bool namesake = city_body || lx_.org_triggers.match(doc_, k, &head, nullptr, false) > 0 || e->value == "part";
      // A party named by its movement's name is that movement: "حزب حركة النهضة" is "حركة النهضة".
      if (namesake && head && head->subtype == "political" && normalize(to_u32(e->written)) == U"حزب") namesake = false;
      int index = owner_[k];
      std::size_t end = m.end_token;
      // "مجلس الأمم المتحدة لحقوق الإنسان": a council with a ل-complement is a body of the UN, not the UN
      // (while "قناة روسيا اليوم" and "وزارة الخارجية الأمريكية" name the organisation that follows).
      if (!city_body && e->value != "proper" && end < size() && tok(end).is_word && tok(end).sentence == tok(i).sentence &&
          owner_[end] == -1 && tok(end).form.size() > 3 && tok(end).form[0] == U'ل' && !lx_.is_function_word(tok(end).form) &&
          (tok(end).form[1] == U'ل' || construct_complement(end, i))) {  // not "بعثة الاتحاد الأوروبي لمكافحة" alone
        namesake = true;
        ++end;
        while (end < size() && end < m.end_token + 3 && owner_[end] == -1 && tok(end).is_word &&
               tok(end).sentence == tok(i).sentence && starts_with_article(tok(end).form) && !lx_.is_function_word(tok(end).form))
          ++end;
        for (std::size_t t = m.end_token; t < end; ++t) owner_[t] = index;
        m.key.clear();
        for (std::size_t t = k; t < end; ++t)
          if (tok(t).is_word) m.key += (m.key.empty() ? U"" : U" ") + tok(t).form;
        m.end_token = end;
      }
      m.span = doc_.text.to_original(tok(i).nstart + off, tok(end - 1).nend);
      m.text = doc_.text.slice_utf8(m.span);
      m.first_token = i;
      owner_[i] = index;
      if (namesake) {
        m.type = EntityType::Organization;
        m.key = tok(i).form.substr(off) + U" " + m.key;
        m.group.clear();
        m.label_en.clear();
        m.subtype = e->subtype;
        m.rule = "trigger:" + e->subtype;
      }
      return index;
    }
    // A known name in quotes after the trigger: صحيفة "نيويورك تايمز".
    if (is_open_quote(tok(k)) && k + 1 < size() && owner_[k + 1] >= 0) {
      Mention& m = doc_.mentions[static_cast<std::size_t>(owner_[k + 1])];
      std::size_t close = m.end_token;
      if (m.first_token != k + 1 || m.type != EntityType::Organization || close >= size() || tok(close).is_word) return -1;
      int index = owner_[k + 1];
      m.span = doc_.text.to_original(tok(i).nstart + off, tok(close).nend);
      m.text = doc_.text.slice_utf8(m.span);
      m.first_token = i;
      m.end_token = close + 1;
      for (std::size_t t = i; t <= close; ++t) owner_[t] = index;
      return index;
    }
    // The head noun and a name in quotes that the lexicon knows together: ووكالة "تسنيم" is "وكالة تسنيم".
    if (is_open_quote(tok(k))) {
      std::u32string key = tok(i).form.substr(off);
      std::size_t close = k + 1;
      for (; close < size() && close < k + 5 && tok(close).is_word && owner_[close] == -1; ++close) key += U" " + tok(close).form;
      const bool closed = close > k + 1 && close < size() &&
                          (tok(close).form == U"\"" || tok(close).form == U"'" || tok(close).form == U")");
      const LexiconEntry* known = closed ? lx_.names.find(key) : nullptr;
      if (known && known->type == EntityType::Organization)
        return add_mention(EntityType::Organization, i, close + 1, off, "lexicon:" + known->kind, known);
    }
    // An indefinite adjective after the head noun describes, it names nothing: "حزب سياسي"، "حزب جديد"، "منظمة
    // إسبانية"، "جماعة سيخية انفصالية".
    static const WordSet describing = normalised_words(
        {"سياسي", "جديد", "جديدة", "قوي", "كبير", "كبيرة", "صغير", "صغيرة", "آخر", "أخرى", "واحد", "إرهابي", "إرهابية",
         "مسلح", "مسلحة", "متطرف", "متطرفة", "إسلامي", "إسلامية", "يساري", "يمينية", "يميني", "معارض", "معارضة", "محظور",
         "محظورة", "انفصالي", "انفصالية", "محلي", "محلية", "دولي", "دولية", "خاص", "خاصة", "حكومي", "حكومية", "خيرية",
         "إعلامية", "ناشئة"});
    const LexiconEntry* adjective = nullptr;
    if (tok(k).is_word && !is_definite(tok(k).form) &&
        (describing.count(tok(k).form) || nationality_at(k, &adjective)))
      return -1;
    std::size_t end = k;
    if (e->value == "proper" && e->subtype == "media" && (end = national_outlet_end(i, k)) > k) {
      // "وكالة الأنباء اليمنية"، "وكالة الصحافة الفرنسية": what the outlet is, then its country.
    } else if (e->value == "proper") {
      end = k;
      if (is_open_quote(tok(k))) {
        char32_t close = tok(k).form == U"(" ? U')' : tok(k).form[0];
        std::size_t j = k + 1;
        while (j < size() && j < k + 6 && tok(j).is_word && owner_[j] == -1) ++j;
        if (j >= size() || j == k + 1 || tok(j).form[0] != close) return -1;
        // A known name inside the quotes keeps its identity: وكالة "فرانس برس".
        end = j + 1;
      } else {
        // A person's name after an outlet's head noun is the person's outlet, no name of its own: "موقع نافالني".
        if (e->subtype == "media" && tags_()[k] == "B-PERS") return -1;
        // "حزب الرابطة اليميني المتطرف": a describing adjective ends the name.
        // A person the tagger starts ends it too: "حزب العمال محمد الكيلاني" (the party's secretary, named after it).
        while (end < k + 4 && name_like(end) && tok(end).sentence == tok(i).sentence &&
               !(end > k && (lx_.org_descriptors.count(tok(end).form) || possessive_suffix(end) || tags_()[end] == "B-PERS")))
          ++end;
        // An outlet's name in Latin letters needs no support: "قناة TRT التركية"، "صحيفة Le Point".
        bool latin = e->subtype == "media" && end > k;
        for (std::size_t t = k; t < end && latin; ++t)
          latin = tok(t).form[0] < 0x0600 && !(tok(t).form[0] >= U'0' && tok(t).form[0] <= U'9');
        const LexiconEntry* nat = nullptr;
        if (end > k) end += nationality_at(end, &nat);  // "شركة الخطوط التونسية"
        // Unquoted names need support: a following comma for groups ("تجمع فاستقم،") or the tagger.
        bool group = e->subtype == "armed-group" || e->subtype == "political";
        bool delimited = end < size() && !tok(end).is_word && end - k <= 3;  // a comma, quote or full stop
        // A party is named by a definite noun after حزب: "حزب القطب"، "حزب المبادرة" (titles are not name-like).
        bool party = e->subtype == "political" && normalize(to_u32(e->written)) == U"حزب" && end == k + 1 &&
                     starts_with_article(tok(k).form);
        if (!(group && delimited) && !party && !latin && !tagger_marks_entity(k, end)) return -1;
      }
    } else {
      const LexiconEntry* nat = nullptr;
      // A verbal noun in construct with a definite noun: "هيئة مكافحة التمييز"، "لجنة تقصي الحقائق".
      if (name_like(k) && !is_definite(tok(k).form) && k + 1 < size() && tok(k + 1).is_word && owner_[k + 1] == -1 &&
          tok(k + 1).sentence == tok(i).sentence && starts_with_article(tok(k + 1).form) && !lx_.is_function_word(tok(k + 1).form) &&
          tok(k).form[0] != U'و' && tok(k).form[0] != U'ف' && tok(k).form[0] != U'ل' && tok(k).form[0] != U'ب')
        ++end;
      while (end < k + 6 && end < size() && tok(end).is_word && owner_[end] == -1 && tok(end).sentence == tok(i).sentence) {
        if (std::size_t n = nationality_at(end, &nat)) { end += n; break; }
        if (end > k && lx_.org_descriptors.count(tok(end).form)) break;
        if (end > k && construct_complement(end, i)) { end += 2; continue; }
        if (!is_definite(tok(end).form) || lx_.is_function_word(tok(end).form) || definite_given_name_at(end)) break;
        ++end;
      }
    }
    if (end == k) return -1;
    // A site is named without its head noun: "موقع هبة براس" is the site "هبة براس" (news writes "نشر هبة براس").
    if (site_trigger(e)) return add_mention(EntityType::Organization, k, end, 0, "trigger:" + e->subtype, e);
    return add_mention(EntityType::Organization, i, end, off, "trigger:" + e->subtype, e);
  }

  // "موقع": a news site, named without its head noun ("موقع هبة براس" is هبة براس).
  static bool site_trigger(const LexiconEntry* e) { return e->subtype == "media" && normalize(to_u32(e->written)) == U"موقع"; }

  // "الحزب الليبرالي": article + trigger + definite adjectives (nisba -ي/-ية), then definite complements.
  int definite_trigger_org(std::size_t i, std::size_t off, const LexiconEntry* e) {
    std::size_t k = i + 1;
    auto adjective = [&](std::size_t t) {
      if (t >= size() || !tok(t).is_word || owner_[t] != -1 || tok(t).sentence != tok(i).sentence) return false;
      const std::u32string& w = tok(t).form;
      return starts_with_article(w) && !lx_.is_function_word(w) && (w.back() == U'ي' || w.back() == U'ه');
    };
    if (!adjective(k)) return -1;
    std::size_t end = k + 1;
    while (end < k + 4 && end < size() && tok(end).is_word && owner_[end] == -1 && tok(end).sentence == tok(i).sentence &&
           !lx_.org_descriptors.count(tok(end).form)) {
      if (construct_complement(end, i)) {
        end += 2;
        continue;
      }
      // A plural adjective agrees with the ل-noun before it: "النقابة الوطنية للأطباء الاستشفائيين".
      const bool complement_adjective = tok(end - 1).form.rfind(U"لل", 0) == 0 && has_article(end);
      if (!is_definite(tok(end).form) || tok(end).form[0] == U'و' || lx_.is_function_word(tok(end).form) ||
          (overrun_plural(tok(end).form) && !complement_adjective) || definite_given_name_at(end))
        break;
      ++end;
    }
    // The name keeps its article: "الحزب الليبرالي", not "حزب الليبرالي".
    // "للحزب الاشتراكي" (ل + الحزب) is the name "الحزب الاشتراكي", one node with it where the article writes it so;
    // the mention starts at "لل" and is labelled with the article (mention_label).
    const bool lam_article = off >= 2 && tok(i).form.compare(off - 2, 2, U"لل") == 0;
    std::size_t start = off >= 2 && (lam_article || tok(i).form.compare(off - 2, 2, U"ال") == 0) ? off - 2 : off;
    int index = add_mention(EntityType::Organization, i, end, start, "trigger-definite:" + e->subtype, e);
    if (lam_article) {
      std::u32string& key = doc_.mentions[static_cast<std::size_t>(index)].key;
      if (key.rfind(U"لل", 0) == 0) key.replace(0, 2, U"ال");
    }
    return index;
  }

  static bool overrun_plural(const std::u32string& w) { return overrun(w, 0) && w.rfind(U"لل", 0) != 0; }

  // An outlet named by what it is and its country: "وكالة الأنباء اليمنية"، "وكالة الصحافة الفرنسية" (one or
  // two definite nouns after the head noun, then a nationality adjective). The end token, or k if none.
  std::size_t national_outlet_end(std::size_t i, std::size_t k) const {
    std::size_t end = k;
    const LexiconEntry* nat = nullptr;
    while (end < k + 2 && end < size() && tok(end).is_word && owner_[end] == -1 && tok(end).sentence == tok(i).sentence &&
           has_article(end) && !lx_.is_function_word(tok(end).form) && !nationality_at(end, &nat))
      ++end;
    if (end == k || end >= size() || owner_[end] != -1 || tok(end).sentence != tok(i).sentence) return k;
    const std::size_t n = nationality_at(end, &nat);
    return n && nat->subtype != "people" ? end + n : k;
  }

  // A ل-noun in construct with a definite noun continues an organisation's name (two tokens): "اللجنة الوطنية
  // لحقوق الإنسان"، "الجامعة التونسية لوكالات الأسفار". Not a body or a title the name is said to: "قالت اللجنة
  // الوطنية لوكالة الأنباء".
  bool construct_complement(std::size_t t, std::size_t first) {
    if (t + 1 >= size() || !tok(t).is_word || !tok(t + 1).is_word || owner_[t] != -1 || owner_[t + 1] != -1 ||
        tok(t).sentence != tok(first).sentence || tok(t + 1).sentence != tok(first).sentence)
      return false;
    const std::u32string& w = tok(t).form;
    if (w.size() < 4 || w[0] != U'ل' || w[1] == U'ل' || lx_.is_function_word(w) || tags_()[t].find("PERS") != std::string::npos)
      return false;
    const LexiconEntry* e = nullptr;
    if (lx_.org_triggers.match(doc_, t, &e, nullptr) || lx_.titles.match(doc_, t, &e, nullptr)) return false;
    return has_article(t + 1) && !lx_.is_function_word(tok(t + 1).form) && !overrun_plural(tok(t + 1).form);
  }

  // The organisation named before token `before` that the definite noun at j describes: "الحزب" (also "للحزب"،
  // "بالحزب") → the last "حزب ..." or "الحزب ..." named; "المرصد" → "المرصد السوري لحقوق الإنسان". -1 if none.
  int organisation_described_at(std::size_t j, std::size_t before) const {
    if (!tok(j).is_word) return -1;
    for (const auto& r : tok(j).readings) {
      if (!r.has_article || r.stem.size() < 5) continue;
      const std::u32string head = r.stem.substr(2);  // without ال
      const std::u32string definite = r.stem;
      for (std::size_t m = doc_.mentions.size(); m-- > 0;) {
        const Mention& mention = doc_.mentions[m];
        if (mention.type != EntityType::Organization || mention.first_token >= before) continue;
        const bool named = mention.key.rfind(head + U" ", 0) == 0 || mention.key.rfind(definite + U" ", 0) == 0;
        if (named) return static_cast<int>(m);
      }
    }
    return -1;
  }

  // A title with its qualifiers: "وزير الدفاع الروسي"، "المتحدث باسم جماعة نور الدين زنكي"،
  // "رئيس هيئة الأركان العامة للقوات المسلحة الروسية".
  bool read_title(std::size_t i, TitleComplex& t) {
    const LexiconEntry* e = nullptr;
    std::size_t off = 0;
    // The longest title whose words are still free: in "رئيس مجلس النواب" the body may already be
    // a name, and the title is then "رئيس" + that body.
    std::size_t n = lx_.titles.match(doc_, i, &e, &off);
    while (n && !free(i, i + n)) n = n > 1 ? lx_.titles.match(doc_, i, &e, &off, true, n - 1) : 0;
    if (!n) return false;
    t = TitleComplex{i, i + n, off, e->value, e->subtype, e->country, -1};
    std::size_t j = i + n;
    bool in_construct = false;
    for (int step = 0; step < 8 && j < size() && tok(j).is_word && tok(j).sentence == tok(i).sentence; ++step) {
      // "الأسبق"، "السابق"، "بالوكالة": the title's own qualifier.
      if (owner_[j] == -1 && lx_.title_qualifiers.count(tok(j).form)) {
        ++j;
        continue;
      }
      const LexiconEntry* nat = nullptr;
      // An adjective agrees in definiteness with a definite title: in "العقيد تركي المالكي" the bare "تركي" is a
      // name, not "Turkish" ("العقيد التركي" would be).
      const bool definite_title = starts_with_article(tok(i).form.substr(t.stem_offset)) || tok(i).form.rfind(U"لل", 0) == 0;
      if (std::size_t k = nationality_at(j, &nat); k && t.country.empty() && !(definite_title && !is_definite(tok(j).form))) {
        t.country = nat->country;
        j += k;
        continue;
      }
      // The body or country the title belongs to: "المتحدث باسم جماعة ..."، "رئيس باراغواي"، "رئيس مجلس النواب".
      if (t.complement != "none" && t.tail_mention < 0 && (t.complement == "org" || t.country.empty())) {
        // After a construct noun a place is its complement, not the title's body: "مديرة قسم الشرق الأوسط".
        if (int m = organisation_at(j); m >= 0) {
          if (!in_construct || doc_.mentions[static_cast<std::size_t>(m)].type != EntityType::Place) t.tail_mention = m;
          j = doc_.mentions[static_cast<std::size_t>(m)].end_token;
          continue;
        }
      }
      // The body's own body with ل: "أمين سر اللجنة التنفيذية لمنظمة التحرير الفلسطينية" (the title's body stays
      // the committee).
      if (t.tail_mention >= 0 && tok(j).form.size() > 3 && tok(j).form[0] == U'ل') {
        if (int m = organisation_at(j); m >= 0) {
          j = doc_.mentions[static_cast<std::size_t>(m)].end_token;
          continue;
        }
      }
      // Once the title has its country or body, another title word opens a second title: "نائب الرئيس المصري
      // السابق الرئيس الأسبق للوكالة الدولية للطاقة الذرية".
      const LexiconEntry* next_title = nullptr;
      if ((!t.country.empty() || t.tail_mention >= 0) && lx_.titles.match(doc_, j, &next_title, nullptr, false)) break;
      // A definite head noun standing for an organisation named before: "مدير المرصد"، "القيادي بالحزب"،
      // "رئيس المكتب السياسي للحزب" belong to the observatory or party the article named.
      if (t.complement != "none" && t.tail_mention < 0 && t.country.empty() && owner_[j] == -1) {
        if (int m = organisation_described_at(j, i); m >= 0) {
          t.tail_mention = m;
          ++j;
          continue;
        }
      }
      if (definite_given_name_at(j)) break;  // "رئيس الحكومة الحبيب الصيد": the name begins
      // Before the body, a noun in construct with the definite word after it: "قائد قوات الاحتياط"، "مديرة قسم
      // الشرق الأوسط" (after it a name begins: "المتحدث باسم الجيش المصري تامر الرفاعي").
      if (t.complement != "none" && t.tail_mention < 0 && t.country.empty() && construct_noun_at(j)) {
        in_construct = true;
        ++j;
        continue;
      }
      if (owner_[j] == -1 && is_definite(tok(j).form) && !hamza_initial(j) && !lx_.is_function_word(tok(j).form) &&
          t.complement != "none") {
        ++j;
        continue;
      }
      // "المفوض السامي لحقوق الإنسان في الأمم المتحدة": a ل-complement, and في + the organisation.
      if (t.complement != "none" && owner_[j] == -1 && tok(j).form.size() > 4 && tok(j).form[0] == U'ل' &&
          !lx_.is_function_word(tok(j).form) && tags_()[j].find("PERS") == std::string::npos) {
        ++j;
        continue;
      }
      // An office of state may name its body with في too: "وزيرة الأسرة في الحكومة الألمانية".
      if (t.complement != "none" && t.tail_mention < 0 && t.country.empty() && tok(j).form == U"في" && j + 1 < size()) {
        if (int m = organisation_at(j + 1); m >= 0) {
          t.tail_mention = m;
          j = doc_.mentions[static_cast<std::size_t>(m)].end_token;
          continue;
        }
      }
      // Where a representative of a body or country sits: "مندوبة إسرائيل في مجلس الأمم المتحدة لحقوق الإنسان"،
      // "السفير البريطاني في مصر"، "السفيرة البريطانية لدى الأمم المتحدة" (the name follows). The posting is a
      // second affiliation of the same role.
      if ((t.tail_mention >= 0 || !t.country.empty()) && t.post_mention < 0 &&
          (tok(j).form == U"في" || tok(j).form == U"لدي") && j + 1 < size() && tok(j + 1).sentence == tok(i).sentence) {
        if (int m = organisation_at(j + 1); m >= 0) {
          t.post_mention = m;
          j = doc_.mentions[static_cast<std::size_t>(m)].end_token;
          continue;
        }
        if (t.tail_mention < 0) break;
        if (owner_[j + 1] == -1 && has_article(j + 1) && !lx_.is_function_word(tok(j + 1).form)) {
          j += 2;
          continue;
        }
      }
      break;
    }
    t.end = j;
    return true;
  }

  void bind(int person, const TitleComplex& t) {
    for (std::size_t k = t.first; k < t.end; ++k)
      if (owner_[k] == -1) owner_[k] = -2;
    bindings.push_back({static_cast<std::size_t>(person), t});
  }

  // 2. Title + (qualifiers) + [،] + [honorific] + NAME.
  void title_pass() {
    for (std::size_t i = 0; i < size(); ++i) {
      TitleComplex t;
      if (owner_[i] != -1 || !read_title(i, t)) continue;
      std::size_t k = t.end;
      bool comma = k < size() && is_comma(tok(k));
      if (comma) ++k;
      for (int segment = 0; segment < 3 && k < size(); ++segment) {
        TitleComplex honorific;
        if (read_title(k, honorific) && honorific.complement == "none") k = honorific.end;
        // A name the lexicons already know: "الرئيس الروسي، فلاديمير بوتين،". Not behind ل or ب: "الطبيب السابق
        // لدونالد ترامب" is the doctor of Trump, not Trump.
        if (k < size() && owner_[k] >= 0 && doc_.mentions[static_cast<std::size_t>(owner_[k])].type == EntityType::Person &&
            doc_.mentions[static_cast<std::size_t>(owner_[k])].first_token == k) {
          const Mention& known = doc_.mentions[static_cast<std::size_t>(owner_[k])];
          const char32_t first = tok(k).form[0];
          if (known.span.start == tok(k).span.start || (first != U'ل' && first != U'ب')) bind(owner_[k], t);
          break;
        }
        std::size_t n = read_person_name(k);
        // A trailing definite word the tagger does not see as a name is the object: drop it.
        // (A nisba family name ends in ي and stays: "نور الدين الطبوبي".)
        if (n >= 3 && starts_with_article(tok(k + n - 1).form) && tags_()[k + n - 1] == "O" &&
            tok(k + n - 1).form.back() != U'ي')
          --n;
        if (n && (ends_name(k + n) || name_ends_before_object(k + n) || opens_content(k + n) ||
                  (k + n < size() && is_comma(tok(k + n))) || coordinated_title(k + n) || preposition_with_article(k + n) ||
                  (n >= 3 && is_patronymic_link(tok(k + n - 2).form)) ||  // "... بن علي" ends where the lineage does
                  (coordinated_word(k + n) && tags_()[k + n - 1].ends_with("PERS")))) {
          // One word after a title is rarely a name the lexicons do not know: "الرئيس وحزبه"، "سيدة أخرى"،
          // "المرشح الرئاسي الجمهوري آنذاك". It stands when the tagger reads it as a person.
          bool lone_word = n == 1 && !tags_()[k].ends_with("PERS");
          // A title complete with its body or country, then two or three words up to a function word, a verb
          // of speech or a preposition's object: "أمين سر اللجنة التنفيذية لمنظمة التحرير الفلسطينية صائب عريقات
          // في بيان"، "وندد المتحدث باسم الجيش المصري تامر الرفاعي بالتقرير".
          // Not ordinary words the tagger's dictionary knows: "بسحب قوات"، "لمدة تراوحت"، "بطريقة توافقية".
          bool after_full_title = k == t.end && n >= 2 && n <= 3 && (t.tail_mention >= 0 || !t.country.empty()) &&
                                  (ends_name(k + n) || preposition_with_article(k + n)) && k + n < size() &&
                                  tok(k + n).is_word && not_ordinary_words(k, k + n);
          // Between commas a name stands on its own, unless it opens with an ordinary word behind the conjunction و
          // or holds a function word: "الصحفي السعودي، ومعرفة مصيره،"، "أعوان الحراسة، مما اضطرهم".
          bool ordinary = ordinary_word_behind_conjunction(k);
          for (std::size_t w = k; w < k + n && !ordinary; ++w) ordinary = lx_.is_function_word(tok(w).form);
          // Anywhere, an ordinary word behind ل is no part of a name: "لبحث العملية"، "ترمب لعقد".
          bool ordinary_word = false;
          for (std::size_t w = k; w < k + n && !ordinary_word; ++w) ordinary_word = ordinary_behind_lam(w);
          if (!lone_word && !(comma && ordinary) && !ordinary_word &&
              (confirmed_person(k, k + n, comma) || coordinated_title(k + n) || after_full_title)) {
            int m = add_mention(EntityType::Person, k, k + n, 0, "title-apposition");
            bind(m, t);
          }
          break;
        }
        // Skip a descriptive segment between commas: "، أحد أكبر الفصائل المقاتلة في حلب، ملحم العكيدي"
        // (never one holding a verb of speech or another title: that is a new clause).
        if (!comma) break;
        std::size_t j = k;
        bool clause = false;
        while (j < size() && j < k + 12 && !is_comma(tok(j)) && tok(j).sentence == tok(k).sentence) {
          const LexiconEntry* e = nullptr;
          clause = clause || !tok(j).is_word || is_cue(j) || lx_.titles.match(doc_, j, &e);
          ++j;
        }
        if (clause || j >= size() || !is_comma(tok(j))) break;
        k = j + 1;
      }
      i = std::max(i, t.first);
    }
  }

  // "... نعيمة الهمامي ورئيسة الاتحاد": a word joined by و/ف after a name (read_person_name stops there
  // unless the tagger continues the name), and the case where it opens another title. A name ends before
  // such a title, or before any such word when the tagger ends the name there ("وداد بوشماوي وممثلي").
  bool coordinated_word(std::size_t i) const {
    return i < size() && tok(i).is_word && tok(i).form.size() > 3 && (tok(i).form[0] == U'و' || tok(i).form[0] == U'ف') &&
           tok(i).sentence == tok(i - 1).sentence;
  }
  // "افيفا راز شيختر بالجلسة": a preposition with the article (بال، لل، كال) never continues a name.
  bool preposition_with_article(std::size_t i) const {
    return i < size() && tok(i).is_word && is_definite(tok(i).form) && !starts_with_article(tok(i).form) &&
           tok(i).form[0] != U'و';
  }
  bool coordinated_title(std::size_t i) const {
    const LexiconEntry* e = nullptr;
    return coordinated_word(i) && lx_.titles.match(doc_, i, &e) > 0;
  }

  // An ordinary noun with an attached pronoun ("ثقته"، "رفضه") the training data has seen outside names.
  bool object_noun_with_pronoun(std::size_t i) const {
    const NerTagger* tagger = NerTagger::default_model();
    return ordinary_noun_with_pronoun(doc_, tok(i)) && tag_count(tagger->training_counts(tok(i).form), "O") > 0;
  }

  // An ordinary indefinite noun (in the tagger's dictionary as written; in its training data never a given name and
  // mostly outside names) followed by a definite word or a name in the same sentence: the first noun of a construct,
  // "قوات" in "قائد قوات الاحتياط". Not a given name ("بشار الأسد").
  bool construct_noun_at(std::size_t j) {
    if (j + 1 >= size() || owner_[j] != -1 || !tok(j).is_word || is_definite(tok(j).form) || tags_()[j] != "O" ||
        lx_.is_function_word(tok(j).form) || tok(j + 1).sentence != tok(j).sentence || !tok(j + 1).is_word)
      return false;
    if (!has_article(j + 1) && owner_[j + 1] < 0) return false;
    const NerTagger* tagger = NerTagger::default_model();
    if (!tagger || tagger->dictionary_status(tok(j).form) != 3) return false;
    const auto counts = tagger->training_counts(tok(j).form);
    const int ordinary = tag_count(counts, "O");
    return ordinary > 0 && tag_count(counts, "B-PERS") == 0 && 4 * tag_count(counts, "I-PERS") < ordinary;
  }

  // The word is an ordinary word behind the conjunction و ("ومعرفة"، "وبإشراف"), by the tagger's dictionary, and
  // never began a person's name in its training data (not "فاليري"، "وليد").
  bool ordinary_word_behind_conjunction(std::size_t k) const {
    const NerTagger* tagger = NerTagger::default_model();
    const std::u32string& w = tok(k).form;
    return tagger && w.size() > 3 && w[0] == U'و' && tagger->dictionary_status(w) == 2 &&
           tag_count(tagger->training_counts(w), "B-PERS") == 0;
  }

  // No word of the span is an ordinary word behind a conjunction or preposition ("بسحب قوات"، "وتستدعي
  // سفيرها"، "لمدة تراوحت"): a test for a name no lexicon or tagger vouches for. False without the tagger's
  // dictionary.
  bool not_ordinary_words(std::size_t first, std::size_t end) const {
    const NerTagger* tagger = NerTagger::default_model();
    if (!tagger) return false;
    for (std::size_t k = first; k < end; ++k)
      if (int status = tagger->dictionary_status(tok(k).form); status == 0 || status == 2) return false;
    return true;
  }

  // A rule-found name is kept when it stands in apposition (between commas) or the tagger agrees.
  bool confirmed_person(std::size_t first, std::size_t end, bool apposition) {
    if (apposition) return true;
    // A given name the lexicon knows, and a family name: "الشاذلي العياري".
    if (end > first + 1 && lx_.definite_given_names.count(tok(first).form)) return true;
    // A comma, dash or bracket closes the name: "للجنرال ألفريدو ستروسنر (1954-1989)".
    if (end < size() && (is_comma(tok(end)) || tok(end).form == U"-" || tok(end).form == U"(" || opens_content(end))) return true;
    // "وزير الدفاع الروسي سيرجي شويجو قد أعلن": the name is the subject of the verb after قد / لم / لن.
    if (end + 1 < size() && tok(end + 1).sentence == tok(end).sentence && after_verb_particle(end + 1)) return true;
    const auto& tags = tags_();
    for (std::size_t i = first; i < end; ++i)
      if (tags[i].size() > 2 && tags[i].substr(2) == "PERS") return true;
    return false;
  }

  bool tagger_marks_entity(std::size_t first, std::size_t end) {
    const auto& tags = tags_();
    for (std::size_t i = first; i < end; ++i)
      if (tags[i] != "O" && tags[i].substr(2) != "MISC") return true;
    return false;
  }

  const std::vector<std::string>& tags_() {
    if (tags_cache_.empty() && !doc_.tokens.empty()) tags_cache_ = tag_document(doc_);
    return tags_cache_;
  }
  std::vector<std::string> tags_cache_;

  // What reported speech starts with: a quotation mark, a colon, or إن/أن ("وقال البرادعي إن").
  bool opens_content(std::size_t i) const {
    if (i >= size()) return false;
    const std::u32string& w = tok(i).form;
    // "اتهم ... بيل كلينتون بأنه تجاهل": بأن/بأنه introduce what is said or claimed, like أن.
    return w == U"\"" || w == U":" || w == U"ان" || w == U"انه" || w == U"انها" || w == U"بان" || w == U"بانه" ||
           w == U"بانها" || w == U"بانهم";
  }

  // Content right away, or a quotation after a prepositional phrase: "وقال نتنياهو على حسابه على موقع تويتر "...""
  bool content_follows(std::size_t i) const {
    if (opens_content(i)) return true;
    // A comma before what was said: "وقال اليعقوبي، إنه ...".
    if (i + 1 < size() && is_comma(tok(i)) && opens_content(i + 1)) return true;
    auto quotation = [&](std::size_t j) { return tok(j).form == U"\"" || tok(j).form == U":"; };
    static const std::u32string prepositions[] = {U"في", U"علي", U"خلال", U"عبر", U"امام", U"لدي", U"اثناء", U"بعد"};
    if (i >= size() || std::find(std::begin(prepositions), std::end(prepositions), tok(i).form) == std::end(prepositions))
      return false;
    for (std::size_t j = i + 1; j < size() && j < i + 9 && tok(j).sentence == tok(i).sentence; ++j) {
      if (quotation(j)) return true;
      if (opens_content(j)) return false;
      if (is_cue(j) || (!tok(j).is_word && !is_comma(tok(j)))) return false;
    }
    return false;
  }

  // 3b. The subject of a speech verb, between the verb and what was said: "وقال البرادعي إن"،
  //     "وقالت ماي: ...". A person unless the lexicons know the name (run after them).
  void cue_subject_pass() {
    for (std::size_t i = 0; i + 2 < size(); ++i) {
      if (!tok(i).is_word || !is_cue_verb(i)) continue;
      std::size_t k = i + 1;
      std::size_t n = read_person_name(k);
      // A family name alone, in its nisba form: "وقال البرادعي إن".
      if (!n && name_like(k) && starts_with_article(tok(k).form) && tok(k).form.back() == U'ي' && tok(k).form.size() >= 6)
        n = 1;
      // The name is followed by what was said, or by a title in apposition: "وقال مايكل كوهين محامي ترامب إن".
      const LexiconEntry* apposed = nullptr;
      if (!n || n > 3 || !(content_follows(k + n) || (n >= 2 && lx_.titles.match(doc_, k + n, &apposed, nullptr, false))))
        continue;
      // One word that is not a family name in its nisba form is a name only when the tagger reads it as one:
      // "وأضافت نتوقع أن"، "ويقول منتقدون إن"، "وقال متهكما" are not persons.
      if (n == 1 && !(starts_with_article(tok(k).form) && tok(k).form.back() == U'ي') && !tags_()[k].ends_with("PERS") &&
          !spells_a_named_person(k))
        continue;
      // Not a preposition + definite noun ("بالقول"، "للمجلس"), not a verbal noun with ل ("لإرسال").
      const std::u32string& head = tok(k).form;
      if (head.size() < 3 || head.rfind(U"لا", 0) == 0) continue;
      if (head.size() > 3 && (head[0] == U'ب' || head[0] == U'ل' || head[0] == U'ك') && head[1] == U'ا' && head[2] == U'ل') continue;
      if (head.rfind(U"لل", 0) == 0) continue;
      bool generic = false;
      for (std::size_t t = k; t < k + n; ++t) {
        std::u32string w = tok(t).form;
        if (w.size() > 3 && (w[0] == U'و' || w[0] == U'ف') && lx_.non_names.count(w.substr(1))) generic = true;
        generic = generic || lx_.non_names.count(w);
      }
      if (generic) continue;
      // The object after the subject, an ordinary noun with the subject's pronoun, is no part of the name:
      // "وأبدى هادي ثقته بأن"، "وجدد الوزير رفضه".
      if (n >= 2 && object_noun_with_pronoun(k + n - 1) && --n == 1 && !tags_()[k].ends_with("PERS") && !spells_a_named_person(k))
        continue;
      add_mention(EntityType::Person, k, k + n, 0, "cue-subject");
    }
  }

  // Whether the word at k is a word of a person already named, spelt the same or one letter apart ("نتياهو" for
  // "نتنياهو"), so that a misspelt surname after a verb of speech is still a name.
  bool spells_a_named_person(std::size_t k) const {
    const std::u32string& w = tok(k).form;
    if (w.size() < 5) return false;
    for (const Mention& m : doc_.mentions) {
      if (m.type != EntityType::Person) continue;
      for (const auto& part : split_words(m.key))
        if (part.size() >= 5 && (part == w || one_edit_apart(part, w) || transliteration_variant(part, w))) return true;
    }
    return false;
  }

  // 3. Organisation triggers anywhere.
  void trigger_pass() {
    for (std::size_t i = 0; i < size(); ++i)
      if (owner_[i] == -1) trigger_org_at(i);
  }

  // 4. "NAME، TITLE": the name stands between a cue (or sentence start / punctuation) and a comma.
  void post_title_pass() {
    for (std::size_t c = 1; c + 1 < size(); ++c) {
      if (!is_comma(tok(c))) continue;
      TitleComplex t;
      if (owner_[c + 1] != -1 || !read_title(c + 1, t)) continue;
      if (owner_[c - 1] >= 0 && doc_.mentions[static_cast<std::size_t>(owner_[c - 1])].type == EntityType::Person) {
        bind(owner_[c - 1], t);  // a known name: "ترامب، الرئيس الأمريكي،"
        bind_second_title(owner_[c - 1], t);
        continue;
      }
      std::size_t first = c;
      while (first > 0 && c - first < 3 && name_like(first - 1) && tok(first - 1).sentence == tok(c).sentence) --first;
      while (first < c && starts_with_article(tok(first).form)) ++first;
      if (first == c) continue;
      // The name starts where the tagger starts it: "استبعد روبرت باير، محلل CNN" (a verb before the name).
      const std::size_t tagged = tagged_name_start(first, c);
      const bool tagged_start = tagged != first;
      first = tagged;
      bool after_cue = first > 0 && (is_cue(first - 1) || !tok(first - 1).is_word);
      if (!after_cue && !tagged_start && first > 0 && tok(first - 1).sentence == tok(c).sentence) continue;
      int m = add_mention(EntityType::Person, first, c, 0, "post-title");
      bind(m, t);
      bind_second_title(m, t);
    }
  }

  // A second title right after a person's title, when it names its organisation: "محمد البرادعي، نائب الرئيس
  // المصري السابق الرئيس الأسبق للوكالة الدولية للطاقة الذرية" (read_title stops the first at the second).
  void bind_second_title(int person, const TitleComplex& first) {
    TitleComplex second;
    if (first.end < size() && owner_[first.end] == -1 && tok(first.end).sentence == tok(first.first).sentence &&
        read_title(first.end, second) && second.complement != "none" && second.tail_mention >= 0)
      bind(person, second);
  }

  // The tagger continues a name from the free, name-like word before i: "بيل كلينتون" (not "بأن كوهين").
  bool continues_tagged_name(std::size_t i) {
    return i > 0 && tags_()[i] == "I-PERS" && name_like(i - 1) && !opens_content(i - 1) &&
           tok(i - 1).sentence == tok(i).sentence;
  }

  // 5. Later mentions of persons already found: full name or surname, also in another spelling.
  void propagate_persons() {
    // Each person name once, in order of first mention (a name mentioned five times decides alike five times).
    std::vector<std::vector<std::u32string>> names;
    for (const auto& m : doc_.mentions) {
      if (m.type != EntityType::Person) continue;
      std::vector<std::u32string> parts;
      std::size_t s = 0;
      for (std::size_t p = 0; p <= m.key.size(); ++p)
        if (p == m.key.size() || m.key[p] == U' ') { parts.push_back(m.key.substr(s, p - s)); s = p + 1; }
      if (std::find(names.begin(), names.end(), parts) == names.end()) names.push_back(std::move(parts));
    }
    // Every word is compared with every name: both sides are prepared once (letter classes, skeleton).
    std::vector<std::vector<VariantKey>> name_keys;
    for (const auto& parts : names) name_keys.emplace_back(parts.begin(), parts.end());
    std::vector<std::optional<VariantKey>> form_keys(size());
    auto form_key = [&](std::size_t t) -> const VariantKey& {
      if (!form_keys[t]) form_keys[t].emplace(tok(t).form);
      return *form_keys[t];
    };
    // A word can only begin a name whose first or last word it is a variant of (transliteration_variant
    // compares the word, its letter classes or its skeleton), or be the "بن" of one: the names are indexed
    // by those three keys, and a word is tested against its candidates only, in the same order.
    using NameIndex = std::unordered_map<std::u32string, std::vector<std::size_t>, U32Hash, std::equal_to<>>;
    NameIndex by_word, by_classes, by_skeleton;
    std::vector<std::size_t> with_link;  // names with a "بن" inside
    for (std::size_t n = 0; n < names.size(); ++n) {
      for (const VariantKey* k : {&name_keys[n].front(), &name_keys[n].back()}) {
        by_word[k->word].push_back(n);
        if (k->word.size() >= 4) by_classes[k->classes].push_back(n);
        if (k->skeleton_decides) by_skeleton[k->skeleton].push_back(n);
      }
      for (std::size_t from = 1; from + 1 < names[n].size(); ++from)
        if (is_patronymic_link(names[n][from])) {
          with_link.push_back(n);
          break;
        }
    }
    std::vector<std::size_t> candidates;
    auto add_candidates = [&](const NameIndex& index, std::u32string_view key) {
      if (auto it = index.find(key); it != index.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    };
    for (std::size_t i = 0; i < size(); ++i) {
      if (owner_[i] != -1 || !tok(i).is_word) continue;
      std::size_t best_len = 0, best_off = 0;
      for (const auto& reading : tok(i).readings) {
        if (reading.prefix.size() > 0 && reading.has_article != starts_with_article(reading.stem)) continue;
        const VariantKey stem(reading.stem);
        candidates.clear();
        add_candidates(by_word, stem.word);
        if (stem.word.size() >= 4) add_candidates(by_classes, stem.classes);
        if (stem.skeleton_decides) add_candidates(by_skeleton, stem.skeleton);
        if (reading.prefix.empty() && is_patronymic_link(reading.stem))
          candidates.insert(candidates.end(), with_link.begin(), with_link.end());
        std::sort(candidates.begin(), candidates.end());
        candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
        for (std::size_t n : candidates) {
          const auto& parts = names[n];
          const auto& keys = name_keys[n];
          // Full name.
          if (parts.size() >= 2 && i + parts.size() <= size() && transliteration_variant(stem, keys[0])) {
            bool all = true;
            for (std::size_t k = 1; k < parts.size() && all; ++k)
              all = owner_[i + k] == -1 && tok(i + k).is_word && transliteration_variant(form_key(i + k), keys[k]);
            if (all && parts.size() > best_len) { best_len = parts.size(); best_off = reading.prefix.size(); }
          }
          // The name from its "بن" on: "بن رعد الحسين" in "زيد بن رعد الحسين", "بن رمضان" in "المنصف بن رمضان".
          for (std::size_t from = 1; from + 1 < parts.size(); ++from) {
            if (!is_patronymic_link(parts[from]) || reading.stem != parts[from] || reading.prefix.size() > 0) continue;
            std::size_t len = parts.size() - from;
            bool all = i + len <= size();
            for (std::size_t k = 1; k < len && all; ++k)
              all = owner_[i + k] == -1 && tok(i + k).is_word && transliteration_variant(form_key(i + k), keys[from + k]);
            if (all && len > best_len) { best_len = len; best_off = 0; }
          }
          // Surname alone (at least three letters); not the word after "بن": "رمضان" is not "المنصف بن رمضان".
          // Nor a word the tagger reads as the end of another name: "بيل كلينتون" beside "هيلاري كلينتون".
          if (parts.size() >= 2 && parts.back().size() >= 3 && !is_patronymic_link(parts[parts.size() - 2]) &&
              transliteration_variant(stem, keys.back()) && best_len == 0 && !continues_tagged_name(i)) {
            best_len = 1;
            best_off = reading.prefix.size();
          }
        }
      }
      if (best_len) {
        add_mention(EntityType::Person, i, i + best_len, best_off, "known-name");
        i += best_len - 1;
      }
    }
  }

  // 9. A country whose name is also a capital's: "العاصمة تونس"، "ولاية تونس"، "تونس العاصمة" are the city of
  //    Tunis, "تونس" alone the country. "عمان" is Oman, but Amman in a story that names Jordan (and not "سلطنة عمان").
  void capital_homographs() {
    struct Homograph { std::u32string name; std::string group, city_en, city_country; };
    static const Homograph homographs[] = {{normalize(U"تونس"), "place:TN", "Tunis", "TN"},
                                           {normalize(U"الجزائر"), "place:DZ", "Algiers", "DZ"},
                                           {normalize(U"الكويت"), "place:KW", "Kuwait City", "KW"},
                                           {normalize(U"عمان"), "place:OM", "Amman", "JO"}};
    static const std::u32string city_words[] = {normalize(U"العاصمة"), normalize(U"مدينة"), normalize(U"ولاية"),
                                                normalize(U"بلدية"), normalize(U"عاصمة")};
    auto city_word = [&](std::size_t t) {
      if (t >= size() || !tok(t).is_word) return false;
      for (const auto& r : tok(t).readings)
        for (const auto& w : city_words)
          if (r.stem == w) return true;
      return std::find(std::begin(city_words), std::end(city_words), tok(t).form) != std::end(city_words);
    };
    int jordan = -1;  // looked up at the first عمان only
    auto story_names_jordan = [&] {
      for (const Mention& m : doc_.mentions)
        if (m.group == "place:JO") return true;
      for (std::size_t t = 0; t < size(); ++t) {
        const LexiconEntry* nat = nullptr;
        if (tok(t).is_word && nationality_at(t, &nat) && nat->country == "JO") return true;
      }
      return false;
    };
    static const std::u32string sultanate = normalize(U"سلطنة");
    for (Mention& m : doc_.mentions) {
      if (m.type != EntityType::Place || m.subtype != "country") continue;
      for (const Homograph& h : homographs) {
        if (m.group != h.group || m.key != h.name) continue;
        bool city = (m.first_token > 0 && city_word(m.first_token - 1)) || city_word(m.end_token);
        if (h.group != "place:" + h.city_country) {  // عمان: Amman in a story about Jordan, not after سلطنة
          if (jordan < 0) jordan = story_names_jordan();
          city = jordan && !(m.first_token > 0 && tok(m.first_token - 1).form.ends_with(sultanate));
        }
        if (!city) continue;
        m.group = std::string("place:") + h.city_en;
        m.subtype = "city";
        m.country = h.city_country;
        m.label_en = h.city_en;
        m.latitude.clear();
        m.longitude.clear();
      }
    }
  }

  // A president's administration is an organisation named after him: "إدارة ترامب" (the person named alone elsewhere
  // stays a person).
  void administration_pass() {
    for (std::size_t i = 0; i + 1 < size(); ++i) {
      if (owner_[i] != -1 || !tok(i).is_word || tok(i + 1).sentence != tok(i).sentence) continue;
      const CliticReading* head = nullptr;  // "إدارة"، "وإدارة"، "لإدارة"
      for (const auto& r : tok(i).readings)
        if (!r.has_article && r.stem == U"اداره") head = &r;
      if (!head) continue;
      const std::size_t off = head->prefix.size();
      if (owner_[i + 1] == -1) {  // a person the lexicon knows, not yet claimed (a word before a surname is a given name)
        const LexiconEntry* e = nullptr;
        const std::size_t n = lx_.names.match(doc_, i + 1, &e, nullptr, false);
        if (n && e->kind == "person" && free(i + 1, i + 1 + n)) {
          Mention& m = doc_.mentions[static_cast<std::size_t>(add_mention(EntityType::Organization, i, i + 1 + n, off, "administration"))];
          m.subtype = "government";
          m.label_en = "Administration of " + e->label_en;  // one identity for "إدارة ترامب" and "إدارة ترمب"
          m.group = "org:" + m.label_en;
          // The article's "الإدارة الأمريكية" is the same administration.
          const std::string national = "actor:administration:" + e->country;
          for (const Mention& other : doc_.mentions)
            if (!e->country.empty() && other.group == national) {
              m.group = national;
              m.country = e->country;
              break;
            }
        }
        continue;
      }
      if (owner_[i + 1] < 0) continue;
      Mention& m = doc_.mentions[static_cast<std::size_t>(owner_[i + 1])];
      if (m.type != EntityType::Person || m.first_token != i + 1) continue;
      m.type = EntityType::Organization;
      m.subtype = "government";
      m.rule = "administration";
      m.group.clear();
      m.label_en.clear();
      m.country.clear();
      m.key = U"اداره " + m.key;
      m.span = doc_.text.to_original(tok(i).nstart + off, tok(m.end_token - 1).nend);
      m.text = doc_.text.slice_utf8(m.span);
      m.first_token = i;
      owner_[i] = owner_[i + 1];
    }
  }

  // 10. A facility or district named after a place is a place of its own: "مطار صنعاء الدولي" is not صنعاء,
  //     "مخيم اليرموك"، "معبر نصيب"، "ريف دمشق"، "سجن عوفر العسكري". The head noun opens it before a place
  //     the passes found or a name the tagger marks; its describing adjectives close it ("الدولي"، "الجوية").
  void facility_pass() {
    static const WordSet heads = normalised_words({"مطار", "ميناء", "معبر", "مخيم", "سجن", "محطة", "متحف", "مضيق", "قاعدة",
                                                   "ريف", "حي", "نفق", "جسر", "مستشفى", "ساحة", "شارع", "فندق", "دول"});
    static const WordSet adjectives = normalised_words({"الدولي", "الجوية", "الجوي", "العسكري", "العسكرية", "البحرية",
                                                        "البحري", "الحدودي", "المركزي", "الكبير", "الغربي", "الشرقي",
                                                        "الشمالي", "الجنوبي"});
    const auto& tags = tags_();
    for (std::size_t i = 0; i + 1 < size(); ++i) {
      if (owner_[i] != -1 || !tok(i).is_word || tok(i + 1).sentence != tok(i).sentence) continue;
      std::size_t clitics = 0;
      bool head = false, countries = false;  // "دول" heads a region of countries only with a place or the tagger
      for (const auto& r : tok(i).readings)
        if (!r.has_article && heads.count(r.stem)) { head = true; clitics = r.prefix.size(); countries = r.stem == U"دول"; }
      if (!head) continue;
      std::size_t end = i + 1;
      int inner = owner_[i + 1];
      if (inner >= 0) {
        const Mention& m = doc_.mentions[static_cast<std::size_t>(inner)];
        if (m.first_token != i + 1 || m.type != EntityType::Place) continue;
        end = m.end_token;
      } else {
        // A name only the tagger sees: "مخيم البقعة"، "مطار معيتيقة"; or words no dictionary knows as ordinary
        // words: "مطار التيفور"، "سجن عوفر" (not "قاعدة معلومات"، "مخيم اللاجئين"، "سجن صحفيين").
        while (end < size() && end < i + 4 && owner_[end] == -1 && tok(end).is_word && tags[end].size() > 2 &&
               tags[end].substr(2) != "MISC" && tok(end).sentence == tok(i).sentence)
          ++end;
        if (end == i + 1 && !countries)
          while (end < size() && end < i + 4 && tok(end).sentence == tok(i).sentence && unknown_name_word(end)) ++end;
        if (end == i + 1) continue;
      }
      const std::size_t name_end = end;
      while (end < size() && owner_[end] == -1 && tok(end).is_word && tok(end).sentence == tok(i).sentence &&
             adjectives.count(tok(end).form))
        ++end;
      Mention facility;
      facility.type = EntityType::Place;
      facility.rule = "facility";
      facility.subtype = "facility";
      facility.first_token = i;
      facility.end_token = end;
      facility.span = doc_.text.to_original(tok(i).nstart + clitics, tok(end - 1).nend);
      facility.text = doc_.text.slice_utf8(facility.span);
      for (std::size_t t = i; t < end; ++t)
        if (tok(t).is_word) facility.key += (facility.key.empty() ? U"" : U" ") + (t == i ? tok(t).form.substr(clitics) : tok(t).form);
      if (inner >= 0) facility.country = doc_.mentions[static_cast<std::size_t>(inner)].country;
      // One facility per name in the article, with or without its adjectives ("مطار التيفور العسكري"، "مطار التيفور").
      std::u32string name = tok(i).form.substr(clitics);
      for (std::size_t t = i + 1; t < name_end; ++t)
        if (tok(t).is_word) name += U" " + tok(t).form;
      facility.group = "facility:" + encode_utf8(name);
      int index = inner >= 0 ? inner : static_cast<int>(doc_.mentions.size());
      if (inner >= 0) doc_.mentions[static_cast<std::size_t>(inner)] = std::move(facility);
      else doc_.mentions.push_back(std::move(facility));
      for (std::size_t t = i; t < end; ++t) owner_[t] = index;
      i = end - 1;
    }
  }

  // A free name-like word the tagger's general-language dictionary does not know, or its training data saw in
  // names more often than outside them: "التيفور"، "عوفر"، "مونبارناس".
  bool unknown_name_word(std::size_t k) const {
    const NerTagger* tagger = NerTagger::default_model();
    if (!tagger || k >= size() || owner_[k] != -1 || !name_like(k)) return false;
    const std::u32string& w = tok(k).form;
    if (tagger->dictionary_status(w) == 1 &&
        !(starts_with_article(w) && w.size() >= 5 && tagger->dictionary_status(w.substr(2)) != 1))
      return true;
    const auto counts = tagger->training_counts(w);
    int in_names = 0;
    for (const char* tag : {"B-LOC", "I-LOC", "B-ORG", "B-PERS", "I-PERS"}) in_names += tag_count(counts, tag);
    return in_names > tag_count(counts, "O");
  }

  // 8. A title right after a person found by any pass: "هوراسيو كارتيس رئيس باراغواي"،
  //    "أوغو فيلاسكيز، رئيس مجلس النواب".
  void trailing_title_pass() {
    for (std::size_t m = 0; m < doc_.mentions.size(); ++m) {
      if (doc_.mentions[m].type != EntityType::Person) continue;
      std::size_t k = doc_.mentions[m].end_token;
      if (k < size() && is_comma(tok(k))) ++k;
      if (k >= size() || tok(k).sentence != tok(doc_.mentions[m].first_token).sentence) continue;
      bool already = false;
      for (const auto& b : bindings) already |= b.person_mention == m;
      TitleComplex t;
      if (owner_[k] != -1 || !read_title(k, t) || t.complement == "none") continue;
      if (t.tail_mention < 0 && t.country.empty()) continue;
      // A person introduced by one title may hold a second one named after the name, when it names its
      // organisation: "وزير الداخلية الإيطالي ماتيو سالفيني زعيم حزب الرابطة".
      if (!already || t.tail_mention >= 0) bind(static_cast<int>(m), t);
      bind_second_title(static_cast<int>(m), t);
    }
  }

  // 7. Names only the statistical tagger finds ("نتنياهو"، "ماكرون"): persons, places and
  //    organisations on free, name-like tokens.
  void tagger_pass(bool persons) {
    const auto& tags = tags_();
    for (std::size_t i = 0; i < size(); ++i) {
      if (tags[i].size() < 3 || tags[i][0] != 'B' || tags[i].substr(2) == "MISC") continue;
      std::string type = tags[i].substr(2);
      if ((type == "PERS") != persons) continue;
      std::size_t end = i + 1;
      while (end < size() && tags[end] == "I-" + type) ++end;
      // The tagger overruns names into the next word: "أردوغان الاتهامات"، "الصبيح للصحافيين"،
      // "دوتيرتي حظرا دائما"، "كونتي سيجري". Trim plural nouns, لل-phrases, accusative adverbs, future verbs.
      while (type == "PERS" && end > i + 1 && overrun(tok(end - 1).form, end - 1 - i)) --end;
      bool ok = true;
      for (std::size_t k = i; k < end && ok; ++k) ok = name_like(k) || (type != "PERS" && owner_[k] == -1 && tok(k).is_word);
      for (std::size_t k = i; k < end && ok; ++k) ok = !possessive_plural(tok(k).form);
      // A definite plural alone is a group, not a person: "للصحافيين"، "السوريين" (but "الحسين"); nor does one open a
      // person's name: "الميليشيات الحوثية".
      if (type == "PERS") {
        std::u32string w = tok(i).form;
        if (w.rfind(U"لل", 0) == 0) w = U"ا" + w.substr(1);
        else if (w.size() > 3 && (w[0] == U'و' || w[0] == U'ف' || w[0] == U'ب' || w[0] == U'ل') && starts_with_article(w.substr(1))) w = w.substr(1);
        ok = ok && !overrun(w, 0, false);
      }
      if (!ok || (end == i + 1 && article_on_ambiguous(i))) continue;
      EntityType t = type == "PERS" ? EntityType::Person : type == "LOC" ? EntityType::Place : EntityType::Organization;
      // A lineage does not open a full name: the free name-like word before "بن" is its first name, even when
      // the tagger left it out ("المنصف بن رمضان" tagged O B-PERS I-PERS).
      if (t == EntityType::Person && end > i + 1 && is_patronymic_link(tok(i).form) && i > 0 && name_like(i - 1) &&
          tok(i - 1).sentence == tok(i).sentence)
        --i;
      // Strip و/ف/ب/ل from the first word when the rest is a known reading: "وماكرون" → "ماكرون".
      std::size_t off = 0;
      const std::u32string& w = tok(i).form;
      if (w.size() > 4 && (w[0] == U'و' || w[0] == U'ف' || w[0] == U'ب' || w[0] == U'ل')) off = 1;
      if (off && t == EntityType::Person && w[1] == U'ا' && w[2] == U'ل') off = 0;
      if (off && !clitic_is_plausible(w) && !preposition_before_foreign_name(w)) off = 0;
      // "وعبد الحليم حافظ"، "لعبد الرحمن الشرقاوي": before "عبد" opening a compound name the letter is a clitic.
      if (w.size() == 4 && (w[0] == U'و' || w[0] == U'ل') && end > i + 1 && w.compare(1, 3, U"عبد") == 0) off = 1;
      add_mention(t, i, end, off, "tagger");
      i = end - 1;
    }
  }

  // future_verbs: whether a word shaped like a future verb ("سيجري"، "ستعقد") counts.
  static bool overrun(const std::u32string& w, std::size_t position, bool future_verbs = true) {
    auto ends = [&](std::u32string_view suffix) {
      return w.size() > suffix.size() + 2 && std::u32string_view(w).substr(w.size() - suffix.size()) == suffix;
    };
    if (w.rfind(U"لل", 0) == 0) return true;
    if (future_verbs && w.size() > 3 && w[0] == U'س' && (w[1] == U'ي' || w[1] == U'ت' || w[1] == U'ن')) return true;
    // Plurals, long enough not to be names: "الاتهامات"، "الصحافيين" (but "الحسين" is a name).
    if (starts_with_article(w) && ((ends(U"ات") && w.size() >= 7) || ((ends(U"ين") || ends(U"ون")) && w.size() >= 8)))
      return true;
    if (position >= 2 && w.back() == U'ا' && !starts_with_article(w)) return true;
    return false;
  }

  // An ordinary word behind the preposition ل by the tagger's dictionary, seen in its training data and never in a
  // name: "لبحث"، "لعقد" (not "لطفي"، nor "لوكاس", which the dictionary splits but the training data never saw).
  bool ordinary_behind_lam(std::size_t k) const {
    const NerTagger* tagger = NerTagger::default_model();
    const std::u32string& w = tok(k).form;
    if (!tagger || w.size() < 4 || w[0] != U'ل' || tagger->dictionary_status(w) != 2) return false;
    const auto counts = tagger->training_counts(w);
    return tag_count(counts, "O") > 0 && tag_count(counts, "B-PERS") == 0 && tag_count(counts, "I-PERS") == 0;
  }

  // "لحفناوي"، "لفرناندو لاميكيز": ل before a consonant and five letters more is the preposition, not the start
  // of a name (names in ل + consonant are short: لطفي، لحود، لقمان، لمياء).
  static bool preposition_before_foreign_name(const std::u32string& w) {
    return w.size() >= 6 && w[0] == U'ل' && w[1] != U'ا' && w[1] != U'و' && w[1] != U'ي' && w[1] != U'ل';
  }

  // Whether a leading و/ف/ب/ل on an unknown name is a clitic: when the word is seen without it, or for و (a
  // conjunction before a name is common: "وماكرون"). ف is the first letter of names too often ("فابيو"، "فرانك").
  bool clitic_is_plausible(const std::u32string& w) {
    if (seen_forms_.empty()) {  // every word form of the article, and the skeletons of the long ones, once
      for (const Token& t : doc_.tokens) {
        if (!t.is_word) continue;
        seen_forms_.insert(t.form);
        if (t.form.size() >= 5) seen_skeletons_.insert(name_skeleton(t.form));
      }
    }
    // "لفيرجسون" after "أليكس فيرغوسن": the bare word is a transliteration variant of a word seen.
    std::u32string_view bare = std::u32string_view(w).substr(1);
    if (seen_forms_.count(bare) || (bare.size() >= 5 && seen_skeletons_.count(name_skeleton(bare)))) return true;
    return w[0] == U'و';
  }

  // 6. "اتهم ... الروس بالكذب": the people named by a nationality noun act as their country.
  void nationality_people_pass() {
    for (std::size_t i = 0; i < size(); ++i) {
      if (owner_[i] != -1) continue;
      const LexiconEntry* e = nullptr;
      std::size_t off = 0;
      std::size_t n = lx_.nationalities.match(doc_, i, &e, &off);
      if (!n || e->subtype != "people") continue;
      int m = add_mention(EntityType::Place, i, i + n, off, "nationality-people", e);
      Mention& mention = doc_.mentions[static_cast<std::size_t>(m)];
      mention.group = "place:" + e->country;
      mention.subtype = "country";
    }
  }
};

// The letter that stands for c's transliteration class: ج/غ/ق/ك/ڤ/گ → ك, ة → ه, ى → ي, ط → ت, ص → س.
char32_t letter_class(char32_t c) {
  switch (c) {
    case U'ج': case U'غ': case U'ق': case U'ك': case U'ڤ': case U'گ': return U'ك';
    case U'ة': return U'ه';
    case U'ى': return U'ي';
    case U'ت': case U'ط': return U'ت';
    case U'س': case U'ص': return U'س';
    default: return c;
  }
}

bool same_char_class(char32_t a, char32_t b) { return letter_class(a) == letter_class(b); }

}  // namespace

std::u32string name_skeleton(std::u32string_view name) {
  std::u32string out;
  out.reserve(name.size());
  bool word_start = true;
  for (char32_t c : name) {
    if (c == U' ') { out.push_back(c); word_start = true; continue; }
    bool vowel = c == U'ا' || c == U'و' || c == U'ي' || c == U'ى' || c == U'ء';
    if (vowel && !word_start) continue;
    out.push_back(letter_class(c));
    word_start = false;
  }
  return out;
}

namespace {

// Letters with their transliteration class (ج/غ/ق/ك one letter, ة/ه, ى/ي, ت/ط, س/ص), long vowels kept.
std::u32string letter_classes(std::u32string_view word) {
  std::u32string out(word.size(), U'\0');
  for (std::size_t i = 0; i < word.size(); ++i) out[i] = letter_class(word[i]);
  return out;
}

// At most one insertion, deletion, substitution or swap of neighbours (Damerau–Levenshtein ≤ 1).
bool one_edit_apart(std::u32string_view a, std::u32string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t p = 0;
  while (p < a.size() && a[p] == b[p]) ++p;
  if (p == a.size()) return true;  // equal, or one letter added at the end
  if (a.size() < b.size()) return a.substr(p) == b.substr(p + 1);
  if (a.substr(p + 1) == b.substr(p + 1)) return true;  // one substitution
  return p + 1 < a.size() && a[p] == b[p + 1] && a[p + 1] == b[p] && a.substr(p + 2) == b.substr(p + 2);
}

bool has_long_vowel(std::u32string_view w) {
  return w.find_first_of(U"اوي") != std::u32string_view::npos;
}

}  // namespace

bool same_letters(std::u32string_view a, std::u32string_view b) {
  // Four letters at least: among short Arabic words the classes join different words ("قبل" / "جبل").
  return a == b || (a.size() == b.size() && a.size() >= 4 && letter_classes(a) == letter_classes(b));
}

VariantKey::VariantKey(std::u32string_view w) : word(w) {
  if (w.size() >= 4) classes = letter_classes(w);
  // An Arabic word with the article keeps its long vowels: "الاثناء" is not "الثاني" though the skeletons agree.
  skeleton_decides = w.size() >= 5 && !starts_with_article(w);
  if (skeleton_decides) skeleton = name_skeleton(w);
}

bool transliteration_variant(const VariantKey& a, const VariantKey& b) {
  if (a.word == b.word) return true;
  if (a.word.size() == b.word.size() && a.word.size() >= 4 && a.classes == b.classes) return true;  // same_letters
  return a.skeleton_decides && b.skeleton_decides && a.skeleton == b.skeleton;
}

bool transliteration_variant(std::u32string_view a, std::u32string_view b) {
  return transliteration_variant(VariantKey(a), VariantKey(b));
}

bool spelling_variant(std::u32string_view a, std::u32string_view b) {
  if (transliteration_variant(a, b)) return true;
  // The "father of" of a kunya in its three cases: "أبو هريرة" / "أبا هريرة" / "أبي هريرة".
  auto kunya = [](std::u32string_view w) { return w == U"ابو" || w == U"ابا" || w == U"ابي"; };
  if (kunya(a) && kunya(b)) return true;
  if (starts_with_article(a) || starts_with_article(b)) return false;
  // A typo of a long name: "نتياهو" for "نتنياهو", "دوتيتري" for "دوتيرتي".
  // The first letters agree: "بفيروس" / "لفيروس" differ by a clitic, not a typo.
  if (a.size() >= 6 && b.size() >= 6 && same_char_class(a[0], b[0]) && one_edit_apart(letter_classes(a), letter_classes(b)))
    return true;
  // A foreign initial vowel written with alef or ain: "أنان" / "عنان" (Annan).
  if (a.size() >= 4 && a.size() == b.size() && a.substr(1) == b.substr(1) && has_long_vowel(a.substr(1)) &&
      ((a[0] == U'ا' && b[0] == U'ع') || (a[0] == U'ع' && b[0] == U'ا')))
    return true;
  return false;
}

bool is_patronymic_link(std::u32string_view normalised_word) {
  return normalised_word == U"بن" || normalised_word == U"ابن";
}

// ---- resolution --------------------------------------------------------------------------

static const WordSet& place_heads();

namespace {

// The words of a name, "عبد" joined to the word after it as it is often written: "عبد الله الثاني" and "عبدالله
// الثاني" are both {"عبدالله", "الثاني"}.
std::vector<std::u32string> split_words(const std::u32string& key) {
  std::vector<std::u32string> parts;
  std::size_t s = 0;
  bool join = false;
  for (std::size_t p = 0; p <= key.size(); ++p)
    if (p == key.size() || key[p] == U' ') {
      if (p > s) {
        if (join) parts.back() += key.substr(s, p - s);
        else parts.push_back(key.substr(s, p - s));
        join = !join && parts.back() == U"عبد";
      }
      s = p + 1;
    }
  return parts;
}

bool same_word(std::u32string_view a, std::u32string_view b) { return spelling_variant(a, b); }

// Words that make the family name: 2 for "المنصف بن رمضان" ("بن رمضان"), 1 for "زيد بن رعد الحسين".
std::size_t surname_words(const std::vector<std::u32string>& parts) {
  return parts.size() >= 2 && is_patronymic_link(parts[parts.size() - 2]) ? 2 : 1;
}

// Two person names can be the same person: equal surnames and compatible first names.
bool compatible_person(const std::u32string& a, const std::u32string& b) {
  auto pa = split_words(a), pb = split_words(b);
  if (pa.empty() || pb.empty()) return false;
  {
    const auto& shorter = pa.size() < pb.size() ? pa : pb;
    const auto& longer = pa.size() < pb.size() ? pb : pa;
    // A lineage cut short: "حمد بن جاسم" begins "حمد بن جاسم بن جبر آل ثاني".
    bool prefix = shorter.size() >= 3 && shorter.size() < longer.size() && is_patronymic_link(shorter[shorter.size() - 2]);
    for (std::size_t k = 0; k < shorter.size() && prefix; ++k) prefix = same_word(shorter[k], longer[k]);
    // And without its first name: "بن جاسم" for "حمد بن جاسم بن جبر آل ثاني", "بن زايد" for "محمد بن زايد".
    bool lineage = shorter.size() >= 2 && shorter.size() < longer.size() && is_patronymic_link(shorter.front());
    for (std::size_t k = 0; k < shorter.size() && lineage; ++k) lineage = same_word(shorter[k], longer[k + 1]);
    if (prefix || lineage) return true;
  }
  std::size_t family = std::max(surname_words(pa), surname_words(pb));
  if (pa.size() < family || pb.size() < family) return false;  // "رمضان" is not "المنصف بن رمضان"
  for (std::size_t k = 1; k <= family; ++k)
    if (!same_word(pa[pa.size() - k], pb[pb.size() - k])) return false;
  if (pa.size() < 2 || pb.size() < 2) return true;
  if (same_word(pa.front(), pb.front())) return true;
  // A lineage without its first name: "بن رعد الحسين" ends "زيد رعد الحسين" (بن is often left out).
  for (auto* lineage : {&pa, &pb}) {
    const auto& other = lineage == &pa ? pb : pa;
    if (!is_patronymic_link(lineage->front()) || lineage->size() - 1 > other.size()) continue;
    bool tail = true;
    for (std::size_t k = 1; k < lineage->size() && tail; ++k)
      tail = same_word((*lineage)[lineage->size() - k], other[other.size() - k]);
    if (tail) return true;
  }
  // One name ends the other: "بن رعد الحسين" within "زيد بن رعد الحسين".
  const auto& shorter = pa.size() < pb.size() ? pa : pb;
  const auto& longer = pa.size() < pb.size() ? pb : pa;
  for (std::size_t k = 0; k < shorter.size(); ++k)
    if (!same_word(shorter[shorter.size() - 1 - k], longer[longer.size() - 1 - k])) return false;
  return shorter.size() < longer.size();
}

// Whether a person name can belong to the public figure of a persons.tsv group ("person:Avigdor Lieberman"):
// a single word always can; a full name must agree with one of the full names the lexicon lists.
bool lexicon_full_names_allow(const std::string& person_group, const std::u32string& key) {
  static const std::map<std::string, std::vector<std::u32string>> full_names = [] {
    std::map<std::string, std::vector<std::u32string>> out;
    for (const TsvRow& row : lexicon_rows("persons.tsv")) {
      if (row.size() < 2) continue;
      std::vector<std::string> forms = {row[0]};
      if (row.size() >= 4)
        for (auto& form : comma_list(row[3])) forms.push_back(std::move(form));
      for (const auto& f : forms) {
        std::u32string n = normalize(to_u32(f));
        if (n.find(U' ') != std::u32string::npos) out["person:" + row[1]].push_back(n);
      }
    }
    return out;
  }();
  if (split_words(key).size() < 2) return true;
  auto it = full_names.find(person_group);
  if (it == full_names.end()) return true;  // not a persons.tsv group
  for (const auto& full : it->second)
    if (compatible_person(full, key)) return true;
  return false;
}

// Label: the original words of the mention joined by single spaces (quotes and brackets dropped).
std::string mention_label(const Document& doc, const Mention& m) {
  std::string out;
  for (std::size_t i = m.first_token; i < m.end_token; ++i) {
    const Token& t = doc.tokens[i];
    if (!t.is_word) continue;
    Span s = t.span;
    if (i == m.first_token) s.start = m.span.start;
    if (!out.empty()) out += i > m.first_token + 1 && joining_hyphen(doc, i - 1) ? '-' : ' ';  // "ميزا-كوادرا"
    const std::u32string& original = doc.text.original();
    if (i == m.first_token && m.key.rfind(U"ال", 0) == 0 && s.start + 2 < original.size() && original[s.start] == U'ل' &&
        original[s.start + 1] == U'ل') {
      out += "ال";  // the article hidden in "لل"
      s.start += 2;
    }
    out += doc.text.slice_utf8(s);
  }
  return out;
}

// Document-level consistency after the mentions are grouped: a bare organisation or place name joins the one
// fuller name of the article that qualifies it ("وزارة الخارجية" → "وزارة الخارجية المصرية"، "محكمة العمل" →
// "محكمة العمل السويدية"، "البوليساريو" → "جبهة البوليساريو"، "كوريا" → "كوريا الجنوبية"), and one surface string
// read as two kinds ("نتفليكس" an organisation here, a place there) is one entity of the kind most of its
// mentions have. Not when two fuller names could be meant ("كوريا" beside "كوريا الشمالية" and "كوريا
// الجنوبية"), nor across two lexicon identities. Every join is noted in the entity's merge_notes.
void join_partial_names(Document& doc, const Lexicons& lx) {
  const std::size_t n = doc.entities.size();
  std::vector<int> into(n, -1);
  auto root = [&](std::size_t e) {
    while (into[e] >= 0) e = static_cast<std::size_t>(into[e]);
    return e;
  };
  // A lexicon identity ("person:…", "org:…", "place:…"); an organisation's own name ("org-name:") is none.
  auto lexicon_identity = [](const Entity& e) { return !e.group.empty() && e.group.rfind("org-name:", 0) != 0; };
  auto groups_conflict = [&](const Entity& a, const Entity& b) {
    return lexicon_identity(a) && lexicon_identity(b) && a.group != b.group;
  };
  // A mention's words: its key, and its text as written (a lexicon actor's key may drop the head noun:
  // "وزارة الخارجية المصرية" is keyed "الخارجيه المصريه").
  auto words_of_mentions = [&](const Entity& e) {
    std::vector<std::vector<std::u32string>> out;
    for (std::size_t mi : e.mentions) {
      const Mention& m = doc.mentions[mi];
      if (m.rule == "nationality-people") continue;
      out.push_back(split_words(m.key));
      std::u32string written;
      for (char32_t c : normalize(to_u32(m.text))) written += (c == U'"' || c == U'(' || c == U')') ? U' ' : c;
      out.push_back(split_words(written));
    }
    return out;
  };
  auto absorb = [&](std::size_t from, std::size_t to, const std::string& why) {
    Entity& a = doc.entities[from];
    Entity& b = doc.entities[to];
    std::string note = doc.mentions[a.mentions.front()].text + " = " + doc.mentions[b.mentions.front()].text + ": " + why;
    if (std::find(b.merge_notes.begin(), b.merge_notes.end(), note) == b.merge_notes.end()) b.merge_notes.push_back(note);
    for (const auto& x : a.merge_notes) b.merge_notes.push_back(x);
    for (std::size_t mi : a.mentions) {
      doc.mentions[mi].entity = static_cast<int>(to);
      doc.mentions[mi].type = b.type;
      b.mentions.push_back(mi);
    }
    std::sort(b.mentions.begin(), b.mentions.end());
    // An organisation's own name ("org-name:") is no identity for an entity of another kind.
    bool name_of_other_kind = a.group.rfind("org-name:", 0) == 0 && b.type != EntityType::Organization;
    if ((b.group.empty() || b.group.rfind("org-name:", 0) == 0) && !a.group.empty() && !name_of_other_kind) b.group = a.group;
    if (b.country.empty()) b.country = a.country;
    a.mentions.clear();
    into[from] = static_cast<int>(to);
  };
  // One surface string, one kind: the kind most mentions have (the first entity on a tie).
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      std::size_t ra = root(a), rb = root(b);
      if (ra == rb) continue;
      const Entity& ea = doc.entities[ra];
      const Entity& eb = doc.entities[rb];
      if (ea.type == eb.type || ea.mentions.empty() || eb.mentions.empty() || groups_conflict(ea, eb)) continue;
      bool same = false;
      for (std::size_t x : ea.mentions)
        for (std::size_t y : eb.mentions) same |= doc.mentions[x].key == doc.mentions[y].key;
      if (!same) continue;
      // A person is one kind with another only when the lexicons know the person and only the tagger read the
      // name otherwise: "ترامب" (persons.tsv) stays Trump where the tagger once read a place.
      if (ea.type == EntityType::Person || eb.type == EntityType::Person) {
        const Entity& person = ea.type == EntityType::Person ? ea : eb;
        const Entity& other = ea.type == EntityType::Person ? eb : ea;
        bool tagger_only = true;
        for (std::size_t x : other.mentions) tagger_only &= doc.mentions[x].rule == "tagger";
        if (person.group.rfind("person:", 0) == 0 && tagger_only) absorb(&other == &ea ? ra : rb, &person == &ea ? ra : rb, "one name, one kind");
        continue;
      }
      if (eb.mentions.size() > ea.mentions.size()) absorb(ra, rb, "one name, one kind");
      else absorb(rb, ra, "one name, one kind");
    }
  // A name only the tagger read as a person's (alone or after a cue) that ends the name of one organisation of the
  // article is that organisation: "رايتس ووتش" after "هيومن رايتس ووتش", "سيف" after "شركة سيف" (two words at
  // least, or one right after the head noun; a person the lexicons know is never joined so).
  for (std::size_t a = 0; a < n; ++a) {
    if (root(a) != a) continue;
    const Entity& ea = doc.entities[a];
    if (ea.type != EntityType::Person || ea.mentions.empty() || !ea.group.empty()) continue;
    bool tagger_only = true;
    for (std::size_t x : ea.mentions) tagger_only &= doc.mentions[x].rule == "tagger" || doc.mentions[x].rule == "cue-subject";
    if (!tagger_only) continue;
    const std::u32string& key = doc.mentions[ea.mentions.front()].key;
    const bool one_word = key.find(U' ') == std::u32string::npos;
    int only = -1;
    bool several = false;
    for (std::size_t b = 0; b < n; ++b) {
      const std::size_t rb = root(b);
      const Entity& eb = doc.entities[rb];
      if (rb == a || eb.type != EntityType::Organization || eb.mentions.empty() || rb != b) continue;
      bool ends = false;
      for (std::size_t y : eb.mentions) {
        const std::u32string& k = doc.mentions[y].key;
        const bool tail = k.size() > key.size() + 1 && k.ends_with(key) && k[k.size() - key.size() - 1] == U' ';
        // One word only after a head noun alone: "سيف" is "شركة سيف", but "ووتش" is no name of its own.
        const LexiconEntry* head = tail && one_word ? lx.org_triggers.find(k.substr(0, k.size() - key.size() - 1)) : nullptr;
        ends |= tail && (!one_word || (head && head->value != "part"));
      }
      if (!ends) continue;
      several |= only >= 0;
      only = static_cast<int>(rb);
    }
    if (only >= 0 && !several) absorb(a, static_cast<std::size_t>(only), "the end of an organisation's name");
  }
  // A place or organisation spelt two ways in one article is one: "ميونخ" / "ميونيخ"، "سول" / "سيول" (every word a
  // transliteration variant of the other's, or one typo in a longer name; not two lexicon entries).
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      std::size_t ra = root(a), rb = root(b);
      if (ra == rb) continue;
      const Entity& ea = doc.entities[ra];
      const Entity& eb = doc.entities[rb];
      if (ea.type != eb.type || ea.type == EntityType::Person || ea.mentions.empty() || eb.mentions.empty() ||
          groups_conflict(ea, eb) || (lexicon_identity(ea) && lexicon_identity(eb)))
        continue;
      auto wa = split_words(doc.mentions[ea.mentions.front()].key), wb = split_words(doc.mentions[eb.mentions.front()].key);
      if (wa.size() != wb.size() || wa == wb) continue;
      bool variant = true;
      std::size_t typos = 0;
      for (std::size_t k = 0; k < wa.size() && variant; ++k) {
        variant = wa[k] == wb[k] || transliteration_variant(wa[k], wb[k]) ||
                  (wa[k].size() >= 3 && wb[k].size() >= 3 && name_skeleton(wa[k]) == name_skeleton(wb[k]));
        // One mistyped word of a longer name: "غرفة العلميات المركزية" for "غرفة العمليات المركزية" (a long
        // word, one letter changed or two swapped).
        if (!variant && wa.size() >= 2 && wa[k].size() >= 6 && wa[k].size() == wb[k].size() && one_edit_apart(wa[k], wb[k]))
          variant = ++typos == 1;
      }
      if (!variant) continue;
      if (eb.mentions.size() > ea.mentions.size()) absorb(ra, rb, "one name, two spellings");
      else absorb(rb, ra, "one name, two spellings");
    }
  // A name the tagger read with its conjunction, "وكيم" beside "كيم", is that name: the و is not part of it. So
  // is a name read with its preposition, of whatever kind the tagger took it for: "بنيس" beside "نيس".
  for (std::size_t a = 0; a < n; ++a) {
    if (into[a] >= 0 || doc.entities[a].mentions.empty()) continue;
    Entity& ea = doc.entities[a];
    const std::u32string key = doc.mentions[ea.mentions.front()].key;  // a copy: the mentions' keys change below
    if (key.size() < 4 || lexicon_identity(ea)) continue;
    const bool conjunction = key[0] == U'و' || key[0] == U'ف';
    bool preposition = key[0] == U'ب' || key[0] == U'ل' || key[0] == U'ك';
    for (std::size_t x : ea.mentions) preposition &= doc.mentions[x].rule == "tagger";
    if (!conjunction && !preposition) continue;
    for (std::size_t b = 0; b < n; ++b) {
      if (b == a || into[b] >= 0 || (doc.entities[b].type != ea.type && !preposition) || doc.entities[b].mentions.empty())
        continue;
      bool same = false;
      for (std::size_t y : doc.entities[b].mentions) same |= doc.mentions[y].key == key.substr(1);
      if (!same) continue;
      for (std::size_t x : ea.mentions) {
        Mention& m = doc.mentions[x];
        if (m.key.size() < 2 || m.key[0] != key[0]) continue;
        m.key = m.key.substr(1);
        m.span.start = doc.text.to_original(doc.tokens[m.first_token].nstart + 1, doc.tokens[m.end_token - 1].nend).start;
        m.text = doc.text.slice_utf8(m.span);
      }
      absorb(a, root(b), conjunction ? "the same name after a conjunction" : "the same name after a preposition");
      break;
    }
  }
  // A name the tagger read with the noun before it, "محامو برونسون"، "ابني وليد"، "إحاطات ماكماستر", is the person
  // the rest names when exactly one person of the article has that name: the noun is an ordinary word the tagger's
  // training data never saw open a person's name (so not "أمين الجميل" beside "بيار الجميل"). The name alone may
  // have joined the noun's entity already ("وقال ماكماستر" after "إحاطات ماكماستر"); the person is then also found
  // by the full name ("هربرت ماكماستر"), which otherwise could be a namesake with another first name.
  if (const NerTagger* tagger = NerTagger::default_model())
    for (std::size_t a = 0; a < n; ++a) {
      Entity& ea = doc.entities[a];
      if (into[a] >= 0 || ea.type != EntityType::Person || !ea.group.empty() || ea.mentions.empty()) continue;
      const std::u32string key = doc.mentions[ea.mentions.front()].key;
      const auto words = split_words(key);
      if (words.size() < 2 || tagger->dictionary_status(words.front()) < 2 || tag_count(tagger->training_counts(words.front()), "B-PERS") > 0 ||
          lx.definite_given_names.count(words.front()))
        continue;
      // Later mentions of the name alone may have joined it already ("برونسون" after "محامو برونسون").
      const std::u32string rest = key.substr(words.front().size() + 1);
      bool same_noun = true, alone = false;
      for (std::size_t x : ea.mentions) {
        const Mention& m = doc.mentions[x];
        alone |= m.key == rest;
        same_noun &= m.key == rest ||
                     (m.key == key && (m.rule == "tagger" || m.rule == "cue-subject") && m.end_token > m.first_token + 1);
      }
      if (!same_noun) continue;
      int only = -1;
      bool ambiguous = false;
      for (std::size_t b = 0; b < n && !ambiguous; ++b) {
        if (b == a || into[b] >= 0 || doc.entities[b].type != EntityType::Person || doc.entities[b].mentions.empty()) continue;
        bool names = false;
        for (std::size_t y : doc.entities[b].mentions)
          names |= doc.mentions[y].key == rest || (alone && compatible_person(rest, doc.mentions[y].key));
        if (!names) continue;
        ambiguous = only >= 0;
        only = static_cast<int>(b);
      }
      if (only < 0 || ambiguous) continue;
      for (std::size_t x : ea.mentions) {
        Mention& m = doc.mentions[x];
        if (m.key == rest) continue;
        m.first_token += 1;
        m.key = rest;
        m.span.start = doc.tokens[m.first_token].span.start;
        m.text = doc.text.slice_utf8(m.span);
      }
      absorb(a, static_cast<std::size_t>(only), "the name without the noun before it");
    }
  // A bare name joins its one qualified form.
  std::vector<std::vector<std::vector<std::u32string>>> words(n);
  for (std::size_t e = 0; e < n; ++e)
    if (into[e] < 0 && doc.entities[e].type != EntityType::Person) words[e] = words_of_mentions(doc.entities[e]);
  auto keys_of = [&](const Entity& e) -> const std::vector<std::vector<std::u32string>>& {
    return words[static_cast<std::size_t>(&e - doc.entities.data())];
  };
  for (std::size_t a = 0; a < n; ++a) {
    if (into[a] >= 0 || doc.entities[a].type == EntityType::Person || doc.entities[a].mentions.empty()) continue;
    std::vector<std::size_t> fuller;
    for (std::size_t b = 0; b < n; ++b) {
      if (b == a || into[b] >= 0 || doc.entities[b].mentions.empty() || groups_conflict(doc.entities[a], doc.entities[b]))
        continue;
      // A place only the tagger found may be the beginning of an organisation's name: "الاتحاد" is "الاتحاد الأوروبي".
      bool tagger_found = true;
      for (std::size_t x : doc.entities[a].mentions) tagger_found &= doc.mentions[x].rule == "tagger";
      const bool tagger_place =
          tagger_found && doc.entities[a].type == EntityType::Place && doc.entities[b].type == EntityType::Organization;
      // A name only the tagger found, of whatever kind, may be a facility's without its head noun: "تمنهنت" is
      // "قاعدة تمنهنت الجوية".
      const bool tagger_facility = tagger_found && doc.entities[b].subtype == "facility";
      if (doc.entities[b].type != doc.entities[a].type && !tagger_place && !tagger_facility) continue;
      bool qualifies = false;
      for (const auto& ka : keys_of(doc.entities[a]))
        for (const auto& kb : keys_of(doc.entities[b])) {
          if (ka.empty() || kb.size() <= ka.size()) continue;
          bool prefix = std::equal(ka.begin(), ka.end(), kb.begin());
          // A bare name under a head noun; not a name with a head noun of its own under another ("حزب الله" is
          // not "كتائب حزب الله"), nor a body of the organisation ("بعثة الأمم المتحدة" is not the UN).
          const bool under_one_word = kb.size() == ka.size() + 1 && std::equal(ka.begin(), ka.end(), kb.begin() + 1);
          // Or the distinctive name right after the head noun, qualified after it: "الوفاق" is "حكومة الوفاق
          // الوطني الليبية".
          const bool after_head_word = kb.size() > ka.size() + 1 && std::equal(ka.begin(), ka.end(), kb.begin() + 1);
          const LexiconEntry* head = under_one_word || after_head_word ? lx.org_triggers.find(kb.front()) : nullptr;
          bool after_trigger = head && head->value != "part" && lx.org_triggers.find(ka.front()) == nullptr;
          // The head noun of a lexicon organisation need not be a trigger ("حكومة"): the tagger's bare name joins it.
          if (after_head_word && !head && tagger_found && lexicon_identity(doc.entities[b]) && !starts_with_article(kb.front()))
            after_trigger = true;
          if (tagger_place && !prefix) after_trigger = false;
          // A place under its head noun: "الفرات" is "نهر الفرات", "الجولان" "هضبة الجولان".
          bool after_place_head = under_one_word && ((doc.entities[a].type == EntityType::Place && place_heads().count(kb.front())) ||
                                                     tagger_facility);
          qualifies |= prefix || after_trigger || after_place_head;
        }
      if (qualifies) fuller.push_back(b);
    }
    if (fuller.size() == 1) {
      absorb(a, fuller.front(), "the same name, qualified");
      auto& into_words = words[fuller.front()];
      into_words.insert(into_words.end(), words[a].begin(), words[a].end());
    }
  }
  // Compact: drop the absorbed entities, renumber the mentions.
  std::vector<int> renumber(n, -1);
  std::vector<Entity> kept;
  for (std::size_t e = 0; e < n; ++e)
    if (into[e] < 0) {
      renumber[e] = static_cast<int>(kept.size());
      kept.push_back(std::move(doc.entities[e]));
    }
  for (Mention& m : doc.mentions)
    if (m.entity >= 0) m.entity = renumber[root(static_cast<std::size_t>(m.entity))];
  doc.entities = std::move(kept);
}

}  // namespace

// "الرسمية" after an organisation's name is part of how news names it: "وكالة الأنباء السورية الرسمية".
static const WordSet& official_words() {
  static const WordSet words = normalised_words({"الرسمية", "الرسمي"});
  return words;
}

// Head nouns that open a place name as written (normalised): "هضبة الجولان"، "محافظة إدلب". Not a facility named
// after its city ("مطار صنعاء"، "ميناء الحديدة"), nor "ولاية سيناء", a group's "province".
static const WordSet& place_heads() {
  static const WordSet heads = normalised_words({"هضبة", "مرتفعات", "جبال", "جبل", "محافظة", "مديرية", "إقليم", "منطقة",
                                                 "مدينة", "بلدة", "قرية", "جزيرة", "جزر", "نهر", "مملكة", "دولة"});
  return heads;
}

std::string main_country(const Document& doc, bool dominant) {
  std::string best;
  std::size_t best_mentions = 0, best_first = 0, runner_up = 0;
  for (const Entity& e : doc.entities) {
    if (e.type != EntityType::Place || e.subtype != "country" || e.country.empty() || e.mentions.empty()) continue;
    std::size_t first = doc.mentions[e.mentions.front()].span.start;
    if (e.mentions.size() > best_mentions || (e.mentions.size() == best_mentions && first < best_first)) {
      runner_up = best_mentions;
      best = e.country;
      best_mentions = e.mentions.size();
      best_first = first;
    } else {
      runner_up = std::max(runner_up, e.mentions.size());
    }
  }
  if (dominant && (best_mentions < 2 || best_mentions < 2 * runner_up)) return "";
  return best;
}

int country_entity(const Document& doc, const std::string& code) {
  for (std::size_t e = 0; e < doc.entities.size(); ++e)
    if (doc.entities[e].type == EntityType::Place && doc.entities[e].country == code && doc.entities[e].subtype == "country" &&
        !doc.entities[e].mentions.empty())
      return static_cast<int>(e);
  return -1;
}

bool ordinary_noun_with_pronoun(const Document& doc, const Token& t) {
  const std::u32string& w = t.form;
  if (w.empty() || w.back() != U'ه' || !doc.text.slice_utf8(t.span).ends_with("ه")) return false;
  const NerTagger* tagger = NerTagger::default_model();
  if (!tagger || tagger->dictionary_status(w) != 3) return false;
  const auto counts = tagger->training_counts(w);
  return tag_count(counts, "B-PERS") == 0 && tag_count(counts, "I-PERS") == 0;
}

void find_entities(Document& doc) {
  doc.mentions.clear();
  doc.entities.clear();
  doc.relations.clear();
  Recogniser recogniser(doc);
  recogniser.run();
  const Lexicons& lx = lexicons();

  // Order mentions by position, remembering where each went.
  std::vector<std::size_t> order(doc.mentions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return doc.mentions[a].span.start < doc.mentions[b].span.start; });
  std::vector<std::size_t> new_index(order.size());
  std::vector<Mention> sorted;
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    sorted.push_back(std::move(doc.mentions[order[i]]));
  }
  doc.mentions = std::move(sorted);

  // A public figure's surname alone is someone else in an article that names another bearer in full: with
  // "السناتور الأميركي جوزف ليبرمان", a later "وقال ليبرمان" is Joseph, not Avigdor (persons.tsv).
  for (Mention& m : doc.mentions) {
    if (m.type != EntityType::Person || m.group.rfind("person:", 0) != 0 || split_words(m.key).size() != 1) continue;
    for (const Mention& full : doc.mentions)
      if (full.type == EntityType::Person && full.group.empty() && split_words(full.key).size() >= 2 &&
          compatible_person(full.key, m.key) && !lexicon_full_names_allow(m.group, full.key)) {
        m.group.clear();
        m.label_en.clear();
        m.country.clear();
        break;
      }
  }

  // A name and its alias side by side are one entity: "حركة المقاومة الإسلامية (حماس)"،
  // "حركة المقاومة الفلسطينية حماس" (a descriptive name found by its trigger, then the short name).
  std::map<std::size_t, std::size_t> alias_of;
  const LexiconEntry* nationality = nullptr;
  for (std::size_t a = 0; a + 1 < doc.mentions.size(); ++a) {
    const Mention& x = doc.mentions[a];
    const Mention& y = doc.mentions[a + 1];
    if (x.type != y.type || x.type == EntityType::Place) continue;
    // Not a news source credited in brackets after another name: "وثيقة الوفاق (رويترز)".
    bool credit = y.subtype == "media" && x.subtype != "media";
    bool bracketed = y.first_token == x.end_token + 1 && doc.tokens[x.end_token].form == U"(" &&
                     y.end_token < doc.tokens.size() && doc.tokens[y.end_token].form == U")" && !credit;
    // Not a complement with ل: "اللجنة التنفيذية للاتحاد الأوروبي" is a body of the EU, not the EU.
    const Token& y_first = doc.tokens[y.first_token];
    bool complement = y_first.form.rfind(U"لل", 0) == 0 || y.span.start != y_first.span.start;
    // Nor the object after a body its country completes: "وأبلغت البعثة الأمريكية مجلس الأمن".
    bool adjacent = y.first_token == x.end_token && x.rule.rfind("trigger", 0) == 0 && y.rule.rfind("lexicon", 0) == 0 &&
                    !complement && !lx.nationalities.match(doc, x.end_token - 1, &nationality, nullptr, false);
    if (bracketed || adjacent) alias_of[a + 1] = a;
  }

  std::map<std::string, int> by_group;
  for (std::size_t mi = 0; mi < doc.mentions.size(); ++mi) {
    Mention& m = doc.mentions[mi];
    int entity = -1;
    if (auto alias = alias_of.find(mi); alias != alias_of.end()) {
      entity = doc.mentions[alias->second].entity;
      auto& notes = doc.entities[static_cast<std::size_t>(entity)].merge_notes;
      notes.push_back(m.text + " = " + doc.mentions[alias->second].text + ": written side by side as its alias");
      if (!m.group.empty() && !by_group.count(m.group)) by_group.emplace(m.group, entity);
      if (doc.entities[static_cast<std::size_t>(entity)].label_en.empty()) doc.entities[static_cast<std::size_t>(entity)].label_en = m.label_en;
      // A descriptive name found by its trigger takes the lexicon identity of its alias, so that
      // "حركة المقاومة الإسلامية (حماس)" and another article's "حركة حماس" can meet (org:Hamas).
      std::string& entity_group = doc.entities[static_cast<std::size_t>(entity)].group;
      if (entity_group.empty() || (entity_group.rfind("org-name:", 0) == 0 && !m.group.empty())) entity_group = m.group;
      m.entity = entity;
      doc.entities[static_cast<std::size_t>(entity)].mentions.push_back(mi);
      continue;
    }
    std::string group = m.group;
    if (group.empty() && m.type == EntityType::Organization) group = "org-name:" + encode_utf8(m.key);
    std::string note;
    if (m.type == EntityType::Person && !group.empty() && by_group.count(group)) {
      entity = by_group.at(group);  // "ترمب" and "دونالد ترامب": one row of persons.tsv
      const Mention& first = doc.mentions[doc.entities[static_cast<std::size_t>(entity)].mentions.front()];
      if (first.key != m.key) note = m.text + " = " + first.text + ": same lexicon entry (" + group + ")";
    } else if (m.type == EntityType::Person) {
      // The most recent compatible person, full names first; a lexicon person only joins names
      // without a lexicon identity of their own.
      for (int e = static_cast<int>(doc.entities.size()) - 1; e >= 0 && entity < 0; --e) {
        const Entity& cand = doc.entities[static_cast<std::size_t>(e)];
        if (cand.type != EntityType::Person) continue;
        if (!group.empty() && !cand.group.empty() && cand.group != group) continue;
        // A full name joins only a person whose every full name it agrees with: "رضوان شطناوي" meets
        // "محمد شطناوي" through a lone "شطناوي", but is another man.
        bool conflict = false;
        if (split_words(m.key).size() >= 2)
          for (std::size_t other : cand.mentions)
            conflict |= split_words(doc.mentions[other].key).size() >= 2 && !compatible_person(doc.mentions[other].key, m.key);
        // A public figure's surname does not take in another full name: "ليبرمان" (Avigdor, persons.tsv)
        // and "جوزف ليبرمان" are two men.
        if (!group.empty() && cand.group.empty())
          for (std::size_t other : cand.mentions)
            conflict |= !lexicon_full_names_allow(group, doc.mentions[other].key);
        if (group.empty() && !cand.group.empty()) conflict |= !lexicon_full_names_allow(cand.group, m.key);
        if (conflict) continue;
        for (std::size_t other : cand.mentions)
          if (compatible_person(doc.mentions[other].key, m.key)) {
            entity = e;
            if (doc.mentions[other].key != m.key)
              note = m.text + " = " + doc.mentions[other].text +
                     (split_words(m.key).size() != split_words(doc.mentions[other].key).size()
                          ? ": part of the full name"
                      : name_skeleton(m.key) == name_skeleton(doc.mentions[other].key)
                          ? ": transliteration skeleton"
                          : ": spelling variant (a typo, or alef/ain)");
            break;
          }
      }
    } else if (auto it = by_group.find(group); it != by_group.end()) {
      entity = it->second;
      const Mention& first = doc.mentions[doc.entities[static_cast<std::size_t>(entity)].mentions.front()];
      if (!m.group.empty() && first.key != m.key) note = m.text + " = " + first.text + ": same lexicon entry (" + m.group + ")";
    } else if (m.type == EntityType::Organization && group.rfind("actor:", 0) == 0) {
      // "المعارضة" and "المعارضة السورية" are one actor when the country does not conflict.
      std::string prefix = group.substr(0, group.rfind(':') + 1);
      for (auto& [g, e] : by_group)
        if (g.rfind(prefix, 0) == 0 && (g.size() == prefix.size() || m.country.empty())) {
          entity = e;
          const Mention& first = doc.mentions[doc.entities[static_cast<std::size_t>(e)].mentions.front()];
          note = m.text + " = " + first.text + ": same collective actor, no conflicting country";
          break;
        }
    }
    // A first name alone, when exactly one person of the article has it and nobody has it as a family name:
    // "وقالت هيلاري" after "هيلاري كلينتون".
    if (entity < 0 && m.type == EntityType::Person && group.empty() && split_words(m.key).size() == 1 && m.key.size() >= 3) {
      int only = -1;
      bool ambiguous = false;
      for (std::size_t e = 0; e < doc.entities.size(); ++e) {
        if (doc.entities[e].type != EntityType::Person) continue;
        bool first_name = false;
        for (std::size_t other : doc.entities[e].mentions) {
          auto words = split_words(doc.mentions[other].key);
          ambiguous |= same_word(words.back(), m.key);
          // Written exactly alike: "ستيفن" (Cat Stevens) is not "ستيفان كوبيك" although the skeletons agree.
          first_name |= words.size() >= 2 && !is_patronymic_link(words[0]) && words.front() == m.key;
        }
        if (first_name) {
          ambiguous |= only >= 0;
          only = static_cast<int>(e);
        }
      }
      if (only >= 0 && !ambiguous) {
        entity = only;
        note = m.text + " = " + doc.mentions[doc.entities[static_cast<std::size_t>(only)].mentions.front()].text +
               ": the first name of the only person who has it";
      }
    }
    if (entity < 0) {
      Entity e;
      e.type = m.type;
      e.label_en = m.label_en;
      e.country = m.country;
      e.subtype = m.subtype;
      e.group = group;
      if (m.group.rfind("place:", 0) == 0 && m.subtype == "country" && lx.country_en.count(m.country)) {
        e.label_en = lx.country_en.at(m.country);
      }
      entity = static_cast<int>(doc.entities.size());
      doc.entities.push_back(std::move(e));
    }
    if (!group.empty()) by_group.emplace(group, entity);
    m.entity = entity;
    auto& notes = doc.entities[static_cast<std::size_t>(entity)].merge_notes;
    if (!note.empty() && std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
    doc.entities[static_cast<std::size_t>(entity)].mentions.push_back(mi);
  }

  // A person found first by a rule ("الرئيس الفرنسي، إمانويل ماكرون،") and later by a lexicon form that joined it
  // ("ماكرون", persons.tsv) is that lexicon entry: its English name, country and identity, as graph.merges says
  // ("same lexicon entry"), not a transliteration ("Imanwil Makrun").
  for (Entity& e : doc.entities) {
    if (e.type != EntityType::Person || !e.group.empty()) continue;
    for (std::size_t mi : e.mentions) {
      const Mention& m = doc.mentions[mi];
      if (m.group.rfind("person:", 0) != 0) continue;
      e.group = m.group;
      if (e.label_en.empty()) e.label_en = m.label_en;
      if (e.country.empty()) e.country = m.country;
      break;
    }
  }

  join_partial_names(doc, lx);

  // Labels: the fullest name written (a mention that is not a nationality noun), others are aliases. A place
  // written also without its head noun keeps the bare name, which other articles write alone: "الفرات" for
  // "نهر الفرات".
  for (Entity& e : doc.entities) {
    std::string best;
    std::size_t best_len = 0;
    auto under_head_noun = [&](const Mention& m) {
      const std::size_t space = m.key.find(U' ');
      if (e.type != EntityType::Place || space == std::u32string::npos || !place_heads().count(m.key.substr(0, space)))
        return false;
      for (std::size_t other : e.mentions)
        if (doc.mentions[other].key == m.key.substr(space + 1)) return true;
      return false;
    };
    for (std::size_t mi : e.mentions) {
      const Mention& m = doc.mentions[mi];
      std::string label = mention_label(doc, m);
      if (m.rule == "nationality-people" || under_head_noun(m)) continue;
      if (m.key.size() > best_len) { best = label; best_len = m.key.size(); }
    }
    if (best.empty() && !e.mentions.empty()) best = mention_label(doc, doc.mentions[e.mentions.front()]);
    if (e.type == EntityType::Place && e.subtype == "country" && best_len == 0 && lx.country_ar.count(e.country))
      best = lx.country_ar.at(e.country);
    e.label = best;
    auto add_alias = [&](const std::string& alias) {
      if (alias != e.label && std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end())
        e.aliases.push_back(alias);
    };
    for (std::size_t mi : e.mentions) {
      const Mention& m = doc.mentions[mi];
      add_alias(mention_label(doc, m));
      // A known organisation written with its head noun is known by its name alone too: "صحيفة نيويورك
      // تايمز" is also "نيويورك تايمز" (which another article may write bare). Not when what is left is the
      // name of God or a function word: "حزب الله" is not "الله", which any other article may write.
      const LexiconEntry* trigger = nullptr;
      const bool bare_is_word = m.end_token == m.first_token + 2 &&
                                (doc.tokens[m.first_token + 1].form == U"الله" || lx.is_function_word(doc.tokens[m.first_token + 1].form));
      // (A definite head noun is part of the name: "الاتحاد العام التونسي للشغل" is not "العام التونسي للشغل".)
      // An outlet is known by its own name even when no lexicon knows it: "صحيفة ال موندو" is "ال موندو". But what
      // is left must be a name, not a description: "وكالة الأنباء السورية" is not "الأنباء السورية".
      const LexiconEntry* rest = nullptr;
      const bool rest_is_name = m.end_token > m.first_token + 1 &&
                                (!is_definite(doc.tokens[m.first_token + 1].form) ||
                                 lx.names.match(doc, m.first_token + 1, &rest, nullptr, false) > 0);
      if (e.type == EntityType::Organization && rest_is_name && !bare_is_word && !is_definite(doc.tokens[m.first_token].form) &&
          lx.org_triggers.match(doc, m.first_token, &trigger, nullptr, true, 1) == 1 &&
          (!m.group.empty() || trigger->subtype == "media")) {
        Mention name = m;
        name.first_token = m.first_token + 1;
        name.span.start = doc.tokens[name.first_token].span.start;
        add_alias(mention_label(doc, name));
        // Without the country that qualifies it too: "صحيفة ال موندو الإسبانية" is "ال موندو".
        if (m.group.empty() && name.end_token > name.first_token + 1 &&
            lx.nationalities.match(doc, name.end_token - 1, &nationality, nullptr, false) == 1) {
          --name.end_token;
          name.span.end = doc.tokens[name.end_token - 1].span.end;
          add_alias(mention_label(doc, name));
        }
      }
      // A known outlet is named without the country that qualifies it ("قناة الجزيرة القطرية" is "قناة الجزيرة"), and an
      // organisation with the "official" after it too ("وكالة الأنباء اليمنية الرسمية"). Not a ministry or another
      // body every country has: "وزارة الخارجية" alone would join every country's.
      const LexiconEntry* known = nullptr;
      auto known_name = [&](std::size_t first, std::size_t end) {
        return first < end && lx.names.match(doc, first, &known, nullptr, false) == end - first;
      };
      if (e.type == EntityType::Organization && m.end_token > m.first_token + 2 && m.subtype == "media" &&
          lx.nationalities.match(doc, m.end_token - 1, &nationality, nullptr, false) &&
          (known_name(m.first_token, m.end_token - 1) || known_name(m.first_token + 1, m.end_token - 1))) {
        Mention bare = m;
        bare.end_token = m.end_token - 1;
        bare.span.end = doc.tokens[bare.end_token - 1].span.end;
        add_alias(doc.text.slice_utf8(bare.span));
      }
      // A body named by its head noun is also named with the town it sits in: "المحكمة الابتدائية بتونس"، "الاتحاد
      // المحلي للشغل بقرقنة" (the town stays a place of its own).
      if (e.type == EntityType::Organization && m.rule.rfind("trigger", 0) == 0 && m.end_token < doc.tokens.size())
        for (const Mention& town : doc.mentions)
          if (town.first_token == m.end_token && town.type == EntityType::Place &&
              doc.tokens[m.end_token].form.size() > 3 && doc.tokens[m.end_token].form[0] == U'ب' &&
              town.span.start > doc.tokens[m.end_token].span.start &&
              doc.tokens[m.end_token].sentence == doc.tokens[m.first_token].sentence) {
            add_alias(mention_label(doc, m) + " " + doc.text.slice_utf8(Span{doc.tokens[m.end_token].span.start, town.span.end}));
            break;
          }
      if (e.type == EntityType::Organization && m.end_token < doc.tokens.size() &&
          official_words().count(doc.tokens[m.end_token].form) && doc.tokens[m.end_token].sentence == doc.tokens[m.first_token].sentence)
        add_alias(doc.text.slice_utf8(Span{m.span.start, doc.tokens[m.end_token].span.end}));
      // A place written after its head noun is also known by both words: "هضبة الجولان"، "محافظة إدلب"
      // (the label stays the bare name, which other articles write alone).
      if (e.type == EntityType::Place && m.first_token > 0 && m.span.start == doc.tokens[m.first_token].span.start) {
        const Token& before = doc.tokens[m.first_token - 1];
        const CliticReading* headed = nullptr;
        for (const auto& r : before.readings)
          if (!r.has_article && place_heads().count(r.stem)) headed = &r;
        if (before.is_word && before.sentence == doc.tokens[m.first_token].sentence && headed) {
          // Without its clitics ("وبمحافظة" → "محافظة"), mapped back to the text as a mention's start is.
          const Span head = doc.text.to_original(before.nstart + headed->prefix.size(), before.nend);
          add_alias(doc.text.slice_utf8(Span{head.start, m.span.end}));
        }
      }
    }
  }

  // Places: English name, country and coordinates from libgeonames where it knows the city
  // ("حلب" → Aleppo, SY, 36.20N 37.16E). Countries and regions keep what the lexicons say, coordinates
  // included ("قطاع غزة").
  for (Entity& e : doc.entities) {
    if (e.type != EntityType::Place) continue;
    const Mention& first = doc.mentions[e.mentions.front()];
    if (!first.latitude.empty() && !first.longitude.empty()) {  // the lexicon knows better
      // from_chars: locale-independent (libgeonames switches locales to read its Arabic names).
      auto parse = [](const std::string& s, double& out) {
        return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc();
      };
      e.has_coordinates = parse(first.latitude, e.latitude) && parse(first.longitude, e.longitude);
      continue;
    }
    if (e.subtype == "country" || e.subtype == "region") continue;  // libgeonames holds cities
    std::vector<const GeoCity*> cities;
    for (std::size_t mi : e.mentions) {
      cities = find_cities(strip_conjunction_preposition(doc.mentions[mi].key));
      if (cities.empty()) cities = find_cities(doc.mentions[mi].key);
      if (!cities.empty()) break;
    }
    if (cities.empty()) continue;
    const GeoCity* city = cities.front();
    // A lexicon city keeps its country: only take coordinates from a city of that country.
    if (!e.country.empty()) {
      const GeoCity* same = nullptr;
      for (const GeoCity* c : cities)
        if (c->country == e.country) { same = c; break; }
      if (!same) continue;
      city = same;
    }
    e.has_coordinates = true;
    e.latitude = city->latitude;
    e.longitude = city->longitude;
    if (e.country.empty()) e.country = city->country;
    if (e.label_en.empty()) e.label_en = city->name_en;
    if (e.subtype.empty()) e.subtype = "city";
  }

  // Roles from titles bound to persons. A role's country is a node only when the article names the country: an
  // adjective alone ("الرئيس القبرصي") names no place (news-gold GUIDE), so the person keeps the country as an
  // attribute (Entity::country) and the graph gets no node the text never wrote.
  // "نظيره الألماني": the office of the nearest person titled before, else "counterpart".
  auto counterpart_role = [](const std::vector<Binding>& bindings, const TitleComplex& t) {
    const TitleComplex* before = nullptr;
    for (const Binding& b : bindings)
      if (b.title.first < t.first && b.title.role != "counterpart" && (b.title.complement == "nat" || !b.title.country.empty()) &&
          (!before || b.title.first > before->first))
        before = &b.title;
    if (!before) return std::string("counterpart");
    return before->role == "secretary of state" ? std::string("foreign minister") : before->role;  // the US name of the office
  };
  const std::string story_country = main_country(doc, true);
  static const std::set<std::string> not_of_state = {"activist", "journalist", "candidate", "spokesperson",
                                                     "representative", "envoy", "counterpart"};
  for (const Binding& b : recogniser.bindings) {
    const Mention& person = doc.mentions[new_index[b.person_mention]];
    const TitleComplex& t = b.title;
    Span span = doc.text.to_original(doc.tokens[t.first].nstart + t.stem_offset, doc.tokens[t.end - 1].nend);
    std::string title = doc.text.slice_utf8(span);
    // "للرئيس السوري" is ل + "الرئيس السوري": keep the title, not the preposition.
    if (t.stem_offset == 0 && doc.tokens[t.first].form.rfind(U"لل", 0) == 0 && doc.tokens[t.first].form.size() > 3) {
      span.start += 1;
      title = "ا" + doc.text.slice_utf8(span);
    }
    Entity& pe = doc.entities[static_cast<std::size_t>(person.entity)];
    if (std::find(pe.titles.begin(), pe.titles.end(), title) == pe.titles.end()) pe.titles.push_back(title);
    if (pe.country.empty() && !t.country.empty()) pe.country = t.country;
    int tail = -1;
    if (t.tail_mention >= 0) tail = doc.mentions[new_index[static_cast<std::size_t>(t.tail_mention)]].entity;
    else if (!t.country.empty()) tail = country_entity(doc, t.country);
    // A title of state with no country written ("الرئيس رجب طيب أردوغان") belongs to the country the lexicon
    // knows the person by (persons.tsv: Erdoğan → TR).
    else if (t.complement == "nat" && !pe.country.empty() && pe.group.rfind("person:", 0) == 0) tail = country_entity(doc, pe.country);
    // Nor one the lexicon knows: the country the article is about, when one clearly is ("وزير الشؤون الخارجية
    // خميس الجهيناوي" in a Tunisian story).
    // Only offices of state: an activist, a journalist, a candidate or an envoy in a story about a country is
    // often from elsewhere ("المبعوث الأممي" to Libya).
    else if (t.complement == "nat" && pe.group.rfind("person:", 0) != 0 && !story_country.empty() &&
             !not_of_state.count(t.role))
      tail = country_entity(doc, story_country);
    if (t.role == "mister" || t.role == "madam") continue;
    int post = t.post_mention >= 0 ? doc.mentions[new_index[static_cast<std::size_t>(t.post_mention)]].entity : -1;
    // An office in a country's government is an office of that country: "وزيرة الأسرة في الحكومة الألمانية".
    int state = -1;
    if (t.complement == "nat" && tail >= 0 && doc.entities[static_cast<std::size_t>(tail)].type == EntityType::Organization &&
        !doc.entities[static_cast<std::size_t>(tail)].country.empty())
      state = country_entity(doc, doc.entities[static_cast<std::size_t>(tail)].country);
    // A body of an organisation is part of it: "أمين سر اللجنة التنفيذية لمنظمة التحرير الفلسطينية" is an officer
    // of the PLO too, "رئيس المجلس الرئاسي لحكومة الوفاق الوطني" of the government.
    int parent = -1;
    const Mention* body = t.tail_mention >= 0 ? &doc.mentions[new_index[static_cast<std::size_t>(t.tail_mention)]] : nullptr;
    if (body && body->type == EntityType::Organization)
      for (const Mention& m : doc.mentions)
        if (m.type == EntityType::Organization && m.first_token == body->end_token && m.entity != body->entity &&
            doc.tokens[m.first_token].form[0] == U'ل' && doc.tokens[m.first_token].span.start < m.span.start)
          parent = m.entity;
    const std::string role = t.role == "counterpart" ? counterpart_role(recogniser.bindings, t) : t.role;
    for (int affiliation : {tail, post, state, parent}) {
      if (affiliation < 0) continue;
      Relation r{person.entity, affiliation, role, title, span};
      bool duplicate = false;
      for (const auto& o : doc.relations) duplicate |= (o.head == r.head && o.tail == r.tail && o.role == r.role);
      if (!duplicate) doc.relations.push_back(std::move(r));
    }
  }
  // A full name with من and an organisation right after it is a member of that organisation: "وقال عبد الله الكعبي
  // من اللجنة الوطنية لحقوق الإنسان". Not a place ("من تونس" is where one comes from), nor a collective actor
  // ("وطالب فلان من الحكومة" asks something of it).
  for (std::size_t p = 0; p + 1 < doc.mentions.size(); ++p) {
    const Mention& person = doc.mentions[p];
    if (person.type != EntityType::Person || person.end_token + 1 >= doc.tokens.size() ||
        person.end_token < person.first_token + 2 || doc.tokens[person.end_token].form != U"من")
      continue;
    const Mention& body = doc.mentions[p + 1];
    if (body.type != EntityType::Organization || body.first_token != person.end_token + 1 || body.rule == "actor" ||
        body.span.start != doc.tokens[body.first_token].span.start)
      continue;
    bool related = false;
    for (const auto& o : doc.relations) related |= o.head == person.entity && o.tail == body.entity;
    if (!related)
      doc.relations.push_back(Relation{person.entity, body.entity, "member", "", Span{doc.tokens[person.end_token].span.start, body.span.end}});
  }
}

}  // namespace isnad
