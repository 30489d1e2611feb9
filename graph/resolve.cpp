#include "resolve.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>

#include "entities.h"
#include "lexicon.h"
#include "ner_tagger.h"

namespace isnad {

bool parse_aliases(const std::string& text, const std::string& file_name, std::vector<AliasRule>& out,
                   std::string* error) {
  std::size_t line_no = 0, pos = 0;
  while (pos <= text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#' && line.find_first_not_of(" \t") != std::string::npos) {
      auto rows = parse_tsv(line);
      if (rows.empty()) {  // only carriage returns ("\r\r"): a blank line (found by fuzz/aliases_fuzz)
        if (eol == text.size()) break;
        continue;
      }
      const TsvRow& row = rows.front();
      if (row.size() != 3 || row[0].empty() || row[1].empty() || (row[2] != "same" && row[2] != "different")) {
        *error = file_name + ":" + std::to_string(line_no) + ": expected NAME<TAB>NAME<TAB>same|different";
        return false;
      }
      if (!decode_utf8(row[0]).ok || !decode_utf8(row[1]).ok) {
        *error = file_name + ":" + std::to_string(line_no) + ": invalid UTF-8";
        return false;
      }
      out.push_back({row[0], row[1], row[2] == "same"});
    }
    if (eol == text.size()) break;
  }
  return true;
}

