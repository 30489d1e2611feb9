// Named entities: persons, organisations and places.
// find_entities runs both steps:
//   mentions         gazetteers (ICU country names, our place/organisation lexicons), contextual
//                    rules (title + name apposition, "المتحدث باسم X", "جماعة X", "مدينة X") and
//                    the statistical tagger, in that order of trust.
//   resolution       groups mentions into entities within the document (full name ↔ surname,
//                    transliteration variants غيراسيموف/جيراسيموف), binds titles to persons and
//                    extracts stated roles (doc.relations).
#pragma once
#include "document.h"

namespace isnad {

// Fills doc.mentions, doc.entities and doc.relations.
void find_entities(Document& doc);

// The entity of the country with ISO code `code` if the article names it ("سوريا" for SY), else -1.
int country_entity(const Document& doc, const std::string& code);

// Whether token t is an ordinary noun with an attached pronoun ه (written ه, not ة) that the tagger's training data
// never had in a person's name, by its dictionary: "ثقته"، "اختياره" — a verb's object, not a name. False without
// the tagger's dictionary.
bool ordinary_noun_with_pronoun(const Document& doc, const Token& t);

// The country an article is about: the country named most often (the first named on a tie), "" if none.
// With `dominant`, only a country named at least twice and at least twice as often as any other: the
// country a bare "وزير الخارجية" of a Tunisian story belongs to, not one of two that a story sets side by side.
std::string main_country(const Document& doc, bool dominant = false);

// Letter-class skeleton of a normalised name for matching transliteration variants of foreign
// names: ج/غ/ك/ق → one class, long vowels and hamza dropped inside the word.
// "غيراسيموف" and "جيراسيموف" → the same key; "شويغو" and "شويجو" → the same key.
std::u32string name_skeleton(std::u32string_view normalised_name);

// Whether two normalised words are the same letters up to the transliteration classes ج/غ/ق/ك, ة/ه, ى/ي,
// ت/ط, س/ص ("شويغو" / "شويجو", "شينج" / "شينغ"; four letters or more unless equal: "قبل" ≠ "جبل"); long
// vowels must agree ("سعيد" ≠ "سعد", "بلقيس" ≠ "بليكس").
bool same_letters(std::u32string_view a, std::u32string_view b);

// Whether two normalised name words are one name in two transliterations: same_letters, or (five letters or
// more, no article) one skeleton with long vowels dropped ("رامسفيلد" / "رمسفيلد", "زامبروتا" / "زامبورتا").
// An Arabic word with the article keeps its vowels: "الاثناء" is not "الثاني".
bool transliteration_variant(std::u32string_view a, std::u32string_view b);
// The same test on words prepared once, for a word compared with many: its letter classes and skeleton.
struct VariantKey {
  explicit VariantKey(std::u32string_view word);
  std::u32string word, classes, skeleton;  // classes when four letters or more; skeleton when it may decide
  bool skeleton_decides = false;            // five letters or more, without the article
};
bool transliteration_variant(const VariantKey& a, const VariantKey& b);

// Whether two normalised name words can be one name spelt two ways (for persons of one article, or
// full names that also share a first name): equal; one skeleton (words of five letters or more);
// one typo apart in words of six letters or more, ج/غ/ك/ق etc. counted as one letter
// ("نتنياهو" / "نتياهو", "دوتيرتي" / "دوتيتري"); or a foreign initial vowel written with alef or ain
// ("أنان" / "عنان"); أبو/أبا/أبي (one kunya in three cases). Words with the article only as
// transliteration_variant ("الأسد" ≠ "الأسعد").
bool spelling_variant(std::u32string_view a, std::u32string_view b);

// "بن" / "ابن" (son of): the word after it is a father's name, not the family name on its own.
bool is_patronymic_link(std::u32string_view normalised_word);

}  // namespace isnad
