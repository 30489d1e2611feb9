#!/bin/sh
# Reproduces the NER model and its figures: training, test-split scores (checked against the
# independent scorer), and throughput/peak memory. Run from the repo root after building:
#   cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j2 && sh bench/ner.sh build
set -e
BUILD=${1:-build}
D=${ISNAD_SHARED_DATA:-../shared/data}
TRAIN=$D/anercorp/ANERCorp_CamelLab_train.reconstructed.txt
TEST=$D/anercorp/ANERCorp_CamelLab_test.reconstructed.txt
GAZ="--gazetteer first=$D/arabic-names/male-first--names-in-arabic.txt
     --gazetteer female=$D/arabic-names/female-first-names-in-arabic.txt
     --gazetteer last=$D/arabic-names/last-names-in-arabic.txt
     --gazetteer city=$D/world-cities-ar/world-cities.csv@3
     --gazetteer gpers=$D/anergazet/AlignedPersGazetteer.txt
     --gazetteer gloc=$D/anergazet/AlignedLocGazetteer.txt
     --gazetteer gorg=$D/anergazet/AlignedOrgGazetteer.txt"
OUT=${NER_MODEL_OUT:-/tmp/ner.model}
if [ "$2" = "--tune" ]; then  # held-out tuning: last 10% of train, never the test split
  $BUILD/isnad train-ner "$TRAIN" --holdout 10 --epochs 12 --o-penalty 10 --out /tmp/ner-holdout.model $GAZ
fi
$BUILD/isnad train-ner "$TRAIN" --out "$OUT" --epochs 12 --o-penalty 10 $GAZ
cmp "$OUT" extract/models/ner.model && echo "retrained model is identical to extract/models/ner.model"
$BUILD/isnad eval-ner "$TEST" --model "$OUT"
$BUILD/isnad tag "$TEST" --model "$OUT" > /tmp/ner-test.pred
python3 ../shared/tools/conll_f1.py "$TEST" /tmp/ner-test.pred --detail
$BUILD/isnad bench-ner "$TRAIN" --model "$OUT" --tokens 2e6
