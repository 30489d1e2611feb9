// Reported speech. For each cue in extract/lexicons/speech_cues.tsv:
//   speaker  verb–subject ("وقالت وزارة الدفاع الروسية")، a title bound to a person earlier
//            ("ونفى الرئيس السوري" → بشار الأسد)، a definite description of an organisation
//            ("وأضافت الوزارة" → وزارة الدفاع الروسية)، subject–verb ("المعارضة رفضت")، the previous
//            speaker for participles and subjectless verbs ("قائلا"، "وأضاف إن")، else unresolved.
//   content  from the first إن/أن/colon/quote after the speaker to the end of the sentence, or
//            to the next participle cue that opens a new act.
//   about    entities named between the speaker and the end of the content; the object of an
//            appeal or accusation is the addressee ("دعا ... المعارضة ... إلى").
//   date     a full date stated between the cue and the content ("امس الأربعاء، على أن").
//   source   the outlet of "حسب وكالة فرانس برس"، "نقلت قناة روسيا اليوم عن ...".
#include "statements.h"

#include <algorithm>
#include <map>
#include <set>

#include "entities.h"
#include "gazetteer.h"
#include "segment.h"
#include "speaker_model.h"

namespace isnad {

namespace {

bool is_quote(const Token& t) { return t.form == U"\""; }

class Attributor {
 public:
  Attributor(Document& doc, const SpeakerModel* model, SpeakerTrainer* trainer)
      : doc_(doc), lx_(lexicons()), model_(model), trainer_(trainer), mention_at_(doc.tokens.size(), -1),
        story_country_(main_country(doc, true)) {
    for (std::size_t m = 0; m < doc.mentions.size(); ++m) {
      for (std::size_t t = doc.mentions[m].first_token; t < doc.mentions[m].end_token; ++t)
        mention_at_[t] = static_cast<int>(m);
      // The names of several words a head noun alone may stand for later (named_by_head_noun).
      const Mention& mention = doc.mentions[m];
      const bool place = mention.type == EntityType::Place;
      const std::size_t space = mention.key.find(U' ');
      if (mention.entity >= 0 && space != std::u32string::npos &&
          (mention.type == EntityType::Organization || (place && (mention.subtype == "facility" || mention.subtype == "country"))))
        mentions_by_head_[mention.key.substr(0, space)].push_back(m);
    }
  }

  void run() {
    for (const Sentence& s : doc_.sentences) sentence(s);
  }

 private:
  Document& doc_;
  const Lexicons& lx_;
  const SpeakerModel* model_;   // null: the rules' pick stands
  SpeakerTrainer* trainer_;     // set while training: decisions are recorded and learned from
  std::vector<int> mention_at_;
  // First word → the organisation, facility and country mentions of two words or more that it opens.
  std::map<std::u32string, std::vector<std::size_t>, std::less<>> mentions_by_head_;
  std::string story_country_;   // the country the article is about, when one clearly is ("" otherwise)
  std::vector<std::vector<std::u32string>> entity_names_;  // name keys per entity, for the trainer
  mutable std::vector<const LexiconEntry*> cue_cache_;  // cue_at() per token (a sentinel until looked up)
  int last_speaker_ = -1;
  std::size_t last_speaker_sentence_ = 0;
  std::vector<int> coordinated_;  // all subjects of the cue being read, its speaker first ("الأسد وظريف")
  std::vector<int> last_group_;   // all speakers of the last act when it had several

  const Token& tok(std::size_t i) const { return doc_.tokens[i]; }

  // The cue at token i (with at most a و/ف prefix), or nullptr; looked up once per token.
  const LexiconEntry* cue_at(std::size_t i) const {
    static const LexiconEntry unknown;
    if (cue_cache_.empty()) cue_cache_.assign(doc_.tokens.size(), &unknown);
    if (cue_cache_[i] == &unknown) cue_cache_[i] = lookup_cue(i);
    return cue_cache_[i];
  }

  // Whether the cue verb at i takes a pronoun object, on it or right after it: "دعاها"، "ترفضه"، "رحبت به"،
  // "أعلنت عنه". `lexeme` is the cue as the lexicon writes it (normalised).
  bool object_pronoun_at(std::size_t i, const std::u32string& lexeme) const {
    std::u32string w = tok(i).form;
    if (w.size() > lexeme.size() && (w[0] == U'و' || w[0] == U'ف') && w.compare(1, lexeme.size(), lexeme) == 0) w = w.substr(1);
    if (w.size() > lexeme.size() && w.compare(0, lexeme.size(), lexeme) == 0) {  // the suffix lookup_cue removed
      const std::u32string rest = w.substr(lexeme.size());
      if (rest == U"ه" || rest == U"ها" || rest == U"هم" || rest == U"هما") return true;
    }
    if (i + 1 >= doc_.tokens.size() || tok(i + 1).sentence != tok(i).sentence) return false;
    static const std::u32string objects[] = {U"به", U"بها", U"بهم", U"عنه", U"عنها", U"عليه", U"عليها"};
    for (const auto& o : objects)
      if (tok(i + 1).form == o) return true;
    return false;
  }

  const LexiconEntry* lookup_cue(std::size_t i) const {
    if (!tok(i).is_word || mention_at_[i] >= 0) return nullptr;
    if (const LexiconEntry* e = lx_.speech_cue(tok(i).form)) return e;
    std::u32string w = tok(i).form;
    if (w.size() > 3 && (w[0] == U'و' || w[0] == U'ف')) w = w.substr(1);
    if (const LexiconEntry* e = noun_cue_at(i, w)) return e;
    // The feminine dual of a verb the lexicon lists: "رفضتا" (رفضت), two countries or bodies speaking. Not the
    // masculine dual, which reads like an accusative noun ("ردا على"، "شكرا"), nor the plural, which
    // is as often people acting ("هاجموا") as speaking.
    if (w.size() > 4 && w.ends_with(U"تا")) {
      const LexiconEntry* e = lx_.cues.find(w.substr(0, w.size() - 1));
      if (e && (e->subtype == "verb" || e->subtype == "verb-that")) return e;
    }
    // An attached object pronoun: "تنتقده"، "اتهمها"، "وصفهم" (verbs only). A ة written at the end is
    // no pronoun: "حملة" is a campaign, not حمل + ه.
    const std::u32string& original = doc_.text.original();
    if (original[tok(i).span.end - 1] == U'ة') return nullptr;
    for (std::u32string suffix : {U"هما", U"هم", U"ها", U"ه", U"كم", U"نا"}) {
      if (w.size() < suffix.size() + 3 || w.compare(w.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
      const LexiconEntry* e = lx_.cues.find(w.substr(0, w.size() - suffix.size()));
      if (e && (e->subtype == "verb" || e->subtype == "verb-that")) return e;
    }
    return nullptr;
  }

  // A verb that speaks with its noun, the noun within ten tokens after it in the clause (after the subject, or
  // a comma-delimited aside): "وألقت إيران باللائمة على إسرائيل"، "عبر نظيره الألماني، هايكو ماس، عن مخاوف".
  // Not within three words after another cue ("تحدث ماكرون عبر الهاتف عن" is a preposition), nor "نيابة عن".
  const LexiconEntry* noun_cue_at(std::size_t i, const std::u32string& verb) const {
    const auto* cues = lx_.noun_cues_of(verb);
    if (!cues) return nullptr;
    for (std::size_t k = i; k-- > 0 && k + 3 >= i && tok(k).sentence == tok(i).sentence;)
      if (cue_at(k)) return nullptr;
    for (std::size_t k = i + 1; k < doc_.tokens.size() && k <= i + 10 && tok(k).sentence == tok(i).sentence; ++k) {
      const std::u32string& f = tok(k).form;
      if (is_complementiser(f) || f == U":" || is_quote(tok(k))) return nullptr;
      for (const auto& c : *cues)
        if (f == c.noun) return tok(k - 1).form == U"نيابه" ? nullptr : &c.entry;
    }
    return nullptr;
  }

  // أن/إن with any attached pronoun, and with ب or و before it: "أنه"، "بأنهما"، "وأننا".
  bool is_complementiser(const std::u32string& w) const {
    static const std::vector<std::u32string> forms = [] {
      std::vector<std::u32string> out;
      for (std::u32string prefix : {U"", U"ب", U"و"})
        for (std::u32string pronoun : {U"", U"ه", U"ها", U"هم", U"هما", U"هن", U"ني", U"نا", U"ك", U"كم"})
          out.push_back(prefix + U"ان" + pronoun);
      return out;
    }();
    if (w.size() < 2 || w.size() > 6 || w.find(U"ان") == std::u32string::npos) return false;
    return std::find(forms.begin(), forms.end(), w) != forms.end();
  }

  int entity_of_mention_at(std::size_t i) const {
    return mention_at_[i] >= 0 ? doc_.mentions[static_cast<std::size_t>(mention_at_[i])].entity : -1;
  }

  // A person whose bound title matches the words at [i, ...): "الرئيس السوري" → الأسد.
  int titled_person_at(std::size_t i, std::size_t end, std::size_t* after) const {
    int best = -1;
    std::size_t best_len = 0;
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      for (const std::string& title : doc_.entities[e].titles) {
        std::u32string key = normalize(to_u32(title));
        if (key.rfind(U"لل", 0) == 0) key = U"ا" + key.substr(1);
        // Compare word by word against the text, allowing a و/ف on the first word.
        std::size_t k = i, pos = 0;
        bool ok = true;
        while (pos < key.size() && ok) {
          std::size_t space = key.find(U' ', pos);
          std::u32string word = key.substr(pos, space == std::u32string::npos ? std::u32string::npos : space - pos);
          pos = space == std::u32string::npos ? key.size() : space + 1;
          if (k >= end || !tok(k).is_word) { ok = false; break; }
          std::u32string w = tok(k).form;
          if (k == i && w != word && w.size() > 1 && (w[0] == U'و' || w[0] == U'ف')) w = w.substr(1);
          ok = w == word;
          ++k;
        }
        if (ok && k - i > best_len) {
          best = static_cast<int>(e);
          best_len = k - i;
        }
        // A shorter form of the title ("المفوض السامي" for "المفوض السامي لحقوق الإنسان في الأمم المتحدة"):
        // the words the text shares with the title's beginning, at least the title head.
        if (!ok && k - i >= 2 && k - i > best_len + 0 && k > i + 1) {
          std::size_t shared = k - i - 1;
          if (shared >= 2 && shared > best_len) {
            best = static_cast<int>(e);
            best_len = shared;
          }
        }
      }
    }
    if (best < 0) return office_holder_at(i, end, after);
    if (after) *after = i + best_len;
    return best;
  }

  // An office named by its title and country only, its holder named with another title of the same office
  // elsewhere in the article: "أشاد العاهل الأردني" is "الملك عبدالله الثاني" (in a story about Jordan, or known
  // to persons.tsv as Jordan's), "أكد وزير خارجية ألمانيا" is "وزير الخارجية الألماني سيغمار غابرييل", when one
  // person only holds it.
  int office_holder_at(std::size_t i, std::size_t end, std::size_t* after) const {
    if (after) *after = i;
    const LexiconEntry* title = nullptr;
    const std::size_t n = lx_.titles.match(doc_, i, &title);
    if (!n || (title->subtype != "nat" && title->subtype != "org") || i + n >= end) return -1;
    std::string country = title->country;
    std::size_t title_end = i + n;
    const LexiconEntry* nat = nullptr;
    if (title->subtype == "org") {
      // The construct form names the country after it: "أكد وزير خارجية ألمانيا".
      const int m = mention_at_[title_end];
      if (m < 0) return -1;
      const Mention& place = doc_.mentions[static_cast<std::size_t>(m)];
      if (place.entity < 0) return -1;
      const Entity& named = doc_.entities[static_cast<std::size_t>(place.entity)];
      if (place.first_token != title_end || named.type != EntityType::Place || named.subtype != "country") return -1;
      country = named.country;
      title_end = place.end_token;
    } else if (std::size_t k = lx_.nationalities.match(doc_, title_end, &nat, nullptr, false); k && nat->subtype != "people") {
      if (!country.empty() && country != nat->country) return -1;
      country = nat->country;
      title_end += k;
    }
    if (country.empty()) return -1;
    int holder = -1;
    for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
      const Entity& person = doc_.entities[e];
      // A person whose country nothing tells (no lexicon identity, no adjective) is of the story's country.
      const std::string& of = person.country.empty() && person.group.empty() ? story_country_ : person.country;
      if (person.type != EntityType::Person || of != country || person.mentions.empty()) continue;
      bool same_office = false;
      for (const std::string& held : person.titles)
        if (const LexiconEntry* t = title_entry(held)) same_office |= t->value == title->value;
      if (!same_office) continue;
      if (holder >= 0) return -1;  // two holders: the text must say which
      holder = static_cast<int>(e);
    }
    if (holder >= 0 && after) *after = title_end;
    return holder;
  }

