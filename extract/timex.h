// Temporal expressions: recognition and TIMEX3 normalisation anchored on the publication date.
#pragma once
#include "document.h"

namespace isnad {

// Fills doc.timexes from doc.tokens / doc.text. Relative expressions ("امس الأربعاء",
// "يوم غد الجمعة") are anchored on doc.dct; when doc.dct is empty the DCT may be inferred
// from the text (then doc.dct_source = "inferred").
void find_timexes(Document& doc);

}  // namespace isnad
