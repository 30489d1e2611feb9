#include "pipeline.h"

#include <unicode/utf8.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "entities.h"
#include "segment.h"
#include "statements.h"
#include "timex.h"

namespace isnad {

Document extract(ArticleInput input) {
  Document doc;
  doc.id = std::move(input.id);
  doc.path = std::move(input.path);
  doc.url = std::move(input.url);
  doc.source = std::move(input.source);
  doc.dct = std::move(input.dct);
  doc.dct_source = doc.dct.empty() ? "none" : input.dct_source;
  doc.text = Text(std::move(input.text));

  segment(doc);
  if (!input.title.empty()) {
    doc.title = std::move(input.title);
  } else if (!doc.sentences.empty()) {
    // The first sentence, cut at a word boundary when it runs long (a whole article on one line).
    constexpr std::size_t kMaxTitle = 200;
    Span first = doc.sentences.front().span;
    if (first.size() > kMaxTitle) {
      std::size_t end = first.start + kMaxTitle;
      while (end > first.start + kMaxTitle / 2 && !is_space(doc.text.original()[end])) --end;
      doc.title = doc.text.slice_utf8({first.start, end}) + "…";
    } else {
      doc.title = doc.text.slice_utf8(first);
    }
  }
  find_entities(doc);
  find_timexes(doc);
  find_statements(doc);
  return doc;
}

namespace {

// Markup longer than this is not a tag: "a < b ... > c" in prose stays text.
constexpr std::size_t kMaxTagLength = 4096;

bool ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
char32_t ascii_lower(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 32 : c; }

// Finds the next '>' at or after `from`, remembering the last answer so that a text full of '<' and no '>'
// is scanned once, not once per '<' (linear time on adversarial input).
struct NextChar {
  std::u32string_view text;
  char32_t wanted;
  std::size_t cached = 0;
  bool valid = false;
  std::size_t find(std::size_t from) {
    if (!valid || cached < from) {
      std::size_t p = text.find(wanted, from);
      cached = p == std::u32string_view::npos ? text.size() : p;
      valid = true;
    }
    return cached;
  }
};

// Case-insensitive search of an ASCII lower-case `pattern` ("</script").
std::size_t find_ascii_ci(std::u32string_view text, std::size_t from, std::string_view pattern) {
  for (std::size_t i = from; i + pattern.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < pattern.size() && ascii_lower(text[i + k]) == static_cast<char32_t>(pattern[k])) ++k;
    if (k == pattern.size()) return i;
  }
  return std::u32string_view::npos;
}

bool starts_with_ascii_ci(std::u32string_view text, std::size_t at, std::string_view pattern) {
  if (at + pattern.size() > text.size()) return false;
  for (std::size_t k = 0; k < pattern.size(); ++k)
    if (ascii_lower(text[at + k]) != static_cast<char32_t>(pattern[k])) return false;
  return true;
}

// A tag starts with '<' followed by a letter, '/', '!' or '?' and ends at the next '>' within kMaxTagLength.
// Returns the index one past '>' or 0 when `at` does not start a tag.
std::size_t tag_end(std::u32string_view text, std::size_t at, NextChar& next_gt) {
  if (at + 1 >= text.size()) return 0;
  char32_t c = text[at + 1];
  if (!ascii_letter(c) && c != U'/' && c != U'!' && c != U'?') return 0;
  std::size_t gt = next_gt.find(at + 1);
  if (gt >= text.size() || gt - at > kMaxTagLength) return 0;
  return gt + 1;
}

std::string tag_name(std::u32string_view text, std::size_t at) {
  std::size_t i = at + 1;
  if (i < text.size() && text[i] == U'/') ++i;
  std::string name;
  while (i < text.size() && name.size() < 16 && (ascii_letter(text[i]) || (text[i] >= U'0' && text[i] <= U'9')))
    name += static_cast<char>(ascii_lower(text[i++]));
  return name;
}

bool is_block_tag(const std::string& name) {
  static constexpr std::string_view kBlock[] = {"p",     "br",      "div",    "li",     "ul",     "ol",    "h1",
                                                "h2",    "h3",      "h4",     "h5",     "h6",     "tr",    "table",
                                                "title", "section", "article", "header", "footer", "hr",   "pre",
                                                "dd",    "dt",      "nav",    "aside",  "figure", "figcaption",
                                                "main",  "body",    "head",   "html",   "blockquote"};
  for (auto b : kBlock)
    if (name == b) return true;
  return false;
}

// "&amp;", "&#1575;", "&#x627;" starting at `at`: the decoded character and the index one past ';',
// or {0, 0} when there is no entity we know.
std::pair<char32_t, std::size_t> entity_at(std::u32string_view text, std::size_t at) {
  static constexpr std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", U'&'},     {"lt", U'<'},      {"gt", U'>'},      {"quot", U'"'},    {"apos", U'\''},
      {"nbsp", 0x00A0},  {"laquo", 0x00AB}, {"raquo", 0x00BB}, {"hellip", 0x2026}, {"mdash", 0x2014},
      {"ndash", 0x2013}, {"lrm", 0x200E},   {"rlm", 0x200F},   {"zwnj", 0x200C},  {"zwj", 0x200D},
      {"shy", 0x00AD},   {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"lsquo", 0x2018}, {"rsquo", 0x2019}};
  std::size_t semicolon = text.find(U';', at + 1);
  if (semicolon == std::u32string_view::npos || semicolon - at > 10 || semicolon == at + 1) return {0, 0};
  std::u32string_view body = text.substr(at + 1, semicolon - at - 1);
  if (body[0] == U'#') {
    bool hex = body.size() > 1 && (body[1] == U'x' || body[1] == U'X');
    std::size_t i = hex ? 2 : 1;
    if (i >= body.size()) return {0, 0};
    char32_t value = 0;
    for (; i < body.size(); ++i) {
      char32_t d = ascii_lower(body[i]);
      int digit = (d >= U'0' && d <= U'9') ? int(d - U'0') : (hex && d >= U'a' && d <= U'f') ? int(d - U'a' + 10) : -1;
      if (digit < 0) return {0, 0};
      value = value * (hex ? 16 : 10) + static_cast<char32_t>(digit);
      if (value > 0x10FFFF) return {0, 0};
    }
    bool valid = value >= 0x20 && !(value >= 0xD800 && value <= 0xDFFF) && !(value >= 0x7F && value <= 0x9F);
    if (value == U'\t' || value == U'\n' || value == U'\r') valid = true;
    return {valid ? value : 0xFFFD, semicolon + 1};
  }
  for (const auto& [name, cp] : kNamed) {
    if (body.size() != name.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < name.size() && same; ++k) same = body[k] == static_cast<char32_t>(name[k]);
    if (same) return {cp, semicolon + 1};
  }
  return {0, 0};
}

