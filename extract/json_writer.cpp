#include "json_writer.h"

#include <nlohmann/json.hpp>

namespace isnad {

namespace {

// The length of the strict UTF-8 sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF,
// as nlohmann decodes it) that starts at p, whose first byte is not ASCII; 0 if it is invalid.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  std::size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (std::size_t(end - p) < n || p[1] < lo || p[1] > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (p[k] < 0x80 || p[k] > 0xBF) return 0;
  return n;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const std::size_t start = out.size();
  out.push_back('"');
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = begin + text.size();
  const auto* run = begin;  // start of the bytes not yet copied
  for (const auto* p = begin; p < end;) {
    const unsigned char c = *p;
    if (c >= 0x80) {
      const std::size_t n = utf8_sequence(p, end);
      if (n == 0) {  // rare (a file name in another encoding): nlohmann's own replacement
        out.resize(start);
        out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      p += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++p;
      continue;
    }
    out.append(reinterpret_cast<const char*>(run), std::size_t(p - run));
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    run = ++p;
  }
  out.append(reinterpret_cast<const char*>(run), std::size_t(end - run));
  out.push_back('"');
}

JsonWriter::JsonWriter(std::ostream& out, int indent, int depth)
    : stream_(&out), buf_(own_), indent_(indent), base_depth_(std::size_t(depth)) {}
JsonWriter::JsonWriter(std::string& out, int indent, int depth)
    : buf_(out), indent_(indent), base_depth_(std::size_t(depth)) {}
JsonWriter::~JsonWriter() { flush(); }

void JsonWriter::flush() {
  if (stream_ && !buf_.empty()) {
    stream_->write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
}

void JsonWriter::maybe_flush() {
  if (stream_ && buf_.size() >= (1u << 16)) flush();
}

void JsonWriter::newline(std::size_t depth) {
  if (indent_ < 0) return;
  buf_.push_back('\n');
  buf_.append(depth * std::size_t(indent_), ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;  // the top-level value
  if (counts_.back()++ > 0) buf_.push_back(',');
  newline(base_depth_ + counts_.size());
}

void JsonWriter::key(std::string_view name) {
  if (counts_.back()++ > 0) buf_.push_back(',');
  newline(base_depth_ + counts_.size());
  append_json_string(buf_, name);
  buf_ += indent_ < 0 ? ":" : ": ";
  after_key_ = true;
}

void JsonWriter::begin_object() {
  before_value();
  buf_.push_back('{');
  counts_.push_back(0);
}

void JsonWriter::end_object() {
  if (counts_.back() > 0) newline(base_depth_ + counts_.size() - 1);
  counts_.pop_back();
  buf_.push_back('}');
  maybe_flush();
}

void JsonWriter::begin_array() {
  before_value();
  buf_.push_back('[');
  counts_.push_back(0);
}

void JsonWriter::end_array() {
  if (counts_.back() > 0) newline(base_depth_ + counts_.size() - 1);
  counts_.pop_back();
  buf_.push_back(']');
  maybe_flush();
}

void JsonWriter::value(std::string_view text) {
  before_value();
  append_json_string(buf_, text);
}

void JsonWriter::value(bool b) {
  before_value();
  buf_ += b ? "true" : "false";
}

void JsonWriter::value(std::int64_t n) {
  before_value();
  buf_ += std::to_string(n);
}

void JsonWriter::value(std::uint64_t n) {
  before_value();
  buf_ += std::to_string(n);
}

void JsonWriter::value(double d) {  // nlohmann's shortest round-trip form ("36.2", "37.0", null for NaN)
  before_value();
  buf_ += nlohmann::json(d).dump();
}

void JsonWriter::null() {
  before_value();
  buf_ += "null";
}

}  // namespace isnad
