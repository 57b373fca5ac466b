#!/usr/bin/env bash
# The scaled shape on this machine: a PostgreSQL 15 primary and a streaming replica of it (pg_basebackup, on other
# ports, in a temporary folder), two Casefile instances on them (both write to the primary; the public's reads go to
# the replica: org.casefile.db.ReadReplica), and its checks:
#   1. both instances report the replica in their health, with its lag, and read from it;
#   2. read-your-writes: a write through one instance is read through the other at once, by the writer (signed in,
#      so on the primary) and by the public;
#   3. lag: with the replica's replay paused, both report the lag growing; the instance whose bound is 1 byte sends the
#      public's reads to the primary (its answers current), the other keeps the replica within its 16 MB bound;
#      resumed, both read from the replica again.
# Prints what it measured; exits non-zero when a check fails. Nothing is left behind (the folder, the servers and the
# instances are stopped and removed on exit). Usage: bash bench/replica.sh
#
# Settings (environment):
#   BENCH_PG_BIN            PostgreSQL 15's programs (default /usr/lib/postgresql/15/bin)
#   BENCH_PRIMARY_PORT, BENCH_REPLICA_PORT   (default 55432, 55433)
#   BENCH_HTTP_PORTS        the two instances' ports (default "18101 18102")
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
primary_port=${BENCH_PRIMARY_PORT:-55432}
replica_port=${BENCH_REPLICA_PORT:-55433}
read -r -a http_ports <<< "${BENCH_HTTP_PORTS:-18101 18102}"
admin_password=replica-check-admin-password
work=$(mktemp -d /tmp/casefile-replica.XXXXXX)
pids=()

