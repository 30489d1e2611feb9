// A streaming JSON writer whose bytes are exactly those of nlohmann::json's dump(indent, ' ', false,
// error_handler_t::replace) for the same values written in the same order, without building a json tree:
// graph.json and the per-article records are written through it (a tree per node cost more than the
// extraction of its article). Compact (indent < 0) or pretty (indent >= 0, at a starting nesting depth).
//
//   JsonWriter w(out, 1);  w.begin_object(); w.key("id"); w.value("person:3"); w.end_object();
//   → "{\n \"id\": \"person:3\"\n}"
#pragma once
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace isnad {

class JsonWriter {
 public:
  // Writes to `out` (buffered: call flush() or let the destructor do it). depth: the nesting depth at which
  // the first value is written, as when this value is an element of an enclosing pretty-printed document.
  JsonWriter(std::ostream& out, int indent, int depth = 0);
  // Writes to a string (appended to); flush() is not needed.
  JsonWriter(std::string& out, int indent, int depth = 0);
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);  // inside an object, before its value

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(bool b);
  void value(std::int64_t n);
  void value(std::uint64_t n);
  void value(int n) { value(std::int64_t(n)); }
  void value(unsigned n) { value(std::uint64_t(n)); }
  void value(long long n) { value(std::int64_t(n)); }
  void value(unsigned long long n) { value(std::uint64_t(n)); }
  void value(double d);
  void null();
  // A member: key(name) then value(v).
  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }
  template <class T>
  void array(const std::vector<T>& items) {
    begin_array();
    for (const auto& item : items) value(item);
    end_array();
  }

  void flush();

 private:
  void before_value();
  void newline(std::size_t depth);
  void write_string(std::string_view text);
  void maybe_flush();

  std::ostream* stream_ = nullptr;
  std::string own_;
  std::string& buf_;
  int indent_;
  std::size_t base_depth_;
  std::vector<std::size_t> counts_;  // elements written so far in each open container
  bool after_key_ = false;
};

// `text` as a JSON string literal (with quotes), as nlohmann's dump writes it.
void append_json_string(std::string& out, std::string_view text);

}  // namespace isnad
