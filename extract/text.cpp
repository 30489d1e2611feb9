#include "text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace isnad {

Utf8Result decode_utf8(std::string_view bytes) {
  Utf8Result r;
  r.text.reserve(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  if (bytes.size() >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;
  while (i < length) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      r.ok = false;
      r.error_byte = static_cast<std::size_t>(at);
      return r;
    }
    r.text.push_back(static_cast<char32_t>(c));
  }
  return r;
}

std::string encode_utf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (char32_t c : text) {
    uint8_t buf[4];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buf, n, 4, static_cast<UChar32>(c), error);
    if (error) {
      out += "\xEF\xBF\xBD";
      continue;
    }
    out.append(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
  }
  return out;
}

std::u32string to_u32(std::string_view utf8) {
  std::u32string out;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, length, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

namespace {

bool is_arabic_diacritic(char32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
         (c >= 0x0610 && c <= 0x061A);
}

bool is_invisible_control(char32_t c) {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x061C || c == 0x00AD;
}

// Presentation forms (FB50–FDFF, FE70–FEFF) are decomposed through NFKC, then normalised.
void normalize_presentation_form(char32_t c, std::u32string& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return;
  icu::UnicodeString decomposed = nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  if (U_FAILURE(status)) return;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    if (d >= 0xFB50 && d <= 0xFEFF) continue;  // guard against recursion
    normalize_char(static_cast<char32_t>(d), out);
  }
}

}  // namespace

void normalize_char(char32_t c, std::u32string& out) {
  switch (c) {
    case U'أ': case U'إ': case U'آ': case U'ٱ': out.push_back(U'ا'); return;
    case U'ى': case U'ی': case U'ې': out.push_back(U'ي'); return;
    case U'ة': case U'ە': out.push_back(U'ه'); return;
    case U'ک': out.push_back(U'ك'); return;
    case U'ؤ': out.push_back(U'و'); return;
    case U'ئ': out.push_back(U'ي'); return;
    case U'ـ': return;  // tatweel
    case U'“': case U'”': case U'«': case U'»': case U'„': case U'″': out.push_back(U'"'); return;
    case U'\u00A0': case U'\u2009': case U'\u202F': out.push_back(U' '); return;
    // Hashtags are names written for social media: "مايك #بومبيو"، "#كوريا_الشمالية" read as "مايك بومبيو"
    // and "كوريا الشمالية".
    case U'#': case U'_': out.push_back(U' '); return;
    default: break;
  }
  if (is_arabic_diacritic(c) || is_invisible_control(c)) return;
  if (c >= 0x0660 && c <= 0x0669) { out.push_back(U'0' + (c - 0x0660)); return; }
  if (c >= 0x06F0 && c <= 0x06F9) { out.push_back(U'0' + (c - 0x06F0)); return; }
  if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF)) {
    normalize_presentation_form(c, out);
    return;
  }
  if (c < 0x80) {
    out.push_back((c >= U'A' && c <= U'Z') ? c + 32 : c);
    return;
  }
  out.push_back(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))));
}

std::u32string normalize(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t c : text) normalize_char(c, out);
  return out;
}

std::string normalize_utf8(std::string_view utf8) { return encode_utf8(normalize(to_u32(utf8))); }

Text::Text(std::u32string original) : original_(std::move(original)) {
  norm_.reserve(original_.size());
  norm_to_orig_.reserve(original_.size() + 1);
  for (std::size_t i = 0; i < original_.size(); ++i) {
    std::size_t before = norm_.size();
    normalize_char(original_[i], norm_);
    for (std::size_t k = before; k < norm_.size(); ++k) norm_to_orig_.push_back(i);
  }
  norm_to_orig_.push_back(original_.size());
}

Span Text::to_original(std::size_t norm_start, std::size_t norm_end) const {
  if (norm_end <= norm_start) return {norm_to_orig_[norm_start], norm_to_orig_[norm_start]};
  return {norm_to_orig_[norm_start], norm_to_orig_[norm_end - 1] + 1};
}

std::string Text::slice_utf8(Span s) const {
  return encode_utf8(std::u32string_view(original_).substr(s.start, s.end - s.start));
}

bool is_arabic_letter(char32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
         (c >= 0x06FA && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F);
}

bool is_word_char(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  if (is_arabic_letter(c)) return true;
  return u_isalnum(static_cast<UChar32>(c)) || is_arabic_diacritic(c) || c == U'ـ';
}

bool all_digits(std::u32string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; });
}

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x00A0 ||
         u_isUWhiteSpace(static_cast<UChar32>(c));
}

}  // namespace isnad