  // The lexicon title a person's title begins with: "الملك" → king, "وزير الخارجية الألماني" → foreign minister.
  const LexiconEntry* title_entry(const std::string& written) const {
    std::u32string key = normalize(to_u32(written));
    if (key.rfind(U"لل", 0) == 0) key = U"ا" + key.substr(1);
    for (;;) {
      if (const LexiconEntry* t = lx_.titles.find(key)) return t;
      const std::size_t space = key.rfind(U' ');
      if (space == std::u32string::npos) return nullptr;
      key.resize(space);
    }
  }

  // "الوزارة" → the last organisation named with the trigger وزارة before token i; another definite head noun → the
  // organisation, facility or country it opened the name of (named_by_head_noun).
  int described_entity_at(std::size_t i) const {
    const std::u32string& w = tok(i).form;
    std::u32string stem = w;
    if (stem.size() > 1 && (stem[0] == U'و' || stem[0] == U'ف')) stem = stem.substr(1);
    if (stem.size() < 5 || stem[0] != U'ا' || stem[1] != U'ل') return -1;
    std::u32string trigger = stem.substr(2);
    if (!lx_.org_triggers.find(trigger)) return named_by_head_noun(i, stem);
    for (std::size_t m = doc_.mentions.size(); m-- > 0;) {
      const Mention& mention = doc_.mentions[m];
      if (mention.first_token >= i || mention.type != EntityType::Organization) continue;
      if (mention.key.rfind(trigger, 0) == 0 || mention.key.rfind(stem, 0) == 0) return mention.entity;
      // A known name written after its head noun: "منظمة هيومن رايتس ووتش" (the lexicon's key has no منظمة).
      for (const auto& reading : tok(mention.first_token).readings)
        if (reading.stem == trigger) return mention.entity;
    }
    return -1;
  }

  // A definite noun that opened the name of the last organisation, facility or country named before token i, with or
  // without the article: "الجيش" after "الجيش اليمني"، "المطار" after "مطار التيفور العسكري"، "المملكة" after "المملكة
  // العربية السعودية". -1 if none.
  int named_by_head_noun(std::size_t i, const std::u32string& definite) const {
    if (mentions_by_head_.empty() || lx_.is_function_word(definite)) return -1;
    std::size_t best = doc_.mentions.size();  // the last such mention (by index) before token i
    auto consider = [&](std::u32string_view head, bool countries) {
      const auto it = mentions_by_head_.find(head);
      if (it == mentions_by_head_.end()) return;
      for (std::size_t m : it->second) {
        const Mention& mention = doc_.mentions[m];
        if (mention.first_token >= i || (!countries && mention.type == EntityType::Place && mention.subtype == "country")) continue;
        if (best == doc_.mentions.size() || m > best) best = m;
      }
    };
    consider(definite, true);
    consider(std::u32string_view(definite).substr(2), false);  // a country's name opens with the article: "المملكة"
    return best < doc_.mentions.size() ? doc_.mentions[best].entity : -1;
  }

  // The words [first, name) before a person's name describe the person: keep them as a title for
  // later references ("وحذر المفوض السامي" → زيد رعد الحسين), when they start with a known title.
  void remember_title(int person, std::size_t first, std::size_t name) {
    const LexiconEntry* title = nullptr;
    if (person < 0 || name <= first || !lx_.titles.match(doc_, first, &title)) return;
    std::size_t last = name;
    while (last > first && !tok(last - 1).is_word) --last;
    if (last == first) return;
    std::string text = doc_.text.slice_utf8({tok(first).span.start, tok(last - 1).span.end});
    auto& titles = doc_.entities[static_cast<std::size_t>(person)].titles;
    if (std::find(titles.begin(), titles.end(), text) == titles.end()) titles.push_back(text);
  }

  // A name joined by و right at token k: "وفرنسا" (the و a clitic, not the name's own letter as in "وليد").
  int and_name_at(std::size_t k, std::size_t end) const {
    if (k >= end || mention_at_[k] < 0) return -1;
    const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
    if (m.first_token != k || tok(k).form.empty() || tok(k).form[0] != U'و' || tok(k).span.start >= m.span.start) return -1;
    return m.entity;
  }

  // Subjects coordinated with the speaker: "أيدت الولايات المتحدة وفرنسا وألمانيا وكندا مزاعم بريطانية" is an act of
  // each of the four (news-gold GUIDE: one statement per speaker). Names joined by و right after the speaker's
  // name, persons with persons and countries, cities and bodies with each other; `after` moves past them.
  void and_names_after(int speaker, std::size_t k, std::size_t end, std::size_t* after) {
    const bool person = doc_.entities[static_cast<std::size_t>(speaker)].type == EntityType::Person;
    for (int e; (e = and_name_at(k, end)) >= 0; k = doc_.mentions[static_cast<std::size_t>(mention_at_[k])].end_token) {
      if ((doc_.entities[static_cast<std::size_t>(e)].type == EntityType::Person) != person || e == speaker) break;
      if (coordinated_.empty()) coordinated_.push_back(speaker);
      if (std::find(coordinated_.begin(), coordinated_.end(), e) == coordinated_.end()) coordinated_.push_back(e);
      *after = doc_.mentions[static_cast<std::size_t>(mention_at_[k])].end_token;
    }
  }

  // A report of a source after "وفقا": "لبيان"، "لتقرير" (the tagger may read "لبيان" as a name, Bayan).
  static bool is_report_noun(const std::u32string& w) {
    static const std::u32string reports[] = {U"لبيان", U"لتقرير", U"لتقديرات", U"لارقام", U"لاحصاءات", U"لاحصائيات", U"لمصادر", U"لمصدر"};
    return std::find(std::begin(reports), std::end(reports), w) != std::end(reports);
  }

  // Whether token i is an attribution word with a و before it: "ووفقا"، "وبحسب"، "وحسب"، "وطبقا".
  bool conjunction_before_attribution(std::size_t i) const {
    const std::u32string& w = tok(i).form;
    return w.size() > 3 && w[0] == U'و' && (w[1] == U'و' || w[1] == U'ب' || w[1] == U'ح' || w[1] == U'ط');
  }

  // The source phrase at token i (attribution.tsv), its length in tokens or 0: "حسب"، "وبحسب"، "نقلا عن"، and
  // "وفقا"/"طبقا" with their ل on the source ("وفقا لوكالة الأنباء السورية") or on a report of it ("وفقا
  // لبيان للإدارة الأمريكية"), not on anything else ("وفقا للقانون"، "وفقا لقرار مجلس الأمن").
  std::size_t attribution_at(std::size_t i, std::size_t end, const LexiconEntry** entry) const {
    if (std::size_t n = lx_.attribution.match(doc_, i, entry, nullptr, false)) return n;
    std::u32string_view w = tok(i).form;
    if (conjunction_before_attribution(i)) {
      w.remove_prefix(1);
      if (const LexiconEntry* e = lx_.attribution.find(w)) {
        *entry = e;
        return 1;
      }
    }
    if ((w == U"وفقا" || w == U"طبقا") && i + 1 < end && tok(i + 1).form.size() > 2 && tok(i + 1).form[0] == U'ل') {
      std::size_t k = i + 1;
      if (is_report_noun(tok(k).form)) ++k;
      if (k < end && mention_at_[k] >= 0 && doc_.mentions[static_cast<std::size_t>(mention_at_[k])].first_token == k) {
        *entry = lx_.attribution.find(U"وفق");
        return 1;
      }
    }
    return 0;
  }

