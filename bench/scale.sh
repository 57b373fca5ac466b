#!/usr/bin/env bash
# Casefile beyond one machine, measured on this one (issue 23): the public's reads with one and two instances, with and
# without a streaming replica, what each request and each write costs in CPU, and what the capacity plan
# (bench/CAPACITY.md) is computed from.
#
#   bash bench/scale.sh      about 25 minutes once the database is loaded (loading 100,000 people takes about 20 more;
#                            after an earlier run's writes, keeping it waits about 10 minutes for the kept counts)
#
# What it does:
# 1. A PostgreSQL 15 primary of its own (initdb in BENCH_SCALE_DIR, port 55432, wal_level replica), kept between runs:
#    bench/run.sh --load loads the bench database into it, or keeps it when it is already loaded, and waits until the
#    service's background builders have everything current.
# 2. A streaming replica of it, made afresh each run (pg_basebackup, port 55433).
# 3. Four shapes, each started afresh: one instance; two instances; one instance and the replica; two instances and the
#    replica. Instances run as the README runs them (java -Xmx256m -jar), the seed off. Every endpoint is asked for
#    BENCH_WARMUP seconds once; then for each endpoint a wrk warm-up and a measured run, 20 connections in all (with
#    two instances one wrk of 10 connections on each, as a balancer would split them). Over the measured run: the CPU
#    time of each instance, of the primary's and of the replica's processes (postmaster and children, /proc/PID/stat)
#    and of the whole machine (/proc/stat); after it, the connections each server holds for the database.
# 4. Writes: two instances and the replica; an editor (bench/editor.py) offers BENCH_SCALE_WRITE_RATE facts a second
#    through one instance for BENCH_SCALE_WRITE_SECONDS, with no reads; the window ends when the background builder
#    has the public person documents current again. Per write: CPU of the instances and of each server, WAL bytes; the
#    replica's replay lag (pg_stat_replication, sampled every half second); the kept count answers left stale.
# The report goes to bench/results/scale.md. Nothing is asserted: it fails only when something is broken. wrk and the
# samplers share the machine's 2 cores with everything measured; the report says how busy the machine was.
#
# Settings (environment):
#   BENCH_SCALE_DIR          where the two servers' data live (default /var/tmp/casefile-scale; the primary is kept)
#   BENCH_PEOPLE             people in the bench database (default 100000)
#   BENCH_DURATION, BENCH_WARMUP   measured and warm-up seconds per endpoint and shape (default 20 and 10)
#   BENCH_SCALE_WRITE_RATE, BENCH_SCALE_WRITE_SECONDS   the write phase (default 10 facts a second for 60 s)
#   BENCH_PG_BIN             PostgreSQL 15's programs (default /usr/lib/postgresql/15/bin)
#   BENCH_PRIMARY_PORT, BENCH_REPLICA_PORT, BENCH_HTTP_PORTS   (default 55432, 55433, "18101 18102"; a kept primary
#                            keeps the port it was made with: remove BENCH_SCALE_DIR to change it)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

dir=${BENCH_SCALE_DIR:-/var/tmp/casefile-scale}
bin=${BENCH_PG_BIN:-/usr/lib/postgresql/15/bin}
people=${BENCH_PEOPLE:-100000}
duration=${BENCH_DURATION:-20}
warmup=${BENCH_WARMUP:-10}
write_rate=${BENCH_SCALE_WRITE_RATE:-10}
write_seconds=${BENCH_SCALE_WRITE_SECONDS:-60}
primary_port=${BENCH_PRIMARY_PORT:-55432}
replica_port=${BENCH_REPLICA_PORT:-55433}
read -r -a ports <<< "${BENCH_HTTP_PORTS:-18101 18102}"
db=casefile_bench
admin_password=bench-admin-password-not-secret   # bench/run.sh makes this admin at the database's first start
work=bench/work/scale
report=bench/results/scale.md
rm -rf "$work"; mkdir -p "$work" bench/results
export BENCH_WRK_DIR="$root/bench/wrk" BENCH_INPUT_DIR="$root/bench/work/load"

log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$work/run.log"; }
fail() { log "FAILED: $*"; exit 1; }
. bench/postgres-pair.sh
psql_at() { psql -X -q -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d "$db" -c "$2"; }

