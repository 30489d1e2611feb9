#include "escape.h"

#include <cstdint>
#include <vector>

namespace isnad {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at `i` and advances `i`; an invalid or truncated sequence (overlong forms and
// surrogates included) yields U+FFFD and consumes a single byte, so decoding always makes progress.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int length = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 && b0 < 0xE0 ? 2 : 0;
  if (length == 0 || i + length > s.size()) {
    ++i;
    return kReplacement;
  }
  char32_t cp = b0 & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  bool overlong = (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool allowed_in_xml(char32_t cp) {
  if (cp < 0x20) return cp == '\t' || cp == '\n' || cp == '\r';
  return cp != 0xFFFE && cp != 0xFFFF;
}

std::u32string sanitized_code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = next_code_point(text, i);
    if (allowed_in_xml(cp)) out += cp;
  }
  return out;
}

// Characters that carry left-to-right direction in a label: Latin letters and digits of any script we meet.
bool starts_ltr_run(char32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') ||
         (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||  // Latin-1 and Latin Extended letters
         (cp >= 0x0660 && cp <= 0x0669) ||                                   // Arabic-Indic digits ٠…٩
         (cp >= 0x06F0 && cp <= 0x06F9);                                     // Extended (Persian) digits ۰…۹
}

// Separators that stay inside a run when LTR characters follow them: "2016-11-03", "UN 2024", "10:30".
bool joins_ltr_run(char32_t cp) {
  return cp == ' ' || cp == '-' || cp == '/' || cp == '.' || cp == ':' || cp == ',' || cp == '+' || cp == '%';
}

// Valid UTF-8 with no character sanitize_text drops: most text, which then needs no decoding.
bool is_clean(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) >= 0x20 && static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t from = i;
    const char32_t cp = next_code_point(text, i);
    if (!allowed_in_xml(cp) || (cp == kReplacement && i - from != 3)) return false;  // a U+FFFD written in the text is kept
  }
  return true;
}

// & < > " ' and \t \n \r of clean text as entities, appended to out.
void append_entities(std::string& out, std::string_view clean) {
  std::size_t run = 0;  // start of the characters not yet copied
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char* entity = nullptr;
    switch (clean[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&apos;"; break;
      case '\t': entity = "&#9;"; break;
      case '\n': entity = "&#10;"; break;
      case '\r': entity = "&#13;"; break;
      default: continue;
    }
    out.append(clean, run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(clean, run, std::string_view::npos);
}

}  // namespace

std::string sanitize_text(std::string_view text) {
  if (is_clean(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : sanitized_code_points(text)) append_utf8(out, cp);
  return out;
}

void append_xml_escaped(std::string& out, std::string_view text) {
  if (is_clean(text)) {
    append_entities(out, text);
  } else {
    append_entities(out, sanitize_text(text));
  }
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  append_xml_escaped(out, text);
  return out;
}

std::string xml_nmtoken(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    bool keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '.' || b == '-' ||
                b == '_' || b == ':';
    if (keep) {
      out += c;
    } else {
      out += '_';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  if (out.empty()) out.push_back('_');  // an NMTOKEN has at least one character
  return out;
}

std::string dot_label_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : sanitize_text(text)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      case '\t': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// A code point that belongs to the character before it: combining marks (Arabic harakat, shadda, superscript alef,
// Quranic marks, Latin diacritics), joiners and variation selectors. A cut never falls before one.
bool continues_character(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x06D6 && c <= 0x06ED) ||
         (c >= 0x08D3 && c <= 0x08FF) || c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xFE20 && c <= 0xFE2F);
}

}  // namespace

std::string dot_shorten(std::string_view text, std::size_t limit) {
  std::u32string cps = sanitized_code_points(text);
  std::string out;
  if (cps.size() <= limit) {
    for (char32_t cp : cps) append_utf8(out, cp);
    return out;
  }
  std::size_t cut = limit;
  while (cut > 0 && continues_character(cps[cut])) --cut;  // keep each letter with its marks
  while (cut > 0 && (cps[cut - 1] == U' ' || cps[cut - 1] == U'\n')) --cut;  // no blank before the ellipsis
  for (std::size_t i = 0; i < cut; ++i) append_utf8(out, cps[i]);
  append_utf8(out, 0x2026);  // …
  return out;
}

std::string bidi_isolate_ltr(std::string_view text) {
  std::u32string cps = sanitized_code_points(text);
  std::string out;
  out.reserve(text.size() + 12);
  for (std::size_t i = 0; i < cps.size();) {
    if (!starts_ltr_run(cps[i])) {
      append_utf8(out, cps[i++]);
      continue;
    }
    // The run ends at its last LTR character; separators after it stay outside ("2016، " keeps the comma out).
    std::size_t end = i + 1;
    for (std::size_t k = end; k < cps.size(); ++k) {
      if (starts_ltr_run(cps[k])) end = k + 1;
      else if (!joins_ltr_run(cps[k])) break;
    }
    append_utf8(out, 0x2066);
    for (std::size_t k = i; k < end; ++k) append_utf8(out, cps[k]);
    append_utf8(out, 0x2069);
    i = end;
  }
  return out;
}

}  // namespace isnad

namespace isnad {

std::string xml_token_escape(std::string_view text) {
  std::string collapsed;
  bool pending_space = false;
  for (char c : sanitize_text(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !collapsed.empty();
      continue;
    }
    if (pending_space) collapsed += ' ';
    pending_space = false;
    collapsed += c;
  }
  return xml_escape(collapsed);
}

std::string ntriples_literal_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char c : sanitize_text(text)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out;
}

std::string iri_segment_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    bool keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' ||
                b == '_' || b == '~' || b == ':';
    if (keep) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

std::string csv_field(std::string_view text) {
  std::string out = "\"";
  for (char c : sanitize_text(text)) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string cypher_string(std::string_view text) {
  std::string out = "'";
  for (char c : sanitize_text(text)) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "'";
}

}  // namespace isnad