  // The speaker named at or just after token j, and the token after the speaker phrase.
  int speaker_after(std::size_t j, std::size_t end, std::size_t* after) {
    // "رحبت #الفلبين"، وقالت "واشنطن بوست"
    if (j < end && (tok(j).form == U"#" || tok(j).form == U"@" || tok(j).form == U"\"" || tok(j).form == U"(")) ++j;
    // "وحملت كل من موسكو وطهران ودمشق إسرائيل مسؤولية الغارات": each of them.
    bool each = j + 2 < end && tok(j).form == U"كل" && tok(j + 1).form == U"من" && mention_at_[j + 2] >= 0;
    if (each) j += 2;
    if (j >= end) return -1;
    if (mention_at_[j] >= 0) {
      const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[j])];
      // A name behind a preposition is whom the speaker addressed, not the speaker: "وقالت لبي بي سي إنها".
      if (m.first_token == j && clitic_preposition(m)) return -1;
      if (m.first_token == j) {
        *after = m.end_token;
        and_names_after(m.entity, m.end_token, end, after);
        return m.entity;
      }
    }
    if (each) return -1;
    const LexiconEntry* e = nullptr;
    // A title behind ل + article is whom the speaker addressed: "وأوضح للأمير محمد بن سلمان أن".
    if (tok(j).form.starts_with(U"لل") && lx_.titles.match(doc_, j, &e)) return -1;
    if (lx_.titles.match(doc_, j, &e)) {
      // Title then the person in apposition: "قائد القوات الروسية، الجنرال فاليري جيراسيموف".
      std::size_t titled_end = j;
      int titled = titled_person_at(j, end, &titled_end);
      for (std::size_t k = j; k < end && k < j + 14; ++k) {
        if (!tok(k).is_word && !(tok(k).form == U"،" || tok(k).form == U",")) break;
        if (is_complementiser(tok(k).form)) break;
        if (mention_at_[k] < 0) continue;
        const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
        // A person behind ل/ب is the title's complement, not its holder: "المحامي الخاص لترامب رودي جولياني".
        if (m.type == EntityType::Person && !clitic_preposition(m)) {
          *after = m.end_token;
          remember_title(entity_of_mention_at(k), j, k);
          return entity_of_mention_at(k);
        }
      }
      if (titled >= 0) {
        // Skip the rest of the title's qualifiers.
        std::size_t k = titled_end;
        while (k < end && tok(k).is_word && !is_complementiser(tok(k).form) && mention_at_[k] >= 0) ++k;
        *after = k;
        return titled;
      }
      // An unnamed official of a named body speaks for it: "واوضح المتحدث باسم حزب الله ان" → حزب الله.
      for (std::size_t k = j; k < end && k < j + 10; ++k) {
        if (!tok(k).is_word || is_complementiser(tok(k).form) || cue_at(k)) break;
        if (mention_at_[k] >= 0 && doc_.mentions[static_cast<std::size_t>(mention_at_[k])].type == EntityType::Organization) {
          *after = doc_.mentions[static_cast<std::size_t>(mention_at_[k])].end_token;
          return entity_of_mention_at(k);
        }
      }
      return -1;
    }
    if (int described = described_entity_at(j); described >= 0) {
      *after = j + 1;
      return described;
    }
    // "اعترض الأخير": the latter is the last person named before.
    if (tok(j).form == U"الاخير" || tok(j).form == U"الاخيره") {
      for (std::size_t k = j; k-- > 0 && k + 60 > j;)
        if (mention_at_[k] >= 0 && doc_.mentions[static_cast<std::size_t>(mention_at_[k])].type == EntityType::Person) {
          *after = j + 1;
          return entity_of_mention_at(k);
        }
    }
    // An unlisted title before the name: "اعتبر المفوض السامي لحقوق الإنسان في الأمم المتحدة زيد رعد الحسين
    // يوم الجمعة أن": the first person named before the content starts, with no other verb between.
    for (std::size_t k = j; k < end && k < j + 12; ++k) {
      const Token& t = tok(k);
      if (is_quote(t) || t.form == U":" || is_complementiser(t.form) || cue_at(k)) break;
      if (mention_at_[k] < 0) continue;
      const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
      // "قال الطبيب السابق لدونالد ترامب إنه": the doctor speaks, unnamed; Trump is the noun's complement.
      if (m.type == EntityType::Person && m.first_token == k && !(k > j && clitic_preposition(m))) {
        *after = m.end_token;
        int person = entity_of_mention_at(k);
        remember_title(person, j, k);
        return person;
      }
    }
    return -1;
  }

