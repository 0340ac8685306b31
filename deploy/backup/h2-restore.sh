#!/usr/bin/env bash
# Restores an H2 backup zip (from h2-backup.sh) into a data folder. The server that uses the folder must be stopped.
# Usage: deploy/backup/h2-restore.sh BACKUP_ZIP DATA_DIR
set -euo pipefail
zip=${1:?usage: h2-restore.sh BACKUP_ZIP DATA_DIR}
data=${2:?usage: h2-restore.sh BACKUP_ZIP DATA_DIR}
[[ -f $zip ]] || { echo "h2-restore: no file $zip" >&2; exit 2; }
mkdir -p "$data"
[[ ! -e $data/engram.mv.db ]] || { echo "h2-restore: $data/engram.mv.db exists; move it away first (is a server still using it?)" >&2; exit 1; }
tmp=$(mktemp -d "$data/.restore.XXXX")
python3 - "$zip" "$tmp" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = [n for n in z.namelist() if n.endswith("engram.mv.db")]
    if len(names) != 1:
        sys.exit(f"h2-restore: {sys.argv[1]} holds {len(names)} engram.mv.db files, expected 1")
    with z.open(names[0]) as src, open(sys.argv[2] + "/engram.mv.db", "wb") as dst:
        dst.write(src.read())
PY
mv "$tmp/engram.mv.db" "$data/engram.mv.db"
rmdir "$tmp"
echo "restored $zip into $data/engram.mv.db"
