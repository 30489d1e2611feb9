#include "timex.h"

namespace isnad {

void find_timexes(Document& doc) { doc.timexes.clear(); }

}  // namespace isnad
