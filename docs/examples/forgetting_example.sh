#!/usr/bin/env bash
# The forgetting example of docs/analysis.md ("Study and test phases", "Forgetting over three delays"): a synthetic
# export (engram.analysis.synthetic.SyntheticRecognition, Design.delaysExample: 24 participants, 72 high/low pairs with
# perceptual and semantic lures, 72 foils; study in session 1, then an old/new test with a 3-point confidence scale
# after about 20 minutes, 1 day and 7 days, each in its own session), analysed with ./engram analyse.
# Usage: docs/examples/forgetting_example.sh OUT_DIR   (writes OUT_DIR/forgetting-export.zip and OUT_DIR/analysis)
set -euo pipefail
exec "$(dirname "$0")/synthetic_example.sh" "$1" forgetting delays