. bench/postgres-pair.sh
[ "$(id -u)" = 0 ] && chown postgres "$work"
say() { printf '%s\n' "$*"; }
fail() { say "FAILED: $*"; exit 1; }

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for server in replica primary; do
    [ -f "$work/$server/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$work/$server" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

say "==> primary on 127.0.0.1:$primary_port"
init_primary "$work/primary" "$primary_port" "$work"
as_postgres "$bin/pg_ctl" -D "$work/primary" -l "$work/primary.log" -w start >/dev/null
psql_primary() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$primary_port" -U postgres "$@"; }
psql_primary -d postgres -c "create role casefile login password 'casefile' nosuperuser nobypassrls nocreaterole" \
  -c "create database casefile owner casefile"
psql_primary -d casefile -c "create extension if not exists pg_trgm" -c "create extension if not exists unaccent"

say "==> replica on 127.0.0.1:$replica_port (pg_basebackup of the primary, streaming)"
start_replica "$primary_port" "$work/replica" "$replica_port"
psql_replica() { "$bin/psql" -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$replica_port" -U postgres -d casefile "$@"; }
[ "$(psql_replica -c 'select pg_is_in_recovery()')" = t ] || fail "the replica is not in recovery"

[ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -q package -DskipTests
bounds=(16777216 1)
for i in 0 1; do
  env -u QUARKUS_DATASOURCE_JDBC_URL -u CASEFILE_DATA_DIR \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$primary_port/casefile" \
    QUARKUS_DATASOURCE_USERNAME=casefile QUARKUS_DATASOURCE_PASSWORD=casefile \
    CASEFILE_READ_REPLICA_JDBC_URL="jdbc:postgresql://127.0.0.1:$replica_port/casefile" \
    CASEFILE_READ_REPLICA_MAX_LAG_BYTES="${bounds[$i]}" CASEFILE_ADMIN_PASSWORD=$admin_password \
    QUARKUS_HTTP_PORT="${http_ports[$i]}" java -Xmx256m -jar target/quarkus-app/quarkus-run.jar >"$work/instance-$i.log" 2>&1 &
  pids+=($!)
done
for i in 0 1; do
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:${http_ports[$i]}/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "${pids[$i]}" 2>/dev/null || { cat "$work/instance-$i.log"; fail "instance $i exited"; }
    sleep 1
  done
  curl -fs "http://127.0.0.1:${http_ports[$i]}/q/health/ready" >/dev/null || { tail -50 "$work/instance-$i.log"; fail "instance $i not ready"; }
done
say "both instances ready (ports ${http_ports[*]}), one database"

# The read replica's health check of an instance, as "publicReadsFrom lagBytes".
replica_health() {
  curl -fs "http://127.0.0.1:$1/q/health/ready" | python3 -c '
import json, sys
check = next(c for c in json.load(sys.stdin)["checks"] if c["name"] == "read replica")
data = check.get("data", {})
print(data.get("publicReadsFrom", "-"), data.get("lagBytes", "-"), data.get("problem", ""))'
}
wait_for() { # port, expected publicReadsFrom, seconds
  for _ in $(seq 1 $(( $3 * 4 ))); do
    [ "$(replica_health "$1" | cut -d' ' -f1)" = "$2" ] && return 0
    sleep 0.25
  done
  return 1
}

say "==> 1. health: the replica and its lag"
for port in "${http_ports[@]}"; do
  wait_for "$port" replica 20 || fail "instance on $port does not read from the replica: $(replica_health "$port")"
  say "  instance :$port  publicReadsFrom lagBytes = $(replica_health "$port")"
done

auth=(-u "admin:$admin_password")
a=${http_ports[0]}; b=${http_ports[1]}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

say "==> 2. read-your-writes across instances"
tag=$(date +%s%N | tail -c 7)
name="Replica Check $tag"
source=$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' "http://127.0.0.1:$a/api/sources" \
  -d "{\"title\": \"Replica letter $tag\", \"kind\": \"letter\", \"date\": \"2026-11-20\", \"text\": \"We learned that $name was arrested on 20 November 2026.\"}" | json '["id"]')
person=$(curl -fs "${auth[@]}" -H 'Content-Type: application/json' "http://127.0.0.1:$a/api/persons" \
  -d "{\"name\": \"$name\", \"concern\": true, \"citations\": [{\"source\": \"$source\", \"quote\": \"$name\"}]}" | json '["id"]')
[ "$(curl -fs "${auth[@]}" "http://127.0.0.1:$b/api/persons/$person" | json '["name"]')" = "$name" ] \
  || fail "the writer does not read its write through the other instance"
say "  written through :$a, read at once through :$b by the writer: $person"
[ "$(curl -fs "http://127.0.0.1:$b/api/persons/$person" | json '["name"]')" = "$name" ] \
  || fail "the public does not read the new person through the other instance"
say "  and by the public (replica, or built on the primary when the replica has no document yet)"

say "==> 3. lag: the replica's replay paused"
psql_replica -c "select pg_wal_replay_pause()" >/dev/null
etag=$(curl -fs -D - -o /dev/null "${auth[@]}" "http://127.0.0.1:$a/api/persons/$person" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
curl -fs "${auth[@]}" -X PUT -H 'Content-Type: application/json' -H "If-Match: $etag" "http://127.0.0.1:$a/api/persons/$person" \
  -d "{\"name\": \"$name (renamed)\", \"reason\": \"replica check\"}" >/dev/null
wait_for "$b" primary 10 || fail "the instance bound to 1 byte still reads the replica: $(replica_health "$b")"
say "  :$b (bound 1 byte)  publicReadsFrom lagBytes = $(replica_health "$b")"
say "  :$a (bound 16 MB)   publicReadsFrom lagBytes = $(replica_health "$a")"
[ "$(curl -fs "http://127.0.0.1:$b/api/persons/$person" | json '["name"]')" = "$name (renamed)" ] \
  || fail "the public read through :$b is not current while the replica lags"
say "  the public through :$b reads the renamed person (the primary); through :$a: \"$(curl -fs "http://127.0.0.1:$a/api/persons/$person" | json '["name"]')\""
psql_replica -c "select pg_wal_replay_resume()" >/dev/null
wait_for "$b" replica 20 || fail "the replica is not used again after its replay resumed: $(replica_health "$b")"
say "  replay resumed: :$b publicReadsFrom lagBytes = $(replica_health "$b")"
say "all replica checks passed"