void blank(std::u32string& text, std::size_t from, std::size_t to, bool line_break) {
  for (std::size_t i = from; i < to; ++i) {
    char32_t c = text[i];
    // Line ends inside markup stay, so that line numbers of the original file still hold.
    if (c != U'\n' && c != U'\r') text[i] = U' ';
  }
  if (line_break && from < to && text[from] == U' ') text[from] = U'\n';
}

bool is_bad_control(char32_t c) {
  if (c < 0x20) return c != U'\t' && c != U'\n' && c != U'\r' && c != U'\f' && c != U'\v';
  return c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

}  // namespace

std::size_t count_html_markup(std::u32string_view text) {
  std::size_t count = 0;
  NextChar next_gt{text, U'>'};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == U'<' && tag_end(text, i, next_gt)) ++count;
    else if (text[i] == U'&' && entity_at(text, i).second) ++count;
  }
  return count;
}

void strip_html_in_place(std::u32string& text) {
  NextChar next_gt{text, U'>'};
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == U'<') {
      if (starts_with_ascii_ci(text, i, "<!--")) {
        std::size_t close = find_ascii_ci(text, i + 4, "-->");
        std::size_t end = close == std::u32string::npos ? text.size() : close + 3;
        blank(text, i, end, false);
        i = end;
        continue;
      }
      std::size_t end = tag_end(text, i, next_gt);
      if (!end) {
        ++i;
        continue;
      }
      std::string name = tag_name(text, i);
      bool closing = text[i + 1] == U'/';
      blank(text, i, end, is_block_tag(name));
      if (!closing && (name == "script" || name == "style")) {
        std::size_t close = find_ascii_ci(text, end, name == "script" ? "</script" : "</style");
        std::size_t body_end = close == std::u32string::npos ? text.size() : close;
        blank(text, end, body_end, false);
        end = body_end;
      }
      i = end;
    } else if (text[i] == U'&') {
      auto [cp, end] = entity_at(text, i);
      if (!end) {
        ++i;
        continue;
      }
      blank(text, i, end, false);
      text[i] = cp;
      i = end;
    } else {
      ++i;
    }
  }
}

