// Normalisation, offset map, sentence splitting, tokens and clitics on real Arabic.
#include <doctest/doctest.h>

#include <algorithm>

#include "document.h"
#include "segment.h"
#include "text.h"

using namespace isnad;

TEST_CASE("normalise: the matching view folds spelling variants") {
  struct Row { const char* in; const char* out; };
  const Row rows[] = {
      {"الأمريكيّة", "الامريكيه"},        // hamza on alef, shadda, ta marbuta
      {"إدلب", "ادلب"},
      {"سيرجى شويجو", "سيرجي شويجو"},     // alif maqsura as final ya
      {"يــد", "يد"},                     // tatweel
      {"٤ نوفمبر ٢٠١٦", "4 نوفمبر 2016"},  // Arabic-Indic digits
      {"۱۴۴۵", "1445"},                   // Persian digits
      {"مسؤول", "مسوول"},
      {"ﻻ", "لا"},                        // presentation form (NFKC)
      {"کیف", "كيف"},                     // Persian kaf and ya
      {"\u200fحلب\u200e", "حلب"},         // bidi marks dropped
      {"Kerry «قال»", "kerry \"قال\""},
  };
  for (const auto& r : rows) CHECK(normalize_utf8(r.in) == r.out);
}

TEST_CASE("offset map: every normalised span maps back to the original") {
  Text t(to_u32("وقال لافروفُ: «إنّ الأمريكيّة»"));
  const std::u32string& n = t.norm();
  auto at = n.find(U"الامريكيه");
  REQUIRE(at != std::u32string::npos);
  Span s = t.to_original(at, at + 9);
  CHECK(t.slice_utf8(s) == "الأمريكيّة");
  auto lav = n.find(U"لافروف");
  CHECK(t.slice_utf8(t.to_original(lav, lav + 6)) == "لافروف");
}

TEST_CASE("utf-8: invalid bytes are reported with their offset, BOM dropped") {
  auto ok = decode_utf8("\xEF\xBB\xBFحلب");
  CHECK(ok.ok);
  CHECK(ok.text == U"حلب");
  auto bad = decode_utf8("حلب\xC3\x28");
  CHECK_FALSE(bad.ok);
  CHECK(bad.error_byte == 6);
  CHECK_FALSE(decode_utf8("\xED\xA0\x80").ok);  // surrogate
}

TEST_CASE("dates: civil calendar arithmetic") {
  auto d = parse_iso_date("2016-11-03");
  REQUIRE(d);
  CHECK(weekday(*d) == 4);  // Thursday
  CHECK(format_iso_date(add_days(*d, 1)) == "2016-11-04");
  CHECK(format_iso_date(add_days(*d, -3)) == "2016-10-31");
  CHECK_FALSE(parse_iso_date("2016-02-30"));
  CHECK_FALSE(parse_iso_date("03/11/2016"));
}

namespace {
std::vector<std::string> sentences_of(const char* text) {
  Document doc;
  doc.text = Text(to_u32(text));
  segment(doc);
  std::vector<std::string> out;
  for (const auto& s : doc.sentences) out.push_back(doc.text.slice_utf8(s.span));
  return out;
}
}  // namespace

TEST_CASE("sentences: full stops, missing spaces, numbers, line breaks") {
  CHECK(sentences_of("رفضت مبادرته فور الإعلان عنها.وقالت وزارة الدفاع") ==
        std::vector<std::string>{"رفضت مبادرته فور الإعلان عنها.", "وقالت وزارة الدفاع"});
  CHECK(sentences_of("ارتفع 3.5 في المئة. وقال") == std::vector<std::string>{"ارتفع 3.5 في المئة.", "وقال"});
  CHECK(sentences_of("العنوان\n\nالنص الأول؟ النص الثاني!") ==
        std::vector<std::string>{"العنوان", "النص الأول؟", "النص الثاني!"});
  CHECK(sentences_of("قال \"لن نؤجل العملية.\" ثم غادر") ==
        std::vector<std::string>{"قال \"لن نؤجل العملية.\"", "ثم غادر"});
  // A quotation that goes on after its full stop stays one sentence; an unclosed quote does not swallow the line.
  CHECK(sentences_of("قال: \"أنفقنا 7 تريليون دولار، هل تعلمون على ماذا حصلنا؟! لا شيء\". وأضاف: \"عذرا\".") ==
        std::vector<std::string>{"قال: \"أنفقنا 7 تريليون دولار، هل تعلمون على ماذا حصلنا؟! لا شيء\".",
                                 "وأضاف: \"عذرا\"."});
  CHECK(sentences_of("وقال إنه \"لا مجال. ثم غادر الوفد.") ==
        std::vector<std::string>{"وقال إنه \"لا مجال.", "ثم غادر الوفد."});
  // Quotes with a space on both sides: the first opens, the second closes, and the next sentence is outside.
  CHECK(sentences_of("وقال \" لن نتكلم إلا في حال توفر الخبر \". وذكر بأن السلطات حرصت.") ==
        std::vector<std::string>{"وقال \" لن نتكلم إلا في حال توفر الخبر \".", "وذكر بأن السلطات حرصت."});
}

TEST_CASE("quotes: direction from the context, the state where the context is silent") {
  auto n = normalize(to_u32("قال: \"لن\" و \" نعم \" ثم\"لا\""));
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < n.size(); ++i)
    if (n[i] == U'"') at.push_back(i);
  REQUIRE(at.size() == 6);
  CHECK(opens_quote(n, at[0], false));   // after a colon and space, before a word
  CHECK_FALSE(opens_quote(n, at[1], true));  // after a word, before a space
  CHECK(opens_quote(n, at[2], false));   // spaces on both sides, outside: opens
  CHECK_FALSE(opens_quote(n, at[3], true));  // spaces on both sides, inside: closes
  CHECK(opens_quote(n, at[4], false));   // letters on both sides, outside: opens
  CHECK_FALSE(opens_quote(n, at[5], true));
}

TEST_CASE("tokens: punctuation apart, original spans exact") {
  Document doc;
  doc.text = Text(to_u32("الرئيس الروسي، فلاديمير بوتين،"));
  segment(doc);
  std::vector<std::string> surface;
  for (const auto& t : doc.tokens) surface.push_back(doc.text.slice_utf8(t.span));
  CHECK(surface == std::vector<std::string>{"الرئيس", "الروسي", "،", "فلاديمير", "بوتين", "،"});
  CHECK_FALSE(doc.tokens[2].is_word);
}

TEST_CASE("clitics: proclitic readings") {
  auto stems = [](const char* w) {
    std::vector<std::string> out;
    for (const auto& r : clitic_readings(normalize(to_u32(w)))) out.push_back(encode_utf8(r.stem));
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const char* s) { return std::find(v.begin(), v.end(), s) != v.end(); };
  auto w = stems("وبالمدينة");
  CHECK(has(w, "بالمدينه"));
  CHECK(has(w, "المدينه"));
  CHECK(has(w, "مدينه"));
  CHECK(has(stems("للرئيس"), normalize_utf8("الرئيس").c_str()));
  CHECK(has(stems("وروسيا"), "روسيا"));
  CHECK(has(stems("فأكد"), "اكد"));
  CHECK(encode_utf8(strip_conjunction_preposition(U"وبالمدينه")) == "المدينه");
  CHECK(encode_utf8(strip_conjunction_preposition(U"روسيا")) == "روسيا");
  CHECK(encode_utf8(strip_article(U"الرقه")) == "رقه");
}
