#include "statements.h"

namespace isnad {

void find_statements(Document& doc) { doc.statements.clear(); }

}  // namespace isnad
