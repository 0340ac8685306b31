#!/usr/bin/env python3
"""Every trial the simulator saw acknowledged is in the export once; no (run_id, trial_index) is exported twice.
Usage: check_export.py ACKS_CSV EXPORT_ZIP [--runs-complete]   Exit 0 when nothing is lost or duplicated."""
import csv
import io
import sys
import zipfile
from collections import Counter


def main(acks_path, export_path, runs_complete):
    with open(acks_path, newline="") as f:
        acks = list(csv.DictReader(f))
    with zipfile.ZipFile(export_path) as z:
        rows = list(csv.DictReader(io.TextIOWrapper(z.open("responses.csv"), "utf-8", newline="")))
        runs = list(csv.DictReader(io.TextIOWrapper(z.open("participants.csv"), "utf-8", newline="")))
    exported = Counter((r["run_id"], r["trial_index"]) for r in rows)
    acked = Counter((a["run_id"], a["position"]) for a in acks)
    lost = [k for k in acked if k not in exported]
    duplicates = [k for k, n in exported.items() if n > 1]
    acked_twice = [k for k, n in acked.items() if n > 1]
    print(f"acknowledged trials: {len(acked)}  exported rows: {len(rows)}  lost: {len(lost)}  "
          f"duplicates: {len(duplicates)}  acknowledged twice: {len(acked_twice)}  runs exported: {len(runs)}")
    for key in (lost + duplicates)[:10]:
        print("  problem:", key)
    per_run = Counter(r["run_id"] for r in rows)
    miscounted = [r["run_id"] for r in runs if r.get("trials_saved") and int(r["trials_saved"]) != per_run.get(r["run_id"], 0)]
    print(f"runs whose trials_saved differs from their exported rows: {len(miscounted)}")
    problems = bool(lost or duplicates or miscounted)
    if runs_complete:
        acked_runs = {a["run_id"] for a in acks}
        state_of = {r.get("run_id"): r.get("state") for r in runs}
        unfinished = sorted(r for r in acked_runs if state_of.get(r) != "COMPLETED")
        print(f"runs acknowledged: {len(acked_runs)}  not COMPLETED in the export: {len(unfinished)}")
        problems = problems or bool(unfinished)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2], "--runs-complete" in sys.argv[3:]))
