#!/usr/bin/env python3
"""Compares two export zips entry by entry (CSV and JSON files, byte for byte) and prints one line per file.
Usage: compare_exports.py BEFORE_ZIP AFTER_ZIP   Exit 0 when every entry is present in both and equal."""
import hashlib
import sys
import zipfile


def entries(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.endswith((".csv", ".json"))}


def main(before_path, after_path):
    before, after = entries(before_path), entries(after_path)
    differ = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        same = a is not None and a == b
        differ += not same
        lines = a.count(b"\n") if a is not None else "-"
        digest = hashlib.sha256(a).hexdigest()[:16] if a is not None else "missing"
        print(f"{'equal ' if same else 'DIFFER'} {name:20s} {lines:>7} lines  sha256 {digest}"
              + ("" if same else f" vs {hashlib.sha256(b).hexdigest()[:16] if b is not None else 'missing'}"))
    return 1 if differ or not before else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
