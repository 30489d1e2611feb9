// The extraction pipeline for one article: text → Document.
#pragma once
#include <optional>
#include <string>

#include "document.h"

namespace isnad {

struct ArticleInput {
  std::string id;     // "aleppo"
  std::string path;   // as given by the user
  std::u32string text;
  std::string dct;    // ISO publication date if known ("" = unknown)
  std::string dct_source = "none";  // given | metadata | none
};

// Runs every stage in order: segment → mentions → entities → timexes → statements → roles.
Document extract(ArticleInput input);

// Reads a UTF-8 file into `out` (id from the file name). On failure returns false and sets
// `error` to "PATH: reason" ("samples/x.txt: invalid UTF-8 at byte 4031").
bool read_article(const std::string& path, ArticleInput& out, std::string* error);

}  // namespace isnad
