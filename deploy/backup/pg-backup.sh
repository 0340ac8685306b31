#!/usr/bin/env bash
# PostgreSQL backup of engram: pg_dump in the custom format (-Fc, compressed, restorable table by table), written to a
# .part file and renamed when complete. Safe while the servers run (pg_dump reads one consistent snapshot).
# Usage: deploy/backup/pg-backup.sh [OUT_DIR]      connection from PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE
#        or from ENGRAM_DB_URL=jdbc:postgresql://HOST:PORT/DB, ENGRAM_DB_USER, ENGRAM_DB_PASSWORD (the server's settings).
# Keeps the newest $KEEP dumps (default 14). Prints the dump's path.
set -euo pipefail
out=${1:-/var/backups/engram}
keep=${KEEP:-14}
if [[ -n ${ENGRAM_DB_URL:-} ]]; then
  [[ $ENGRAM_DB_URL =~ ^jdbc:postgresql://([^/:]+)(:([0-9]+))?/([^?]+) ]] \
    || { echo "pg-backup: ENGRAM_DB_URL is not jdbc:postgresql://HOST[:PORT]/DB: $ENGRAM_DB_URL" >&2; exit 2; }
  export PGHOST=${BASH_REMATCH[1]} PGPORT=${BASH_REMATCH[3]:-5432} PGDATABASE=${BASH_REMATCH[4]}
  export PGUSER=${ENGRAM_DB_USER:-${PGUSER:-engram}}
  [[ -n ${ENGRAM_DB_PASSWORD:-} ]] && export PGPASSWORD=$ENGRAM_DB_PASSWORD
fi
: "${PGDATABASE:=engram}"
mkdir -p "$out"
file="$out/engram-$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump -Fc --no-owner --no-privileges -f "$file.part" "$PGDATABASE"
pg_restore --list "$file.part" >/dev/null   # the archive is readable
mv -f "$file.part" "$file"
ls -1t "$out"/engram-"$PGDATABASE"-*.dump | tail -n +"$((keep + 1))" | xargs -r rm -f
echo "$file"
