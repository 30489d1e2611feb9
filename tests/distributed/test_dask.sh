#!/usr/bin/env bash
# The Dask recipe gives the same graph.json as `isnad build` in one process (issue 8). Skips (exit 0 with a
# message) when no Python with dask.distributed is installed (Debian: python3-distributed).
#   tests/distributed/test_dask.sh ISNAD_BINARY
set -euo pipefail
cd "$(dirname "$0")/../.."
isnad=$(realpath "${1:-build/isnad}")
python=""
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import dask.distributed' 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  echo "SKIP: python3-distributed (dask.distributed) is not installed"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/isnad-dask.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A small corpus: the sample article, the news samples when present, generated JSON Lines, and two broken files.
mkdir -p "$work/corpus/news"
cp samples/aleppo.txt "$work/corpus/"
[ -d ../shared/data/news-samples ] && cp ../shared/data/news-samples/[0-9]*.txt "$work/corpus/news/"
"$python" bench/corpus_gen.py 40 "$work/corpus/feed.jsonl"
printf 'bad \xff byte' > "$work/corpus/broken.txt"
: > "$work/corpus/empty.txt"

set +e
"$isnad" build "$work/corpus" -o "$work/single" --format json -j 2 --quiet 2>/dev/null
single=$?
"$python" tests/distributed/dask_isnad.py --isnad "$isnad" --shards 5 --workers 2 --fan-in 2 -o "$work/dask" \
  --format json "$work/corpus" 2>"$work/dask.log"
dask=$?
set -e
if [ "$single" -ne 1 ] || [ "$dask" -ne 1 ]; then
  echo "FAIL: exit codes single=$single dask=$dask (expected 1: two broken files)"; cat "$work/dask.log"; exit 1
fi
if ! cmp -s "$work/single/graph.json" "$work/dask/graph.json"; then
  echo "FAIL: the Dask graph.json differs from the single-process build"; exit 1
fi
"$python" - "$work/single/run.json" "$work/dask/run.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
assert a["articles"]["done"] == b["articles"]["done"] > 40, (a["articles"], b["articles"])
assert a["articles"]["failed"] == b["articles"]["failed"] == 2, (a["articles"], b["articles"])
assert a["failures"] == b["failures"], (a["failures"], b["failures"])
PY
echo "OK: Dask (5 shards, 2 workers) = single-process build"
