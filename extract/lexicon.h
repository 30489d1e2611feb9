// Access to the TSV lexicons under extract/lexicons/, compiled into the binary.
// Format of every file: UTF-8, one entry per line, tab-separated fields, '#' starts a comment
// line, blank lines ignored. Each file documents its columns in its header comment.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace isnad {

const std::map<std::string_view, std::string_view>& embedded_lexicons();

using TsvRow = std::vector<std::string>;
// Rows of the named lexicon ("speech_cues.tsv"). Throws std::runtime_error if it does not exist.
std::vector<TsvRow> lexicon_rows(std::string_view name);
// Parses TSV text with the same rules (used for user files such as --aliases).
std::vector<TsvRow> parse_tsv(std::string_view text);
// The items of a comma-separated field ("ترامب,ترمب"), empty items dropped.
std::vector<std::string> comma_list(std::string_view field);

}  // namespace isnad
