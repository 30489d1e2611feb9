// Sentence splitting, tokenisation and proclitic analysis on the normalised view.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace isnad {

// Splits doc.text into doc.tokens and doc.sentences.
// Sentences end at . ! ? ؟ … and at line breaks; a full stop ends a sentence even with no
// space after it ("عنها.وقالت"), but not inside a number ("3.5").
void segment(Document& doc);

// Whether the straight quote at normalised position `pos` opens a quotation rather than closes one.
// Arabic news often leaves quotes unbalanced, so the direction is read from the context first: a quote after
// a space, the start or opening punctuation and before a word opens («قال: "لن»), one after a word and before
// a space or stop closes. A quote with the same on both sides («قال: " لن نتكلم ... الصحفية ".») toggles
// `inside`, the state the caller has tracked since the start of the paragraph or sentence.
bool opens_quote(std::u32string_view normalised, std::size_t pos, bool inside);

// All readings of a normalised word, the bare word first, then with more stripped.
// Stems shorter than two letters are not proposed. Proclitics: (و|ف)? (ب|ل|ك|س)? (ال)?
// plus the assimilated "لل" (لل + stem = ل + ال + stem).
std::vector<CliticReading> clitic_readings(std::u32string_view word);

// The token's form with و/ف and one of ب/ل/ك stripped, keeping ال: "وبالمدينه" → "المدينه".
std::u32string strip_conjunction_preposition(std::u32string_view word);

// Removes a leading ال: "المدينه" → "مدينه" (unchanged if the rest would be shorter than 2).
std::u32string strip_article(std::u32string_view word);

}  // namespace isnad
