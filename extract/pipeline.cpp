#include "pipeline.h"

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
  doc.dct = std::move(input.dct);
  doc.dct_source = doc.dct.empty() ? "none" : input.dct_source;
  doc.text = Text(std::move(input.text));

  segment(doc);
  if (!doc.sentences.empty()) doc.title = doc.text.slice_utf8(doc.sentences.front().span);
  find_entities(doc);
  find_timexes(doc);
  find_statements(doc);
  return doc;
}

bool read_article(const std::string& path, ArticleInput& out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    *error = path + ": cannot open file";
    return false;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string data = bytes.str();
  Utf8Result decoded = decode_utf8(data);
  if (!decoded.ok) {
    *error = path + ": invalid UTF-8 at byte " + std::to_string(decoded.error_byte);
    return false;
  }
  bool blank = true;
  for (char32_t c : decoded.text) blank = blank && is_space(c);
  if (blank) {
    *error = path + ": empty article";
    return false;
  }
  out.id = std::filesystem::path(path).stem().string();
  out.path = path;
  out.text = std::move(decoded.text);
  return true;
}

}  // namespace isnad
