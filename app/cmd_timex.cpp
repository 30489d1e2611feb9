// isnad eval-timex DIR|FILE.tml... [--date YYYY-MM-DD] [--verbose]
//
// Scores the temporal recogniser (extract/timex.h) against TimeML files with inline TIMEX3 tags.
// The XML is stripped to get the article text; each gold TIMEX3 keeps its position in the stripped
// text (code points, end exclusive), so spans are compared exactly as isnad reports them.
//
// The publication date (DCT) each document is resolved against, in this order:
//   1. the file's own: a TIMEX3 with functionInDocument="CREATION_TIME" (inside <DCT> in TimeBank style);
//   2. --date;
//   3. the anchor the annotation itself used: gold TIMEX3s that are a bare day word ("اليوم" = 2015-12-24,
//      "الامس" = 2015-12-23) give it back (value minus the word's offset), most votes win. Silver corpora
//      made by a tagger were often anchored on the day the tagger ran, not on the publication day; the
//      values can only be compared on the same anchor. A document without such words takes the anchor most
//      documents of the run agree on (a silver corpus is usually tagged in one run);
//   4. isnad's own inference from the text (infer_dct); else none (relative expressions are then unresolved).
// Byte-identical files are scored once.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "commands.h"
#include "document.h"
#include "segment.h"
#include "timex.h"
#include "timex_internal.h"

namespace isnad::app {
namespace {

struct GoldTimex {
  Span span;
  std::string text, type, value, mod;
};

struct TmlDocument {
  std::string path;
  std::u32string text;
  std::vector<GoldTimex> gold;
  std::string dct;  // from the file (CREATION_TIME), or ""
};

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string attribute(const std::string& tag, const std::string& name) {
  std::size_t at = 0;
  while ((at = tag.find(name + "=", at)) != std::string::npos) {
    if (at > 0 && tag[at - 1] != ' ' && tag[at - 1] != '\t' && tag[at - 1] != '\n') { ++at; continue; }
    std::size_t q = at + name.size() + 1;
    if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) return "";
    std::size_t close = tag.find(tag[q], q + 1);
    if (close == std::string::npos) return "";
    return tag.substr(q + 1, close - q - 1);
  }
  return "";
}

std::u32string decode_entities(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      static const std::pair<const char*, char> kEntities[] = {
          {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
      bool done = false;
      for (const auto& [name, c] : kEntities)
        if (s.compare(i, std::strlen(name), name) == 0) { out += c; i += std::strlen(name) - 1; done = true; break; }
      if (done) continue;
    }
    out += s[i];
  }
  std::u32string text = to_u32(out);
  std::erase(text, U'\uFEFF');  // the corpus has a BOM inside the text
  return text;
}

// Text content of the TimeML file (the <TEXT> element when there is one, else <TimeML>) with its TIMEX3s.
TmlDocument parse_tml(const std::string& path) {
  TmlDocument doc;
  doc.path = path;
  std::string xml = read_bytes(path);
  // The DCT, wherever it is.
  for (std::size_t at = 0; (at = xml.find("<TIMEX3", at)) != std::string::npos; ++at) {
    std::string tag = xml.substr(at, xml.find('>', at) - at);
    if (attribute(tag, "functionInDocument") == "CREATION_TIME") doc.dct = attribute(tag, "value").substr(0, 10);
  }
  std::size_t begin = xml.find("<TEXT>");
  std::size_t end = std::string::npos;
  if (begin != std::string::npos) {
    begin += 6;
    end = xml.find("</TEXT>", begin);
  } else if ((begin = xml.find("<TimeML")) != std::string::npos) {
    begin = xml.find('>', begin) + 1;
    end = xml.find("</TimeML>", begin);
  } else {
    throw std::runtime_error(path + ": neither <TEXT> nor <TimeML> found");
  }
  if (end == std::string::npos) end = xml.size();
  std::optional<GoldTimex> open;
  std::size_t i = begin;
  while (i < end) {
    std::size_t lt = xml.find('<', i);
    if (lt == std::string::npos || lt > end) lt = end;
    doc.text += decode_entities(xml.substr(i, lt - i));
    if (lt == end) break;
    std::size_t gt = xml.find('>', lt);
    if (gt == std::string::npos) throw std::runtime_error(path + ": unclosed tag at byte " + std::to_string(lt));
    std::string tag = xml.substr(lt, gt - lt + 1);
    if (tag.starts_with("<TIMEX3")) {
      if (open) throw std::runtime_error(path + ": nested TIMEX3 at byte " + std::to_string(lt));
      open = GoldTimex{{doc.text.size(), 0}, "", attribute(tag, "type"), attribute(tag, "value"), attribute(tag, "mod")};
      if (tag.ends_with("/>")) open.reset();  // an empty (non-consuming) TIMEX3 has no span to find
    } else if (tag == "</TIMEX3>" && open) {
      open->span.end = doc.text.size();
      open->text = encode_utf8(std::u32string_view(doc.text).substr(open->span.start, open->span.size()));
      doc.gold.push_back(*open);
      open.reset();
    }
    i = gt + 1;
  }
  return doc;
}

// The anchor the annotation used (see the header comment): votes of gold bare day words.
std::string annotation_anchor(const TmlDocument& tml) {
  std::map<std::string, int> votes;
  for (const auto& g : tml.gold) {
    auto day = parse_iso_date(g.value);
    if (!day || g.value.size() != 10) continue;
    Document d;
    d.text = Text(to_u32(g.text));
    segment(d);
    auto meanings = timex::recognise(d);
    if (meanings.size() != 1) continue;
    const auto& m = meanings[0];
    if (!m.day_offset || m.weekday >= 0 || m.month || m.span.size() != d.text.original().size()) continue;
    ++votes[format_iso_date(add_days(*day, -*m.day_offset))];
  }
  std::string best;
  int top = 0;
  for (const auto& [date, n] : votes)
    if (n > top) { best = date; top = n; }
  return best;
}

struct Counts {
  int gold = 0, found = 0, strict = 0, strict_found = 0, relaxed_gold = 0, relaxed_found = 0, value_strict = 0, value_relaxed = 0;
};

double ratio(int a, int b) { return b ? 100.0 * a / b : 0.0; }
double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

void print_row(const std::string& name, const Counts& c) {
  double sp = ratio(c.strict_found, c.found), sr = ratio(c.strict, c.gold);
  double rp = ratio(c.relaxed_found, c.found), rr = ratio(c.relaxed_gold, c.gold);
  std::printf("%-9s %5d %5d | %5.1f %5.1f %5.1f | %5.1f %5.1f %5.1f | %5.1f (%d/%d) %5.1f (%d/%d)\n", name.c_str(),
              c.gold, c.found, sp, sr, f1(sp, sr), rp, rr, f1(rp, rr), ratio(c.value_strict, c.strict),
              c.value_strict, c.strict, ratio(c.value_relaxed, c.relaxed_gold), c.value_relaxed, c.relaxed_gold);
}

bool overlap(const Span& a, const Span& b) { return a.start < b.end && b.start < a.end; }

std::vector<std::string> collect_files(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    if (std::filesystem::is_directory(in)) {
      std::vector<std::string> here;
      for (const auto& e : std::filesystem::directory_iterator(in))
        if (e.path().extension() == ".tml") here.push_back(e.path().string());
      std::sort(here.begin(), here.end());
      files.insert(files.end(), here.begin(), here.end());
    } else {
      files.push_back(in);
    }
  }
  return files;
}

}  // namespace

