#!/bin/sh
# Restore a backup written by backup.sh into an EMPTY database, in one
# transaction: it either restores everything or leaves the database empty.
#
#   createdb terroir_restored
#   DATABASE_URL=postgres://user:pass@postgres:5432/terroir_restored deploy/restore.sh FILE
#
# Then point the application at it (or rename databases) and run
# `python manage.py migrate` (a no-op for a backup of the same release).
# PG_BIN may name the folder of pg_restore and psql.
set -eu

file="${1:?usage: restore.sh BACKUP_FILE}"
: "${DATABASE_URL:?DATABASE_URL must name the (empty) database to restore into}"
if [ -n "${PG_BIN:-}" ]; then PATH="$PG_BIN:$PATH"; fi

tables=$(psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
  --command="SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore.sh: the target database already has $tables tables; restore into an empty one." >&2
  exit 1
fi
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges \
  --dbname="$DATABASE_URL" "$file"
echo "restored $file"
