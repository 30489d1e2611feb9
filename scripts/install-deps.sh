#!/usr/bin/env bash
# Installs every Debian 12 package isnad needs to build, test and render.
# Used by README command 1, README command 2 and .ci/run. Safe to run again.
set -euo pipefail
packages=(
  build-essential cmake pkg-config   # compiler and build system
  libboost-graph-dev                 # graph/: adjacency_list, read_graphml for round-trip tests
  libicu-dev                         # extract/: UTF-8, normalisation, calendars (Hijri), locale data
  nlohmann-json3-dev                 # export/ and eval: JSON reading and writing
  libgraphviz-dev graphviz           # export/: cgraph/gvc layout and SVG/PNG rendering (pango/cairo plugins)
  fonts-noto-core                    # Noto Naskh Arabic for diagram labels
  doctest-dev                        # tests/: unit test framework
  libxml2-utils                      # tests: xmllint validates GraphML against the XSD
  python3 python3-networkx           # tests: GraphML/JSON consumers, shared scoring script
  python3-igraph                     # tests: igraph reads graph.graphml (counts, Arabic labels)
  python3-distributed                # tests/distributed: the Dask recipe (local scheduler + workers on loopback)
  clang libclang-rt-14-dev           # fuzz/: libFuzzer targets (clang -fsanitize=fuzzer)
  time                               # bench/corpus.sh: wall/CPU time and peak memory (/usr/bin/time)
  raptor2-utils                      # tests: rapper parses graph.nt strictly (N-Triples)
  virtuoso-opensource-7-bin          # tests: Virtuoso RDF store (virtuoso-t, isql-vt) loads graph.nt and answers SPARQL;
                                     #   the -bin package has no debconf question and starts no daemon (the test runs its own)
  curl                               # tests: SPARQL queries over HTTP to the test's own Virtuoso on loopback
  chromium                           # tests: headless screenshot of report.html (renders offline, Arabic shaped),
                                     #   the workbench driven at URL fragments and over the DevTools protocol
  nodejs                             # tests: tests/workbench_drive.mjs drives the workbench (no npm package);
                                     #   bench/load_time.mjs
  libgeonames-dev                    # extract/: world cities with Arabic names, country codes and coordinates
  xz-utils                           # isnad train-clusters reads ../shared/data/unlabelled/*.jsonl.xz through xz -dc
  hunspell-ar                        # bench/ner.sh: Ayaspell's ar.dic/ar.aff, the dictionary train-ner hashes into the
                                     #   NER model (tagging needs no hunspell)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
