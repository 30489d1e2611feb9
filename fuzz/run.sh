#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and runs each for SECONDS (default 600),
# starting from a seed corpus made from samples/ and the hostile corpus (scripts/make-hostile-corpus.py).
#   fuzz/run.sh [SECONDS] [TARGET...]      targets: text_pipeline_fuzz jsonl_reader_fuzz aliases_fuzz
# Prints libFuzzer's final stats (stat::number_of_executed_units ...); exits non-zero on a finding, whose input is
# saved as build-fuzz/crash-* (replay: build-fuzz/fuzz/TARGET build-fuzz/crash-...).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text_pipeline_fuzz jsonl_reader_fuzz aliases_fuzz)

CXX=clang++ cmake -S . -B build-fuzz -DISNAD_FUZZ=ON -DISNAD_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]}"

seeds=build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{text_pipeline_fuzz,jsonl_reader_fuzz,aliases_fuzz}
python3 scripts/make-hostile-corpus.py "$seeds/hostile" >/dev/null
python3 - "$seeds" <<'PY'
import glob, json, os, sys
seeds = sys.argv[1]
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob("samples/*.txt"))]
paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
for i, p in enumerate(paragraphs):  # first byte: read options (repair, html, date)
    open(f"{seeds}/text_pipeline_fuzz/para{i}", "wb").write(bytes([i % 8]) + p.encode())
for path in sorted(glob.glob(f"{seeds}/hostile/*")):
    data = open(path, "rb").read()[:8192]
    open(f"{seeds}/text_pipeline_fuzz/hostile-{os.path.basename(path)}", "wb").write(b"\x03" + data)
lines = [json.dumps({"id": f"a{i}", "text": p, "date": "2016-11-03", "title": p[:20]}, ensure_ascii=False)
         for i, p in enumerate(paragraphs[:20])]
for i in range(0, len(lines), 4):
    open(f"{seeds}/jsonl_reader_fuzz/lines{i}", "w").write("\n".join(lines[i:i + 4]) + "\n")
open(f"{seeds}/jsonl_reader_fuzz/hostile", "wb").write(open(f"{seeds}/hostile/hostile.jsonl", "rb").read()[:65536])
pairs = [("بوتين", "فلاديمير بوتين", "same"), ("غيراسيموف", "جيراسيموف", "same"), ("كيري", "كيربي", "different")]
for i, (a, b, v) in enumerate(pairs):
    open(f"{seeds}/aliases_fuzz/pair{i}", "w").write(f"# analyst aliases\n{a}\t{b}\t{v}\n")
PY
# Records written by the real pipeline are seeds for the record reader.
if [ -x build-fuzz/isnad ] || cmake --build build-fuzz -j2 --target isnad >/dev/null; then
  build-fuzz/isnad extract samples/aleppo.txt --quiet -j1 > "$seeds/jsonl_reader_fuzz/records" 2>/dev/null || true
fi

status=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  echo "== $t: $seconds s"
  # The whole pipeline runs per input under ASan: inputs up to 8 kB (an article's size) keep it at useful speed.
  max_len=65536
  [ "$t" = text_pipeline_fuzz ] && max_len=8192
  (cd build-fuzz && ASAN_OPTIONS=detect_leaks=1 "fuzz/$t" -max_total_time="$seconds" -max_len=$max_len -rss_limit_mb=4096 \
    -timeout=30 -print_final_stats=1 "corpus/$t" "seeds/$t" 2>"$t.log") || status=1
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+ *DONE|ERROR|SUMMARY" "build-fuzz/$t.log" || true
done
exit $status
