// libFuzzer target: raw bytes → decode_article (UTF-8, controls, HTML) → extract → JSON record → record read back →
// graph → graph.json. Every stage must survive any input; the record must read back.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "document_json.h"
#include "exporter.h"
#include "knowledge_graph.h"
#include "pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the read options, the rest is the article.
  isnad::ReadOptions options;
  options.repair_utf8 = data[0] & 1;
  options.strip_html = data[0] & 2;
  options.max_bytes = 1 << 16;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  isnad::ArticleInput input;
  std::string error;
  if (!isnad::decode_article(bytes, options, input, &error)) return 0;
  input.id = "fuzz";
  input.path = "fuzz.txt";
  if (data[0] & 4) {
    input.dct = "2016-11-03";
    input.dct_source = "given";
  }
  isnad::Document doc = isnad::extract(std::move(input));
  nlohmann::json record = nlohmann::json::parse(isnad::document_to_json(doc).dump());
  isnad::Document compact = isnad::document_from_json(record);  // throws (→ crash report) if a record is invalid
  std::ostringstream out;
  isnad::make_exporter("json")->write(isnad::build_graph({compact}), out);
  return 0;
}