namespace {

struct Ref {
  std::size_t doc, entity;
};

std::vector<std::u32string> words_of(const std::string& name) {
  std::u32string n = normalize(to_u32(name));
  std::vector<std::u32string> out;
  std::u32string cur;
  for (char32_t c : n) {
    if (is_space(c)) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Whether the tagger's training data began names with this word more often than it continued them: a given name
// ("حسين"، "محمد"), unlike a family name ("ترامب"). False without the tagger.
bool given_name_mostly(const std::u32string& word) {
  const NerTagger* tagger = NerTagger::default_model();
  if (!tagger) return false;
  const auto counts = tagger->training_counts(word);
  return tag_count(counts, "B-PERS") > tag_count(counts, "I-PERS");
}

std::u32string joined(const std::vector<std::u32string>& w) {
  std::u32string out;
  for (const auto& x : w) out += (out.empty() ? U"" : U" ") + x;
  return out;
}

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // The smaller root wins, so results do not depend on the order of unions.
  void unite(std::size_t a, std::size_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::size_t> parent_;
};

// A body every country has, named without its country (extract/lexicons/generic_bodies.tsv): "الخارجية". Some
// bare names mean one country's body unless the story is about a country that calls its own so ("الكونغرس").
struct GenericBody {
  std::string usual_country;           // "" when the name is every country's alike
  std::set<std::string> own_bodies_in;  // countries whose own body the name then is
};
const GenericBody* generic_body(const std::u32string& normalised_label) {
  static const std::map<std::u32string, GenericBody> names = [] {
    std::map<std::u32string, GenericBody> out;
    for (const auto& row : lexicon_rows("generic_bodies.tsv")) {
      GenericBody body;
      if (row.size() >= 2) body.usual_country = row[1];
      if (row.size() >= 3)
        for (auto& country : comma_list(row[2])) body.own_bodies_in.insert(std::move(country));
      std::u32string n = joined(words_of(row.at(0)));
      out[n] = body;
      out[n.starts_with(U"ال") ? n.substr(2) : U"ال" + n] = body;
    }
    return out;
  }();
  auto it = names.find(normalised_label);
  return it == names.end() ? nullptr : &it->second;
}


}  // namespace

Resolution resolve_across_documents(const std::vector<const Document*>& doc_ptrs, const std::vector<AliasRule>& aliases) {
  struct View {
    const std::vector<const Document*>& d;
    const Document& operator[](std::size_t i) const { return *d[i]; }
    std::size_t size() const { return d.size(); }
  } docs{doc_ptrs};
  std::vector<Ref> refs;
  std::vector<std::vector<std::size_t>> index(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d)
    for (std::size_t e = 0; e < docs[d].entities.size(); ++e) {
      index[d].push_back(refs.size());
      refs.push_back({d, e});
    }
  auto entity = [&](std::size_t r) -> const Entity& { return docs[refs[r].doc].entities[refs[r].entity]; };
  // Each label's normalised words, once: "الرئيس الروسي، بوتين" → {الرئيس, الروسي، ...}.
  std::vector<std::vector<std::u32string>> words(refs.size());
  std::vector<std::u32string> label_key(refs.size());
  for (std::size_t r = 0; r < refs.size(); ++r) {
    words[r] = words_of(entity(r).label);
    label_key[r] = joined(words[r]);
  }
  // Every normalised name (label and aliases) → the entities that carry it.
  std::map<std::u32string, std::vector<std::size_t>> by_any_name;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    std::set<std::u32string> all_names = {label_key[r]};
    for (const auto& a : entity(r).aliases) all_names.insert(joined(words_of(a)));
    for (const auto& n : all_names) by_any_name[n].push_back(r);
  }
  auto carrying = [&](const std::string& name) -> const std::vector<std::size_t>& {
    static const std::vector<std::size_t> none;
    auto it = by_any_name.find(joined(words_of(name)));
    return it == by_any_name.end() ? none : it->second;
  };

  UnionFind uf(refs.size());
  std::vector<std::pair<std::size_t, std::size_t>> different;  // alias-forbidden pairs of refs
  for (const auto& rule : aliases) {
    if (rule.same) continue;
    for (std::size_t x : carrying(rule.a))
      for (std::size_t y : carrying(rule.b)) different.emplace_back(x, y);
  }

  Resolution res;
  std::map<std::size_t, std::vector<MergeRecord>> log;  // by ref, moved to clusters at the end
  std::vector<MergeRecord> pending;
  std::size_t unions = 0;  // successful unions so far
  auto try_unite = [&](std::size_t x, std::size_t y, const std::string& rule, const std::string& evidence) {
    if (uf.find(x) == uf.find(y)) return;
    std::size_t rx = uf.find(x), ry = uf.find(y);
    for (const auto& [a, b] : different)
      if ((uf.find(a) == rx && uf.find(b) == ry) || (uf.find(a) == ry && uf.find(b) == rx)) {
        res.refused.push_back(rule + ": " + evidence + " (kept apart by --aliases)");
        return;
      }
    uf.unite(x, y);
    ++unions;
    MergeRecord m{rule, evidence, {entity(x).label, entity(y).label}, {docs[refs[x].doc].id, docs[refs[y].doc].id}};
    log[x].push_back(std::move(m));
  };

  // Aliases "same" first: the analyst's word goes before every automatic rule.
  for (const auto& rule : aliases) {
    if (!rule.same) continue;
    for (std::size_t x : carrying(rule.a))
      for (std::size_t y : carrying(rule.b))
        if (x != y && entity(x).type == entity(y).type) try_unite(x, y, "alias", rule.a + " = " + rule.b);
  }

  // Same lexicon entry / same name / spelling variant: bucket by keys, unite within a bucket. A body every
  // country has, named without its country ("وزارة الخارجية"، "الكونغرس"), is keyed with its country too: the ministries of Algeria and of Lebanon stay two nodes, and an article with no country keeps its own.
  std::map<std::string, std::vector<std::size_t>> by_group, by_name;
  std::vector<std::string> doc_country(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d) doc_country[d] = main_country(docs[d]);
  for (std::size_t r = 0; r < refs.size(); ++r) {
    const Entity& e = entity(r);
    std::string kind = entity_kind(e.type);
    std::string qualifier;
    if (const GenericBody* body = e.type == EntityType::Organization ? generic_body(label_key[r]) : nullptr) {
      std::string country = doc_country[refs[r].doc];
      if (!body->usual_country.empty() && !body->own_bodies_in.count(country)) country = body->usual_country;
      qualifier = "|in:" + (country.empty() ? "doc:" + docs[refs[r].doc].id : country);
    }
    if (!e.group.empty() && e.group.rfind("org-name:", 0) != 0) by_group[kind + "|" + e.group + qualifier].push_back(r);
    by_name[kind + "|" + encode_utf8(label_key[r]) + qualifier].push_back(r);
  }
  auto unite_buckets = [&](const std::map<std::string, std::vector<std::size_t>>& buckets, const std::string& rule) {
    for (const auto& [key, members] : buckets)
      for (std::size_t k = 1; k < members.size(); ++k) {
        std::size_t x = members[0], y = members[k];
        if (docs[refs[x].doc].id == docs[refs[y].doc].id && refs[x].entity == refs[y].entity) continue;
        if (uf.find(x) == uf.find(y)) continue;
        try_unite(x, y, rule, entity(x).label + " [" + docs[refs[x].doc].id + "] = " + entity(y).label + " [" +
                                  docs[refs[y].doc].id + "]");
      }
  };
  unite_buckets(by_group, "same-lexicon-entry");
  unite_buckets(by_name, "same-name");

  // The pairwise rules below compare distinct person names, not every pair of mentions of them: a corpus
  // names "بنيامين نتنياهو" in thousands of articles, and comparing those pairwise grew with the square of
  // the corpus. names[n] holds the refs of one normalised person label.
  std::map<std::u32string, std::size_t> name_index;
  std::vector<std::vector<std::size_t>> names;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    if (entity(r).type != EntityType::Person) continue;
    auto [it, added] = name_index.emplace(label_key[r], names.size());
    if (added) names.emplace_back();
    names[it->second].push_back(r);
  }
  // Unites the refs of two names across articles wherever `evidence_of(x, y)` gives the evidence to log (empty: no).
  auto unite_names = [&](std::size_t a, std::size_t b, const std::string& rule, auto evidence_of) {
    for (std::size_t x : names[a])
      for (std::size_t y : names[b]) {
        if (refs[x].doc == refs[y].doc || uf.find(x) == uf.find(y)) continue;  // within an article the extractor has decided
        std::string evidence = evidence_of(x, y);
        if (!evidence.empty()) try_unite(x, y, rule, evidence);
      }
  };
  auto plain_evidence = [&](std::size_t x, std::size_t y) {
    return entity(x).label + " [" + docs[refs[x].doc].id + "] = " + entity(y).label + " [" + docs[refs[y].doc].id + "]";
  };