int cmd_eval_timex(const Args& args) {
  std::vector<std::string> inputs;
  std::string date;
  bool verbose = false;
  const char* usage =
      "usage: isnad eval-timex DIR|FILE.tml... [--date YYYY-MM-DD] [--verbose]\n"
      "  scores the temporal recogniser against TimeML TIMEX3 annotations: span P/R/F1 (strict = same\n"
      "  start and end, relaxed = overlapping) and value accuracy on matched spans, per gold type for\n"
      "  recall and per found type for precision. DCT: the file's CREATION_TIME, else --date, else the\n"
      "  anchor the annotation used (its bare day words: اليوم، أمس، غدا), else inferred from the text.\n"
      "  --verbose lists every miss, spurious find and wrong value.\n";
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--date" && i + 1 < args.size()) {
      date = args[++i];
      if (!parse_iso_date(date)) {
        std::fprintf(stderr, "isnad eval-timex: --date '%s' is not YYYY-MM-DD\n", date.c_str());
        return 2;
      }
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--help" || a == "-h") {
      std::fputs(usage, stdout);
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "isnad eval-timex: unknown option '%s'\n", a.c_str());
      return 2;
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) {
    std::fputs(usage, stderr);
    return 2;
  }
  std::map<std::string, Counts> by_type;  // gold type for recall, found type for precision
  Counts all;
  std::map<std::string, int> dct_sources;
  std::set<std::string> seen;
  int documents = 0, duplicates = 0;
  std::ostringstream details;
  std::vector<TmlDocument> tmls;
  std::map<std::string, int> anchor_votes;  // documents per annotation anchor
  for (const auto& path : collect_files(inputs)) {
    if (!seen.insert(read_bytes(path)).second) { ++duplicates; continue; }
    tmls.push_back(parse_tml(path));
    if (auto a = annotation_anchor(tmls.back()); !a.empty()) ++anchor_votes[a];
  }
  std::string corpus_anchor;
  for (int top = 0; const auto& [a, n] : anchor_votes)
    if (n > top) { corpus_anchor = a; top = n; }
  for (const TmlDocument& tml : tmls) {
    const std::string& path = tml.path;
    ++documents;
    Document doc;
    doc.id = std::filesystem::path(path).stem().string();
    doc.text = Text(tml.text);
    std::string source = "none";
    if (!tml.dct.empty()) { doc.dct = tml.dct; source = "file"; }
    else if (!date.empty()) { doc.dct = date; source = "--date"; }
    else if (auto anchor = annotation_anchor(tml); !anchor.empty()) { doc.dct = anchor; source = "annotation"; }
    else if (!corpus_anchor.empty()) { doc.dct = corpus_anchor; source = "annotation-corpus"; }
    segment(doc);
    find_timexes(doc);
    if (source == "none" && doc.dct_source == "inferred") source = "inferred";
    ++dct_sources[source];
    if (verbose) details << "== " << doc.id << "  DCT " << (doc.dct.empty() ? "-" : doc.dct) << " (" << source << ")\n";

    const auto& sys = doc.timexes;
    std::vector<int> strict_of(tml.gold.size(), -1), relaxed_of(tml.gold.size(), -1);
    std::vector<bool> sys_strict(sys.size(), false), sys_relaxed(sys.size(), false);
    for (std::size_t g = 0; g < tml.gold.size(); ++g)
      for (std::size_t s = 0; s < sys.size(); ++s)
        if (!sys_strict[s] && sys[s].span == tml.gold[g].span) { strict_of[g] = relaxed_of[g] = static_cast<int>(s); sys_strict[s] = sys_relaxed[s] = true; break; }
    // Relaxed: a gold span and an overlapping found span, one to one; the largest overlap first.
    for (std::size_t g = 0; g < tml.gold.size(); ++g) {
      if (relaxed_of[g] >= 0) continue;
      std::size_t best_size = 0;
      for (std::size_t s = 0; s < sys.size(); ++s) {
        if (sys_relaxed[s] || !overlap(sys[s].span, tml.gold[g].span)) continue;
        std::size_t size = std::min(sys[s].span.end, tml.gold[g].span.end) - std::max(sys[s].span.start, tml.gold[g].span.start);
        if (size > best_size) { best_size = size; relaxed_of[g] = static_cast<int>(s); }
      }
      if (relaxed_of[g] >= 0) sys_relaxed[relaxed_of[g]] = true;
    }
    for (std::size_t g = 0; g < tml.gold.size(); ++g) {
      const GoldTimex& gt = tml.gold[g];
      for (Counts* c : {&all, &by_type[gt.type]}) {
        ++c->gold;
        if (strict_of[g] >= 0) { ++c->strict; c->value_strict += sys[strict_of[g]].value == gt.value; }
        if (relaxed_of[g] >= 0) { ++c->relaxed_gold; c->value_relaxed += sys[relaxed_of[g]].value == gt.value; }
      }
      if (!verbose) continue;
      if (relaxed_of[g] < 0) {
        details << "  miss      " << gt.type << " \"" << gt.text << "\" = " << gt.value << (gt.mod.empty() ? "" : " " + gt.mod)
                << "  [" << gt.span.start << "," << gt.span.end << ")\n";
      } else {
        const Timex& t = sys[relaxed_of[g]];
        bool span_ok = strict_of[g] >= 0, value_ok = t.value == gt.value;
        if (span_ok && value_ok) continue;
        details << (value_ok ? "  span      " : span_ok ? "  value     " : "  span+value") << " " << gt.type << " \"" << gt.text
                << "\" = " << gt.value << (gt.mod.empty() ? "" : " " + gt.mod) << "  got " << t.type << " \"" << t.text
                << "\" = " << t.value << (t.mod.empty() ? "" : " " + t.mod) << "\n";
      }
    }
    for (std::size_t s = 0; s < sys.size(); ++s) {
      for (Counts* c : {&all, &by_type[sys[s].type]}) {
        ++c->found;
        c->relaxed_found += sys_relaxed[s];
        c->strict_found += sys_strict[s];
      }
      if (verbose && !sys_relaxed[s])
        details << "  spurious  " << sys[s].type << " \"" << sys[s].text << "\" = " << sys[s].value << "  [" << sys[s].span.start
                << "," << sys[s].span.end << ")\n";
    }
  }
  std::printf("eval-timex: %d documents (%d duplicates skipped); DCT from", documents, duplicates);
  for (const auto& [s, n] : dct_sources) std::printf(" %s %d", s.c_str(), n);
  std::printf("\n%-9s %5s %5s | %-17s | %-17s | %s\n", "type", "gold", "found", "strict P  R  F1", "relaxed P  R  F1",
              "value acc: strict, relaxed matches");
  for (const auto& [type, c] : by_type) print_row(type, c);
  print_row("all", all);
  if (verbose) std::cout << "\n" << details.str();
  return 0;
}

}  // namespace isnad::app
