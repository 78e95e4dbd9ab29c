#!/bin/sh
# A consistent backup of the database: pg_dump's custom format (compressed,
# restorable table by table), checked readable, then kept BACKUP_KEEP_DAYS.
#
#   DATABASE_URL=postgres://user:pass@postgres:5432/terroir deploy/backup.sh [DIRECTORY]
#
# Talk to PostgreSQL itself, not PgBouncer. Prints the file it wrote.
# Compose:    docker compose -f deploy/compose.yaml exec postgres sh -c \
#               'DATABASE_URL=postgres://terroir@localhost/terroir sh -s /backups' < deploy/backup.sh
# PG_BIN may name the folder of pg_dump (e.g. /usr/lib/postgresql/15/bin).
set -eu

: "${DATABASE_URL:?DATABASE_URL must name the database to back up}"
directory="${1:-${BACKUP_DIR:-/backups}}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
if [ -n "${PG_BIN:-}" ]; then PATH="$PG_BIN:$PATH"; fi

mkdir -p "$directory"
file="$directory/terroir-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --compress=6 --no-owner --no-privileges \
  --file="$file.partial" --dbname="$DATABASE_URL"
# A dump that cannot be listed cannot be restored: never keep it as a backup.
pg_restore --list "$file.partial" > /dev/null
mv "$file.partial" "$file"
find "$directory" -name 'terroir-*.dump' -type f -mtime +"$keep_days" -delete
echo "$file"
