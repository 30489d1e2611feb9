#include "exporter.h"

#include <filesystem>
#include <stdexcept>

#include "formats.h"
#include "output.h"

namespace isnad {

void Exporter::write_file(const KnowledgeGraph&, const std::string& name, std::ostream&) const {
  throw std::logic_error(file_name() + " writes a single file, not " + name);
}

std::unique_ptr<Exporter> make_exporter(std::string_view format) {
  if (format == "json") return make_json_exporter();
  if (format == "graphml") return make_graphml_exporter(GraphmlView::full);
  if (format == "graphml-entities") return make_graphml_exporter(GraphmlView::entities);
  if (format == "gexf") return make_gexf_exporter(GraphmlView::full);
  if (format == "gexf-entities") return make_gexf_exporter(GraphmlView::entities);
  if (format == "dot" || format == "svg" || format == "png") return make_graphviz_exporter(format);
  if (format == "neo4j") return make_neo4j_exporter();
  if (format == "rdf" || format == "nt" || format == "ntriples") return make_ntriples_exporter();
  if (format == "timeline") return make_timeline_exporter(TimelineFormat::json);
  if (format == "timeline-html") return make_timeline_exporter(TimelineFormat::html);
  if (format == "report") return make_timeline_exporter(TimelineFormat::report);
  return nullptr;
}

std::vector<std::string> exporter_names() {
  return {"json", "graphml", "graphml-entities", "gexf", "gexf-entities", "dot",          "svg",
          "png",  "neo4j",   "rdf",              "timeline", "timeline-html", "report"};
}

bool export_to_directory(const Exporter& exporter, const KnowledgeGraph& kg, const std::string& out_dir,
                         std::string* error) {
  namespace fs = std::filesystem;
  fs::path target = fs::path(out_dir) / exporter.file_name();
  if (!exporter.writes_directory())
    return write_file_atomic(target.string(), [&](std::ostream& os) { exporter.write(kg, os); }, error);
  std::error_code ec;
  fs::create_directories(target, ec);
  if (ec) {
    *error = target.string() + ": " + ec.message();
    return false;
  }
  for (const std::string& name : exporter.files()) {
    auto write = [&](std::ostream& os) { exporter.write_file(kg, name, os); };
    if (!write_file_atomic((target / name).string(), write, error)) return false;
  }
  return true;
}

// A date value of the graph as the inclusive range of days it covers: "2016-11-03" is one day, "2016-11" its
// month, "2016" its year, "2018-01/2018-06-30" (an ISO interval, as extract/timex.h writes ranges) from the first
// day of its start to the last of its end. Anything else (weeks, seasons, PAST_REF, invalid days) has no range.
std::optional<DayRange> day_range(std::string_view value) {
  if (std::size_t slash = value.find('/'); slash != std::string_view::npos) {
    auto from = day_range(value.substr(0, slash)), to = day_range(value.substr(slash + 1));
    if (!from || !to || value.substr(slash + 1).find('/') != std::string_view::npos || to->last < from->first)
      return std::nullopt;
    return DayRange{from->first, to->last};
  }
  auto digits = [&](std::size_t at, std::size_t n) {
    if (value.size() < at + n) return -1;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (value[i] < '0' || value[i] > '9') return -1;
      v = v * 10 + (value[i] - '0');
    }
    return v;
  };
  int year = digits(0, 4);
  if (year < 0) return std::nullopt;
  auto days_in = [&](int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
  };
  std::string y(value.substr(0, 4));
  if (value.size() == 4) return DayRange{y + "-01-01", y + "-12-31"};
  if (value[4] != '-') return std::nullopt;
  int month = digits(5, 2);
  if (month < 1 || month > 12) return std::nullopt;
  std::string ym(value.substr(0, 7));
  if (value.size() == 7) return DayRange{ym + "-01", ym + "-" + std::to_string(days_in(month))};
  if (value.size() != 10 || value[7] != '-') return std::nullopt;
  int day = digits(8, 2);
  if (day < 1 || day > days_in(month)) return std::nullopt;
  return DayRange{std::string(value), std::string(value)};
}

}  // namespace isnad
