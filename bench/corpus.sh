#!/usr/bin/env bash
# Corpus benchmark (issue 8): throughput of the full pipeline (extract + merge + json/graphml export) at -j1 and
# -jN, peak memory on the corpus and on four times the corpus, and the ICU floor (a bare normalise-and-segment
# pass over the same text). The corpus is generated here from samples/ and ../shared/data/news-samples
# (bench/corpus_gen.py), never committed.
#
#   bench/corpus.sh [ARTICLES] [BUILD_DIR]     default 10000 articles, build dir build-corpus (or build)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-10000}
build=${2:-}
if [ -z "$build" ]; then
  if [ -x build-corpus/isnad ]; then build=build-corpus; else build=build; fi
fi
[ -x "$build/isnad" ] && [ -x "$build/isnad_icu_floor" ] || { echo "bench/corpus.sh: build first (cmake --build $build)" >&2; exit 2; }
jobs=$(nproc)
work=$(mktemp -d "${TMPDIR:-/tmp}/isnad-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 bench/corpus_gen.py "$articles" "$work/corpus.jsonl"
python3 bench/corpus_gen.py "$articles" "$work/corpus4.jsonl" --copies 4
echo "corpus: $articles articles, $(du -m "$work/corpus.jsonl" | cut -f1) MB of JSON Lines (4x: $(du -m "$work/corpus4.jsonl" | cut -f1) MB)"

"$build/isnad_icu_floor" "$work/corpus.jsonl" | tee "$work/floor.txt"

# One run: wall and CPU seconds from GNU time, the rest from run.json.
run() {  # NAME CORPUS JOBS
  local out="$work/out-$1"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time-$1" \
    "$build/isnad" build "$2" -o "$out" --format json,graphml -j "$3" --quiet 2>"$work/log-$1" || {
      cat "$work/log-$1" >&2; exit 1; }
  python3 - "$1" "$out/run.json" "$work/time-$1" "$3" <<'PY'
import json, sys
name, run_json, time_file, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
r = json.load(open(run_json))
wall, user, system, rss_kb = open(time_file).read().split()[-4:]
wall, cpu = float(wall), float(user) + float(system)
mb = r["input_bytes"] / 1e6
print(f"{name:>8}: {r['articles']['done']} articles ({r['articles']['failed']} failed), {mb:.1f} MB, {wall:.1f} s wall, "
      f"{cpu:.1f} s CPU | {r['articles']['done'] / wall:.0f} articles/s, {mb / wall:.2f} MB/s, "
      f"{r['tokens'] / wall:.0f} tokens/s | per core: {mb / cpu:.2f} MB/s | peak memory {int(rss_kb) / 1024:.0f} MB | "
      f"{r['entities']} entities, {r['statements']} statements")
PY
}
run j1 "$work/corpus.jsonl" 1
run "j$jobs" "$work/corpus.jsonl" "$jobs"
cmp -s "$work/out-j1/graph.json" "$work/out-j$jobs/graph.json" && echo "graph.json identical at -j1 and -j$jobs" || {
  echo "graph.json DIFFERS between -j1 and -j$jobs" >&2; exit 1; }
run "4x-j$jobs" "$work/corpus4.jsonl" "$jobs"
