// JsonWriter must write exactly the bytes of nlohmann's dump() for the same values: graph.json and the
// per-article records are written with it, and record hashes (merge order) depend on those bytes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json_writer.h"

namespace {

using Json = nlohmann::ordered_json;

// Writes a json value through JsonWriter, mirroring its structure.
void write_json(isnad::JsonWriter& w, const Json& j) {
  if (j.is_object()) {
    w.begin_object();
    for (const auto& [k, v] : j.items()) {
      w.key(k);
      write_json(w, v);
    }
    w.end_object();
  } else if (j.is_array()) {
    w.begin_array();
    for (const auto& v : j) write_json(w, v);
    w.end_array();
  } else if (j.is_string()) {
    w.value(j.get_ref<const std::string&>());
  } else if (j.is_boolean()) {
    w.value(j.get<bool>());
  } else if (j.is_number_unsigned()) {
    w.value(j.get<std::uint64_t>());
  } else if (j.is_number_integer()) {
    w.value(j.get<std::int64_t>());
  } else if (j.is_number_float()) {
    w.value(j.get<double>());
  } else {
    w.null();
  }
}

std::string written(const Json& j, int indent) {
  std::string out;
  isnad::JsonWriter w(out, indent);
  write_json(w, j);
  return out;
}

std::string dumped(const Json& j, int indent) { return j.dump(indent, ' ', false, Json::error_handler_t::replace); }

}  // namespace

TEST_CASE("json writer: the same bytes as nlohmann's dump, compact and indented") {
  Json values = Json::array();
  values.push_back("قال الرئيس الروسي فلاديمير بوتين «لن نسمح»");
  values.push_back("quote \" backslash \\ slash / tab \t newline \n return \r bell \x07 escape \x1b del \x7f");
  values.push_back(std::string("nul \0 inside", 12));
  values.push_back("bad UTF-8 \xC3\x28 and \xED\xA0\x80 surrogate and truncated \xE2\x82");
  values.push_back("overlong \xC0\xAF and too high \xF4\x90\x80\x80");
  values.push_back("");
  values.push_back(Json::object());
  values.push_back(Json::array());
  values.push_back({{"lat", 36.2}, {"lon", 37.0}, {"tiny", 1e-7}, {"big", 1.5e300}, {"neg", -0.5}});
  values.push_back({{"n", -3}, {"u", 18446744073709551615ull}, {"zero", 0}, {"t", true}, {"f", false}, {"null", nullptr}});
  values.push_back({{"nested", {{"empty", Json::array()}, {"list", {1, 2, {{"k", "v"}}}}, {"obj", Json::object()}}}});
  Json document = {{"directed", true}, {"values", values}};
  for (int indent : {-1, 0, 1, 2}) {
    CAPTURE(indent);
    CHECK(written(document, indent) == dumped(document, indent));
    for (const auto& v : values) CHECK(written(v, indent) == dumped(v, indent));
  }
}

TEST_CASE("json writer: a value written at a nesting depth, as inside an enclosing document") {
  Json inner = {{"id", "person:3"}, {"aliases", {"بوتين", "فلاديمير بوتين"}}};
  Json outer = {{"nodes", {inner}}};
  std::string out = "{\n \"nodes\": [\n  ";
  {
    isnad::JsonWriter w(out, 1, 2);
    write_json(w, inner);
  }
  out += "\n ]\n}";
  CHECK(out == outer.dump(1));
}