  void sentence(const Sentence& s) {
    std::size_t end = s.end_token;
    // Tokens inside quotation marks are the content of some other act: cues there are reported
    // within a quote ("الذي قال ...") and left to nested attribution.
    std::vector<bool> quoted(end - s.first_token, false);
    bool open = false;
    for (std::size_t i = s.first_token; i < end; ++i) {
      if (is_quote(tok(i))) open = opens_quote(doc_.text.norm(), tok(i).nstart, open);
      quoted[i - s.first_token] = open;
    }
    std::size_t first_statement = doc_.statements.size();
    for (std::size_t i = s.first_token; i < end; ++i) {
      // "حسب وكالة فرانس برس"، "حسبما أفاد راديو (سوا)": the source of the act before it.
      const LexiconEntry* attribution = nullptr;
      std::size_t n = attribution_at(i, end, &attribution);
      // "وفق ما أعلنت المتحدثة باسم الخارجية، هيذر نويرت" is an act of the speaker of its verb: the verb, read
      // below as a cue, makes the statement ("حسب ما أفاد" is listed whole, as a source phrase).
      if (n) {
        std::size_t v = i + n;
        if (v < end && tok(v).form == U"ما") ++v;
        if (v < end && tok(v).form != tok(i + n - 1).form && cue_at(v) && cue_at(v)->subtype.starts_with("verb")) n = 0;
      }
      if (n) {
        std::size_t k = i + n;
        while (k < end && k < i + n + 3 && (mention_at_[k] < 0 || is_report_noun(tok(k).form))) ++k;
        bool source_named = k < end && mention_at_[k] >= 0 &&
                            doc_.mentions[static_cast<std::size_t>(mention_at_[k])].type != EntityType::Place;
        if (source_named && doc_.statements.size() == first_statement) {
          // Nothing reported before it in the sentence: "... 60% منهم في العمالة المنزلية، وفق وزارة الخارجية"
          // is the source's own statement of the fact; so is what follows it when it opens the sentence
          // ("ووفقا لوكالة الأنباء السورية، أصيبت طائرة").
          const Mention& source = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
          bool opens = true;
          for (std::size_t t = s.first_token; t < i && opens; ++t) opens = !tok(t).is_word;
          std::size_t from = source.end_token;
          while (from < end && (!tok(from).is_word || tok(from).form == U"فان")) ++from;
          Statement st;
          st.sentence = static_cast<std::size_t>(&s - doc_.sentences.data());
          st.cue_span = doc_.text.to_original(tok(i).nstart + (conjunction_before_attribution(i) ? 1 : 0), tok(i + n - 1).nend);
          st.cue = doc_.text.slice_utf8(st.cue_span);
          st.act = "statement";
          st.cameo = lx_.cameo.count(st.act) ? lx_.cameo.at(st.act) : "";
          st.speaker = source.entity;
          std::size_t about_from = s.first_token, about_to = i;  // the tokens of what was stated
          if (opens && from < end) {
            std::size_t last = end;
            while (last > from && !tok(last - 1).is_word && !is_quote(tok(last - 1))) --last;
            st.content = {tok(from).span.start, tok(last - 1).span.end};
            st.span = {st.cue_span.start, st.content.end};
            about_from = from;
            about_to = last;
          } else {
            st.content = {tok(s.first_token).span.start, tok(i > s.first_token ? i - 1 : i).span.end};
            st.span = {st.content.start, source.span.end};
          }
          st.content_text = doc_.text.slice_utf8(st.content);
          for (std::size_t t = about_from; t < about_to; ++t) {
            int e = entity_of_mention_at(t);
            if (e >= 0 && e != st.speaker && std::find(st.about.begin(), st.about.end(), e) == st.about.end())
              st.about.push_back(e);
          }
          doc_.statements.push_back(std::move(st));
          i = source.end_token - 1;
          continue;
        }
        if (source_named && doc_.statements.size() > 0) {
          Statement& reported = doc_.statements.back();
          reported.source = entity_of_mention_at(k);
          reported.status = "reported";
          std::erase(reported.about, reported.source);
          i = doc_.mentions[static_cast<std::size_t>(mention_at_[k])].end_token - 1;
        } else {
          i += n - 1;  // no source: the words after the phrase are read again ("حسب تقديره وإعتبر أن")
        }
        continue;
      }
      const LexiconEntry* cue = cue_at(i);
      if (!cue) continue;
      // No finite verb follows a preposition: "أعلنت عن كشف اثري" is a discovery, not an announcement.
      if ((cue->subtype == "verb" || cue->subtype == "verb-that") && i > s.first_token && after_preposition(i)) continue;
      // An imperfect verb right after an indefinite noun describes that noun (جملة صفة), it reports nobody:
      // "تلويح بإضراب يهدد ذروة الموسم"، "مشروع قرار يدعو لإرسال لجنة تحقيق".
      if ((cue->subtype == "verb" || cue->subtype == "verb-that") && i > s.first_token && describes_indefinite_noun(i)) continue;
      // Inside a quotation only reporting nested in it counts: "... جون كيري، الذي قال ..." is a
      // statement of Kerry's, reported by the speaker of the quotation.
      int nested_speaker = -1;
      if (quoted[i - s.first_token]) {
        nested_speaker = relative_antecedent(i, s.first_token);
        if (nested_speaker < 0 || cue->subtype != "verb") continue;
      }
      Statement st;
      coordinated_.clear();
      st.sentence = static_cast<std::size_t>(&s - doc_.sentences.data());
      st.cue_span = tok(i).span;
      // Drop a و/ف conjunction written before the cue ("وقالت" → "قالت").
      std::u32string written = normalize(to_u32(cue->written));
      const std::u32string& form = tok(i).form;
      if (form.size() > written.size() && (form[0] == U'و' || form[0] == U'ف') && form.compare(1, written.size(), written) == 0)
        st.cue_span.start = doc_.text.to_original(tok(i).nstart + 1, tok(i).nend).start;
      st.cue = doc_.text.slice_utf8(st.cue_span);
      st.act = cue->value;
      st.cameo = lx_.cameo.count(st.act) ? lx_.cameo.at(st.act) : "";
      if (cue->subtype == "verb-that" && !that_clause_follows(i + 1, end)) continue;
      std::size_t after = i + 1;
      if (nested_speaker >= 0) {
        st.speaker = nested_speaker;
        if (doc_.statements.size() > first_statement) st.source = doc_.statements.back().speaker;
        st.status = "reported";
      } else if (cue->subtype == "verb" || cue->subtype == "verb-that") {
        // Subject–verb order first when the name opens the clause right before the verb: in
        // "الصين طالبت إسرائيل بـ" the name after the verb is the object, not the speaker.
        st.speaker = subject_before(i, s.first_token);  // "ولكن المعارضة رفضت"
        if (int first = coordinated_subjects_before(i, s.first_token); first >= 0) st.speaker = first;
        if (st.speaker < 0) st.speaker = topic_of_amma(i, s.first_token);  // "أما نور الغساني ... فتقول"
        bool object_follows = false;
        if (st.speaker < 0) {
          st.speaker = speaker_after(i + 1, end, &after);
          // "وقالت لبي بي سي إنها": the one addressed follows, the speaker is the current one.
          if (st.speaker < 0 && i + 1 < end && mention_at_[i + 1] >= 0 &&
              clitic_preposition(doc_.mentions[static_cast<std::size_t>(mention_at_[i + 1])]))
            object_follows = true;
          // A masculine verb does not agree with a country or city (feminine in Arabic, but for a few): in
          // "ودعا الجزائر إلى تحمل مسؤولياتها" Algeria is the one called upon, the speaker is the clause's subject.
          if (st.speaker >= 0 && masculine_singular_verb(i) && feminine_place(st.speaker)) {
            st.speaker = -1;  // the addressee, found below
            after = i + 1;
            object_follows = true;
          }
        }
        if (st.speaker < 0) st.speaker = relative_antecedent(i, s.first_token);  // "تصريحات ترامب التي طالب فيها"
        if (st.speaker < 0 && i + 1 < end && (object_follows || subjectless(i + 1))) {
          // The subject of the clause before, if a person was named since the last act in this sentence:
          // "بينما وجه هوراسيو كارتيس ... دعوة للهدوء ودعا إلى الحوار"; else the last speaker
          // ("وأضاف إن ..."، "وقالت "...""); else the person last named ("ويواصل ترامب ... عندما قال").
          st.speaker = person_since_last_act(i, s);
          if (st.speaker < 0) st.speaker = recent_speaker(st.sentence);
          if (st.speaker < 0) st.speaker = recent_person(i, s);
        }
        if (st.speaker < 0 && i + 1 < end && tok(i + 1).is_word && !lx_.titles.match(doc_, i + 1, &attribution) &&
            mention_at_[i + 1] < 0)
          st.speaker = -1;  // a subject we could not resolve: kept unresolved, never guessed
      } else if (cue->subtype == "participle") {
        st.speaker = doc_.statements.size() > first_statement ? doc_.statements.back().speaker
                                                              : recent_speaker(st.sentence);
      } else if (cue->subtype == "noun-of") {
        // "إعلان ترامب عن رغبته"، "دعوات من صندوق النقد": the speaker follows the noun.
        std::size_t k = i + 1;
        if (k < end && (tok(k).form == U"من" || tok(k).form == U"الرئيس")) ++k;
        if (k >= end || mention_at_[k] < 0) continue;
        const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
        if (m.first_token != k || m.type == EntityType::Place) continue;
        st.speaker = m.entity;
        after = m.end_token;
      } else {  // noun: "نقلت قناة روسيا اليوم، عن الأسد قوله"
        if (i < 2 || mention_at_[i - 1] < 0) continue;
        const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[i - 1])];
        // "عن الأسد قوله"، "عن كاتب عام النقل بالاتحاد التونسي للشغل، المنصف بن رمضان قوله"
        bool from = false;
        for (std::size_t k = m.first_token; k-- > s.first_token && k + 14 > m.first_token;)
          if (tok(k).form == U"عن") { from = true; break; }
        if (!from) continue;
        st.speaker = m.entity;
        for (std::size_t k = s.first_token; k + 1 < m.first_token; ++k)
          if (mention_at_[k] >= 0 && doc_.mentions[static_cast<std::size_t>(mention_at_[k])].type == EntityType::Organization) {
            st.source = entity_of_mention_at(k);
            break;
          }
      }
      // The learned decision (extract/speaker_model.h) where the rules found no subject: pro-drop continuations,
      // descriptions ("وأضاف الوزير"), participles starting a sentence. It learns from every cue occurrence, but a
      // subject the rules found stands: letting the model overrule them scored lower on news-gold dev (0.639 vs 0.664).
      if (nested_speaker < 0 && (trainer_ || (model_ && st.speaker < 0))) st.speaker = learned_speaker(i, s, *cue, st.speaker, quoted);
      // Content: from the first complementiser, colon or quote after the speaker, and before the next cue: in
      // "وشدد الملك على ضرورة تحسين الخدمات، مضيفاً أن ..." the أن clause is مضيفاً's, شدد says "على ضرورة ...".
      std::size_t content_start = after;
      while (content_start < end && content_start < after + 15) {
        const Token& t = tok(content_start);
        if (is_quote(t) || t.form == U":" || is_complementiser(t.form)) break;
        if (content_start > after && t.is_word && cue_at(content_start)) {
          content_start = end;
          break;
        }
        ++content_start;
      }
      if (content_start >= end || content_start >= after + 15) content_start = after;
      std::size_t content_end = end;
      for (std::size_t k = content_start + 1; k < end; ++k) {
        const LexiconEntry* next = cue_at(k);
        if (next && !quoted[k - s.first_token] && next->subtype == "participle") {
          content_end = k;
          break;
        }
      }
      while (content_end > content_start && !tok(content_end - 1).is_word && !is_quote(tok(content_end - 1))) --content_end;
      if (content_start < content_end) {
        std::size_t cs = content_start;
        if (tok(cs).form == U":") ++cs;
        if (cs < content_end) {
          st.content = {tok(cs).span.start, tok(content_end - 1).span.end};
          st.content_text = doc_.text.slice_utf8(st.content);
          st.direct_quote = is_quote(tok(cs));
        }
      }
      st.span = {st.cue_span.start, std::max(st.cue_span.end, st.content.end)};
      // Addressee: the object of an appeal or accusation, named after the speaker and before what is
      // asked or alleged: "دعا ... بوتين، المعارضة السورية المسلحة إلى ..."، "اتهم ... الروس بالكذب".
      if (st.act == "appeal" || st.act == "accuse" || st.act == "criticize" || st.act == "warn" || st.act == "threaten") {
        for (std::size_t k = after; k < content_end && k < after + 8; ++k) {
          const std::u32string& w = tok(k).form;
          if (k > after && (w == U"الي" || is_complementiser(w) || is_quote(tok(k)) || lx_.is_function_word(w))) break;
          int e = entity_of_mention_at(k);
          if (e >= 0 && e != st.speaker) {
            st.addressees.push_back(e);
            break;
          }
        }
      }
      for (std::size_t k = after; k < content_end; ++k) {
        // A nationality adjective in what was said is about its country, when the article names the country:
        // "قال الغنوشي إن نموذج التوافق التونسي قابل للتطبيق" is about تونس.
        // So is a definite description of an organisation named before ("اللجنة" after "لجنة الانتخابات").
        // The adjective counts inside a name or a title too: "القوات الإيرانية" is also about إيران.
        int e = entity_of_mention_at(k);
        int country = country_of_adjective_at(k);
        if (e < 0 && tok(k).is_word) e = described_entity_at(k);
        // And a title bound to a person named earlier ("إن خطاب الرئيس التونسي هام" → السبسي).
        const LexiconEntry* title = nullptr;
        if (e < 0 && tok(k).is_word && lx_.titles.match(doc_, k, &title)) {
          std::size_t title_end = k;
          e = titled_person_at(k, content_end, &title_end);
        }
        // "قال إن بلاده تسعى إلى ..." is about the speaker's country.
        if (e < 0 && country < 0 && st.speaker >= 0 && own_country_word(tok(k).form)) country = country_of_entity(st.speaker);
        // "العلاقات بين البلدين" is about the two countries named last before it.
        int other_country = -1;
        if (e < 0 && country < 0 && two_countries_word(tok(k).form)) last_two_countries(k, &country, &other_country);
        for (int target : {e, country, other_country}) {
          if (target < 0 || target == st.speaker) continue;
          if (std::find(st.about.begin(), st.about.end(), target) == st.about.end() &&
              std::find(st.addressees.begin(), st.addressees.end(), target) == st.addressees.end())
            st.about.push_back(target);
        }
      }
      // An act on something named before, by a pronoun: "دعاها للمشاركة" (Algeria, named before), "رحبت به
      // إسرائيل" (the decision named in the sentence before) is also about the last entity named before the cue,
      // in this sentence or the one before it (not the speaker).
      if (object_pronoun_at(i, written)) {
        const std::size_t sentence = static_cast<std::size_t>(&s - doc_.sentences.data());
        const std::size_t from = doc_.sentences[sentence > 0 ? sentence - 1 : 0].first_token;
        for (std::size_t k = i; k-- > from;) {
          int e = entity_of_mention_at(k);
          if (e < 0 || e == st.speaker) continue;
          if (std::find(st.about.begin(), st.about.end(), e) == st.about.end() &&
              std::find(st.addressees.begin(), st.addressees.end(), e) == st.addressees.end())
            st.about.push_back(e);
          break;
        }
      }
      // What the sentence names before the first act in it sets its scene: "وخلال لقائه مع ماكرون، قال ..." is
      // also about ماكرون (not the speaker, nor another act's content).
      if (doc_.statements.size() == first_statement)
        for (std::size_t k = s.first_token; k < i; ++k) {
          int e = entity_of_mention_at(k);
          if (e < 0 || e == st.speaker || quoted[k - s.first_token]) continue;
          if (std::find(st.about.begin(), st.about.end(), e) == st.about.end() &&
              std::find(st.addressees.begin(), st.addressees.end(), e) == st.addressees.end())
            st.about.push_back(e);
        }
      // Date of the act: a full date between the cue and the content.
      for (const Timex& t : doc_.timexes) {
        if (t.type != "DATE" || t.value.size() != 10) continue;
        std::size_t gap_end = content_start < end ? tok(content_start).span.start : tok(end - 1).span.end;
        if (t.span.start >= st.cue_span.end && t.span.end <= gap_end) {
          st.date = t.value;
          break;
        }
      }
      if (st.status == "asserted") st.status = claim_status(st, content_start, content_end);
      if (st.speaker >= 0) {
        last_speaker_ = st.speaker;
        last_speaker_sentence_ = st.sentence;
      }
      // A participle continuing the act before it ("دعا ... قائلا إن ...") is an act of its own with the same
      // speaker, as news-gold annotates it (../shared/data/news-gold/GUIDE.md), with its own content; it is
      // also about what the act it continues addressed ("أكد الوزير القطري والتركي ... مؤكدا أن العلاقات بين البلدين").
      if (cue->subtype == "participle" && st.speaker >= 0 && doc_.statements.size() > first_statement &&
          doc_.statements.back().speaker == st.speaker) {
        const Statement& main = doc_.statements.back();
        for (const auto* list : {&main.addressees, &main.about})
          for (int e : *list)
            if (e != st.speaker && std::find(st.about.begin(), st.about.end(), e) == st.about.end() &&
                std::find(st.addressees.begin(), st.addressees.end(), e) == st.addressees.end())
              st.about.push_back(e);
      }
      // "وأردف قائلا: ..."، "وأضاف الرئيس المصري قائلا: ...": a verb that only announces more speech, with nothing
      // said before قائلا, is one act with it, the verb's; what قائلا introduces is its content. A verb with an
      // object of its own ("أكد التزامه ... قائلا إن") is an act of its own, and so is قائلا after it.
      if (is_saying_participle(i) && opens_nothing_since_last_act(i, first_statement) &&
          st.speaker == doc_.statements.back().speaker) {
        Statement& main = doc_.statements.back();
        main.content = st.content;
        main.content_text = st.content_text;
        main.direct_quote = st.direct_quote;
        main.span.end = std::max(main.span.end, st.span.end);
        for (int e : st.about)
          if (e != main.speaker && std::find(main.about.begin(), main.about.end(), e) == main.about.end()) main.about.push_back(e);
        continue;
      }
      push_per_speaker(std::move(st), i);
      if (cue->subtype == "verb") i = std::max(i, after - 1);
    }
  }

  // One statement per speaker of the act: the coordinated subjects found with the speaker ("قال الأسد وظريف إن"),
  // and for a dual or plural verb with no subject of its own, the speakers of the act before ("وأضافا أن").
  // Each speaker's act is not about the others who made it with them.
  void push_per_speaker(Statement st, std::size_t i) {
    std::vector<int> group;
    if (coordinated_.size() > 1 && coordinated_[0] == st.speaker) group = coordinated_;
    else if (last_group_.size() > 1 && std::find(last_group_.begin(), last_group_.end(), st.speaker) != last_group_.end() &&
             plural_verb(i))
      group = last_group_;
    last_group_ = group;
    if (group.empty()) {
      doc_.statements.push_back(std::move(st));
      return;
    }
    for (int e : group) std::erase(st.about, e), std::erase(st.addressees, e);
    // The speaker's own act last: a participle after it continues the last act's speaker ("..., مؤكدة").
    for (int e : group) {
      if (e == st.speaker) continue;
      Statement one = st;
      one.speaker = e;
      doc_.statements.push_back(std::move(one));
    }
    doc_.statements.push_back(std::move(st));
  }

  // A cue verb in the dual or plural: a singular cue with ا/وا after it ("أضافا"، "اقترحتا"، "قالوا").
  bool plural_verb(std::size_t i) const {
    const std::u32string w = verb_without_conjunction(i);
    for (std::u32string suffix : {U"وا", U"ا"}) {
      if (!w.ends_with(suffix)) continue;
      const LexiconEntry* singular = lx_.cues.find(w.substr(0, w.size() - suffix.size()));
      return singular && (singular->subtype == "verb" || singular->subtype == "verb-that");
    }
    return false;
  }

  bool is_saying_participle(std::size_t i) const {
    static const std::u32string forms[] = {normalize(U"قائلا"), normalize(U"قائلة"), normalize(U"قائلين")};
    return std::find(std::begin(forms), std::end(forms), tok(i).form) != std::end(forms);
  }

  // A past or present verb in the third person masculine singular: "دعا"، "يدعو" (not "دعت"، "تدعو"، "دعوا").
  // The cue at i without a و/ف conjunction: "وقالت" → "قالت".
  std::u32string verb_without_conjunction(std::size_t i) const {
    const std::u32string& verb = tok(i).form;
    return verb.size() > 3 && (verb[0] == U'و' || verb[0] == U'ف') ? verb.substr(1) : verb;
  }

  bool masculine_singular_verb(std::size_t i) const {
    const std::u32string verb = verb_without_conjunction(i);
    if (verb.size() < 3) return false;
    return verb.back() != U'ت' && verb[0] != U'ت' && !verb.ends_with(U"وا") && !verb.ends_with(U"ون");
  }

  // Whether an entity is a place whose name Arabic treats as feminine: every country and city but a few
  // masculine ones (العراق، الأردن، لبنان، السودان، المغرب، اليمن، البحرين، الكويت، الصومال).
  bool feminine_place(int entity) const {
    const Entity& e = doc_.entities[static_cast<std::size_t>(entity)];
    if (e.type != EntityType::Place) return false;
    static const std::set<std::string> masculine = {"IQ", "JO", "LB", "SD", "MA", "YE", "BH", "KW", "SO"};
    return e.country.empty() || !masculine.count(e.country) || e.subtype == "city";
  }

  // Whether the last act of this sentence is a verb that announces more speech ("أضاف"، "أردف"، "تابع"، "قال")
  // by a speaker who has said nothing yet before token i: no quote, colon or إن/أن between its cue and i.
  bool opens_nothing_since_last_act(std::size_t i, std::size_t first_statement) const {
    if (doc_.statements.size() <= first_statement) return false;
    const Statement& last = doc_.statements.back();
    if (last.speaker < 0) return false;
    static const std::u32string announcing[] = {normalize(U"أضاف"), normalize(U"أردف"), normalize(U"تابع"),
                                                normalize(U"استطرد"), normalize(U"قال"), normalize(U"أضافت"),
                                                normalize(U"أردفت"), normalize(U"تابعت"), normalize(U"قالت")};
    std::u32string cue = normalize(to_u32(last.cue));
    if (std::find(std::begin(announcing), std::end(announcing), cue) == std::end(announcing)) return false;
    for (std::size_t k = i; k-- > 0 && tok(k).span.start >= last.cue_span.end;) {
      const Token& t = tok(k);
      if (is_quote(t) || t.form == U":" || is_complementiser(t.form)) return false;
    }
    return true;
  }

  // The country entity of a nationality adjective at token k ("التونسية" → تونس), if the article names it.
  int country_of_adjective_at(std::size_t k) const {
    const LexiconEntry* nat = nullptr;
    if (!tok(k).is_word) return -1;
    if (!lx_.nationalities.match(doc_, k, &nat, nullptr, false)) {
      // Behind the conjunction only: "والإيرانيون ملتزمون" (not "بالروسية", the language).
      std::size_t offset = 0;
      const char32_t first = tok(k).form[0];
      if ((first != U'و' && first != U'ف') || !lx_.nationalities.match(doc_, k, &nat, &offset) || offset != 1) return -1;
    }
    if (nat->country.empty()) return -1;
    return country_entity(doc_, nat->country);
  }

  // "البلدين"، "للبلدين"، "بلدينا"، "الدولتين": the two countries of a bilateral relation ("للبلدين" is ل + "لبلدين").
  static bool two_countries_word(std::u32string_view w) {
    if (w.size() > 6 && (w[0] == U'و' || w[0] == U'ف' || w[0] == U'ل' || w[0] == U'ب')) w.remove_prefix(1);
    return w == U"البلدين" || w == U"بلدينا" || w == U"الدولتين" || w == U"لبلدين" || w == U"لدولتين";
  }

  // The two distinct countries named last before token k, in its sentence or the one before (none unless two are).
  void last_two_countries(std::size_t k, int* first, int* second) const {
    *first = *second = -1;
    const std::size_t sentence = tok(k).sentence;
    const std::size_t from = doc_.sentences[sentence > 0 ? sentence - 1 : 0].first_token;
    for (std::size_t m = doc_.mentions.size(); m-- > 0;) {
      const Mention& mention = doc_.mentions[m];
      if (mention.first_token >= k || mention.first_token < from || mention.entity < 0) continue;
      const Entity& e = doc_.entities[static_cast<std::size_t>(mention.entity)];
      if (e.type != EntityType::Place || e.subtype != "country") continue;
      if (*first < 0) *first = mention.entity;
      else if (mention.entity != *first) { *second = mention.entity; return; }
    }
    *first = -1;
  }

  // "بلاده"، "لبلادها"، "وبلادنا": the speaker's own country.
  static bool own_country_word(std::u32string_view w) {
    for (char32_t prefix : {U'و', U'ف', U'ل', U'ب'})
      if (w.size() > 5 && w[0] == prefix) w.remove_prefix(1);
    return w == U"بلاده" || w == U"بلادها" || w == U"بلادنا";
  }

  // The country entity of a person or body whose country is known (from its title: "الرئيس الفرنسي"), if the
  // article names the country.
  int country_of_entity(int entity) const {
    const Entity& x = doc_.entities[static_cast<std::size_t>(entity)];
    if (x.country.empty() || (x.type == EntityType::Place && x.subtype == "country")) return -1;
    return country_entity(doc_, x.country);
  }

  // "جون كيري، الذي قال": the entity a relative pronoun right before the cue refers to.
  int relative_antecedent(std::size_t cue, std::size_t sentence_start) const {
    if (cue == sentence_start) return -1;
    const std::u32string& w = tok(cue - 1).form;
    if (w != U"الذي" && w != U"التي" && w != U"الذين") return -1;
    for (std::size_t k = cue - 1; k-- > sentence_start && k + 4 > cue - 1;) {
      if (mention_at_[k] < 0) continue;
      const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
      return m.type == EntityType::Place ? -1 : m.entity;
    }
    return -1;
  }

  // asserted, denied (the speaker denies the content) or hypothetical (a conditional content).
  std::string claim_status(const Statement& st, std::size_t content_start, std::size_t content_end) const {
    if (st.source >= 0) return "reported";
    if (st.act == "deny") return "denied";
    for (std::size_t k = content_start; k < content_end && k < content_start + 3; ++k) {
      const std::u32string& w = tok(k).form;
      if (w == U"اذا" || w == U"لو" || w == U"لولا" || (w == U"حال" && k > content_start && tok(k - 1).form == U"في"))
        return "hypothetical";
    }
    return "asserted";
  }

  // Names joined by و that open the clause of a dual or plural verb: "وقال دبلوماسيون إن روسيا وإثيوبيا اقترحتا
  // تعديل نص المشروع" is an act of both. Returns the first name (the others go to coordinated_), or -1.
  int coordinated_subjects_before(std::size_t cue_token, std::size_t sentence_start) {
    if (!plural_verb(cue_token)) return -1;
    std::vector<int> chain;
    std::size_t k = cue_token;
    while (k > sentence_start && mention_at_[k - 1] >= 0) {
      const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k - 1])];
      if (!chain.empty() && (doc_.entities[static_cast<std::size_t>(m.entity)].type == EntityType::Person) !=
                                (doc_.entities[static_cast<std::size_t>(chain[0])].type == EntityType::Person))
        return -1;
      chain.push_back(m.entity);
      k = m.first_token;
      if (and_name_at(k, cue_token) < 0) break;
    }
    if (chain.size() < 2 || and_name_at(k, cue_token) >= 0 || !opens_clause(k, sentence_start)) return -1;
    coordinated_.assign(chain.rbegin(), chain.rend());
    return coordinated_[0];
  }

  // Whether a name at token k opens its own clause: at the sentence start, after punctuation, or after a word
  // that opens one ("ولكن المعارضة رفضت"، "غير أن الأمم المتحدة قالت").
  bool opens_clause(std::size_t k, std::size_t sentence_start) const {
    if (k == sentence_start || !tok(k - 1).is_word) return true;
    static const std::u32string openers[] = {U"ولكن", U"لكن", U"بينما", U"فيما", U"كما", U"وكان", U"كان", U"وكانت", U"كانت",
                                             U"اما", U"واما", U"ان", U"وان", U"فان", U"بان"};
    return std::find(std::begin(openers), std::end(openers), tok(k - 1).form) != std::end(openers);
  }

  // Subject–verb order: a clause-initial name right before the verb, optionally with كان ... قد:
  // "ولكن المعارضة رفضت"، "وكان وزير الدفاع الروسي سيرجي شويجو قد أعلن".
  int subject_before(std::size_t cue, std::size_t sentence_start) const {
    std::size_t k = cue;
    if (k > sentence_start && (tok(k - 1).form == U"قد" || tok(k - 1).form == U"لقد")) --k;
    if (k == sentence_start) return -1;
    if (mention_at_[k - 1] < 0) {
      for (std::size_t start = k - 1; start + 5 > k && start >= sentence_start; --start) {
        std::size_t after = start;
        int person = titled_person_at(start, k, &after);
        if (person >= 0 && after == k) return person;
        if (start == 0) break;
      }
      return -1;
    }
    const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k - 1])];
    // A city speaks for its government only when the clause clearly starts with it ("وكانت روما قد طالبت").
    bool city = m.type == EntityType::Place && m.rule != "nationality-people" && m.subtype != "country";
    // Walk back over a title that introduces the name ("وزير الدفاع الروسي").
    std::size_t start = m.first_token;
    while (start > sentence_start && tok(start - 1).is_word && mention_at_[start - 1] < 0 &&
           !lx_.is_function_word(tok(start - 1).form) && !cue_at(start - 1) && start + 6 > m.first_token)
      --start;
    // A name that opens its own clause is the subject of the verb after it.
    if (start == sentence_start || (!tok(start - 1).is_word && !city)) return m.entity;
    if (tok(start - 1).is_word && opens_clause(start, sentence_start)) return m.entity;
    if (city) return -1;
    if (start < m.first_token) {
      const LexiconEntry* e = nullptr;
      for (std::size_t t = start; t < m.first_token; ++t)
        if (t > sentence_start && tok(t - 1).is_word && lx_.titles.match(doc_, t, &e) && opens_clause(t, sentence_start))
          return m.entity;
    }
    return -1;
  }

  bool describes_indefinite_noun(std::size_t cue) const {
    const std::u32string& verb = tok(cue).form;
    if (verb.size() < 3 || (verb[0] != U'ي' && verb[0] != U'ت')) return false;  // imperfect, no و/ف before it
    const Token& noun = tok(cue - 1);
    if (!noun.is_word || noun.sentence != tok(cue).sentence || mention_at_[cue - 1] >= 0 || noun.form.size() < 3) return false;
    for (const auto& reading : noun.readings)
      if (reading.has_article) return false;  // "الرئيس يدعو": a definite subject before its verb
    if (lx_.is_function_word(noun.form) || cue_at(cue - 1)) return false;
    // Not a number, nor an adverb in the accusative ("أيضا يقول"، "دائما تقول").
    return !(noun.form[0] >= U'0' && noun.form[0] <= U'9') && noun.form.back() != U'ا';
  }

  bool after_preposition(std::size_t cue) const {
    static const std::u32string prepositions[] = {U"عن", U"في", U"علي", U"الي", U"مع", U"حول", U"ضد"};
    const Token& t = tok(cue - 1);
    if (!t.is_word) return false;
    for (const auto& p : prepositions)
      if (t.form == p) return true;
    return false;
  }

  // The topic that أما fronts and the ف of the verb takes up (جواب أما): "أما نور بنت حسن الغساني رئيسة
  // جمعية المرأة العمانية بصلالة فتقول", "اما (خليل العناني) فيقول". The name follows أما (an opening
  // bracket may stand between); anything may stand between it and the verb, within the sentence.
  int topic_of_amma(std::size_t cue, std::size_t sentence_start) const {
    if (tok(cue).form.size() < 3 || tok(cue).form[0] != U'ف') return -1;
    for (std::size_t k = cue; k-- > sentence_start && k + 30 > cue;) {
      if (cue_at(k)) return -1;  // another act between: the topic is that act's
      if (tok(k).form != U"اما" && tok(k).form != U"واما") continue;
      std::size_t j = k + 1;
      if (j < cue && !tok(j).is_word && tok(j).form == U"(") ++j;
      if (j >= cue) return -1;
      if (mention_at_[j] >= 0) {
        const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[j])];
        return m.first_token == j && m.type != EntityType::Place ? m.entity : -1;
      }
      std::size_t after = j;
      return titled_person_at(j, cue, &after);
    }
    return -1;
  }

  // A أن/إن clause within a few words: "وبين الأمين العام أن ..." (not "بين الحكومة والاتحاد").
  // The clause is the verb's own: the search stops at another cue or a colon, where another verb's content
  // begins ("بين شعوب العالم وحضاراته قالت: ان ...": that أن is قالت's).
  // Within eight words, not counting the names and punctuation of the subject: "رأى وزير الخارجية القطري الأسبق،
  // حمد بن جاسم بن جبر آل ثاني، أن".
  bool that_clause_follows(std::size_t k, std::size_t end) const {
    for (std::size_t j = k, words = 0; j < end && words < 8; ++j) {
      if (is_complementiser(tok(j).form)) return true;
      if ((!tok(j).is_word && (tok(j).form == U":" || tok(j).form == U"؛")) || (tok(j).is_word && cue_at(j))) return false;
      words += tok(j).is_word && mention_at_[j] < 0;
    }
    return false;
  }

  // Words that can follow a verb of speech with no subject: the content, or an adverbial
  // ("أمام حشد"، "في خطاب"، "للصحافيين"، "بالقول").
  bool subjectless(std::size_t k) const {
    const Token& t = tok(k);
    if (!t.is_word || is_complementiser(t.form)) return true;
    if (t.form.rfind(U"لل", 0) == 0) return true;  // "وقال للمجلس إن"
    if (is_saying_participle(k)) return true;       // "وأردف قائلا"
    // Also the prepositions a verb of saying governs ("وحذر من أن"، "وشدد على"، "وأعرب عن"): in verb–subject
    // order the subject would stand before them ("حذر أنان من").
    static const std::u32string adverbials[] = {U"امام", U"في", U"خلال", U"بالقول", U"لدي", U"عبر", U"الي", U"ان",
                                                U"للصحافيين", U"للصحفيين", U"لوسائل", U"لوكاله", U"له", U"لها", U"لهم",
                                                U"من", U"عن", U"علي"};
    for (const auto& a : adverbials)
      if (t.form == a) return true;
    // A time right after the verb: "وأضاف الاثنين أن"، "وأكد امس" (the subject would stand before it).
    for (const Timex& x : doc_.timexes)
      if (x.span.start <= t.span.start && t.span.start < x.span.end) return true;
    // An ordinary noun with an attached pronoun is the verb's object: the subject would stand before it ("وبرر
    // الوزير اختياره"), so there is none here. (A word behind ب/ل read so too scored lower on news-gold dev.)
    return t.form.size() > 3 && ordinary_noun_with_pronoun(doc_, t);
  }

  // A person named (outside quotations) in this sentence after the previous act's cue and before `cue`.
  // Only when no act was reported earlier in the sentence: names inside that act's content are what
  // it is about, not the next speaker ("وأضافت الوزارة أن بوتين أمر ... وأوضحت أن" is still the ministry).
  int person_since_last_act(std::size_t cue, const Sentence& s) const {
    std::size_t from = s.first_token;
    if (!doc_.statements.empty() && doc_.statements.back().cue_span.start >= tok(s.first_token).span.start) return -1;
    bool open = false;
    int found = -1;
    for (std::size_t k = s.first_token; k < cue; ++k) {
      if (is_quote(tok(k))) open = opens_quote(doc_.text.norm(), tok(k).nstart, open);
      if (k >= from && !open && mention_at_[k] >= 0 &&
          doc_.mentions[static_cast<std::size_t>(mention_at_[k])].type == EntityType::Person)
        found = entity_of_mention_at(k);
    }
    return found;
  }

  // The last person named outside quotations in this or the previous sentence, before token `cue`.
  int recent_person(std::size_t cue, const Sentence& s) const {
    std::size_t sentence = static_cast<std::size_t>(&s - doc_.sentences.data());
    std::size_t from = sentence > 0 ? doc_.sentences[sentence - 1].first_token : s.first_token;
    bool open = false;
    int found = -1;
    for (std::size_t k = from; k < cue; ++k) {
      if (is_quote(tok(k))) open = opens_quote(doc_.text.norm(), tok(k).nstart, open);
      if (k == doc_.sentences[sentence].first_token) open = false;
      if (!open && mention_at_[k] >= 0 && doc_.mentions[static_cast<std::size_t>(mention_at_[k])].type == EntityType::Person)
        found = entity_of_mention_at(k);
    }
    return found;
  }

  // The speaker of the last act, if it was in this or the previous sentence.
  int recent_speaker(std::size_t sentence) const {
    return last_speaker_ >= 0 && sentence <= last_speaker_sentence_ + 1 ? last_speaker_ : -1;
  }

  // ---- the learned speaker decision (extract/speaker_model.h)

  static std::string bucket(std::size_t d) {
    if (d <= 3) return std::to_string(d);
    if (d <= 5) return "4-5";
    if (d <= 9) return "6-9";
    if (d <= 19) return "10-19";
    return "20+";
  }

  bool is_preposition(const std::u32string& w) const {
    static const std::u32string words[] = {U"عن", U"في", U"علي", U"الي", U"مع", U"حول", U"ضد", U"من", U"لدي", U"بين",
                                           U"امام", U"بعد", U"قبل", U"خلال", U"مثل", U"عبر", U"حسب", U"وفق"};
    for (const auto& p : words)
      if (w == p) return true;
    return false;
  }

  // A clitic preposition written on the mention's first token ("بالسفير"، "لروسيا"، "كرئيس").
  bool clitic_preposition(const Mention& m) const {
    const Token& t = tok(m.first_token);
    if (t.span.start >= m.span.start) return false;
    const std::u32string& f = t.form;
    std::size_t k = (f.size() > 1 && (f[0] == U'و' || f[0] == U'ف')) ? 1 : 0;
    return k < f.size() && (f[k] == U'ب' || f[k] == U'ل' || f[k] == U'ك');
  }

  std::string kind_of(int entity) const {
    const Entity& e = doc_.entities[static_cast<std::size_t>(entity)];
    if (e.type == EntityType::Person) return "per";
    if (e.type == EntityType::Organization) return "org";
    return e.subtype == "country" ? "country" : "place";
  }

  // Who speaks at cue i: every entity named from two sentences before the cue to 40 tokens after it, the
  // rules' pick and the current speaker of the discourse compete with "nobody"; the model's best stands.
  int learned_speaker(std::size_t i, const Sentence& s, const LexiconEntry& cue, int rule_pick, const std::vector<bool>& quoted) {
    const std::size_t sentence = static_cast<std::size_t>(&s - doc_.sentences.data());
    const std::size_t from = doc_.sentences[sentence >= 4 ? sentence - 4 : 0].first_token;
    const std::size_t to = std::min(s.end_token, i + 40);
    const std::string group = cue.subtype == "participle" ? "part" : (cue.subtype == "verb" || cue.subtype == "verb-that") ? "verb" : "noun";
    const std::u32string verb = verb_without_conjunction(i);
    const bool feminine = group == "part" ? verb.back() == U'ه' : (verb.back() == U'ت' || (verb[0] == U'ت' && verb.size() >= 4));
    const bool plural = verb.size() > 3 && (verb.ends_with(U"وا") || verb.ends_with(U"ون") || (group == "part" && verb.ends_with(U"ين")));

    struct Seen { int entity; long before = -1, after = -1; };  // nearest mention index on each side
    std::vector<Seen> seen;
    auto slot = [&](int entity) -> Seen& {
      for (Seen& x : seen)
        if (x.entity == entity) return x;
      seen.push_back({entity});
      return seen.back();
    };
    // What each token of the window is, looked up once for all candidates.
    enum : unsigned char { kCue = 1, kThat = 2, kColon = 4, kComma = 8, kQuote = 16, kPreposition = 32 };
    std::vector<unsigned char> flags(to - from, 0);
    for (std::size_t k = from; k < to; ++k) {
      const Token& t = tok(k);
      unsigned char& f = flags[k - from];
      if (k != i && cue_at(k)) f |= kCue;
      if (is_complementiser(t.form)) f |= kThat;
      if (t.form == U":") f |= kColon;
      if (t.form == U"،" || t.form == U",") f |= kComma;
      if (is_quote(t)) f |= kQuote;
      if (t.is_word && is_preposition(t.form)) f |= kPreposition;
    }
    for (std::size_t k = from; k < to; ++k) {
      if (mention_at_[k] < 0) continue;
      const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
      if (m.first_token != k || m.entity < 0) continue;
      Seen& x = slot(m.entity);
      if (k < i) x.before = mention_at_[k];
      else if (k > i && x.after < 0) x.after = mention_at_[k];
    }
    if (rule_pick >= 0) slot(rule_pick);
    if (last_speaker_ >= 0) slot(last_speaker_);
    std::vector<std::size_t> acts_of(doc_.entities.size(), 0);  // how often each entity spoke before this cue
    for (const Statement& st : doc_.statements)
      if (st.speaker >= 0) {
        if (acts_of[static_cast<std::size_t>(st.speaker)]++ == 0) slot(st.speaker);
      }
    int last_person_before = -1, first_person_after = -1;
    for (std::size_t k = from; k < to; ++k) {
      if (mention_at_[k] < 0 || doc_.mentions[static_cast<std::size_t>(mention_at_[k])].type != EntityType::Person) continue;
      if (k < i) last_person_before = entity_of_mention_at(k);
      else if (k > i && first_person_after < 0) first_person_after = entity_of_mention_at(k);
    }
    // A definite description right after the cue ("وأضاف الوزير"، "وقال الحزب"): the entities whose title or
    // name has that word.
    std::u32string described;
    if (i + 1 < s.end_token && tok(i + 1).is_word) {
      std::u32string w = tok(i + 1).form;
      if (w.size() > 5 && w.starts_with(U"ال")) described = w.substr(2);
    }
    auto describes = [&](int entity) {
      if (described.empty()) return false;
      const Entity& e = doc_.entities[static_cast<std::size_t>(entity)];
      auto has_word = [&](const std::string& phrase) {
        std::u32string p = normalize(to_u32(phrase));
        std::size_t at = 0;
        while ((at = p.find(described, at)) != std::u32string::npos) {
          bool starts = at == 0 || p[at - 1] == U' ' || (at >= 2 && p.compare(at - 2, 2, U"ال") == 0 && (at == 2 || p[at - 3] == U' '));
          bool ends = at + described.size() == p.size() || p[at + described.size()] == U' ';
          if (starts && ends) return true;
          ++at;
        }
        return false;
      };
      for (const auto& t : e.titles)
        if (has_word(t)) return true;
      if (e.type != EntityType::Organization) return false;
      // "وقالت المنظمة" → "منظمة هيومن رايتس ووتش", written so once in the article.
      if (has_word(e.label)) return true;
      for (const auto& a : e.aliases)
        if (has_word(a)) return true;
      return false;
    };

    // The country a description after the cue names: "وذكر المندوب الروسي"، "وأكدت رئيسة حكومة بريطانيا" (the
    // unnamed envoy is Russia's, or the Russian envoy named before). Its country joins the candidates.
    std::string described_country;
    for (std::size_t k = i + 1; k < s.end_token && k < i + 5 && described_country.empty(); ++k) {
      const Token& t = tok(k);
      if (!t.is_word || is_complementiser(t.form) || (flags[k - from] & kCue)) break;
      const LexiconEntry* nat = nullptr;
      if (mention_at_[k] >= 0) {
        const Mention& m = doc_.mentions[static_cast<std::size_t>(mention_at_[k])];
        if (m.type != EntityType::Place || m.subtype != "country") break;  // a name: the speaker itself, not a description
        described_country = doc_.entities[static_cast<std::size_t>(m.entity)].country;
      } else if (lx_.nationalities.match(doc_, k, &nat, nullptr, false) && !nat->country.empty()) {
        described_country = nat->country;
        if (int country = country_of_adjective_at(k); country >= 0) slot(country);
      }
    }
    auto of_described_country = [&](int entity) {
      const Entity& e = doc_.entities[static_cast<std::size_t>(entity)];
      return !described_country.empty() && e.country == described_country && (e.type != EntityType::Place || e.subtype == "country");
    };

    std::vector<SpeakerCandidate> candidates;
    auto push = [&](SpeakerCandidate& c, const std::string& f) {
      c.features.push_back(group + ":" + f);
      c.features.push_back("*:" + f);
    };
    // Nobody: the cue is no act here, or its speaker is not named within reach.
    SpeakerCandidate nobody;
    push(nobody, "none");
    push(nobody, std::string("none&rule=") + (rule_pick < 0 ? "none" : "some"));
    push(nobody, "none&cue=" + cue.written);
    push(nobody, "none&cands=" + bucket(seen.size()));
    if (quoted[i - s.first_token]) push(nobody, "none&quoted");
    if (i + 1 < s.end_token) {
      const Token& next = tok(i + 1);
      std::string kind = !next.is_word ? (is_quote(next) ? "quote" : encode_utf8(next.form))
                         : is_complementiser(next.form) ? "that"
                         : mention_at_[i + 1] >= 0 ? "name"
                         : is_preposition(next.form) ? "prep"
                         : "word";
      push(nobody, "none&next=" + kind);
    } else {
      push(nobody, "none&next=end");
    }
    candidates.push_back(std::move(nobody));

    for (const Seen& x : seen) {
      SpeakerCandidate c;
      c.entity = x.entity;
      const std::string kind = kind_of(x.entity);
      push(c, "k=" + kind);
      push(c, "k=" + kind + "&fem=" + (feminine ? "1" : "0"));
      if (plural) push(c, "k=" + kind + "&plural");
      const std::size_t mentions = doc_.entities[static_cast<std::size_t>(x.entity)].mentions.size();
      push(c, "count=" + bucket(mentions));
      if (x.entity == rule_pick) {
        push(c, "rule");
        push(c, "rule&k=" + kind);
      }
      if (x.entity == last_speaker_) {
        std::size_t since = sentence - std::min(sentence, last_speaker_sentence_);
        push(c, "last&since=" + bucket(since));
        push(c, "last&k=" + kind);
        push(c, "last&cue=" + cue.written);  // "وأضاف"، "مشيرا" continue the current speaker more than "أعلن" does
      }
      if (x.before < 0 && x.after < 0) push(c, "unnamed-nearby");
      const std::size_t acts = acts_of[static_cast<std::size_t>(x.entity)];
      push(c, "spoke=" + bucket(acts) + "&k=" + kind);
      if (x.entity == last_person_before) push(c, "last-person-before");
      if (x.entity == first_person_after) push(c, "first-person-after");
      if (!doc_.entities[static_cast<std::size_t>(x.entity)].titles.empty()) push(c, "has-title");
      if (describes(x.entity)) push(c, "described&k=" + kind);
      if (of_described_country(x.entity)) push(c, "described-country&k=" + kind);
      if (x.after >= 0) {
        const Mention& m = doc_.mentions[static_cast<std::size_t>(x.after)];
        std::size_t d = m.first_token - i;
        push(c, "a&d=" + bucket(d));
        bool first = true, that = false, comma = false, cue_between = false, prep_between = false, quote = false;
        for (std::size_t k = i + 1; k < m.first_token; ++k) {
          const unsigned char f = flags[k - from];
          if (mention_at_[k] >= 0) first = false;
          that |= (f & (kThat | kColon)) != 0;
          comma |= (f & kComma) != 0;
          quote |= (f & kQuote) != 0;
          cue_between |= (f & kCue) != 0;
          prep_between |= (f & kPreposition) != 0;
        }
        if (first) push(c, "a&first&k=" + kind);
        if (first && d == 1) push(c, "a&adjacent&k=" + kind);
        if (that) push(c, "a&in-content");
        if (that) push(c, "a&in-content&k=" + kind);
        if (quote) push(c, "a&after-quote");
        if (comma) push(c, "a&comma");
        if (cue_between) push(c, "a&cue-between");
        if (prep_between) push(c, "a&prep-between");
        if (m.first_token > 0 && is_preposition(tok(m.first_token - 1).form)) push(c, "a&after-prep");
        if (clitic_preposition(m)) push(c, "a&clitic-prep");
        const LexiconEntry* title = nullptr;
        if (first && !that && i + 1 < s.end_token && lx_.titles.match(doc_, i + 1, &title)) push(c, "a&title-chain&k=" + kind);
      }
      if (x.before >= 0) {
        const Mention& m = doc_.mentions[static_cast<std::size_t>(x.before)];
        std::size_t sd = sentence - tok(m.first_token).sentence;
        push(c, "b&sd=" + bucket(sd));
        if (sd == 0) {
          push(c, "b&d=" + bucket(i - std::min(i, m.end_token)));
          std::size_t end = m.end_token;
          if (end == i || (end + 1 == i && (tok(end).form == U"قد" || tok(end).form == U"لقد"))) push(c, "b&adjacent&k=" + kind);
          if (quoted[m.first_token - s.first_token]) push(c, "b&quoted");
        }
        bool cue_between = false, that = false;
        for (std::size_t k = m.end_token; k < i; ++k) {
          cue_between |= (flags[k - from] & kCue) != 0;
          that |= (flags[k - from] & kThat) != 0;
        }
        if (cue_between) push(c, "b&cue-between");
        if (that) push(c, "b&that-between");
        if (m.first_token > 0 && is_preposition(tok(m.first_token - 1).form)) push(c, "b&after-prep");
        if (clitic_preposition(m)) push(c, "b&clitic-prep");
        if (m.first_token == doc_.sentences[tok(m.first_token).sentence].first_token)
          push(c, "b&opens-sentence");
      }
      if (x.entity == rule_pick) {  // the rules' pick is weighed with features of its own
        std::size_t n = c.features.size();
        for (std::size_t f = 0; f < n; f += 2) c.features.push_back("R|" + c.features[f]);
      }
      candidates.push_back(std::move(c));
    }
    std::size_t chosen = 0;
    if (trainer_) {
      std::vector<std::vector<std::u32string>> names;
      for (const SpeakerCandidate& c : candidates) names.push_back(c.entity < 0 ? std::vector<std::u32string>{} : names_of(c.entity));
      std::size_t rule = 0;
      for (std::size_t k = 0; k < candidates.size(); ++k)
        if (candidates[k].entity == rule_pick) rule = k;
      chosen = trainer_->decide(tok(i).span.start, candidates, names, rule);
    } else {
      chosen = model_->best(candidates);
    }
    return candidates[chosen].entity;
  }

  const std::vector<std::u32string>& names_of(int entity) {
    if (entity_names_.empty()) {
      entity_names_.resize(doc_.entities.size());
      for (std::size_t e = 0; e < doc_.entities.size(); ++e) {
        auto& keys = entity_names_[e];
        auto add = [&](const std::string& name) {
          for (auto& k : speaker_name_keys(name)) keys.push_back(std::move(k));
        };
        add(doc_.entities[e].label);
        for (const auto& a : doc_.entities[e].aliases) add(a);
        for (std::size_t m : doc_.entities[e].mentions) add(doc_.mentions[m].text);
      }
    }
    return entity_names_[static_cast<std::size_t>(entity)];
  }
};

}  // namespace

