#!/bin/sh
# The scaled profile's streaming replica: the first start copies the primary (pg_basebackup, -R writes the standby
# settings), every start then runs PostgreSQL as a hot standby that replays the primary's WAL as it streams in.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db -U postgres >/dev/null 2>&1; do sleep 1; done
  PGPASSWORD="$POSTGRES_PASSWORD" pg_basebackup -h db -U postgres -D "$PGDATA" -R -X stream -c fast
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
