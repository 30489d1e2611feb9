#!/usr/bin/env bash
# Regenerates the pictures in docs/: the sample's diagram (graph.png, through cgraph/gvc and cairo)
# and a screenshot of its offline report (report.html in headless Chromium).
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
