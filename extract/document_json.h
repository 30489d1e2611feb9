// One article's extraction as a JSON record: the unit that `isnad extract` streams (one record per line)
// and `isnad merge` reads back. A record holds exactly what graph building reads from a Document
// (entities, mentions, timexes, statements, relations, all with code-point offsets into the original
// text) and nothing it does not (no text, tokens or sentences), so build_graph gives the same graph
// from records as from the full Documents: record_document(doc) == document_from_json(document_to_json(doc)).
//
// {"id":"aleppo","path":"samples/aleppo.txt","title":"…","dct":"2016-11-03","dct_source":"given",
//  "chars":5046,"tokens":911,"entities":[{"type":"person","label":"فلاديمير بوتين","mentions":[0,4],…}],
//  "mentions":[{"type":"person","start":19,"end":33,"text":"فلاديمير بوتين","entity":0}], "timexes":[…],
//  "statements":[{"start":251,"end":425,"cue":"دعا","act":"appeal","speaker":0,…}], "relations":[…]}
//
// A failed article is a record too: {"id":"x","path":"corpus/x.txt","error":"invalid UTF-8 at byte 4031"}.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "document.h"

namespace isnad {

using RecordJson = nlohmann::ordered_json;

// `tokens` and `chars` are counts of the full document, kept for run statistics.
RecordJson document_to_json(const Document& doc);
// document_to_json(doc).dump() byte for byte (the record line), written without building a json tree.
std::string document_record(const Document& doc);
// document_from_json(document_to_json(doc)) without the round trip: the document without its text,
// sentences and tokens, and its mentions without their token positions and normalised keys.
Document record_document(const Document& doc);
// Throws std::invalid_argument naming the field when a record is malformed (wrong type, index out of
// range, end before start), so a corrupt record can never build a corrupt graph. Records are read as
// they are written, in key order (RecordJson), so that a record and its line hash alike.
Document document_from_json(const RecordJson& record);

// Run statistics a record carries besides the Document.
struct RecordStats {
  std::size_t chars = 0, tokens = 0;      // of the article text
  std::size_t entities = 0, statements = 0;  // in-document counts
};
RecordStats record_stats(const RecordJson& record);

}  // namespace isnad
