#!/usr/bin/env bash
# Accuracy on the annotated news samples: builds each article with its own publication date (from its
# gold file) and scores all of them together with `isnad eval --pairs`.
#   scripts/eval-news.sh [BUILD_DIR] [dev|heldout|all] [--verbose]
# dev = the articles the extractor was developed on; heldout = 04 and 08, never tuned on.
# Needs ../shared/data/news-samples (third-party texts, not in the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; set=${2:-all}; shift $(( $# > 2 ? 2 : $# )) || true
news=../shared/data/news-samples
[ -d "$news" ] || { echo "eval-news: $news not found (third-party data is not in the repository)"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
case "$set" in
  dev) golds="01 02 03 05 06 07 09 10" ;;
  heldout) golds="04 08" ;;
  *) golds="01 02 03 04 05 06 07 08 09 10" ;;
esac
for n in $golds; do
  gold=tests/data/$n.gold.json
  [ -f "$gold" ] || continue
  dct=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['dct'])" "$gold")
  "$build/isnad" build "$news/$n.txt" -o "$tmp/$n" --date "$dct" --format json 2>/dev/null
  printf '%s\t%s\t%s\n' "$gold" "$tmp/$n/graph.json" "$news/$n.txt" >> "$tmp/pairs.tsv"
done
"$build/isnad" eval --pairs "$tmp/pairs.tsv" "$@"
