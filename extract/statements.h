// Reported speech: cue → act type, speaker, content, addressee, about, date.
#pragma once
#include "document.h"

namespace isnad {

// Needs doc.mentions/entities and doc.timexes. Fills doc.statements.
// No cue, no statement: acts come only from the cue lexicon (extract/lexicons/speech_cues.tsv).
void find_statements(Document& doc);

}  // namespace isnad
