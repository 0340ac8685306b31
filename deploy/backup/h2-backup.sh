#!/usr/bin/env bash
# Online backup of the embedded H2 database through the running server (admin only): POST /api/admin/backup runs
# H2's BACKUP TO and answers with the zip's path under $ENGRAM_DATA/backups. On PostgreSQL it answers 409: use pg-backup.sh.
# Usage: ENGRAM_ADMIN_PASSWORD=… deploy/backup/h2-backup.sh [BASE_URL]     (default http://127.0.0.1:8080)
set -euo pipefail
url=${1:-http://127.0.0.1:8080}
curl -fsS -u "${ENGRAM_ADMIN_USER:-admin}:${ENGRAM_ADMIN_PASSWORD:?set ENGRAM_ADMIN_PASSWORD}" -X POST "$url/api/admin/backup"
echo