bool decode_article(std::string_view bytes, const ReadOptions& options, ArticleInput& out, std::string* error) {
  auto fail = [&](std::string reason) {
    *error = std::move(reason);
    return false;
  };
  if (bytes.size() > options.max_bytes)
    return fail("too large (" + std::to_string(bytes.size()) + " bytes, limit " + std::to_string(options.max_bytes) +
                ", see --max-bytes)");
  if (bytes.empty()) return fail("empty article");
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  if (bytes.size() >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
    return fail("UTF-16 text (byte-order mark at byte 0); convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)");

  std::size_t nuls = 0, first_nul = 0, control_bytes = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (s[i] == 0 && nuls++ == 0) first_nul = i;
    control_bytes += s[i] < 0x20 ? is_bad_control(s[i]) : s[i] == 0x7F;
  }
  // A NUL now and then is damage; one byte in a hundred is a binary file (or UTF-16 without a BOM). Text in a
  // legacy encoding (Windows-1256) has next to no control bytes; random or compressed data has one in ten.
  if (nuls * 100 >= bytes.size() && nuls > 0)
    return fail("binary data (" + std::to_string(nuls) + " NUL bytes, first at byte " + std::to_string(first_nul) + ")");
  if (control_bytes * 20 > bytes.size() && bytes.size() >= 16)
    return fail("binary data (" + std::to_string(control_bytes * 100 / bytes.size()) + "% control bytes)");

  std::u32string text;
  text.reserve(bytes.size());
  int32_t length = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  if (bytes.size() >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) i = 3;  // UTF-8 BOM
  std::size_t repaired = 0, first_repair = 0;
  while (i < length) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      if (!options.repair_utf8)
        return fail("invalid UTF-8 at byte " + std::to_string(at) +
                    " (Windows-1256? convert with iconv -f WINDOWS-1256 -t UTF-8, or pass --repair-utf8)");
      if (repaired++ == 0) first_repair = static_cast<std::size_t>(at);
      c = 0xFFFD;
    }
    text.push_back(static_cast<char32_t>(c));
  }

  std::size_t controls = 0;
  for (char32_t c : text) controls += is_bad_control(c);
  if (controls * 10 > text.size() && text.size() >= 16)
    return fail("binary data (" + std::to_string(controls * 100 / text.size()) + "% control characters)");
  if (controls) {
    for (char32_t& c : text)
      if (is_bad_control(c)) c = U' ';
    out.warnings.push_back(std::to_string(controls) + " control character(s) replaced by spaces");
  }
  if (repaired)
    out.warnings.push_back("repaired " + std::to_string(repaired) + " invalid UTF-8 sequence(s) with U+FFFD, first at byte " +
                           std::to_string(first_repair));

  bool blank_before_html = true;
  for (char32_t c : text) blank_before_html = blank_before_html && is_space(c);
  if (blank_before_html) return fail(text.empty() ? "empty article" : "whitespace-only article");

  std::size_t markup = count_html_markup(text);
  if (options.strip_html && markup) {
    strip_html_in_place(text);
    out.warnings.push_back("stripped HTML markup (" + std::to_string(markup) + " tags and entities)");
    bool blank_after = true;
    for (char32_t c : text) blank_after = blank_after && is_space(c);
    if (blank_after) return fail("no text left after removing HTML markup");
  } else if (markup >= 3) {
    out.warnings.push_back("looks like HTML (" + std::to_string(markup) +
                           " tags and entities); pass --html to strip markup");
  }
  out.text = std::move(text);
  return true;
}

bool read_article(const std::string& path, ArticleInput& out, std::string* error) {
  return read_article(path, ReadOptions{}, out, error);
}

bool read_article(const std::string& path, const ReadOptions& options, ArticleInput& out, std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = path + ": is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open file";
    return false;
  }
  // Read at most max_bytes + 1 so that a huge file or an endless pipe costs bounded memory.
  std::string data;
  char buffer[1 << 16];
  while (in && data.size() <= options.max_bytes) {
    in.read(buffer, sizeof buffer);
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    *error = path + ": read error";
    return false;
  }
  std::string reason;
  if (data.size() > options.max_bytes) {
    auto size = std::filesystem::file_size(path, ec);
    *error = path + ": too large (" + (ec ? std::string("more than ") + std::to_string(options.max_bytes) : std::to_string(size)) +
             " bytes, limit " + std::to_string(options.max_bytes) + ", see --max-bytes)";
    return false;
  }
  if (!decode_article(data, options, out, &reason)) {
    *error = path + ": " + reason;
    return false;
  }
  out.id = std::filesystem::path(path).stem().string();
  out.path = path;
  return true;
}

}  // namespace isnad