pids=()
stop_instances() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
stop_servers() {
  for server in replica primary; do
    [ -f "$dir/$server/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$dir/$server" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir/replica"
}
trap 'stop_instances; stop_servers' EXIT
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null

# --- 1. the primary and the bench database ---------------------------------------------------------------------------
mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir"
if [ ! -f "$dir/primary/PG_VERSION" ]; then
  log "a primary in $dir/primary (initdb)"
  init_primary "$dir/primary" "$primary_port" "$dir"
fi
[ -f "$dir/primary/postmaster.pid" ] || as_postgres "$bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null
log "loading or keeping $people people (bench/run.sh --load; log bench/work/load/run.log)"
BENCH_PG_PORT=$primary_port BENCH_PEOPLE=$people BENCH_DB=$db BENCH_REUSE_DB=1 bash bench/run.sh --load >"$work/load.log" 2>&1 \
  || { tail -30 "$work/load.log"; fail "bench/run.sh --load failed"; }
psql_at "$primary_port" "vacuum (analyze)" >/dev/null
psql_at "$primary_port" "checkpoint" >/dev/null

# --- 2. the replica ----------------------------------------------------------------------------------------------------
rm -rf "$dir/replica"
log "a streaming replica on port $replica_port (pg_basebackup)"
t0=$(date +%s)
start_replica "$primary_port" "$dir/replica" "$replica_port"
basebackup_s=$(( $(date +%s) - t0 ))
[ "$(psql_at "$replica_port" 'select pg_is_in_recovery()')" = t ] || fail "the replica is not in recovery"
db_size=$(psql_at "$primary_port" "select pg_size_pretty(pg_database_size('$db'))")
log "replica streaming after ${basebackup_s} s (database $db_size)"

# --- CPU time, in clock ticks -----------------------------------------------------------------------------------------
hz=$(getconf CLK_TCK)
# A process's user and system time; with "all", also that of its children it has reaped.
proc_ticks() {
  local stat f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  read -r -a f <<<"${stat##*) }"
  if [ "${2:-}" = all ]; then echo $(( f[11] + f[12] + f[13] + f[14] )); else echo $(( f[11] + f[12] )); fi
}
# A PostgreSQL server's: its postmaster (with the backends that have exited) and its live processes.
server_ticks() {
  local pm sum child
  [ -f "$dir/$1/postmaster.pid" ] || { echo 0; return; }
  pm=$(head -1 "$dir/$1/postmaster.pid"); sum=$(proc_ticks "$pm" all)
  for child in $(pgrep -P "$pm"); do sum=$(( sum + $(proc_ticks "$child") )); done
  echo "$sum"
}
instances_ticks() { local sum=0 pid; for pid in "${pids[@]}"; do sum=$(( sum + $(proc_ticks "$pid") )); done; echo "$sum"; }
machine_ticks() { local _ u n s i w q sq st; read -r _ u n s i w q sq st _ </proc/stat; echo "$(( u + n + s + q + sq )) $(( u + n + s + i + w + q + sq + st )) $st"; }
# "instances primary replica busy total steal" now.
snapshot() { echo "$(instances_ticks) $(server_ticks primary) $(server_ticks replica) $(machine_ticks)"; }
held_connections() {
  psql_at "$1" "select count(*) from pg_stat_activity where datname = '$db' and backend_type = 'client backend' and pid <> pg_backend_pid()"
}

# --- 3. the shapes ----------------------------------------------------------------------------------------------------
ready() { curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1; }
start_shape() { # instances, replica (yes/no)
  local i n=$1 extra=()
  [ "$2" = yes ] && extra=(CASEFILE_READ_REPLICA_JDBC_URL="jdbc:postgresql://127.0.0.1:$replica_port/$db")
  for (( i = 0; i < n; i++ )); do
    env CASEFILE_SEED_ENABLED=false QUARKUS_HTTP_PORT="${ports[$i]}" CASEFILE_ADMIN_PASSWORD="$admin_password" \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$primary_port/$db" \
      QUARKUS_DATASOURCE_USERNAME=casefile QUARKUS_DATASOURCE_PASSWORD=casefile "${extra[@]}" \
      java -Xmx256m -jar target/quarkus-app/quarkus-run.jar >"$work/instance-$n-$2-$i.log" 2>&1 &
    pids+=($!)
  done
  for (( i = 0; i < n; i++ )); do
    for _ in $(seq 1 600); do
      ready "${ports[$i]}" && grep -q "people in the name index" "$work/instance-$n-$2-$i.log" && break
      kill -0 "${pids[$i]}" 2>/dev/null || { tail -30 "$work/instance-$n-$2-$i.log"; fail "instance $i exited"; }
      sleep 0.5
    done
    if [ "$2" = yes ]; then
      for _ in $(seq 1 60); do
        curl -fs "http://127.0.0.1:${ports[$i]}/q/health/ready" | grep -q '"publicReadsFrom" *: *"replica"' && break
        sleep 0.5
      done
      curl -fs "http://127.0.0.1:${ports[$i]}/q/health/ready" | grep -q '"publicReadsFrom" *: *"replica"' \
        || fail "instance $i does not read from the replica"
    fi
  done
}

# endpoint | wrk script | label | weight in the read mix (per cent)
endpoints=(
  "person|person.lua|GET /api/persons/{id}|35"
  "status|status.lua|GET /api/persons/{id}/status?asOf={day}|15"
  "counts|counts.lua|GET /api/counts?asOf={day}&definition=detained|15"
  "detained|detained.lua|GET /api/persons?status=detained&asOf={day}|5"
  "search|search.lua|GET /api/persons?q={name with a typo}|10"
  "person_page|person-page.lua|GET /people/{id} (page)|20"
)
shapes=("1 no" "2 no" "1 yes" "2 yes")
declare -A rps p99 svc_ms pri_ms rep_ms busy_pct steal_pct conns_pri conns_rep errors

wrk_result() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1"; }
run_wrk() { # instances, lua, seconds, output prefix
  local i n=$1 runs=()
  if [ "$n" = 1 ]; then
    wrk -t2 -c20 -d"$3"s --timeout 10s --latency -s "bench/wrk/$2" "http://127.0.0.1:${ports[0]}" >"$4-0.txt" 2>&1 &
    runs+=($!)
  else
    for (( i = 0; i < n; i++ )); do
      BENCH_SEED=$(( 4242 + 1000 * i )) wrk -t1 -c10 -d"$3"s --timeout 10s --latency -s "bench/wrk/$2" \
        "http://127.0.0.1:${ports[$i]}" >"$4-$i.txt" 2>&1 &
      runs+=($!)
    done
  fi
  for i in "${runs[@]}"; do wait "$i" || fail "wrk failed ($4)"; done
}
# CPU ticks as milliseconds per request.
per_request() { python3 -c "print(round(($1) * 1000 / $hz / $2, 3))"; }

for shape in "${shapes[@]}"; do
  read -r n replica <<<"$shape"
  log "shape: $n instance(s), replica $replica"
  start_shape "$n" "$replica"
  # Every endpoint once before any is measured: the JIT compiles what the whole mix runs, as in a service up for long.
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua label weight <<<"$e"
    run_wrk "$n" "$lua" "$warmup" "$work/wrk-$n-$replica-$name-first"
  done
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua label weight <<<"$e"
    key="$n-$replica-$name"
    run_wrk "$n" "$lua" "$warmup" "$work/wrk-$key-warmup"
    before=$(snapshot)
    run_wrk "$n" "$lua" "$duration" "$work/wrk-$key"
    after=$(snapshot)
    read -r b_i b_p b_r b_busy b_total b_steal <<<"$before"
    read -r a_i a_p a_r a_busy a_total a_steal <<<"$after"
    requests=0; total_rps=0; worst_p99=0; bad=0
    for f in "$work/wrk-$key"-[0-9].txt; do
      grep -q '^BENCH_RESULT' "$f" || { cat "$f"; fail "no result from wrk ($f)"; }
      requests=$(( requests + $(wrk_result "$f" requests) ))
      total_rps=$(python3 -c "print(round($total_rps + $(wrk_result "$f" rps), 1))")
      worst_p99=$(python3 -c "print(max($worst_p99, $(wrk_result "$f" p99_ms)))")
      bad=$(( bad + $(wrk_result "$f" non2xx) + $(wrk_result "$f" timeout) + $(wrk_result "$f" read) + $(wrk_result "$f" connect) ))
    done
    [ "$requests" -gt 0 ] || fail "$key: no request answered"
    rps[$key]=$total_rps; p99[$key]=$worst_p99; errors[$key]=$bad
    svc_ms[$key]=$(per_request "$a_i - $b_i" "$requests"); pri_ms[$key]=$(per_request "$a_p - $b_p" "$requests")
    rep_ms[$key]=$(per_request "$a_r - $b_r" "$requests")
    busy_pct[$key]=$(( (a_busy - b_busy) * 100 / (a_total - b_total) )); steal_pct[$key]=$(( (a_steal - b_steal) * 100 / (a_total - b_total) ))
    conns_pri[$key]=$(held_connections "$primary_port"); conns_rep[$key]=$(held_connections "$replica_port")
    log "$key: ${rps[$key]} req/s, p99 ${p99[$key]} ms, CPU ms/request: instances ${svc_ms[$key]}, primary ${pri_ms[$key]}, replica ${rep_ms[$key]}; machine busy ${busy_pct[$key]}% (steal ${steal_pct[$key]}%); connections held: primary ${conns_pri[$key]}, replica ${conns_rep[$key]}; errors $bad"
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "an instance died during $key"; done
  done
  stop_instances
done

# --- 4. writes ----------------------------------------------------------------------------------------------------------
log "writes: two instances and the replica, $write_rate facts a second for $write_seconds s through :${ports[0]}"
start_shape 2 yes
outdated() { psql_at "$primary_port" "select count(*) from person_document_outdated"; }
stale_counts() { psql_at "$primary_port" "select count(*) from count_answer where stale"; }
lsn0=$(psql_at "$primary_port" "select pg_current_wal_lsn()")
( while sleep 0.5; do
    psql_at "$primary_port" "select coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint,
                                    coalesce(round(extract(epoch from replay_lag) * 1000), 0)::bigint from pg_stat_replication" 2>/dev/null
  done ) >"$work/lag.txt" &
lag_sampler=$!
before=$(snapshot)
t0=$(date +%s%3N)
python3 bench/editor.py --base "http://127.0.0.1:${ports[0]}" --inputs "$BENCH_INPUT_DIR" --admin "admin:$admin_password" \
  --rate "$write_rate" --out "$work/editor.json" >"$work/editor.log" 2>&1 &
editor=$!
sleep "$write_seconds"; kill -TERM "$editor"; wait "$editor" || { cat "$work/editor.log"; fail "the editor failed"; }
writes_ms=$(( $(date +%s%3N) - t0 ))
caught_up=no
for _ in $(seq 1 1200); do
  [ "$(outdated)" -eq 0 ] && { caught_up=yes; break; }
  sleep 0.5
done
catch_up_ms=$(( $(date +%s%3N) - t0 - writes_ms ))
stale=$(stale_counts)
after=$(snapshot)
kill "$lag_sampler" 2>/dev/null || true
lsn1=$(psql_at "$primary_port" "select pg_current_wal_lsn()")
made=$(python3 -c "import json; print(json.load(open('$work/editor.json'))['made'])")
[ "$made" -gt 0 ] || { cat "$work/editor.json"; fail "the editor made no write"; }
read -r b_i b_p b_r b_busy b_total b_steal <<<"$before"
read -r a_i a_p a_r a_busy a_total a_steal <<<"$after"
w_svc=$(per_request "$a_i - $b_i" "$made"); w_pri=$(per_request "$a_p - $b_p" "$made"); w_rep=$(per_request "$a_r - $b_r" "$made")
w_wal=$(psql_at "$primary_port" "select round(pg_wal_lsn_diff('$lsn1', '$lsn0') / $made)")
lag_max=$(awk -F'|' 'BEGIN {b = 0; t = 0} {if ($1 > b) b = $1; if ($2 > t) t = $2} END {print b, t}' "$work/lag.txt")
read -r lag_bytes lag_ms <<<"$lag_max"
write_p99=$(python3 -c "import json; print(round(json.load(open('$work/editor.json'))['write_p99_ms']))")
log "writes: $made made in $(( writes_ms / 1000 )) s (p99 $write_p99 ms); $stale kept count answers stale; documents caught up: $caught_up, $(( catch_up_ms / 1000 )) s after; per write: instances $w_svc ms, primary $w_pri ms, replica $w_rep ms of CPU, $w_wal bytes of WAL; replay lag at most $lag_bytes bytes, $lag_ms ms"
stop_instances

# --- the report --------------------------------------------------------------------------------------------------------
{
  echo "# Casefile beyond one machine: measured on one, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(free -g | awk '/Mem:/{print $2}') GiB;"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') primary (port $primary_port) and a streaming replica of it (pg_basebackup in ${basebackup_s} s, port $replica_port), each"
  echo "with default settings (shared_buffers 128 MB); bench database: $people generated people, $db_size. Instances:"
  echo "\`java -Xmx256m -jar target/quarkus-app/quarkus-run.jar\`, each with its connection pools (24 JDBC, 4 reactive, 4 reactive"
  echo "on the replica). Made by \`bash bench/scale.sh\`; the capacity plan built on it is bench/CAPACITY.md."
  echo
  echo "Each shape started afresh and asked every endpoint for ${warmup} s in turn first. Each row: wrk, 20 connections in all,"
  echo "${warmup} s warm-up then ${duration} s (two instances: one wrk of 10 connections"
  echo "on each, req/s added, p99 the worse of the two). CPU ms per request: the CPU time the instances, the primary's"
  echo "processes and the replica's processes used over the measured run, divided by the requests answered. Machine busy:"
  echo "all CPU time used (the measured processes, wrk, the kernel) over the run, of $(nproc) cores; steal: taken by the hypervisor."
  echo "Connections: what the servers held for the database after the run (pool connections, active or idle)."
  echo
  echo "| endpoint | instances | replica | req/s | p99 ms | CPU ms/request: instances | primary | replica | machine busy | steal | connections: primary | replica | errors |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua label weight <<<"$e"
    for shape in "${shapes[@]}"; do
      read -r n replica <<<"$shape"; key="$n-$replica-$name"
      printf '| `%s` | %s | %s | %.0f | %.1f | %s | %s | %s | %s%% | %s%% | %s | %s | %s |\n' "$label" "$n" "$replica" \
        "${rps[$key]}" "${p99[$key]}" "${svc_ms[$key]}" "${pri_ms[$key]}" "${rep_ms[$key]}" "${busy_pct[$key]}" \
        "${steal_pct[$key]}" "${conns_pri[$key]}" "${conns_rep[$key]}" "${errors[$key]}"
    done
  done
  echo
  echo "The read mix the capacity plan uses (weights: a public that mostly opens a person): each endpoint's share, and"
  echo "its CPU per request measured with one instance and the replica (the shape that separates the replica's work)."
  echo
  echo "| endpoint | share | instances ms | primary ms | replica ms |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  mix_svc=0; mix_pri=0; mix_rep=0; mix_inv=0
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua label weight <<<"$e"; key="1-yes-$name"; k1="1-no-$name"
    echo "| \`$label\` | $weight% | ${svc_ms[$key]} | ${pri_ms[$key]} | ${rep_ms[$key]} |"
    mix_svc=$(python3 -c "print($mix_svc + $weight / 100 * ${svc_ms[$key]})")
    mix_pri=$(python3 -c "print($mix_pri + $weight / 100 * ${pri_ms[$key]})")
    mix_rep=$(python3 -c "print($mix_rep + $weight / 100 * ${rep_ms[$key]})")
    mix_inv=$(python3 -c "print($mix_inv + $weight / 100 / ${rps[$k1]})")
  done
  printf '| **the mix** | 100%% | **%.3f** | **%.3f** | **%.3f** |\n' "$mix_svc" "$mix_pri" "$mix_rep"
  echo
  printf 'One instance without the replica serves the mix at about %.0f req/s on this machine (weighted harmonic mean of\n' "$(python3 -c "print(1 / $mix_inv)")"
  echo "its rows above): the \"today\" of the capacity plan."
  echo
  echo "Writes (two instances and the replica): bench/editor.py offered $write_rate facts a second through one instance for"
  echo "$write_seconds s, no reads; $made writes made (p99 $write_p99 ms). The window runs until the background builder had"
  echo "the public person documents current again (caught up: $caught_up, $(( catch_up_ms / 1000 )) s after the last write). The"
  echo "kept counts are not waited for: the writes left $stale answers stale (each day a changed custody period covers); a"
  echo "read of such a day brings its answer up to date, and the count builder the rest, 500 a minute once no change came"
  echo "for a minute (CountBuilder), so their cost is bounded by the number of days, not by the number of writes."
  echo
  echo "| per write | instances CPU ms | primary CPU ms | replica CPU ms | WAL bytes | replica replay lag at most |"
  echo "| --- | ---: | ---: | ---: | ---: | --- |"
  echo "| measured | $w_svc | $w_pri | $w_rep | $w_wal | $lag_bytes bytes, $lag_ms ms |"
} >"$report"
log "report: $report"
