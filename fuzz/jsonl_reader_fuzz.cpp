// libFuzzer target: the JSON Lines article reader (corpus/source.h) and the record reader of `isnad merge`
// (RecordBag::add_record_line) on arbitrary bytes.
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "run.h"
#include "source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  isnad::ReadOptions options;
  options.max_bytes = 4096;  // small, so that the "line too long" path is reached too
  options.repair_utf8 = size > 0 && (data[0] & 1);
  std::FILE* stream = fmemopen(bytes.data(), bytes.size() ? bytes.size() : 1, "rb");
  if (!stream) return 0;
  {
    isnad::corpus::ArticleSource source(stream, "fuzz.jsonl", options);
    isnad::corpus::RawArticle article;
    isnad::corpus::RecordBag bag;
    while (source.next(article)) {
      isnad::corpus::metadata_date(article.date);
      std::string error;
      bag.add_record_line(article.bytes, &error);
    }
    std::size_t start = 0;
    for (std::size_t i = 0; i <= bytes.size(); ++i) {
      if (i < bytes.size() && bytes[i] != '\n') continue;
      std::string error;
      bag.add_record_line(std::string_view(bytes).substr(start, i - start), &error);
      start = i + 1;
    }
    bag.failures();
    bag.take_documents();
  }
  std::fclose(stream);
  return 0;
}
