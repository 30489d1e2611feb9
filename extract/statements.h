// Reported speech: cue → act type, speaker, content, addressee, about, date.
#pragma once
#include "document.h"

namespace isnad {

// Needs doc.mentions/entities and doc.timexes. Fills doc.statements.
// No cue, no statement: acts come only from the cue lexicon (extract/lexicons/speech_cues.tsv).
// The speaker of each act is the shipped speaker model's choice (extract/speaker_model.h) when there is one,
// else the rules'.
void find_statements(Document& doc);
// With a given model (null: the rules alone), or recording every decision for `trainer` (isnad train-speaker).
class SpeakerModel;
class SpeakerTrainer;
void find_statements(Document& doc, const SpeakerModel* model, SpeakerTrainer* trainer);

}  // namespace isnad
