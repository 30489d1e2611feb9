// neo4j/: the graph for Neo4j (formats.md §4), both ways of loading it from the same CSV files.
//   - Bulk import into a new database: `sh import.sh` runs neo4j-admin database import full with every file.
//     Header cells follow its rules: uid:ID(Entity) (stored as the property uid), ID spaces Entity, Statement and
//     Article, :LABEL with ";"-separated labels, :START_ID(space)/:END_ID(space), :TYPE, typed properties
//     (mentions:int, date:date, aliases:string[] with ";" between elements).
//   - Incremental load into a live database: load.cypher (cypher-shell -f load.cypher after copying the CSVs into
//     the import directory) creates the uniqueness constraints first, then MERGEs every node on its uid and every
//     relationship on (start, type, end), so running it again, or on a graph that grew, duplicates nothing.
// CSV: RFC 4180, every text field quoted with "" doubling (Neo4j trims unquoted fields); numbers, booleans and
// dates unquoted, empty when unknown (null). An array element cannot contain the ";" delimiter: it is written as
// the Arabic semicolon "؛" instead. Relationship types are ASCII UPPER_SNAKE, labels CamelCase; Arabic stays in
// property values (no backticks needed).
#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <vector>

#include "escape.h"
#include "formats.h"

namespace isnad {

namespace {

// How a column is written in the CSV and read back by LOAD CSV (which sees every value as a string).
enum class Type { id, label, start, end, rel_type, text, integer, boolean, date, text_array, integer_array };

struct Column {
  Column(std::string property_name, Type column_type, std::string id_space = "")
      : property(std::move(property_name)), type(column_type), space(std::move(id_space)) {}
  std::string property;  // "name", "uid"; empty for :LABEL, :START_ID, :END_ID, :TYPE
  Type type;
  std::string space;  // ID space for id/start/end

  std::string header() const {
    switch (type) {
      case Type::id: return property + ":ID(" + space + ")";
      case Type::label: return ":LABEL";
      case Type::start: return ":START_ID(" + space + ")";
      case Type::end: return ":END_ID(" + space + ")";
      case Type::rel_type: return ":TYPE";
      case Type::text: return property;
      case Type::integer: return property + ":int";
      case Type::boolean: return property + ":boolean";
      case Type::date: return property + ":date";
      case Type::text_array: return property + ":string[]";
      case Type::integer_array: return property + ":int[]";
    }
    return property;
  }
};

struct Table {
  Table(std::string file_name, std::vector<Column> table_columns)
      : file(std::move(file_name)), columns(std::move(table_columns)) {}
  std::string file;
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // cells already CSV-encoded

  void write(std::ostream& out) const {
    // Header cells unquoted, as in Neo4j's manual: ASCII without commas or quotes.
    for (std::size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i].header();
    out << '\n';
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << row[i];
      out << '\n';
    }
  }
};

std::string cell_text(const std::string& s) { return csv_field(s); }
std::string cell_int(std::size_t n) { return std::to_string(n); }
std::string cell_bool(bool b) { return b ? "true" : "false"; }
// Neo4j's date type reads "2016-11-03", "2016-11" and "2016"; anything else (intervals included) stays null, the
// text being kept elsewhere.
std::string cell_date(const std::string& value) {
  return day_range(value) && value.find('/') == std::string::npos ? value : "";
}
std::string cell_array(const std::vector<std::string>& items) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item = items[i];
    for (std::size_t at; (at = item.find(';')) != std::string::npos;) item.replace(at, 1, "؛");
    joined += (i ? ";" : "") + item;
  }
  return csv_field(joined);
}

