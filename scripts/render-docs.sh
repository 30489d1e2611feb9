#!/usr/bin/env bash
# Regenerates the pictures in docs/: the sample's diagram (graph.png, through cgraph/gvc and cairo)
# and a screenshot of its offline report (report.html in headless Chromium); with ../shared/data, screenshots of
# the workbench on 1,000 news articles (docs/workbench-*.png).
#   scripts/render-docs.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$build/isnad" build samples/aleppo.txt -o "$out" --date 2016-11-03 --format png,report --quiet
cp "$out/graph.png" docs/aleppo-graph.png
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$out/chromium" --hide-scrollbars \
  --window-size=1200,1600 --screenshot="$PWD/docs/aleppo-report.png" "file://$out/report.html" 2>/dev/null
ls -l docs/aleppo-graph.png docs/aleppo-report.png

# The workbench (report.html at corpus scale, issue 17): 1,000 ANT news articles taken in turn from its six
# outlets (bench/workbench.sh; needs ../shared/data, skipped without it), three views at a laptop's width.
shared=${ISNAD_SHARED_DATA:-$(cd .. && pwd)/shared/data}
if [ ! -f "$shared/unlabelled/ant-news.jsonl.xz" ]; then
  echo "render-docs.sh: $shared/unlabelled/ant-news.jsonl.xz not found: workbench screenshots not regenerated" >&2
  exit 0
fi
bench_out="$out/workbench"
{ xz -dc "$shared/unlabelled/ant-news.jsonl.xz" || true; } | python3 bench/ant_news_slice.py 1000 --mixed > "$out/mixed.jsonl"
"$build/isnad" build "$out/mixed.jsonl" -o "$bench_out" --format json,report --quiet -j 2 2>/dev/null || true
shot() {  # NAME FRAGMENT HEIGHT
  chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$out/chromium" --hide-scrollbars \
    --window-size=1400,"$3" --screenshot="$PWD/docs/$1.png" "file://$bench_out/report.html$2" 2>/dev/null
}
shot workbench-index "" 1000
shot workbench-entity "#/entity/person:175" 1500   # دونالد ترامب in this corpus
shot workbench-timeline "#/?act=criticize,accuse,warn,threaten,deny,reject&from=2018-06-01&to=2018-08-31" 1500
ls -l docs/workbench-*.png
