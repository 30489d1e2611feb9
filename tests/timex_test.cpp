// Temporal expressions: real Arabic news phrases → TIMEX3 text, type, value, hours; traps; DCT inference.
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "document.h"
#include "segment.h"
#include "timex.h"

using namespace isnad;

namespace {

Document run(const std::string& text, const std::string& dct) {
  Document doc;
  doc.dct = dct;
  doc.text = Text(to_u32(text));
  segment(doc);
  find_timexes(doc);
  return doc;
}

struct Row {
  const char* sentence;
  const char* dct;
  const char* text;   // expected span as written
  const char* value;  // expected TIMEX3 value
  const char* time_range = "";
};

void check_rows(const Row* begin, const Row* end) {
  for (const Row* r = begin; r != end; ++r) {
    Document doc = run(r->sentence, r->dct);
    const Timex* found = nullptr;
    for (const auto& t : doc.timexes)
      if (t.text == r->text) found = &t;
    INFO("sentence: " << std::string(r->sentence) << "  expected: " << std::string(r->text) << " = " << std::string(r->value));
    REQUIRE(found);
    CHECK(found->value == r->value);
    CHECK(found->time_range == r->time_range);
    CHECK(doc.text.slice_utf8(found->span) == found->text);
  }
}

}  // namespace

