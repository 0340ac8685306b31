#!/usr/bin/env bash
# The worked example of docs/analysis.md ("Study and test phases"): a small synthetic two-session study-test export
# (engram.analysis.synthetic.SyntheticRecognition: 24 participants, 48 high/low pairs with perceptual and semantic
# lures, 48 foils; study, an old/new test with a 3-point confidence scale in session 1, the same test about a day later
# in session 2, then 2AFC against the lures), analysed with ./engram analyse.
# Usage: docs/examples/recognition_example.sh OUT_DIR   (writes OUT_DIR/recognition-export.zip and OUT_DIR/analysis)
set -euo pipefail
exec "$(dirname "$0")/synthetic_example.sh" "$1" recognition
