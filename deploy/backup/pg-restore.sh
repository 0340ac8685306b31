#!/usr/bin/env bash
# Restores a pg-backup.sh dump into an EMPTY database (create it first with deploy/postgres/setup.sql or createdb -O).
# Stop the engram instances first, or point them at the restored database afterwards; they migrate it on start (Flyway).
# Usage: deploy/backup/pg-restore.sh DUMP_FILE TARGET_DB     connection from PGHOST/PGPORT/PGUSER/PGPASSWORD
set -euo pipefail
dump=${1:?usage: pg-restore.sh DUMP_FILE TARGET_DB}
db=${2:?usage: pg-restore.sh DUMP_FILE TARGET_DB}
[[ -f $dump ]] || { echo "pg-restore: no file $dump" >&2; exit 2; }
tables=$(psql -X -At -d "$db" -c "select count(*) from pg_tables where schemaname = 'public'")
[[ $tables == 0 ]] || { echo "pg-restore: database $db already has $tables table(s); restore only into an empty database" >&2; exit 1; }
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction -d "$db" "$dump"
echo "restored $dump into $db: $(psql -X -At -d "$db" -c 'select count(*) from trial') trials, $(psql -X -At -d "$db" -c 'select count(*) from run') runs"