TEST_CASE("timex: relative days and weekdays anchored on the publication date") {
  const Row rows[] = {
      // aleppo.txt, DCT Thursday 2016-11-03
      {"اقترحه حتى يوم غد الجمعة، ولكن المعارضة رفضت", "2016-11-03", "يوم غد الجمعة", "2016-11-04"},
      {"شدد وزير الخارجية الروسي، سيرغي لافروف، امس الأربعاء، على أنّ بلاده", "2016-11-03", "امس الأربعاء",
       "2016-11-02"},
      {"أعلنت وزارة الدفاع الروسية، في وقت سابق من امس، عن تطبيق", "2016-11-03", "امس", "2016-11-02"},
      {"ونقلت قناة روسيا اليوم، عن الأسد قوله الثلاثاء خلال استقباله", "2016-11-03", "الثلاثاء", "2016-11-01"},
      {"قائلا إن هجوم المعارضة المسلحة الأسبوع الماضي على غربي حلب فشل", "2016-11-03", "الأسبوع الماضي", "2016-W43"},
      {"أعلنت الوزارة أمس عن تطبيق هدنة", "2016-11-03", "أمس", "2016-11-02"},
      {"قال الوزير أول أمس إن", "2016-11-03", "أول أمس", "2016-11-01"},
      {"تبدأ الهدنة غداً في حلب", "2016-11-03", "غداً", "2016-11-04"},
      {"تبدأ الهدنة غدا في حلب", "2016-11-03", "غدا", "2016-11-04"},
      {"يصل الوفد بعد غد إلى جنيف", "2016-11-03", "بعد غد", "2016-11-05"},
      {"قال الوزير اليوم إن المفاوضات", "2016-11-03", "اليوم", "2016-11-03"},
      {"وصل الوزير يوم الأحد إلى بغداد", "2016-11-03", "يوم الأحد", "2016-10-30"},
      {"تعقد الجلسة يوم الأحد المقبل", "2016-11-03", "يوم الأحد المقبل", "2016-11-06"},
      // news-samples/01.txt (Jawhara FM), DCT 2017-04-01
      {"أدّى تعديل دستوري إلى صدامات أمس الجمعة 31 مارس 2017، بين الشرطة", "2017-04-01", "أمس الجمعة 31 مارس 2017",
       "2017-03-31"},
      {"واحتل المتظاهرون مساء الجمعة مبنى البرلمان", "2017-04-01", "مساء الجمعة", "2017-03-31TEV"},
      {"وافق مجلس الشيوخ بعد ظهر الجمعة بأغلبية 25 من أعضائه", "2017-04-01", "بعد ظهر الجمعة", "2017-03-31TAF"},
      // news-samples/02.txt (Jawhara FM, Tunisia), DCT 2017-05-22
      {"أعلن الأمين العام للاتحاد اليوم الاثنين أنه سيتم يوم 9 جوان القادم بجينيف", "2017-05-22", "اليوم الاثنين",
       "2017-05-22"},
      {"أعلن الأمين العام للاتحاد اليوم الاثنين أنه سيتم يوم 9 جوان القادم بجينيف", "2017-05-22",
       "يوم 9 جوان القادم", "2017-06-09"},
      // news-samples/03.txt (BBC Arabic), DCT 2018-04-01
      {"بسبب أعمال العنف على حدود قطاع غزة الجمعة الماضي.", "2018-04-01", "الجمعة الماضي", "2018-03-30"},
      {"يحتفلون بهذا الشكل بالأول من أبريل في أنقرة", "2018-04-01", "الأول من أبريل", "2018-04-01"},
      // news-samples/05.txt (France 24): a scheduled day lies ahead, a bare one behind.
      {"أن الغداء الذي كان مقررا الجمعة في باريس سيعقد في موعده", "2018-06-14", "الجمعة", "2018-06-15"},
      {"بعد اتصال هاتفي مساء الأربعاء أكد فيه الرئيس", "2018-06-14", "مساء الأربعاء", "2018-06-13TEV"},
      {"أكدت الرئاسة الفرنسية الخميس أن اللقاء", "2018-06-14", "الخميس", "2018-06-14"},
      // news-samples/07.txt (Sky News Arabia): coordinated future weekdays.
      {"يعتزمون الإضراب عن العمل يومي الأربعاء والخميس، ما لم تلب", "2018-07-30", "يومي الأربعاء", "2018-08-01"},
      {"يعتزمون الإضراب عن العمل يومي الأربعاء والخميس، ما لم تلب", "2018-07-30", "الخميس", "2018-08-02"},
      // news-samples/09.txt (Al Arabiya)
      {"واعتذر كايتانو الأسبوع الماضي عن عمليات إنقاذ", "2018-05-01", "الأسبوع الماضي", "2018-W17"},
      {"وأعلن دوتيتري، الأحد، أن الحظر", "2018-05-01", "الأحد", "2018-04-29"},
      // news-samples/10.txt (CNN Arabic)
      {"وكان آخر هذه التصريحات السبت الماضي عندما قال", "2018-04-30", "السبت الماضي", "2018-04-28"},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("timex: months in every regional naming, years, Hijri dates") {
  const Row rows[] = {
      {"فرض هدنة في حلب يوم 4 نوفمبر/تشرين الثاني من الساعة التاسعة صباحاً حتى الساعة السابعة مساء", "2016-11-03",
       "يوم 4 نوفمبر/تشرين الثاني", "2016-11-04", "09:00-19:00"},
      {"من التاسعة صباحا إلى السابعة مساء يوم الرابع من نوفمبر/ تشرين الثاني، من ممرين", "2016-11-03",
       "التاسعة صباحا إلى السابعة مساء يوم الرابع من نوفمبر/ تشرين الثاني", "2016-11-04", "09:00-19:00"},
      {"هدنة من الساعة التاسعة صباحاً حتى الساعة السابعة مساء غد الجمعة .", "2016-11-03",
       "الساعة التاسعة صباحاً حتى الساعة السابعة مساء غد الجمعة", "2016-11-04", "09:00-19:00"},
      {"وقعت الاتفاقية في 4 نوفمبر 2016 في موسكو", "2018-01-01", "4 نوفمبر 2016", "2016-11-04"},
      {"جرت الانتخابات عام 2016، وأوصلت ترامب", "2018-07-21", "عام 2016", "2016"},
      {"تأسست الجمعية في العام 2016م في تونس", "2018-07-21", "العام 2016م", "2016"},
      {"هزم في الانتخابات الرئاسية في 2013 مرشح المعارضة", "2017-04-01", "2013", "2013"},
      {"المحادثة التي جرت في سبتمبر/ أيلول 2016 جرت وجها لوجه", "2018-07-21", "سبتمبر/ أيلول 2016", "2016-09"},
      {"وفي مايو/ أيار، اعترف ترامب", "2018-07-21", "مايو/ أيار", "2018-05"},
      {"وكان دوتيرتي قد فرض في شباط/فبراير حظراً جزئياً", "2018-05-01", "شباط/فبراير", "2018-02"},
      {"الاحتجاجات التي بدأت في 30 آذار/مارس 2018", "2018-05-18", "30 آذار/مارس 2018", "2018-03-30"},
      {"تم شحنها إلى بغداد في أبريل 2017.", "2018-04-28", "أبريل 2017", "2017-04"},
      {"تنفيذ إضراب يومين في الأول والثاني من أغسطس المقبل", "2018-07-30", "الثاني من أغسطس المقبل", "2018-08-02"},
      {"زار تونس في الفترة من أول يناير حتى 30 يونيو", "2018-07-30", "أول يناير حتى 30 يونيو",
       "2018-01-01/2018-06-30"},
      {"وقعت الحادثة في 12 جانفي 2017 بالعاصمة", "2017-05-22", "12 جانفي 2017", "2017-01-12"},
      {"انطلق المهرجان يوم 3 جويلية 2017", "2017-05-22", "يوم 3 جويلية 2017", "2017-07-03"},
      {"تجرى الانتخابات في 6 أكتوبر 2017", "2017-05-22", "6 أكتوبر 2017", "2017-10-06"},
      {"صدر القرار في 15 نونبر 2017 بالرباط", "2017-12-01", "15 نونبر 2017", "2017-11-15"},
      {"في 20 شتنبر 2017 أعلن", "2017-12-01", "20 شتنبر 2017", "2017-09-20"},
      {"سينعقد المؤتمر يوم 10 ماي 2018 في الجزائر", "2018-04-01", "يوم 10 ماي 2018", "2018-05-10"},
      {"صدر القرار في 3 كانون الثاني 2017", "2017-02-01", "3 كانون الثاني 2017", "2017-01-03"},
      {"وصل الوفد في 5 رمضان 1445 هـ إلى مكة", "2024-03-20", "5 رمضان 1445 هـ", "2024-03-15"},
      {"ولد في العاشر من ذي الحجة 1444 هـ", "2024-01-01", "العاشر من ذي الحجة 1444 هـ", "2023-06-28"},
      {"من المنتظر أن تنتهي الأعمال في نهاية العام", "2016-11-03", "نهاية العام", "2016"},
      {"بدأت المفاوضات مطلع الشهر الجاري في جنيف", "2016-11-03", "مطلع الشهر الجاري", "2016-11"},
      {"وأرسل الشهر الماضي رسالة يدين فيها", "2018-04-28", "الشهر الماضي", "2018-03"},
      {"ارتفعت الأسعار العام الماضي بنسبة", "2018-04-28", "العام الماضي", "2017"},
      {"ستجري الانتخابات العام المقبل", "2018-04-28", "العام المقبل", "2019"},
  };
  check_rows(std::begin(rows), std::end(rows));
  CHECK(format_iso_date(*hijri_to_gregorian(1445, 9, 1)) == "2024-03-11");  // 1 Ramadan 1445 (Umm al-Qura)
}

TEST_CASE("timex: times, durations, vague references") {
  const Row rows[] = {
      {"يبدأ الاجتماع الساعة 14:30 في مقر الوزارة", "2016-11-03", "الساعة 14:30", "2016-11-03T14:30"},
      {"انفجرت السيارة في التاسعة صباحا قرب السوق", "2016-11-03", "التاسعة صباحا", "2016-11-03T09:00"},
      {"انفجرت السيارة في الساعة العاشرة مساء قرب السوق", "2016-11-03", "الساعة العاشرة مساء", "2016-11-03T22:00"},
      {"بعد خمس سنوات ونصف السُنّة، مَن ساندني؟", "2016-11-03", "خمس سنوات ونصف", "P5Y6M"},
      {"لقد مضى عام تقريباً، ولا نزال ننتظر", "2016-11-03", "عام تقريباً", "P1Y"},
      {"بعدما أعلنت موسكو هدنة لبضع ساعات في حلب", "2016-11-03", "بضع ساعات", "PTXH"},
      {"استمرت المعارك ثلاثة أيام في المدينة", "2016-11-03", "ثلاثة أيام", "P3D"},
      {"أقامت علاقة لمدة عشرة أشهر مع ترامب", "2018-07-21", "عشرة أشهر", "P10M"},
      {"سجلت المحادثة قبل شهرين من الانتخابات", "2018-07-21", "شهرين", "P2M"},
      {"لا تستطيع العيش لمدة أسبوع دون الحماية", "2018-04-30", "أسبوع", "P1W"},
      {"قتل 60 فلسطينيا في يوم واحد من الاحتجاجات", "2018-05-18", "يوم واحد", "P1D"},
      {"إلى استفتاء حوله خلال ثلاثة أشهر.", "2017-04-01", "ثلاثة أشهر", "P3M"},
      {"أعلنت الوزارة في وقت سابق عن هدنة", "2016-11-03", "وقت سابق", "PAST_REF"},
      {"عاد الهدوء مؤخرا إلى المدينة", "2016-11-03", "مؤخرا", "PAST_REF"},
  };
  check_rows(std::begin(rows), std::end(rows));
}

TEST_CASE("timex: traps produce no time expression") {
  struct Trap { const char* sentence; const char* not_a_timex; };
  const Trap traps[] = {
      {"ونقلت قناة روسيا اليوم، عن الأسد قوله", "اليوم"},          // a TV channel
      {"وأوضحت أن أحد الممرين يؤدي إلى الحدود التركية", "أحد"},     // "one", not Sunday
      {"لا يتحدث أحد عن جرائم حرب", "أحد"},
      {"قالت تيريزا ماي إن بريطانيا ستغادر", "ماي"},                // Theresa May outside the Maghreb
      {"مارس الضغط على الحكومة طوال الأزمة", "مارس"},               // "exerted", not March
      {"قتل 1500 شخص في المعارك", "1500"},                          // a count, not a year
      {"أصيب 2000 مدني خلال القصف", "2000"},
      {"وقال وزير الخارجية الفلبيني آلان بيتر كايتانو", "آلان"},    // a name, not "now"
      {"نقلت رويترز عن كاتب عام النقل رمضان قوله", "رمضان"},        // a name, not the month
      {"الدورة التاسعة من المهرجان", "التاسعة"},                   // an ordinal, not 9 o'clock
  };
  for (const auto& t : traps) {
    Document doc = run(t.sentence, "2016-11-03");
    INFO("sentence: " << t.sentence);
    for (const auto& x : doc.timexes) CHECK(x.text.find(t.not_a_timex) == std::string::npos);
  }
  // In a Maghreb article (other Maghreb month names present) ماي alone is May.
  Document maghreb = run("انطلقت الحملة في أفريل وتتواصل في ماي", "2017-04-10");
  bool may = false;
  for (const auto& x : maghreb.timexes) may = may || (x.text == "ماي" && x.value == "2017-05");
  CHECK(may);
}

TEST_CASE("timex: without a date, relative expressions are left out and today is never used") {
  Document doc = run("قال الوزير امس إن الهدنة تبدأ غدا", "");
  CHECK(doc.timexes.empty());
  CHECK(doc.dct.empty());
  CHECK(doc.dct_source == "none");
  Document absolute = run("وقعت الاتفاقية في 4 نوفمبر 2016 في موسكو", "");
  REQUIRE(absolute.timexes.size() == 1);
  CHECK(absolute.timexes[0].value == "2016-11-04");
}

namespace {
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_CASE("timex: the sample's publication date is inferred as Thursday 3 November") {
  std::string text = read_file(std::string(ISNAD_SOURCE_DIR) + "/samples/aleppo.txt");
  REQUIRE_FALSE(text.empty());
  Document doc;
  doc.text = Text(to_u32(text));
  segment(doc);
  DctInference inferred = infer_dct(doc);
  REQUIRE_FALSE(inferred.date.empty());
  auto d = parse_iso_date(inferred.date);
  REQUIRE(d);
  CHECK(weekday(*d) == 4);
  CHECK(d->month == 11);
  CHECK(d->day == 3);
  CHECK(std::find(inferred.candidate_years.begin(), inferred.candidate_years.end(), 2016) !=
        inferred.candidate_years.end());
  find_timexes(doc);
  CHECK(doc.dct_source == "inferred");
  CHECK(doc.dct == inferred.date);
  // Relative dates resolve consistently with the inferred day: tomorrow is Friday 4 November.
  for (const auto& t : doc.timexes)
    if (t.text == "يوم غد الجمعة") CHECK(t.value == format_iso_date(add_days(*d, 1)));
}

TEST_CASE("timex: aleppo sample against its gold annotation") {
  std::string gold_path = std::string(ISNAD_SHARED_DIR) + "/data/seed/aleppo.gold.json";
  std::string gold_text = read_file(gold_path);
  if (gold_text.empty()) {
    MESSAGE("skipped: " << gold_path << " not found");
    return;
  }
  auto gold = nlohmann::json::parse(gold_text);
  Document doc = run(read_file(std::string(ISNAD_SOURCE_DIR) + "/samples/aleppo.txt"), "2016-11-03");
  int expected = 0, exact = 0, value_only = 0;
  for (const auto& g : gold["timex"]) {
    int count = g.value("count", 1);
    bool optional = g.value("optional", false);
    std::string text = g["text"], value = g["value"], time = g.value("time", "");
    int same_text = 0, overlapping = 0;
    for (const auto& t : doc.timexes) {
      if (t.value != value || t.time_range != time) continue;
      if (t.text == text) ++same_text;
      else if (t.text.find(text) != std::string::npos || text.find(t.text) != std::string::npos) ++overlapping;
    }
    expected += count;
    exact += std::min(count, same_text);
    value_only += std::min(count - std::min(count, same_text), overlapping);
    if (!optional) CHECK_MESSAGE(same_text + overlapping >= count, "missed: " << text << " = " << value);
  }
  MESSAGE("aleppo timex: " << exact << "/" << expected << " with exact text and value, " << value_only
                           << " more with the right value on an overlapping span; " << doc.timexes.size()
                           << " found");
}
