// The extraction pipeline for one article: bytes → text → Document.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace isnad {

struct ArticleInput {
  std::string id;     // "aleppo"
  std::string path;   // as given by the user ("samples/aleppo.txt", "corpus.jsonl:12")
  std::u32string text;
  std::string dct;    // ISO publication date if known ("" = unknown)
  std::string dct_source = "none";  // given | metadata | none
  std::string title;  // from metadata; empty = the first sentence becomes the title
  std::string url, source;  // from metadata: the article's address and its outlet, kept as provenance
  std::vector<std::string> warnings;  // what decoding changed or suspects ("looks like HTML: pass --html")
};

// How raw bytes become article text. The defaults reject anything doubtful.
struct ReadOptions {
  // Invalid UTF-8: reject the article ("invalid UTF-8 at byte 4031") unless set, in which case every
  // invalid sequence becomes one U+FFFD (ICU's maximal-subpart rule) and a warning counts them.
  bool repair_utf8 = false;
  // HTML: strip tags, comments, <script>/<style> bodies and decode entities when set; otherwise only
  // detect markup and warn. Stripping replaces markup by spaces (block tags by a line break) so that
  // offsets still count code points of the original file: "<p>قال</p>" → "   قال    ".
  bool strip_html = false;
  // Articles larger than this are rejected before they are read (bounded memory on a 200 MB line).
  std::size_t max_bytes = 8u << 20;
};

// Runs every stage in order: segment → mentions → entities → timexes → statements → roles.
Document extract(ArticleInput input);

// Turns the raw bytes of one article into `out.text` (id, path and dates are left to the caller).
// Never throws on bad input. Rejections (false, `error` set to the reason without the article name):
//   "empty article", "whitespace-only article", "invalid UTF-8 at byte N", "UTF-16 text (byte-order mark at byte 0)",
//   "binary data (N NUL bytes, first at byte M)", "binary data (K% control bytes)",
//   "too large (N bytes, limit M)".
// Accepted with a warning: a UTF-8 BOM (dropped; offsets count from the character after it), stray C0/C1
// control characters and lone NULs (each replaced by one space, so offsets do not move), repaired UTF-8,
// HTML markup (stripped or only detected, see ReadOptions). CR and CRLF line ends are kept as they are.
bool decode_article(std::string_view bytes, const ReadOptions& options, ArticleInput& out, std::string* error);

// Reads a UTF-8 file into `out` (id from the file name). On failure returns false and sets
// `error` to "PATH: reason" ("samples/x.txt: invalid UTF-8 at byte 4031").
bool read_article(const std::string& path, ArticleInput& out, std::string* error);
bool read_article(const std::string& path, const ReadOptions& options, ArticleInput& out, std::string* error);

// HTML handling on decoded text, offsets preserved (see ReadOptions::strip_html). Exposed for tests.
std::size_t count_html_markup(std::u32string_view text);  // tags + entities seen
void strip_html_in_place(std::u32string& text);

}  // namespace isnad
