// The statistical tagger as seen by the rule-based recogniser.
#pragma once
#include <string>
#include <vector>

#include "document.h"

namespace isnad {

// BIO tag of every token of the document ("O" everywhere when no model is installed).
std::vector<std::string> tag_document(const Document& doc);

}  // namespace isnad