// The same act reported twice in one article (a lead repeated as a summary line) is one statement:
// same speaker, act and content, where one content is a prefix of the other. The fuller one stays.
void drop_repeated_statements(Document& doc) {
  std::vector<Statement> kept;
  for (Statement& s : doc.statements) {
    bool repeated = false;
    for (Statement& k : kept) {
      if (k.speaker != s.speaker || k.act != s.act || k.speaker < 0 || s.content_text.size() < 20) continue;
      const std::string& a = k.content_text.size() <= s.content_text.size() ? k.content_text : s.content_text;
      const std::string& b = k.content_text.size() <= s.content_text.size() ? s.content_text : k.content_text;
      if (b.compare(0, a.size(), a) != 0) continue;
      if (&a == &k.content_text) k = s;  // keep the fuller report, at its own position
      repeated = true;
      break;
    }
    if (!repeated) kept.push_back(std::move(s));
  }
  doc.statements = std::move(kept);
}

// A headline's act that the body reports again is one act, the body's: "الأمم المتحدة تعلن التوصل لوقف إطلاق
// نار" over "قالت الأمم المتحدة ..." (news-gold GUIDE: a headline counts only when the body does not repeat it).
// The headline is the first line when it is short, has no full stop at its end and a body follows.
static void drop_headline_repeats(Document& doc) {
  const std::u32string& text = doc.text.original();
  std::size_t line_end = text.find(U'\n');
  if (line_end == std::u32string::npos || line_end > 200) return;
  std::size_t last = line_end;
  while (last > 0 && is_space(text[last - 1])) --last;
  if (last == 0 || text[last - 1] == U'.') return;
  std::erase_if(doc.statements, [&](const Statement& headline) {
    if (headline.cue_span.start >= line_end || headline.speaker < 0) return false;
    for (const Statement& body : doc.statements)
      if (body.cue_span.start > line_end && body.speaker == headline.speaker) return true;
    return false;
  });
}

void find_statements(Document& doc, const SpeakerModel* model, SpeakerTrainer* trainer) {
  doc.statements.clear();
  Attributor(doc, model, trainer).run();
  drop_repeated_statements(doc);
  drop_headline_repeats(doc);
  // A cue with neither a speaker nor anything said is a homograph, not an act: the photo credit
  // "تصوير: طالب" (a name), a title line ending in a verb.
  std::erase_if(doc.statements, [](const Statement& s) { return s.speaker < 0 && s.content_text.empty(); });
}

void find_statements(Document& doc) { find_statements(doc, SpeakerModel::default_model(), nullptr); }

}  // namespace isnad
