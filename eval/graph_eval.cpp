#include "graph_eval.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "text.h"

namespace isnad {

namespace {

using Json = nlohmann::json;

Json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open file");
  try {
    return Json::parse(in);
  } catch (const Json::parse_error& e) {
    throw std::runtime_error(path + ": invalid JSON: " + e.what());
  }
}

// The scorer's normalisation: our matching view, punctuation to spaces, spaces collapsed.
std::u32string norm(const std::string& s) {
  std::u32string n = normalize(to_u32(s));
  std::u32string out;
  for (char32_t c : n) {
    bool punct = std::u32string_view(U"\"'()[]،,.:؛").find(c) != std::u32string_view::npos;
    if (punct || is_space(c)) {
      if (!out.empty() && out.back() != U' ') out.push_back(U' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == U' ') out.pop_back();
  return out;
}

std::set<std::u32string> name_keys(const std::string& s) {
  std::u32string n = norm(s);
  std::set<std::u32string> keys;
  if (n.empty()) return keys;
  keys.insert(n);
  for (std::u32string p : {U"و", U"ف", U"ب", U"ل", U"وب", U"ول", U"فب", U"ك"})
    if (n.rfind(p, 0) == 0 && n.size() - p.size() >= 3) keys.insert(n.substr(p.size()));
  if (n.rfind(U"لل", 0) == 0 && n.size() > 4) keys.insert(U"ال" + n.substr(2));
  return keys;
}

std::string kind_type(const std::string& kind) {
  if (kind == "person") return "PER";
  if (kind == "organization") return "ORG";
  if (kind == "place") return "LOC";
  return "";
}

std::set<std::u32string> words(const std::u32string& s) {
  std::set<std::u32string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == U' ') {
      if (i > start) out.insert(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

}  // namespace

namespace {

// The shapes evaluate_article relies on, checked before scoring so that a wrong file gets a sentence, not a
// library exception.
void check_gold(const Json& gold, const std::string& path) {
  if (!gold.is_object() || !gold.contains("entities") || !gold["entities"].is_array())
    throw std::runtime_error(path + ": not a gold annotation file (expected an object with an \"entities\" array; "
                             "format: shared/data/seed/GOLD-FORMAT.md)");
  if (gold.contains("doc") && !gold["doc"].is_string())
    throw std::runtime_error(path + ": \"doc\" is not a string");
}

void check_graph(const Json& graph, const std::string& path) {
  auto array = [&](const char* key) { return graph.contains(key) && graph[key].is_array(); };
  if (!graph.is_object() || !array("nodes") || !(array("edges") || array("links")))
    throw std::runtime_error(path + ": not a graph (expected graph.json as `isnad build` writes it: an object with "
                             "\"nodes\" and \"edges\" arrays)");
  if (graph.contains("graph") && !graph["graph"].is_object())
    throw std::runtime_error(path + ": not a graph (\"graph\" is not an object)");
}

// The graph's documents (graph.documents), or an empty array.
Json graph_documents(const Json& graph) {
  if (!graph.contains("graph")) return Json::array();
  Json docs = graph["graph"].value("documents", Json::array());
  return docs.is_array() ? docs : Json::array();
}

void score_article(const std::string& gold_path, const std::string& graph_path, const std::string& text_path,
                   EvalReport& r);

}  // namespace

void evaluate_article(const std::string& gold_path, const std::string& graph_path, const std::string& text_path,
                      EvalReport& r) {
  try {
    score_article(gold_path, graph_path, text_path, r);
  } catch (const Json::exception& e) {
    // A field of the wrong type deep inside one of the files: name both, without the library's "[json.exception...]".
    std::string what = e.what();
    if (auto close = what.find("] "); what.starts_with("[json.exception") && close != std::string::npos)
      what.erase(0, close + 2);
    throw std::runtime_error(gold_path + " / " + graph_path + ": unexpected content (" + what + ")");
  }
}

namespace {

void score_article(const std::string& gold_path, const std::string& graph_path, const std::string& text_path,
                   EvalReport& r) {
  Json gold = read_json(gold_path);
  check_gold(gold, gold_path);
  Json graph = read_json(graph_path);
  check_graph(graph, graph_path);
  // The gold's article must be in the graph: scoring a graph of other articles would report zero recall for
  // reasons that have nothing to do with extraction (a wrong --graph, an id changed by a rename).
  std::string doc_id = gold.value("doc", "");
  const Json documents = graph_documents(graph);
  if (!doc_id.empty()) {
    bool found = false;
    std::string held;
    for (const auto& d : documents) {
      std::string id = d.is_object() && d.contains("id") && d["id"].is_string() ? d["id"].get<std::string>() : "";
      found |= id == doc_id;
      if (held.size() < 200) held += (held.empty() ? "" : ", ") + id;
    }
    if (!found)
      throw std::runtime_error(graph_path + ": no article '" + doc_id + "' (the article of " + gold_path + "); " +
                               (documents.empty() ? std::string("the graph holds no article")
                                                  : "the graph holds " + std::to_string(documents.size()) +
                                                        " article(s): " + held));
  }
  // In a graph of several articles, score only what comes from the gold's article: entity nodes
  // mentioned in it, its statements, and edges between those.
  bool several = documents.size() > 1;
  auto belongs = [&](const Json& n) {
    if (!several) return true;
    if (n.value("kind", "") == "statement") return n.value("doc", "") == doc_id;
    for (const auto& m : n.value("mentions", Json::array()))
      if (m.value("doc", "") == doc_id) return true;
    return false;
  };
  std::map<std::string, Json> nodes;
  for (const auto& n : graph.at("nodes"))
    if (belongs(n)) {
      Json copy = n;
      if (several && copy.contains("mentions")) {  // offsets are checked against this article only
        Json own = Json::array();
        for (const auto& m : copy["mentions"])
          if (m.value("doc", "") == doc_id) own.push_back(m);
        copy["mentions"] = own;
      }
      nodes[n.at("id").get<std::string>()] = copy;
    }
  const Json& edges = graph.contains("edges") ? graph["edges"] : graph["links"];

  // ---- entities
  std::map<std::string, std::set<std::u32string>> gold_keys;
  std::map<std::string, Json> gold_by_id;
  for (const auto& g : gold.at("entities")) {
    std::string id = g.at("id");
    gold_by_id[id] = g;
    for (const auto& name : g.at("names")) {
      auto k = name_keys(name.get<std::string>());
      gold_keys[id].insert(k.begin(), k.end());
    }
  }
  std::map<std::string, std::set<std::string>> pred_match;
  std::map<std::string, std::vector<std::string>> matched_gold;
  for (const auto& [id, n] : nodes) {
    if (kind_type(n.value("kind", "")).empty()) continue;
    std::set<std::u32string> keys;
    auto add = [&](const std::string& s) {
      auto k = name_keys(s);
      keys.insert(k.begin(), k.end());
    };
    add(n.value("label", ""));
    for (const auto& a : n.value("aliases", Json::array())) add(a.get<std::string>());
    for (const auto& m : n.value("mentions", Json::array())) add(m.value("text", ""));
    auto& matches = pred_match[id];
    for (const auto& [gid, gk] : gold_keys)
      for (const auto& k : keys)
        if (gk.count(k)) { matches.insert(gid); break; }
    for (const auto& g : matches) matched_gold[g].push_back(id);
    r.entities.n_pred += 1;
    if (!matches.empty()) r.entities.tp_pred += 1;
    else r.spurious.push_back("entity: " + n.value("label", ""));
  }
  for (const auto& [gid, nodes_of_gold] : matched_gold)
    if (nodes_of_gold.size() > 1) {
      ++r.splits;
      std::string labels;
      for (const auto& id : nodes_of_gold) labels += (labels.empty() ? "" : " | ") + nodes[id].value("label", "");
      r.spurious.push_back("split: " + gid + " is " + std::to_string(nodes_of_gold.size()) + " nodes: " + labels);
    }
  // Possible splits: see EvalReport::possible_splits. Whole-word containment of normalised names.
  auto holds_words = [](const std::u32string& longer, const std::u32string& shorter) {
    if (shorter.empty() || shorter.size() >= longer.size()) return false;
    std::u32string padded = U" " + longer + U" ";
    return padded.find(U" " + shorter + U" ") != std::u32string::npos;
  };
  for (const auto& [id, golds] : pred_match) {
    if (!golds.empty()) continue;
    const Json& n = nodes[id];
    std::u32string label = norm(n.value("label", ""));
    if (label.size() < 4) continue;
    for (const auto& [gid, nodes_of_gold] : matched_gold) {
      const Json& g = gold_by_id[gid];
      if (g.value("type", "") != kind_type(n.value("kind", ""))) continue;
      bool near = false;
      for (const auto& name : g.at("names")) {
        std::u32string gn = norm(name.get<std::string>());
        near |= (gn.size() >= 4 && holds_words(label, gn)) || (label.find(U' ') != std::u32string::npos && holds_words(gn, label));
      }
      if (!near) continue;
      ++r.possible_splits;
      r.spurious.push_back("possible split: " + gid + " also as " + n.value("label", ""));
      break;
    }
  }
  for (const auto& [id, golds] : pred_match)
    if (golds.size() > 1) {
      ++r.merges;
      std::string ids;
      for (const auto& g : golds) ids += (ids.empty() ? "" : ", ") + g;
      r.spurious.push_back("merge: " + nodes[id].value("label", "") + " joins " + ids);
    }
  for (const auto& [gid, g] : gold_by_id) {
    if (g.value("optional", false)) continue;
    r.entities.n_gold += 1;
    if (matched_gold.count(gid)) r.entities.tp_gold += 1;
    else r.missed.push_back("entity: " + g.at("names")[0].get<std::string>());
  }

  // ---- offsets slice to the mention text
  if (!text_path.empty()) {
    std::ifstream in(text_path, std::ios::binary);
    if (!in) throw std::runtime_error(text_path + ": cannot open file");
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::u32string text = decode_utf8(bytes.str()).text;
    for (const auto& [id, n] : nodes)
      for (const auto& m : n.value("mentions", Json::array())) {
        std::size_t s = m.value("start", 0), e = m.value("end", 0);
        ++r.offsets_checked;
        if (e > text.size() || s > e || encode_utf8(text.substr(s, e - s)) != m.value("text", "")) ++r.offsets_bad;
      }
  }

  // ---- timexes
  std::vector<Json> predicted;
  for (const auto& d : documents)
    if (!several || d.value("id", "") == doc_id)
      for (const auto& t : d.value("timexes", Json::array())) predicted.push_back(t);
  std::vector<Json> expected;
  for (const auto& t : gold.value("timex", Json::array()))
    for (int c = 0; c < t.value("count", 1); ++c) expected.push_back(t);
  std::set<std::size_t> used;
  for (const auto& t : expected) {
    std::u32string gt = norm(t.at("text"));
    std::string gv = t.at("value");
    long best = -1;
    bool best_ok = false;
    for (std::size_t i = 0; i < predicted.size(); ++i) {
      if (used.count(i)) continue;
      std::u32string pt = norm(predicted[i].value("text", ""));
      auto gw = words(gt), pw = words(pt);
      bool shared = false;
      for (const auto& w : pw)
        if (gw.count(w) && w != U"يوم" && w != U"من" && w != U"في" && w != U"الساعه") shared = true;
      if (pt.empty() || !(gt.find(pt) != std::u32string::npos || pt.find(gt) != std::u32string::npos || shared)) continue;
      std::string pv = predicted[i].value("value", "");
      bool ok = pv.rfind(gv, 0) == 0 || (!pv.empty() && gv.rfind(pv, 0) == 0);
      if (ok) { best = static_cast<long>(i); best_ok = true; break; }
      if (best < 0) best = static_cast<long>(i);
    }
    bool optional = t.value("optional", false);
    if (!optional) r.timexes.n_gold += 1;
    if (best >= 0) {
      used.insert(static_cast<std::size_t>(best));
      if (best_ok) r.timexes.tp_pred += 1;
      if (best_ok && !optional) r.timexes.tp_gold += 1;
    }
    if ((best < 0 || !best_ok) && !optional) r.missed.push_back("timex: " + t.at("text").get<std::string>() + " = " + gv);
  }
  r.timexes.n_pred += static_cast<double>(predicted.size());

  // ---- statements
  std::map<std::string, std::set<std::string>> speakers, about;
  for (const auto& e : edges) {
    std::string s = e.value("source", ""), t = e.value("target", ""), role = e.value("role", "");
    if (!nodes.count(s) || !nodes.count(t)) continue;
    if ((role == "speaker" || role == "source") && nodes.count(t) && nodes[t].value("kind", "") == "statement")
      speakers[t].insert(s);
    if ((role == "about" || role == "addressee") && nodes.count(s) && nodes[s].value("kind", "") == "statement")
      about[s].insert(t);
  }
  std::vector<Json> pst;
  for (const auto& [id, n] : nodes)
    if (n.value("kind", "") == "statement") pst.push_back(n);
  std::stable_sort(pst.begin(), pst.end(), [](const Json& a, const Json& b) {
    return std::make_pair(a.value("start", 0), a.value("id", "")) < std::make_pair(b.value("start", 0), b.value("id", ""));
  });
  const Json gst = gold.value("statements", Json::array());
  auto cue3 = [](const std::string& cue) {
    std::u32string n = norm(cue);
    while (!n.empty() && (n[0] == U'و' || n[0] == U'ف')) n.erase(0, 1);
    return n.substr(0, 3);
  };
  std::vector<std::tuple<int, std::size_t, std::size_t>> cand;
  for (std::size_t gi = 0; gi < gst.size(); ++gi)
    for (std::size_t pi = 0; pi < pst.size(); ++pi) {
      std::set<std::string> spk;
      for (const auto& s : speakers[pst[pi].value("id", "")])
        for (const auto& g : pred_match[s]) spk.insert(g);
      if (!spk.count(gst[gi].at("speaker"))) continue;
      int score = (pst[pi].value("act", "") == gst[gi].value("type", "")) ? 2 : 0;
      if (cue3(pst[pi].value("cue", "")) == cue3(gst[gi].value("cue", ""))) score += 1;
      cand.emplace_back(-score, gi, pi);
    }
  std::sort(cand.begin(), cand.end());
  std::set<std::size_t> gu, pu;
  for (const auto& [score, gi, pi] : cand) {
    if (gu.count(gi) || pu.count(pi)) continue;
    gu.insert(gi);
    pu.insert(pi);
    bool optional = gst[gi].value("optional", false);
    r.statements.tp_pred += 1;
    if (optional) continue;
    r.statements.tp_gold += 1;
    if (pst[pi].value("act", "") == gst[gi].value("type", "")) r.statement_type_ok += 1;
    std::set<std::string> pab;
    for (const auto& t : about[pst[pi].value("id", "")])
      for (const auto& g : pred_match[t]) pab.insert(g);
    for (const auto& g : gst[gi].value("about", Json::array())) {
      r.about_gold += 1;
      if (pab.count(g.get<std::string>())) r.about_hit += 1;
    }
  }
  r.statements.n_pred += static_cast<double>(pst.size());
  for (std::size_t gi = 0; gi < gst.size(); ++gi) {
    if (gst[gi].value("optional", false)) continue;
    r.statements.n_gold += 1;
    if (!gu.count(gi))
      r.missed.push_back("statement: " + gst[gi].value("speaker", "") + " " + gst[gi].value("cue", ""));
  }
  for (std::size_t pi = 0; pi < pst.size(); ++pi)
    if (!pu.count(pi)) r.spurious.push_back("statement: " + pst[pi].value("label", ""));

  // ---- roles
  std::vector<std::pair<std::string, std::string>> prel;
  for (const auto& e : edges)
    if (e.value("role", "") == "affiliation" && (!several || e.value("doc", "") == doc_id))
      prel.emplace_back(e.value("source", ""), e.value("target", ""));
  for (const auto& g : gold.value("relations", Json::array())) {
    r.roles.n_gold += 1;
    bool hit = false;
    for (const auto& [s, t] : prel)
      if (pred_match[s].count(g.at("head")) && pred_match[t].count(g.at("tail"))) { hit = true; break; }
    if (hit) r.roles.tp_gold += 1;
    else r.missed.push_back("role: " + g.value("head", "") + " " + g.value("role", "") + " " + g.value("tail", ""));
  }
  for (const auto& [s, t] : prel) {
    r.roles.n_pred += 1;
    bool hit = false;
    for (const auto& g : gold.value("relations", Json::array()))
      if (pred_match[s].count(g.at("head")) && pred_match[t].count(g.at("tail"))) hit = true;
    if (hit) r.roles.tp_pred += 1;
  }
}

}  // namespace

std::string gold_text_name(const std::string& gold_path) {
  Json gold = read_json(gold_path);
  check_gold(gold, gold_path);
  return gold.contains("text") && gold["text"].is_string() ? gold["text"].get<std::string>() : "";
}

void print_report(const EvalReport& r, bool verbose, std::ostream& out) {
  auto line = [&](const char* name, const Score& s) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%-11s P=%.3f R=%.3f F1=%.3f  (predicted %g, gold %g)\n", name, s.precision(),
                  s.recall(), s.f1(), s.n_pred, s.n_gold);
    out << buf;
  };
  line("entities", r.entities);
  line("timexes", r.timexes);
  line("statements", r.statements);
  line("roles", r.roles);
  char buf[160];
  std::snprintf(buf, sizeof buf, "statement act accuracy %.3f, about recall %.3f; offsets %zu checked, %zu wrong\n",
                r.statements.tp_gold ? r.statement_type_ok / r.statements.tp_gold : 0.0,
                r.about_gold ? r.about_hit / r.about_gold : 0.0, r.offsets_checked, r.offsets_bad);
  out << buf;
  out << "entity splits " << r.splits << " (possible " << r.possible_splits << "), wrong merges " << r.merges
      << ", role recall ";
  std::snprintf(buf, sizeof buf, "%.3f\n", r.roles.recall());
  out << buf;
  if (!verbose) return;
  for (const auto& m : r.missed) out << "missed   " << m << '\n';
  for (const auto& s : r.spurious) out << "spurious " << s << '\n';
}

}  // namespace isnad