  // One skeleton for the whole name is only a candidate: every word must be a transliteration variant of
  // its counterpart ("ابراهيم سعيد" and "ابراهيم سعد" share a skeleton but are two men).
  std::map<std::u32string, std::vector<std::size_t>> names_by_skeleton;
  for (std::size_t n = 0; n < names.size(); ++n)
    if (words[names[n][0]].size() >= 2) names_by_skeleton[name_skeleton(label_key[names[n][0]])].push_back(n);
  for (const auto& [key, bucket] : names_by_skeleton)
    for (std::size_t i = 0; i < bucket.size(); ++i)
      for (std::size_t j = i + 1; j < bucket.size(); ++j) {
        const auto &wx = words[names[bucket[i]][0]], &wy = words[names[bucket[j]][0]];
        bool variant = wx.size() == wy.size();
        for (std::size_t k = 0; k < wx.size() && variant; ++k) variant = transliteration_variant(wx[k], wy[k]);
        if (variant) unite_names(bucket[i], bucket[j], "spelling-variant", plain_evidence);
      }

  // A compound written together or apart is one name: "عبدالفتاح السيسي" / "عبد الفتاح السيسي"، "حسن نصرالله" /
  // "حسن نصر الله"، "خانيونس" / "خان يونس". Persons and places, across articles.
  std::map<std::pair<int, std::u32string>, std::vector<std::size_t>> by_spaceless;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    if (entity(r).type != EntityType::Person && entity(r).type != EntityType::Place) continue;
    std::u32string key;
    for (const auto& w : words[r]) key += w;
    if (key.size() >= 6) by_spaceless[{static_cast<int>(entity(r).type), key}].push_back(r);
  }
  for (const auto& [key, members] : by_spaceless)
    for (std::size_t k = 1; k < members.size(); ++k) {
      std::size_t x = members[0], y = members[k];
      if (refs[x].doc == refs[y].doc || label_key[x] == label_key[y]) continue;
      try_unite(x, y, "written-together", plain_evidence(x, y) + ", the same words written together or apart");
    }

  // Typo variants of a full name: the same first name, surnames one typo apart ("بنيامين نتنياهو" /
  // "بنيامين نتياهو"), and a title in common as context. Two-word names only look alike by chance too
  // often without the title ("جون كيري" / "جون كيربي" are both 'الأمريكي' but hold different titles).
  std::vector<std::vector<std::u32string>> title_keys(refs.size());
  for (std::size_t r = 0; r < refs.size(); ++r)
    for (const auto& t : entity(r).titles) title_keys[r].push_back(joined(words_of(t)));
  std::map<std::u32string, std::vector<std::size_t>> names_by_first_name;
  for (std::size_t n = 0; n < names.size(); ++n)
    if (words[names[n][0]].size() >= 2) names_by_first_name[name_skeleton(words[names[n][0]].front())].push_back(n);
  auto typo_evidence = [&](std::size_t x, std::size_t y) -> std::string {
    for (std::size_t a = 0; a < title_keys[x].size(); ++a)
      for (const auto& b : title_keys[y])
        if (title_keys[x][a] == b)
          return plain_evidence(x, y) + ", one typo apart, both \"" + entity(x).titles[a] + "\"";
    return "";
  };
  for (const auto& [first, bucket] : names_by_first_name)
    for (std::size_t i = 0; i < bucket.size(); ++i)
      for (std::size_t j = i + 1; j < bucket.size(); ++j) {
        const auto &wx = words[names[bucket[i]][0]], &wy = words[names[bucket[j]][0]];
        if (wx.size() != wy.size() || !spelling_variant(wx.front(), wy.front())) continue;
        bool variant = true;
        for (std::size_t k = 1; k < wx.size() && variant; ++k) variant = spelling_variant(wx[k], wy[k]);
        if (variant) unite_names(bucket[i], bucket[j], "spelling-variant", typo_evidence);
      }

  // Surname only: attach to the single full name in the corpus that ends with it. The family name of
  // "المنصف بن رمضان" is "بن رمضان": a lone "رمضان" is someone else.
  auto family_name = [](const std::vector<std::u32string>& w) {
    return w.size() >= 2 && is_patronymic_link(w[w.size() - 2]) ? w[w.size() - 2] + U" " + w.back() : w.back();
  };
  std::map<std::u32string, std::vector<std::size_t>> full_by_surname, full_by_surname_skeleton;
  for (std::size_t o = 0; o < refs.size(); ++o) {
    const auto& fw = words[o];
    if (entity(o).type != EntityType::Person || fw.size() < 2) continue;
    if (fw.size() == 2 && is_patronymic_link(fw[0])) continue;  // "بن رمضان" is itself a family name
    std::u32string family = family_name(fw);
    full_by_surname[family].push_back(o);
    if (family.size() >= 5 && family == fw.back()) full_by_surname_skeleton[name_skeleton(family)].push_back(o);
    // (a candidate only: a lone surname must have the same letters, "شويغو" / "شويجو"; "بلقيس" is not "بليكس")
  }
  // The persons.tsv identities ("person:Avigdor Lieberman") in each cluster so far.
  std::map<std::size_t, std::set<std::string>> person_identities;
  for (std::size_t r = 0; r < refs.size(); ++r)
    if (entity(r).group.rfind("person:", 0) == 0) person_identities[uf.find(r)].insert(entity(r).group);
  // The clusters of the full names a lone surname may join, and the last of those names, per surname: a
  // corpus repeats a surname thousands of times, and the answer changes only when a union is made.
  struct Candidates {
    std::size_t unions_seen = SIZE_MAX;
    std::set<std::size_t> roots;
    std::size_t candidate = 0;
  };
  std::map<std::u32string, Candidates> candidates_of;
  for (std::size_t r = 0; r < refs.size(); ++r) {
    const Entity& e = entity(r);
    auto w = words[r];
    if (e.type != EntityType::Person) continue;
    if (w.size() == 2 && is_patronymic_link(w[0])) w = {joined(w)};  // "بن رمضان" alone
    if (w.size() != 1) continue;
    Candidates& c = candidates_of[w[0]];
    if (c.unions_seen != unions) {
      c = Candidates{unions, {}, 0};
      for (const auto* bucket : {&full_by_surname, &full_by_surname_skeleton}) {
        std::u32string key = bucket == &full_by_surname ? w[0] : name_skeleton(w[0]);
        if (bucket == &full_by_surname_skeleton && (w[0].size() < 5 || w[0].find(U' ') != std::u32string::npos)) continue;
        auto it = bucket->find(key);
        if (it == bucket->end()) continue;
        for (std::size_t o : it->second) {
          if (bucket == &full_by_surname_skeleton && !same_letters(words[o].back(), w[0])) continue;
          c.roots.insert(uf.find(o));
          c.candidate = o;
        }
      }
    }
    const std::set<std::size_t>& roots = c.roots;
    std::size_t candidate = c.candidate;
    // Within one article the extractor has decided; a public figure's surname ("ليبرمان", persons.tsv) joins
    // only a full name of that figure, which carries the same lexicon identity ("جوزف ليبرمان" does not).
    if (roots.size() != 1 || refs[candidate].doc == refs[r].doc) continue;
    // A word that mostly opens a name is a given name alone, not a surname: "حسين" in one article is not "صدام
    // حسين" of another (the tagger's training data began names with it more often than it continued them).
    if (e.group.empty() && given_name_mostly(w[0])) continue;
    std::set<std::string> identities = person_identities[uf.find(r)];
    const std::set<std::string>& full_ids = person_identities[uf.find(candidate)];
    if (!identities.empty() && identities != full_ids) continue;
    identities.insert(full_ids.begin(), full_ids.end());
    try_unite(candidate, r, "surname",
              e.label + " [" + docs[refs[r].doc].id + "] = " + entity(candidate).label + " [" +
                  docs[refs[candidate].doc].id + "], the only full name with this surname");
    if (uf.find(r) == uf.find(candidate)) person_identities[uf.find(r)] = identities;
  }

  // Dense cluster ids in order of first appearance.
  std::map<std::size_t, int> id_of_root;
  res.cluster.resize(docs.size());
  for (std::size_t d = 0; d < docs.size(); ++d)
    for (std::size_t e = 0; e < docs[d].entities.size(); ++e) {
      std::size_t root = uf.find(index[d][e]);
      auto [it, added] = id_of_root.emplace(root, res.clusters);
      if (added) ++res.clusters;
      res.cluster[d].push_back(it->second);
    }
  res.merges.resize(static_cast<std::size_t>(res.clusters));
  for (auto& [r, records] : log)
    for (auto& m : records) res.merges[static_cast<std::size_t>(res.cluster[refs[r].doc][refs[r].entity])].push_back(m);
  // Within-article notes.
  for (std::size_t d = 0; d < docs.size(); ++d)
    for (std::size_t e = 0; e < docs[d].entities.size(); ++e)
      for (const auto& note : docs[d].entities[e].merge_notes)
        res.merges[static_cast<std::size_t>(res.cluster[d][e])].push_back(
            {"within-article", note, {docs[d].entities[e].label}, {docs[d].id}});
  return res;
}

}  // namespace isnad