std::string camel_label(std::string_view kind) {
  if (kind == "person") return "Person";
  if (kind == "organization") return "Organization";
  if (kind == "place") return "Place";
  std::string out(kind);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string relationship_type(std::string_view role) {
  if (role == "speaker") return "SAID";
  if (role == "addressee") return "ADDRESSED_TO";
  if (role == "about") return "ABOUT";
  if (role == "source") return "REPORTED_BY";
  if (role == "affiliation") return "AFFILIATED_WITH";
  std::string out;
  for (char c : role) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
  return out.empty() ? "RELATED_TO" : out;
}

std::vector<Table> tables(const KnowledgeGraph& kg) {
  const Graph& g = kg.graph;
  Table articles{"articles.csv",
                 {{"uid", Type::id, "Article"}, {"title", Type::text}, {"path", Type::text}, {"lang", Type::text},
                  {"dct", Type::date}, {"dct_source", Type::text}, {"url", Type::text}, {"source", Type::text},
                  {"", Type::label}}};
  for (const auto& d : kg.documents)
    articles.rows.push_back({cell_text(d.id), cell_text(d.title), cell_text(d.path), cell_text(d.lang),
                             cell_date(d.dct), cell_text(d.dct_source), cell_text(d.url), cell_text(d.source),
                             cell_text("Article")});

  Table entities{"entities.csv",
                 {{"uid", Type::id, "Entity"}, {"name", Type::text}, {"name_en", Type::text}, {"kind", Type::text},
                  {"aliases", Type::text_array}, {"titles", Type::text_array}, {"country", Type::text},
                  {"subtype", Type::text}, {"mentions", Type::integer}, {"", Type::label}}};
  Table statements{"statements.csv",
                   {{"uid", Type::id, "Statement"}, {"name", Type::text}, {"cue", Type::text}, {"act", Type::text},
                    {"cameo", Type::text}, {"content", Type::text}, {"date", Type::date}, {"date_text", Type::text},
                    {"doc", Type::text}, {"start", Type::integer}, {"end", Type::integer},
                    {"direct_quote", Type::boolean}, {"", Type::label}}};
  Table mentioned{"mentioned_in.csv",
                  {{"", Type::start, "Entity"}, {"", Type::end, "Article"}, {"", Type::rel_type},
                   {"count", Type::integer}, {"starts", Type::integer_array}, {"ends", Type::integer_array}}};
  Table from_article{"from_article.csv",
                     {{"", Type::start, "Statement"}, {"", Type::end, "Article"}, {"", Type::rel_type},
                      {"start", Type::integer}, {"end", Type::integer}}};
  for (Vertex v : kg.sorted_vertices()) {
    const NodeProps& n = g[v];
    if (n.kind == "statement") {
      statements.rows.push_back({cell_text(n.id), cell_text(n.label), cell_text(n.cue), cell_text(n.act),
                                 cell_text(n.cameo), cell_text(n.content), cell_date(n.date), cell_text(n.date),
                                 cell_text(n.doc), cell_int(n.span.start), cell_int(n.span.end),
                                 cell_bool(n.direct_quote), cell_text("Statement")});
      from_article.rows.push_back(
          {cell_text(n.id), cell_text(n.doc), cell_text("FROM_ARTICLE"), cell_int(n.span.start), cell_int(n.span.end)});
      continue;
    }
    entities.rows.push_back({cell_text(n.id), cell_text(n.label), cell_text(n.label_en), cell_text(n.kind),
                             cell_array(n.aliases), cell_array(n.titles), cell_text(n.country), cell_text(n.subtype),
                             cell_int(n.mentions.size()), cell_text(camel_label(n.kind) + ";Entity")});
    std::map<std::string, std::pair<std::vector<std::string>, std::vector<std::string>>> per_doc;
    for (const auto& m : n.mentions) {
      per_doc[m.doc].first.push_back(std::to_string(m.start));
      per_doc[m.doc].second.push_back(std::to_string(m.end));
    }
    for (const auto& [doc, offsets] : per_doc)
      mentioned.rows.push_back({cell_text(n.id), cell_text(doc), cell_text("MENTIONED_IN"),
                                cell_int(offsets.first.size()), cell_array(offsets.first), cell_array(offsets.second)});
  }

  Table said{"said.csv",
             {{"", Type::start, "Entity"}, {"", Type::end, "Statement"}, {"", Type::rel_type}, {"act", Type::text},
              {"date", Type::date}, {"doc", Type::text}}};
  Table statement_links{"statement_links.csv",
                        {{"", Type::start, "Statement"}, {"", Type::end, "Entity"}, {"", Type::rel_type},
                         {"act", Type::text}, {"date", Type::date}, {"doc", Type::text}}};
  Table affiliations{"affiliations.csv",
                     {{"", Type::start, "Entity"}, {"", Type::end, "Entity"}, {"", Type::rel_type},
                      {"title", Type::text}, {"relation", Type::text}, {"doc", Type::text}}};
  for (const EdgeDesc& e : kg.sorted_edges()) {
    const EdgeProps& p = g[e];
    const NodeProps& from = g[boost::source(e, g)];
    const NodeProps& to = g[boost::target(e, g)];
    std::string type = cell_text(relationship_type(p.role));
    if (from.kind != "statement" && to.kind == "statement") {
      said.rows.push_back({cell_text(from.id), cell_text(to.id), type, cell_text(p.act), cell_date(p.date), cell_text(p.doc)});
    } else if (from.kind == "statement" && to.kind != "statement") {
      statement_links.rows.push_back(
          {cell_text(from.id), cell_text(to.id), type, cell_text(p.act), cell_date(p.date), cell_text(p.doc)});
    } else if (from.kind != "statement" && to.kind != "statement") {
      affiliations.rows.push_back(
          {cell_text(from.id), cell_text(to.id), type, cell_text(p.title), cell_text(p.relation), cell_text(p.doc)});
    }
  }
  return {articles, entities, statements, said, statement_links, affiliations, mentioned, from_article};
}

// The value of a column in a LOAD CSV row, converted back to its type; empty cells become null.
std::string cypher_value(const Column& c) {
  std::string raw = "row.`" + c.header() + "`";
  switch (c.type) {
    case Type::integer: return "toInteger(" + raw + ")";
    case Type::boolean: return "(" + raw + " = 'true')";
    case Type::date: return "CASE " + raw + " WHEN '' THEN null ELSE date(" + raw + ") END";
    case Type::text_array: return "CASE " + raw + " WHEN '' THEN [] ELSE split(" + raw + ", ';') END";
    case Type::integer_array:
      return "CASE " + raw + " WHEN '' THEN [] ELSE [x IN split(" + raw + ", ';') | toInteger(x)] END";
    default: return "CASE " + raw + " WHEN '' THEN null ELSE " + raw + " END";
  }
}

std::string set_properties(const std::string& var, const Table& t) {
  std::string out;
  for (const Column& c : t.columns) {
    if (c.property.empty() || c.type == Type::id) continue;
    out += (out.empty() ? "SET " : ",\n    ") + var + "." + c.property + " = " + cypher_value(c);
  }
  return out;
}

const Column* find_column(const Table& t, Type type) {
  for (const Column& c : t.columns)
    if (c.type == type) return &c;
  return nullptr;
}

std::string cypher_script(const std::vector<Table>& all) {
  std::string out =
      "// isnad: incremental, idempotent load of the CSVs beside this file into a running Neo4j (4.4 or 5).\n"
      "// Copy *.csv into the server's import directory, then: cypher-shell -f load.cypher\n"
      "// Constraints first (they also index uid); every node is MERGEd on uid, every relationship on its\n"
      "// endpoints and type, so running this again adds nothing twice.\n"
      "CREATE CONSTRAINT isnad_entity_uid IF NOT EXISTS FOR (n:Entity) REQUIRE n.uid IS UNIQUE;\n"
      "CREATE CONSTRAINT isnad_statement_uid IF NOT EXISTS FOR (n:Statement) REQUIRE n.uid IS UNIQUE;\n"
      "CREATE CONSTRAINT isnad_article_uid IF NOT EXISTS FOR (n:Article) REQUIRE n.uid IS UNIQUE;\n";
  std::map<std::string, std::string> label_of_space = {
      {"Entity", "Entity"}, {"Statement", "Statement"}, {"Article", "Article"}};
  for (const Table& t : all) {
    out += "\n";
    if (const Column* id = find_column(t, Type::id)) {
      out += "LOAD CSV WITH HEADERS FROM 'file:///" + t.file + "' AS row\n";
      out += "MERGE (n:" + label_of_space.at(id->space) + " {uid: row.`" + id->header() + "`})\n";
      out += set_properties("n", t) + "\n";
      if (id->space == "Entity")  // the kind's label next to :Entity, from the :LABEL cell ("Person;Entity")
        for (const char* label : {"Person", "Organization", "Place"})
          out += "FOREACH (_ IN CASE WHEN '" + std::string(label) + "' IN split(row.`:LABEL`, ';') THEN [1] ELSE [] END | SET n:" +
                 label + ")\n";
      out.back() = ';';
      out += "\n";
      continue;
    }
    const Column* start = find_column(t, Type::start);
    const Column* end = find_column(t, Type::end);
    if (start == nullptr || end == nullptr) throw std::logic_error("neo4j: table " + t.file + " has no endpoints");
    // Relationship types cannot be parameters: one statement per type present in the file.
    std::vector<std::string> types;
    for (const auto& row : t.rows)
      if (std::find(types.begin(), types.end(), row[2]) == types.end()) types.push_back(row[2]);
    for (const std::string& quoted : types) {
      std::string type = quoted.substr(1, quoted.size() - 2);  // cells are CSV-quoted ASCII
      out += "LOAD CSV WITH HEADERS FROM 'file:///" + t.file + "' AS row\nWITH row WHERE row.`:TYPE` = " +
             cypher_string(type) + "\n";
      out += "MATCH (a:" + label_of_space.at(start->space) + " {uid: row.`" + start->header() + "`}), (b:" +
             label_of_space.at(end->space) + " {uid: row.`" + end->header() + "`})\n";
      out += "MERGE (a)-[r:" + type + "]->(b)\n";
      std::string set = set_properties("r", t);
      out += (set.empty() ? "RETURN count(r)" : set) + ";\n";
    }
  }
  return out;
}

std::string import_script(const std::vector<Table>& all) {
  std::string out =
      "#!/bin/sh\n"
      "# isnad: bulk import of the CSVs in this directory into a NEW Neo4j 5 database (default name: isnad).\n"
      "# Neo4j 4.x: neo4j-admin import --database=NAME with the same options.\n"
      "# The importer creates no constraints: afterwards run the CREATE CONSTRAINT lines of load.cypher.\n"
      "set -e\n"
      "cd \"$(dirname \"$0\")\"\n"
      "neo4j-admin database import full \"${1:-isnad}\" \\\n"
      "  --multiline-fields=true --array-delimiter=';' --id-type=string \\\n";
  for (const Table& t : all) out += std::string("  --") + (find_column(t, Type::id) ? "nodes" : "relationships") + "=" + t.file + " \\\n";
  out.erase(out.size() - 3);  // no line continuation after the last file
  out += "\n";
  return out;
}

class Neo4jExporter : public Exporter {
 public:
  std::string file_name() const override { return "neo4j"; }
  void write(const KnowledgeGraph&, std::ostream&) const override {
    throw std::logic_error("neo4j writes a directory: use write_file()");
  }
  bool writes_directory() const override { return true; }
  std::vector<std::string> files() const override {
    return {"articles.csv",   "entities.csv",     "statements.csv",   "said.csv", "statement_links.csv",
            "affiliations.csv", "mentioned_in.csv", "from_article.csv", "load.cypher", "import.sh"};
  }
  void write_file(const KnowledgeGraph& kg, const std::string& name, std::ostream& out) const override {
    std::vector<Table> all = tables(kg);
    if (name == "load.cypher") {
      out << cypher_script(all);
      return;
    }
    if (name == "import.sh") {
      out << import_script(all);
      return;
    }
    for (const Table& t : all)
      if (t.file == name) {
        t.write(out);
        return;
      }
    throw std::logic_error("neo4j: no file " + name);
  }
};

}  // namespace

std::unique_ptr<Exporter> make_neo4j_exporter() { return std::make_unique<Neo4jExporter>(); }

}  // namespace isnad
