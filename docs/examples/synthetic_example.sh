#!/usr/bin/env bash
# The common part of recognition_example.sh and forgetting_example.sh: writes a synthetic export with
# engram.analysis.synthetic.SyntheticRecognition (DESIGN, when given, is passed on to it, e.g. `delays`) and analyses it
# with ./engram analyse.
# Usage: docs/examples/synthetic_example.sh OUT_DIR NAME [DESIGN]
#        (writes OUT_DIR/NAME-export.zip and OUT_DIR/analysis, then lists OUT_DIR/analysis/recognition)
set -euo pipefail
out=$(realpath -m "$1"); name=$2; shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
"$root/engram" analyse --version > /dev/null   # builds the analysis module when it is missing or stale
java -cp "$root/analysis/target/engram-analysis.jar:$root/analysis/target/lib/*" \
  engram.analysis.synthetic.SyntheticRecognition "$out/$name-export.zip" "$@"
"$root/engram" analyse --export "$out/$name-export.zip" --out "$out/analysis" --splits 100
ls "$out/analysis/recognition"
