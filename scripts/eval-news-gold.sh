#!/usr/bin/env bash
# Accuracy on news-gold (180 annotated articles from six outlets, ../shared/data/news-gold): builds every
# article of a split on its own with its publication date (texts/tNNN.dct) and scores the split with the
# shared scorer, ../shared/tools/score_graph.py (entities, timexes, statements, about-recall, roles).
#   scripts/eval-news-gold.sh [BUILD_DIR] [train|dev|all] [score_graph.py options, e.g. --verbose]
# Train is for learning and reading errors; dev is the figure to report (never write rules from it).
# Third-party texts are not in the repository: without ../shared the script says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}; split=${2:-dev}; shift $(( $# > 2 ? 2 : $# )) || true
gold=../shared/data/news-gold
scorer=../shared/tools/score_graph.py
[ -d "$gold" ] && [ -f "$scorer" ] || { echo "eval-news-gold: $gold not found (third-party data is not in the repository)"; exit 0; }
case "$split" in
  train|dev) ids=$(cat "$gold/$split.txt") ;;
  all) ids=$(cat "$gold/train.txt" "$gold/dev.txt") ;;
  *) echo "eval-news-gold: split must be train, dev or all" >&2; exit 2 ;;
esac
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export build gold tmp
# Two articles at a time; a failed build leaves no graph.json and the scorer counts that article as empty.
printf '%s\n' $ids | xargs -P "$(nproc)" -I{} sh -c \
  '"$build/isnad" build "$gold/texts/{}.txt" -o "$tmp/{}" --date "$(cat "$gold/texts/{}.dct")" --format json >/dev/null 2>&1 || true'
for n in $ids; do
  [ -f "$tmp/$n/graph.json" ] || echo '{"nodes": [], "edges": [], "graph": {"documents": []}}' > "$tmp/$n.empty.json"
  g="$tmp/$n/graph.json"; [ -f "$g" ] || g="$tmp/$n.empty.json"
  printf '%s\t%s\t%s\n' "$gold/gold/$n.json" "$g" "$gold/texts/$n.txt"
done > "$tmp/pairs.tsv"
echo "news-gold $split: $(wc -l < "$tmp/pairs.tsv") articles"
python3 "$scorer" "$tmp/pairs.tsv" "$@"
