#!/usr/bin/env bash
# README command 1: install dependencies, build, and run isnad on the bundled sample into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
build/isnad build samples/aleppo.txt -o out --date 2016-11-03 --format json,graphml,dot,svg,png
ls -l out
