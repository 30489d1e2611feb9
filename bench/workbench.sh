#!/usr/bin/env bash
# report.html at corpus scale (issue 17): builds the workbench from ANT news articles (../shared/data, never
# committed), then measures its size and how long headless Chromium takes to open it.
#
#   bench/workbench.sh [ARTICLES] [--mixed] [BUILD_DIR]     default: the first 1000 records, build dir build
#
# Prints: articles, statements, entities, the size of report.html, and two load times over 5 runs (median):
#   render_ms  from navigation start to the end of the workbench's first drawing, measured by the page itself
#              (performance.now() when the script has drawn the index, the diagram and the timeline; read back
#              from the data-render-ms attribute in Chromium's --dump-dom output);
#   wall_ms    the whole `chromium --headless --dump-dom` process: browser start-up, load, drawing, exit;
#   blank_ms   the same command on about:blank, i.e. what start-up and exit alone cost.
# and, with Node, bench/load_time.mjs's figures taken inside one running browser (load event, first paint).
# Leaves the outputs in bench-out/workbench-N (or $ISNAD_BENCH_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
articles=1000 mixed="" build=build
for a in "$@"; do
  case "$a" in
    --mixed) mixed=--mixed ;;
    [0-9]*) articles=$a ;;
    *) build=$a ;;
  esac
done
shared=${ISNAD_SHARED_DATA:-$(cd .. && pwd)/shared/data}
corpus_xz=$shared/unlabelled/ant-news.jsonl.xz
[ -f "$corpus_xz" ] || { echo "bench/workbench.sh: $corpus_xz not found (set ISNAD_SHARED_DATA)" >&2; exit 2; }
[ -x "$build/isnad" ] || { echo "bench/workbench.sh: build first (cmake --build $build)" >&2; exit 2; }
command -v chromium >/dev/null || { echo "bench/workbench.sh: chromium is not installed" >&2; exit 2; }
out=${ISNAD_BENCH_OUT:-bench-out/workbench-$articles${mixed:+-mixed}}
mkdir -p "$out"
{ xz -dc "$corpus_xz" || true; } | python3 bench/ant_news_slice.py "$articles" $mixed > "$out/corpus.jsonl"
/usr/bin/time -f "%e" -o "$out/build.time" "$build/isnad" build "$out/corpus.jsonl" -o "$out" --format json,report \
  -j 2 --quiet 2> "$out/build.log" || true
python3 - "$out/graph.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
kinds = {}
for n in g["nodes"]:
    kinds[n["kind"]] = kinds.get(n["kind"], 0) + 1
print("articles %d, statements %d, entities %d" % (len(g["graph"]["documents"]), kinds.get("statement", 0),
      sum(v for k, v in kinds.items() if k != "statement")))
PY
echo "build: $(tail -n 1 "$out/build.time") s (exit status 1 means some articles failed: $out/run.json lists them)"
echo "report.html: $(stat -c %s "$out/report.html") bytes ($(du -h "$out/report.html" | cut -f1))"
url="file://$(realpath "$out/report.html")"
renders=() walls=()
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$out/profile" \
    --dump-dom "$url" > "$out/dom.html" 2> "$out/chromium.log"
  end=$(date +%s%N)
  walls+=($(( (end - start) / 1000000 )))
  renders+=($(grep -o 'data-render-ms="[0-9]*"' "$out/dom.html" | grep -o '[0-9]*' || echo missing))
done
# The same command on an empty page: what browser start-up and exit alone cost.
blank=()
for run in 1 2 3 4 5; do
  start=$(date +%s%N)
  timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$out/profile" \
    --dump-dom "about:blank" > /dev/null 2> "$out/chromium.log"
  end=$(date +%s%N)
  blank+=($(( (end - start) / 1000000 )))
done
median() { printf '%s\n' "$@" | sort -n | sed -n 3p; }
echo "render_ms (page: navigation start → first drawing done): ${renders[*]} → median $(median "${renders[@]}")"
echo "wall_ms (chromium --headless --dump-dom, start to exit): ${walls[*]} → median $(median "${walls[@]}")"
echo "blank_ms (the same on about:blank: browser start-up and exit alone): ${blank[*]} → median $(median "${blank[@]}")"
# In one running browser, by the DevTools protocol: navigation start → load event, first paint, first drawing.
if command -v node >/dev/null; then
  echo "in one browser (bench/load_time.mjs, ms from navigation start; last line: medians):"
  node bench/load_time.mjs "$out/report.html" 5 2>/dev/null
fi
