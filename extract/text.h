// Text: an article's original code points plus a matching-normalised view with
// an offset map back to the original.
//
// Offsets everywhere in isnad count Unicode code points of the ORIGINAL text, end
// exclusive, so Python's text[start:end] gives the mention back.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace isnad {

// A half-open range [start, end) of code points.
// Hashing that lets unordered containers keyed by u32string be searched with a u32string_view (a token's
// form or a slice of it) without building a string: give them U32Hash and std::equal_to<> (or U32Equal,
// which also takes a HashedView).
struct U32Hash {
  using is_transparent = void;
  std::size_t operator()(std::u32string_view s) const noexcept { return std::hash<std::u32string_view>{}(s); }
  std::size_t operator()(const struct HashedView& s) const noexcept;
};
// A string with its U32Hash computed once: a token's clitic readings are looked up in many tables.
struct HashedView {
  std::u32string_view text;
  std::size_t hash = U32Hash{}(text);
};
inline std::size_t U32Hash::operator()(const HashedView& s) const noexcept { return s.hash; }
struct U32Equal {
  using is_transparent = void;
  static std::u32string_view view(std::u32string_view s) { return s; }
  static std::u32string_view view(const HashedView& s) { return s.text; }
  template <class A, class B>
  bool operator()(const A& a, const B& b) const noexcept { return view(a) == view(b); }
};

struct Span {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t size() const { return end - start; }
  bool operator==(const Span&) const = default;
};

// Result of decoding UTF-8: either text or the byte offset of the first bad sequence.
struct Utf8Result {
  std::u32string text;
  bool ok = true;
  std::size_t error_byte = 0;  // valid when !ok
};

// Decodes UTF-8 strictly (overlongs, surrogates, truncation are errors).
// A leading BOM is dropped. Uses ICU's U8_NEXT.
Utf8Result decode_utf8(std::string_view bytes);
std::string encode_utf8(std::u32string_view text);
std::u32string to_u32(std::string_view utf8);  // for trusted literals; bad bytes become U+FFFD

// Matching normalisation of one code point, appended to `out` (possibly nothing):
//   أ إ آ ٱ → ا, ى/ی → ي, ة → ه, ک → ك, ؤ → و, ئ → ي, diacritics and tatweel dropped,
//   Arabic-Indic and Persian digits → ASCII, presentation forms → NFKC, Latin lower-cased,
//   zero-width and bidi controls dropped.   "الأمريكيّة" → "الامريكيه"
void normalize_char(char32_t c, std::u32string& out);
std::u32string normalize(std::u32string_view text);
std::string normalize_utf8(std::string_view utf8);  // convenience for lexicons and tests

// The original text and its normalised view.
class Text {
 public:
  explicit Text(std::u32string original);

  const std::u32string& original() const { return original_; }
  const std::u32string& norm() const { return norm_; }

  // Original span covered by normalised span [norm_start, norm_end).
  Span to_original(std::size_t norm_start, std::size_t norm_end) const;
  // Original index of normalised position i (i == norm().size() maps to the end).
  std::size_t orig_index(std::size_t i) const { return norm_to_orig_[i]; }

  std::string slice_utf8(Span original_span) const;

 private:
  std::u32string original_;
  std::u32string norm_;
  std::vector<std::size_t> norm_to_orig_;  // size norm_.size() + 1
};

// Character classes on normalised or original code points.
bool is_arabic_letter(char32_t c);
bool is_word_char(char32_t c);  // letters (any script) and digits
bool is_space(char32_t c);
// A non-empty run of ASCII digits (normalised text folds Arabic-Indic digits to them: "٤٤" → "44").
bool all_digits(std::u32string_view s);

}  // namespace isnad
