#include "gazetteer.h"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <sstream>

#include "lexicon.h"
#include "segment.h"

namespace isnad {

namespace {

std::u32string normalise_phrase(const std::string& s) {
  std::u32string n = normalize(to_u32(s));
  // Collapse whitespace to single spaces.
  std::u32string out;
  for (char32_t c : n) {
    if (is_space(c)) {
      if (!out.empty() && out.back() != U' ') out.push_back(U' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string field(const TsvRow& row, std::size_t i) { return i < row.size() ? row[i] : std::string(); }

}  // namespace

void PhraseTable::add(const std::string& phrase_utf8, LexiconEntry entry) {
  std::u32string key = normalise_phrase(phrase_utf8);
  if (key.empty()) return;
  std::size_t tokens = 1;
  for (char32_t c : key) tokens += (c == U' ');
  max_tokens_ = std::max(max_tokens_, tokens);
  note_first_word(U32Hash{}(std::u32string_view(key).substr(0, key.find(U' '))), tokens);
  if (entry.written.empty()) entry.written = phrase_utf8;
  entries_.emplace(std::move(key), std::move(entry));  // first definition wins
}

void PhraseTable::note_first_word(std::size_t hash, std::size_t tokens) {
  if (2 * (first_word_count_ + 1) > first_words_.size()) {  // load ≤ 1/2: short probes
    std::vector<FirstWordSlot> old(2 * first_words_.size());
    old.swap(first_words_);
    first_word_count_ = 0;
    for (const auto& slot : old)
      if (slot.longest) note_first_word(slot.hash, slot.longest);
  }
  const std::size_t mask = first_words_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    FirstWordSlot& slot = first_words_[i];
    if (slot.longest == 0) {
      slot = {hash, tokens};
      ++first_word_count_;
      return;
    }
    if (slot.hash == hash) {
      slot.longest = std::max(slot.longest, tokens);
      return;
    }
  }
}

std::size_t PhraseTable::longest_from(std::size_t hash) const {
  const std::size_t mask = first_words_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const FirstWordSlot& slot = first_words_[i];
    if (slot.longest == 0) return 0;
    if (slot.hash == hash) return slot.longest;
  }
}

const LexiconEntry* PhraseTable::find(std::u32string_view phrase) const {
  auto it = entries_.find(phrase);
  return it == entries_.end() ? nullptr : &it->second;
}

std::size_t PhraseTable::match(const Document& doc, std::size_t first, const LexiconEntry** entry,
                               std::size_t* stem_offset, bool allow_clitics, std::size_t max_tokens) const {
  const auto& tokens = doc.tokens;
  if (first >= tokens.size() || !tokens[first].is_word) return 0;
  // The token's readings as segment() computed them (or now, for a token made elsewhere).
  std::vector<CliticReading> own;
  const CliticReading* readings = tokens[first].readings.data();
  std::size_t available = tokens[first].readings.size();
  if (!allow_clitics) {
    // The whole word is the first reading segment() made (no allocation on this path, taken for every token).
    if (available > 0 && tokens[first].readings[0].prefix.empty()) {
      available = 1;
    } else {
      own.push_back({U"", tokens[first].form, false, U32Hash{}(tokens[first].form)});
      readings = own.data();
      available = 1;
    }
  } else if (available == 0 && tokens[first].form.size() >= 2) {
    own = clitic_readings(tokens[first].form);
    readings = own.data();
    available = own.size();
  }
  // The readings that begin some phrase, with the most tokens such a phrase has (a word has a handful of
  // readings; more than kMaxReadings would only come from a pathological word, and are not looked up).
  constexpr std::size_t kMaxReadings = 16;
  std::size_t readings_len[kMaxReadings] = {};
  const std::size_t reading_count = std::min(available, kMaxReadings);
  std::size_t longest = 0;
  for (std::size_t r = 0; r < reading_count; ++r) {
    readings_len[r] = longest_from(readings[r].stem_hash);
    longest = std::max(longest, readings_len[r]);
  }
  if (longest == 0) return 0;
  // A phrase spans words of one sentence.
  std::size_t limit = std::min<std::size_t>({longest, max_tokens, tokens.size() - first});
  std::size_t words = 1;
  while (words < limit && tokens[first + words].is_word && tokens[first + words].sentence == tokens[first].sentence)
    ++words;
  std::u32string key;
  for (std::size_t len = words; len >= 1; --len) {
    for (std::size_t r = 0; r < reading_count; ++r) {
      if (readings_len[r] < len) continue;
      auto it = entries_.end();
      if (len == 1) {
        it = entries_.find(readings[r].hashed_stem());
      } else {
        key = readings[r].stem;
        for (std::size_t k = first + 1; k < first + len; ++k) {
          key += U' ';
          key += tokens[k].form;
        }
        it = entries_.find(key);
      }
      if (it == entries_.end()) continue;
      *entry = &it->second;
      // "لل" readings put back an ا that is not in the text: the span starts after the ل.
      std::size_t offset = readings[r].prefix.size();
      if (offset > 0 && !readings[r].stem.empty() && tokens[first].form[offset] != readings[r].stem[0]) offset = 0;
      if (stem_offset) *stem_offset = offset;
      return len;
    }
  }
  return 0;
}

bool Lexicons::is_function_word(std::u32string_view w) const {
  if (function_words.count(w)) return true;
  if (w.size() > 2 && (w[0] == U'و' || w[0] == U'ف') && function_words.count(w.substr(1))) return true;
  return false;
}

const LexiconEntry* Lexicons::speech_cue(std::u32string_view w) const {
  if (const LexiconEntry* e = cues.find(w)) return e;
  if (w.size() > 3 && (w[0] == U'و' || w[0] == U'ف')) return cues.find(w.substr(1));
  return nullptr;
}

namespace {

Lexicons build_lexicons() {
  Lexicons lx;
  // ICU's Arabic names of every ISO 3166 region are our country gazetteer.
  for (const char* const* c = uloc_getISOCountries(); *c; ++c) {
    icu::Locale region("", *c);
    icu::UnicodeString ar, en;
    region.getDisplayCountry(icu::Locale("ar"), ar);
    region.getDisplayCountry(icu::Locale("en"), en);
    lx.country_ar[*c] = to_utf8(ar);
    lx.country_en[*c] = to_utf8(en);
  }
  // Organisations first: "روسيا اليوم" must be found as a name before "روسيا".
  for (const auto& row : lexicon_rows("organizations.tsv"))
    lx.names.add(row[0], {EntityType::Organization, "organization", field(row, 1), field(row, 3), field(row, 2), "", row[0]});
  for (const auto& [code, name] : lx.country_ar) {
    if (name.empty() || name == code) continue;
    lx.names.add(name, {EntityType::Place, "place", lx.country_en[code], code, "country", "", name});
  }
  for (const auto& row : lexicon_rows("places.tsv")) {
    std::string code = field(row, 2), subtype = field(row, 3);
    std::string en = subtype == "country" && lx.country_en.count(code) ? lx.country_en[code] : field(row, 1);
    lx.names.add(row[0], {EntityType::Place, "place", en, code, subtype, "", row[0], field(row, 4), field(row, 5)});
  }
  // Public figures (persons.tsv): every spelling is one person, grouped by the English name.
  for (const auto& row : lexicon_rows("persons.tsv")) {
    LexiconEntry e{EntityType::Person, "person", field(row, 1), field(row, 2), "", "", row[0]};
    // "عبد الله الثاني" is also written "عبدالله الثاني".
    auto add_name = [&](const std::string& form) {
      lx.names.add(form, e);
      std::string joined = form;
      for (std::size_t at = 0; (at = joined.find("عبد ", at)) != std::string::npos; ++at)
        if (at == 0 || joined[at - 1] == ' ') joined.erase(at + std::string("عبد").size(), 1);
      if (joined != form) lx.names.add(joined, e);
    };
    add_name(row[0]);
    std::stringstream forms(field(row, 3));
    for (std::string f; std::getline(forms, f, ',');)
      if (!f.empty()) add_name(f);
    // A surname that is also a common word ("الأسد"): the entities pass takes it only after a verb of saying.
    LexiconEntry speaker_only = e;
    speaker_only.subtype = "speaker-only";
    std::stringstream speaker_forms(field(row, 4));
    for (std::string f; std::getline(speaker_forms, f, ',');)
      if (!f.empty()) lx.names.add(f, speaker_only);
  }
  for (const auto& row : lexicon_rows("actors.tsv")) {
    LexiconEntry e{EntityType::Organization, "actor", field(row, 2), "", field(row, 3), field(row, 1), row[0]};
    lx.names.add(row[0], e);
  }
  for (const auto& row : lexicon_rows("titles.tsv")) {
    LexiconEntry e{EntityType::Person, "title", "", field(row, 3), field(row, 2), field(row, 1), row[0]};
    lx.titles.add(row[0], e);
    std::u32string n = normalise_phrase(row[0]);
    if (n.size() > 2 && n[0] == U'ا' && n[1] == U'ل') lx.titles.add(encode_utf8(n.substr(2)), e);
    else lx.titles.add("ال" + row[0], e);
  }
  for (const auto& row : lexicon_rows("nationalities.tsv")) {
    LexiconEntry e{EntityType::Place, "nationality", "", field(row, 1), "", "", row[0]};
    // Every adjective of a two-word nationality agrees ("الكوري الجنوبي" → "الكورية الجنوبية"، "الكوريين
    // الجنوبيين"); a noun before the adjective does not ("الجنوب أفريقي" → "الجنوب أفريقية").
    auto inflect = [&](const std::string& suffix) {
      std::string out;
      std::stringstream words(row[0]);
      for (std::string w; words >> w;) out += (out.empty() ? "" : " ") + w + (w.ends_with("ي") ? suffix : "");
      return out;
    };
    for (const std::string& form : {row[0], inflect("ة"), inflect("ين"), inflect("ون")}) {
      lx.nationalities.add(form, e);
      std::u32string n = normalise_phrase(form);
      if (n.size() > 2 && n[0] == U'ا' && n[1] == U'ل') lx.nationalities.add(encode_utf8(n.substr(2)), e);
    }
    std::stringstream plurals(field(row, 2));
    for (std::string p; std::getline(plurals, p, ',');) {
      LexiconEntry pe = e;
      pe.subtype = "people";  // "الروس": the people, used as an actor
      lx.nationalities.add(p, pe);
    }
  }
  for (const auto& row : lexicon_rows("org_triggers.tsv"))
    lx.org_triggers.add(row[0], {EntityType::Organization, "trigger", "", "", field(row, 2), field(row, 1), row[0]});
  for (const auto& row : lexicon_rows("speech_cues.tsv")) {
    if (std::size_t space = row[0].find(' '); space != std::string::npos) {
      std::vector<std::string> verbs = {row[0].substr(0, space)};
      if (field(row, 2) == "participle" && verbs[0].ends_with("ا")) {  // "ملقيا" also "ملقية"، "ملقين"
        std::string stem = verbs[0].substr(0, verbs[0].size() - std::string("ا").size());
        verbs.push_back(stem + "ة");
        verbs.push_back(stem + "ين");
      }
      for (const std::string& verb : verbs) {
        lx.noun_cue_letters.set(Lexicons::letters_key(normalise_phrase(verb)));
        lx.noun_cues[normalise_phrase(verb)].push_back(
            {normalise_phrase(row[0].substr(space + 1)), {EntityType::Person, "cue", "", "", field(row, 2), field(row, 1), verb}});
      }
      continue;
    }
    lx.cues.add(row[0], {EntityType::Person, "cue", "", "", field(row, 2), field(row, 1), row[0]});
    // A participle in the accusative ("محذرا") also speaks for a woman and for many: "محذرة"، "محذرين".
    if (field(row, 2) == "participle" && row[0].ends_with("ا") && row[0].find(' ') == std::string::npos) {
      std::string stem = row[0].substr(0, row[0].size() - std::string("ا").size());
      for (const std::string& form : {stem + "ة", stem + "ين"})
        if (!lx.cues.find(normalise_phrase(form)))
          lx.cues.add(form, {EntityType::Person, "cue", "", "", "participle", field(row, 1), form});
    }
  }
  for (const auto& row : lexicon_rows("attribution.tsv"))
    lx.attribution.add(row[0], {EntityType::Person, "attribution", "", "", "", "", row[0]});
  for (const auto& row : lexicon_rows("function_words.tsv")) lx.function_words.insert(normalise_phrase(row[0]));
  for (const auto& row : lexicon_rows("ambiguous_names.tsv")) lx.ambiguous_names.insert(normalise_phrase(row[0]));
  for (const auto& row : lexicon_rows("non_names.tsv")) lx.non_names.insert(normalise_phrase(row[0]));
  for (const auto& row : lexicon_rows("definite_given_names.tsv")) lx.definite_given_names.insert(normalise_phrase(row[0]));
  for (const auto& row : lexicon_rows("org_descriptors.tsv")) lx.org_descriptors.insert(normalise_phrase(row[0]));
  for (const auto& row : lexicon_rows("title_qualifiers.tsv")) lx.title_qualifiers.insert(normalise_phrase(row[0]));
  for (const auto& row : lexicon_rows("act_cameo.tsv")) lx.cameo[row[0]] = field(row, 1);
  return lx;
}

}  // namespace

const Lexicons& lexicons() {
  static const Lexicons instance = build_lexicons();
  return instance;
}

}  // namespace isnad
