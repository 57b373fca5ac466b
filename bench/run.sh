#!/usr/bin/env bash
# Casefile benchmark (issue 8): the service against PostgreSQL itself, side by side, in one command.
#
#   bash bench/run.sh            full size: 100,000 people, 1,000,000 custody periods (about 45 minutes)
#   bash bench/run.sh --smoke    1,000 people, short durations (a few minutes; CI runs this)
#   bash bench/run.sh --soak     100,000 people, 20 readers and 2 writers for 10 minutes (bench/soak.py), then a
#                                check that every acknowledged write is there; report in bench/results/soak.md
#
# What it does: installs wrk if missing; builds the jar if it is missing or older than the sources; creates a
# fresh database (dropping only its own: casefile_bench, casefile_bench_smoke) owned by the ordinary role the
# service logs in with; lets Casefile migrate it (one start with the seed switched off); loads bench/generate.sql
# at the requested scale; VACUUM ANALYZE and CHECKPOINT; starts the packaged service with -Xmx256m three times (one
# start records a class-data archive as it exits, then start to ready is timed without it and with it, the latter
# kept as the service measured); waits until the service's background builders have the public person documents current, the counts kept and the
# name index built (the times go in the report);
# then for each endpoint a wrk warm-up and a measured run (20 connections, 2 threads) followed by pgbench
# (20 clients, 2 threads, the same duration) running the SQL that endpoint sends; then the CSV timeline export
# over HTTP against COPY (...) TO STDOUT, with the service's peak heap from its GC log; then the editing phase: each
# endpoint's wrk runs again while an editor offers 5 facts a second through the API (bench/editor.py). The report goes to
# bench/results/latest.md (full) or bench/work/smoke/report.md (--smoke; not kept in git). Targets are reported,
# never asserted: the script fails only when something is broken (an error answer, a failing script, a dead service).
#
# Settings (environment):
#   BENCH_PEOPLE           people to generate (default 100000, --smoke 1000)
#   BENCH_DURATION         measured seconds per endpoint, wrk and pgbench each (default 30, --smoke 5)
#   BENCH_WARMUP           wrk warm-up seconds per endpoint (default 10, --smoke 2)
#   BENCH_PG_URL           the PostgreSQL server as postgresql://SUPERUSER[:PASSWORD]@HOST:PORT (default
#                          postgresql://postgres@127.0.0.1:5432); or BENCH_PG_HOST, BENCH_PG_PORT, BENCH_PG_SUPERUSER
#   BENCH_DB               database to (re)create (default casefile_bench, --smoke casefile_bench_smoke)
#   BENCH_APP_USER/_PASSWORD  the service's ordinary role (default casefile/casefile, created if missing)
#   BENCH_HTTP_PORT        the service's port (default 18090)
#   BENCH_HEAP             the service's -Xmx (default 256m)
#   BENCH_REUSE_DB=1       keep the database of an earlier run at the same size instead of reloading it
#   BENCH_BUILD_WAIT_MINUTES  how long to wait for the service's background builders before giving up (default 30;
#                          judging everyone again takes minutes at 100,000 people, many more on a busy machine)
#   BENCH_EDIT_RATE        facts a second the editor offers in the editing phase (default 5)
#   BENCH_SOAK_SECONDS     --soak: how long readers and writers run (default 600)
#   BENCH_SOAK_READERS, BENCH_SOAK_WRITERS   --soak: how many of each (default 20 and 2)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

mode=full
for arg in "$@"; do
  case "$arg" in
    --smoke) mode=smoke ;;
    --soak) mode=soak ;;
    -h|--help) sed -n '2,38p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (use --smoke, --soak or nothing)" >&2; exit 2 ;;
  esac
done

if [ "$mode" = smoke ]; then
  people=${BENCH_PEOPLE:-1000}; duration=${BENCH_DURATION:-5}; warmup=${BENCH_WARMUP:-2}
  db=${BENCH_DB:-casefile_bench_smoke}; report=bench/work/smoke/report.md
elif [ "$mode" = soak ]; then
  people=${BENCH_PEOPLE:-100000}; duration=0; warmup=0
  db=${BENCH_DB:-casefile_bench}; report=bench/results/soak.md
  soak_seconds=${BENCH_SOAK_SECONDS:-600}; soak_readers=${BENCH_SOAK_READERS:-20}; soak_writers=${BENCH_SOAK_WRITERS:-2}
else
  people=${BENCH_PEOPLE:-100000}; duration=${BENCH_DURATION:-30}; warmup=${BENCH_WARMUP:-10}
  db=${BENCH_DB:-casefile_bench}; report=bench/results/latest.md
fi
pg_warmup=$(( warmup > 5 ? 5 : warmup ))
build_wait_minutes=${BENCH_BUILD_WAIT_MINUTES:-30}
connections=20
threads=2
edit_rate=${BENCH_EDIT_RATE:-5}
http_port=${BENCH_HTTP_PORT:-18090}
heap=${BENCH_HEAP:-256m}
app_user=${BENCH_APP_USER:-casefile}
app_password=${BENCH_APP_PASSWORD:-casefile}
# The soak's writers log in as this admin (made at start from CASEFILE_ADMIN_PASSWORD).
admin_password=bench-admin-password-not-secret

if [ -n "${BENCH_PG_URL:-}" ]; then
  eval "$(python3 - "$BENCH_PG_URL" <<'PY'
import sys, shlex, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
print("pg_host=%s pg_port=%s pg_super=%s pg_super_password=%s" % (shlex.quote(u.hostname or "127.0.0.1"),
      u.port or 5432, shlex.quote(urllib.parse.unquote(u.username or "postgres")),
      shlex.quote(urllib.parse.unquote(u.password or ""))))
PY
)"
else
  pg_host=${BENCH_PG_HOST:-127.0.0.1}; pg_port=${BENCH_PG_PORT:-5432}; pg_super=${BENCH_PG_SUPERUSER:-postgres}
  pg_super_password=${PGPASSWORD:-}
fi

work=bench/work/$mode
rm -rf "$work"; mkdir -p "$work" bench/results
log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$work/run.log"; }
fail() { log "FAILED: $*"; exit 1; }

su_psql() { PGPASSWORD=$pg_super_password psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_super" "$@"; }
app_psql() { PGPASSWORD=$app_password psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$app_user" -d "$db" "$@"; }
now_ms() { date +%s%3N; }

service_pid=
stop_service() {
  if [ -n "$service_pid" ] && kill -0 "$service_pid" 2>/dev/null; then
    kill "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
  fi
  service_pid=
}
trap stop_service EXIT

# True when /q/health/ready answers 200. Asked with bash's own /dev/tcp, not curl: while the service starts, 20
# curl processes a second took about a tenth of the 2 cores that startup is timed on.
ready_now() {
  local http reply
  { exec {http}<>"/dev/tcp/127.0.0.1/$http_port"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$http"
  IFS= read -r -t 5 -u "$http" reply || reply=
  exec {http}>&-
  [[ $reply == "HTTP/1."?" 200"* ]]
}

# Starts the packaged service against the bench database, as the README runs it (java [options] -jar
# target/quarkus-app/quarkus-run.jar); sets service_pid and startup_ms (launch to ready).
start_service() {
  local out=$1; shift
  local t0 pause; t0=$(now_ms)
  env CASEFILE_SEED_ENABLED=false QUARKUS_HTTP_PORT="$http_port" CASEFILE_ADMIN_PASSWORD="$admin_password" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$db" \
    QUARKUS_DATASOURCE_USERNAME="$app_user" QUARKUS_DATASOURCE_PASSWORD="$app_password" \
    java "$@" -jar target/quarkus-app/quarkus-run.jar >"$out" 2>&1 &
  service_pid=$!
  # A pipe no one writes to: reading it with a timeout waits 50 ms without starting a process.
  exec {pause}<> <(:)
  for _ in $(seq 1 3000); do
    if ready_now; then
      startup_ms=$(( $(now_ms) - t0 )); exec {pause}>&-; return 0
    fi
    kill -0 "$service_pid" 2>/dev/null || { tail -50 "$out"; fail "the service exited before it was ready (log: $out)"; }
    read -r -t 0.05 -u "$pause" _ || true
  done
  tail -50 "$out"; fail "the service was not ready after 150 s (log: $out)"
}

# The machine's load, sampled every 5 s for the report: other work on the machine skews every figure.
# Also the share of CPU time the hypervisor gave to others (steal, from /proc/stat): on a shared virtual machine
# that, not the load, is often what moves the figures from one run to the next.
( read -r _ u n s i w q sq st _ </proc/stat; before=$((u + n + s + i + w + q + sq + st)); stolen=$st
  while sleep 5; do
    read -r _ u n s i w q sq st _ </proc/stat; now=$((u + n + s + i + w + q + sq + st))
    echo "$(cut -d' ' -f1 /proc/loadavg) $(( (st - stolen) * 100 / (now > before ? now - before : 1) ))"
    before=$now; stolen=$st
  done ) >"$work/load.txt" 2>/dev/null &
load_sampler=$!
trap 'stop_service; kill $load_sampler 2>/dev/null || true' EXIT
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
top -bn2 -d1 -w 200 2>/dev/null | awk '/^top -/{n++} n==2' | sed -n '8,13p' >"$work/top-at-start.txt" || true
log "Casefile benchmark, $mode: $people people, ${duration}s per run (warm-up ${warmup}s), $connections connections, $threads threads"

# --- tools ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt-get)"
  { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; } >"$work/apt.log" 2>&1 \
    || fail "could not install wrk (see $work/apt.log)"
fi
for tool in psql pgbench curl java python3; do command -v "$tool" >/dev/null || fail "$tool is needed"; done

jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -type f 2>/dev/null | head -1)" ]; then
  log "building the service (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "build failed"; }
fi

# --- a fresh database, migrated by Casefile ---------------------------------------------------------------------
# BENCH_REUSE_DB=1 keeps a database an earlier run loaded at the same size (to re-measure without reloading).
reuse=no
if [ "${BENCH_REUSE_DB:-0}" = 1 ] && [ "$(su_psql -d postgres -At -c "select count(*) from pg_database where datname = '$db'")" = 1 ] \
   && [ "$(app_psql -At -c "select count(*) from person where id like 'gen-%'" 2>/dev/null)" = "$people" ]; then
  reuse=yes
fi
if [ "$reuse" = yes ]; then
  log "reusing database $db (BENCH_REUSE_DB=1): $people people already loaded"
  load_ms=0; vacuum_ms=0; migrate_note="an unmeasured time (the database was reused)"
else
log "creating database $db on $pg_host:$pg_port (role $app_user)"
su_psql -d postgres <<SQL
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = '$app_user') then
    create role "$app_user" login password '$app_password' nosuperuser nobypassrls nocreaterole;
  end if;
end \$\$;
drop database if exists "$db" with (force);
create database "$db" owner "$app_user";
SQL
fi
# The extensions the migrations use, created by the superuser as the service does for its own database
# (AppDatabase.SUPERUSER_SETUP). The LEAKPROOF declarations are for the PostgreSQL-alone peer only (pgbench/search.sql):
# under row-level security its trigram index (bench/inputs.sql) is used only for operators so declared.
su_psql -d "$db" <<SQL
create extension if not exists pg_trgm;
create extension if not exists unaccent;
alter function similarity_op(text, text) leakproof;
alter function word_similarity_op(text, text) leakproof;
alter function word_similarity_commutator_op(text, text) leakproof;
SQL
if [ "$reuse" = no ]; then

log "migrating (the service starts once, with the seed switched off)"
start_service "$work/migrate.log" -Xmx$heap
migrate_ms=$startup_ms; migrate_note="$migrate_ms ms"
stop_service
log "migrated; first start (with the migrations) took $migrate_ms ms"

# --- data -------------------------------------------------------------------------------------------------------
log "generating $people people (bench/generate.sql)"
t0=$(now_ms)
su_psql -d "$db" -v people="$people" -f bench/generate.sql >"$work/generate.log" 2>&1 || { tail -20 "$work/generate.log"; fail "generate.sql failed"; }
load_ms=$(( $(now_ms) - t0 ))
t0=$(now_ms)
su_psql -d "$db" -c "vacuum (analyze)" >/dev/null
# The load's dirty pages are written now, not by a checkpoint while the service starts and is measured.
su_psql -d "$db" -c "checkpoint" >/dev/null
vacuum_ms=$(( $(now_ms) - t0 ))
su_psql -d "$db" -f bench/inputs.sql >/dev/null 2>&1 || fail "inputs.sql failed"
log "loaded in $(( load_ms / 1000 )) s, vacuum analyze and checkpoint $(( vacuum_ms / 1000 )) s"
fi

app_psql -At -c "select id from bench_input.person_id order by i" >"$work/ids.txt"
app_psql -At -c "select q from bench_input.typo order by i" >"$work/typos.txt"
typos=$(wc -l <"$work/typos.txt")

counts=$(app_psql -At -F ' ' <<'SQL'
select (select count(*) from person), (select count(*) from person_name), (select count(*) from custody_period),
       (select count(*) from incident), (select count(*) from involvement), (select count(*) from charge),
       (select count(*) from citation), (select count(*) from source), pg_size_pretty(pg_database_size(current_database()))
SQL
)
read -r n_person n_name n_custody n_incident n_involvement n_charge n_citation n_source db_size <<<"$counts"
precision_mix=$(app_psql -At -F ' ' <<'SQL'
select string_agg(k || ' ' || round(100.0 * n / total, 1) || '%', ', ' order by n desc) from (
  select k, n, sum(n) over () total from (
  select case when start_edtf is null then 'no start' when start_edtf ~ '/' then 'interval'
              when start_edtf ~ '[?]$' then 'uncertain day' when start_edtf ~ '~$' then 'approximate month'
              when start_edtf ~ '^\d{4}-2[1-4]$' then 'season' when length(start_edtf) = 10 then 'day'
              when length(start_edtf) = 7 then 'month' else 'year' end k, count(*) n
  from custody_period group by 1) t) u
SQL
)
end_mix=$(app_psql -At -F ' ' <<'SQL'
select string_agg(k || ' ' || round(100.0 * n / total, 1) || '%', ', ' order by n desc) from (
  select k, n, sum(n) over () total from (
  select case when end_edtf is not null then 'closed (' || case length(end_edtf) when 10 then 'day' when 7 then 'month' else 'year' end || ')'
              when confirmed_on is not null then 'open, confirmed by a letter' else 'open, unconfirmed' end k, count(*) n
  from custody_period group by 1) t) u
SQL
)

# --- the service under test --------------------------------------------------------------------------------------
if [ "$mode" = soak ]; then
  log "starting the service (-Xmx$heap) for the soak"
  start_service "$work/service.log" -Xmx$heap "-Xlog:gc:file=$work/gc.log"
else
# Three starts (README, "Starting faster"): one that writes the class-data archive as it exits, one without the
# archive, and the one measured, with it.
archive=target/casefile.jsa
rm -f "$archive"
log "starting the service once to record its class-data archive ($archive)"
start_service "$work/service-training.log" -Xmx$heap "-XX:ArchiveClassesAtExit=$archive"
stop_service
[ -f "$archive" ] || fail "the JVM wrote no class-data archive (see $work/service-training.log)"
log "starting the service (-Xmx$heap) against the loaded database, without the archive"
start_service "$work/service-plain.log" -Xmx$heap
plain_startup_ms=$startup_ms
plain_started=$(grep -o 'started in [0-9.]*s' "$work/service-plain.log" | head -1 | sed 's/started in //')
stop_service
log "without the archive: ready in $plain_startup_ms ms; starting it with the archive"
start_service "$work/service.log" -Xmx$heap "-XX:SharedArchiveFile=$archive" "-Xlog:gc:file=$work/gc.log"
log "with the archive: ready in $startup_ms ms"
if grep -qiE 'shared (class paths|archive)' "$work/service.log"; then
  log "WARNING: the JVM did not use the class-data archive (see $work/service.log); the startup above is without it"
fi
quarkus_started=$(grep -o 'started in [0-9.]*s' "$work/service.log" | head -1 | sed 's/started in //')
fi

# Waits (up to 15 minutes) until $2 prints 0, the number of things the service still has to build.
wait_built() {
  local what=$1 left=$2 deadline=$(( $(date +%s) + build_wait_minutes * 60 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ "$($left)" -eq 0 ] && return 0
    kill -0 "$service_pid" 2>/dev/null || fail "the service exited while building $what (log: $work/service.log)"
    sleep 0.5
  done
  fail "the service had not built $what after $build_wait_minutes minutes (log: $work/service.log; BENCH_BUILD_WAIT_MINUTES waits longer)"
}

# The service keeps the public person documents built in the background (PersonDocumentBuilder); person detail is
# measured once it has built them all, as a running service would have. How long that took goes in the report.
outdated_documents() {
  app_psql -At -c "select count(*) from person_document_outdated"
}
t0=$(now_ms)
documents_to_build=$(outdated_documents)
wait_built "the person documents" outdated_documents
documents_ms=$(( $(now_ms) - t0 ))
log "person documents: $documents_to_build to build when ready, all current after $documents_ms ms"
# Likewise the kept counts (CountBuilder): the public answer of definition=detained kept for every day the kept
# judgement (day ranges, judged at load) covers. Counts are measured once it has them all.
counts_not_kept() {
  app_psql -At -c "select 1 - count(*) from custody_judgement_built b join data_version d on d.version = b.answers_kept_for"
}
if [ "$mode" = soak ]; then
  # The soak's writers change the data within seconds, and every change makes the kept counts stale until they are
  # built again: the readers meet the service as it is while people write, kept counts or not.
  counts_not_kept() { echo 0; }
fi
wait_built "the kept counts" counts_not_kept
counts_ms=$(( $(now_ms) - t0 ))
judgement_runs=$(app_psql -At -c "select count(*) from custody_judgement")
kept_counts=$(app_psql -At -c "select count(*) from count_answer a join data_version d on d.version = a.version")
log "kept counts: $kept_counts answers from $judgement_runs judged runs of days, all current $counts_ms ms after ready"
# The name index (PersonNameIndex, Lucene) is built whole in the service's memory a few seconds after start, then kept
# per changed person; name search is measured with it, as a running service has it. Its first build's time is in the
# service's log.
name_index_missing() {
  if grep -q "people in the name index" "$work/service.log"; then echo 0; else echo 1; fi
}
wait_built "the name index" name_index_missing
name_index_ms=$(grep -o "people in the name index in [0-9]* ms" "$work/service.log" | head -1 | grep -o "[0-9]* ms" | sed 's/ ms//')
log "name index: built in $name_index_ms ms"
# As after the load: the freshly written tables are vacuumed and their pages written out now, not by autovacuum or
# by backends evicting dirty buffers during a measurement (the documents outgrow a default shared_buffers).
app_psql -c "vacuum (analyze) person_document, person_change, custody_judgement, custody_claimant, count_answer" >/dev/null
su_psql -d "$db" -c "checkpoint" >/dev/null

base="http://127.0.0.1:$http_port"

if [ "$mode" = soak ]; then
  . bench/soak-report.sh
  exit 0
fi
export BENCH_WRK_DIR="$root/bench/wrk" BENCH_INPUT_DIR="$root/$work"
first_id=$(head -1 "$work/ids.txt")
first_typo=$(head -1 "$work/typos.txt" | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read().strip()))')

# endpoint name | wrk script | pgbench script | a sample request (to check it answers) | label
endpoints=(
  "person|person.lua|person.sql|/api/persons/$first_id|GET /api/persons/{id}"
  "detained|detained.lua|detained.sql|/api/persons?status=detained&asOf=2015-06-01|GET /api/persons?status=detained&asOf={day}"
  "status|status.lua|status.sql|/api/persons/$first_id/status?asOf=2015-06-01|GET /api/persons/{id}/status?asOf={day}"
  "counts|counts.lua|counts.sql|/api/counts?asOf=2015-06-01&definition=detained|GET /api/counts?asOf={day}&definition=detained"
  "search|search.lua|search.sql|/api/persons?q=$first_typo|GET /api/persons?q={name with a typo}"
  # The web app's pages (issue 19), each beside the JSON it shows; no SQL of their own to compare ("-").
  "front|front.lua|-|/api/persons?concern=true|GET /api/persons?concern=true"
  "home|home.lua|-|/|GET / (page)"
  "person_page|person-page.lua|-|/people/$first_id|GET /people/{id} (page)"
  "source|source.lua|-|/api/sources/src-$first_id|GET /api/sources/{id}"
  "source_page|source-page.lua|-|/sources/src-$first_id|GET /sources/{id} (page)"
)

# Waits (up to 120 s) until the service has finished the requests wrk gave up on, so runs do not overlap.
drain() {
  local active
  for _ in $(seq 1 240); do
    active=$(su_psql -d postgres -At -c "select count(*) from pg_stat_activity where datname = '$db' and usename = '$app_user' and state = 'active'")
    [ "$active" -eq 0 ] && return 0
    sleep 0.5
  done
  log "the service still had $active queries running after 120 s"
}

# Percentiles of pgbench's per-transaction log (third field: latency in microseconds).
pg_percentiles() {
  cat "$@" | awk '{print $3}' | sort -n | awk '{v[NR]=$1} END {
    if (NR == 0) { print "nan nan"; exit }
    i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1;
    printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }'
}

# One wrk warm-up and measured run of an endpoint; sets r_rps, r_p50, r_p99 and r_note (empty unless errors).
measure_wrk() {
  local name=$1 lua=$2 tag=$3 line socket_errors
  log "$name$tag: wrk warm-up ${warmup}s"
  wrk -t$threads -c$connections -d${warmup}s --timeout 10s -s "bench/wrk/$lua" "$base" >"$work/wrk-$name$tag-warmup.txt" 2>&1 \
    || { cat "$work/wrk-$name$tag-warmup.txt"; fail "wrk failed on $name$tag"; }
  log "$name$tag: wrk ${duration}s"
  wrk -t$threads -c$connections -d${duration}s --timeout 10s --latency -s "bench/wrk/$lua" "$base" >"$work/wrk-$name$tag.txt" 2>&1 \
    || { cat "$work/wrk-$name$tag.txt"; fail "wrk failed on $name$tag"; }
  line=$(grep '^BENCH_RESULT' "$work/wrk-$name$tag.txt") || { cat "$work/wrk-$name$tag.txt"; fail "no result line from wrk on $name$tag"; }
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  r_rps=$(field rps); r_p50=$(field p50_ms); r_p99=$(field p99_ms); r_note=""
  # A broken endpoint already failed the sample request. Under load, error answers (e.g. 500 when the connection
  # pool runs dry, 503 when the service refuses) and timeouts are results: reported, not fatal.
  [ "$(field requests)" -gt 0 ] || { cat "$work/wrk-$name$tag.txt"; fail "$name$tag: no request completed"; }
  socket_errors=$(( $(field connect) + $(field read) + $(field write) + $(field timeout) ))
  if [ "$(field non2xx)" -gt 0 ] || [ "$socket_errors" -gt 0 ]; then
    r_note="under load, $(field non2xx) of $(field requests) answers were errors (non-2xx; see bench/work/$mode/service.log) and $socket_errors requests failed or took over 10 s (wrk: connect $(field connect), read $(field read), write $(field write), timeout $(field timeout))"
    log "$name$tag: $r_note"
  fi
  log "$name$tag: service $r_rps req/s, p50 $r_p50 ms, p99 $r_p99 ms"
  kill -0 "$service_pid" 2>/dev/null || fail "the service died during $name$tag"
  drain
}

declare -A svc_rps svc_p50 svc_p99 sql_tps sql_p50 sql_p99 note edit_rps edit_p50 edit_p99 edit_note
for e in "${endpoints[@]}"; do
  IFS='|' read -r name lua sqlf sample label <<<"$e"
  code=$(curl -s -H 'Accept: text/html,application/json;q=0.9' -o "$work/$name.sample" -w '%{http_code}' "$base$sample" || echo 000)
  if [ "$code" = 404 ] && [ "$name" = counts ]; then
    note[$name]="the service answers 404: no /api/counts endpoint in this build; skipped"
    log "$name: $sample answers 404, skipping the service side"
  elif [ "$code" != 200 ]; then
    cat "$work/$name.sample"; echo
    fail "$name: $sample answered $code"
  else
    measure_wrk "$name" "$lua" ""
    svc_rps[$name]=$r_rps; svc_p50[$name]=$r_p50; svc_p99[$name]=$r_p99
    [ -n "$r_note" ] && note[$name]=$r_note
  fi
  [ "$sqlf" = "-" ] && continue
  # JIT off, as the service's connections log in (application.properties): both sides planned alike.
  pgb=(env PGPASSWORD="$app_password" PGOPTIONS="-c jit=off" pgbench -n -M prepared -c $connections -j $threads --random-seed=4242
       -D people="$people" -D typos="$typos" -f "bench/pgbench/$sqlf" -h "$pg_host" -p "$pg_port" -U "$app_user" "$db")
  "${pgb[@]}" -T "$pg_warmup" >"$work/pgbench-$name-warmup.txt" 2>&1 || { cat "$work/pgbench-$name-warmup.txt"; fail "pgbench failed on $name"; }
  log "$name: pgbench ${duration}s"
  rm -f "$work"/pgb_"$name".*
  "${pgb[@]}" -T "$duration" -l --log-prefix="$work/pgb_$name" >"$work/pgbench-$name.txt" 2>&1 \
    || { cat "$work/pgbench-$name.txt"; fail "pgbench failed on $name"; }
  grep -q 'number of failed transactions: 0 ' "$work/pgbench-$name.txt" || { cat "$work/pgbench-$name.txt"; fail "pgbench transactions failed on $name"; }
  sql_tps[$name]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$work/pgbench-$name.txt" | head -1)
  read -r sql_p50[$name] sql_p99[$name] <<<"$(pg_percentiles "$work"/pgb_"$name".*)"
  rm -f "$work"/pgb_"$name".*
  log "$name: SQL ${sql_tps[$name]} tps, p50 ${sql_p50[$name]} ms, p99 ${sql_p99[$name]} ms"
done

# --- the export: CSV over HTTP against COPY ----------------------------------------------------------------------
log "export: COPY (the timeline query) TO STDOUT"
timeline_sql=$(grep -v '^--' bench/pgbench/timeline.sql)
t0=$(now_ms)
copy_rows=$(PGOPTIONS="-c jit=off" app_psql -c "copy ($timeline_sql) to stdout (format csv)" | wc -l)
copy_ms=$(( $(now_ms) - t0 ))
log "export: COPY $copy_rows rows in $copy_ms ms"

log "export: GET /api/timeline?format=csv"
gc_before=$(wc -l <"$work/gc.log")
t0=$(now_ms)
# Streamed straight into wc: rows counted, nothing kept. The status line is read from the dumped headers.
export_lines=$(curl -sS --max-time 1800 -D "$work/export.headers" "$base/api/timeline?format=csv" 2>"$work/export.err" | wc -l) \
  || { cat "$work/export.err"; fail "the export failed"; }
export_ms=$(( $(now_ms) - t0 ))
export_rows=$(( export_lines - 1 )) # the header row
head -1 "$work/export.headers" | grep -q ' 200' || { cat "$work/export.headers" "$work/export.err"; fail "the export did not answer 200"; }
kill -0 "$service_pid" 2>/dev/null || fail "the service died during the export"
# Peak heap: the largest heap-before-GC, and the largest heap-after-GC (live data), of GCs during the export.
read -r heap_peak heap_live gc_count <<<"$(tail -n +$((gc_before + 1)) "$work/gc.log" | python3 -c '
import re, sys
before, after, n = 0, 0, 0
for line in sys.stdin:
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m:
        n += 1; before = max(before, int(m.group(1))); after = max(after, int(m.group(2)))
print(before, after, n)')"
log "export: HTTP $export_rows rows in $export_ms ms; peak heap ${heap_peak} MiB (live after GC ${heap_live} MiB, $gc_count GCs)"

# --- the editing phase: the same reads while an editor writes ------------------------------------------------------
log "editing: an editor offers $edit_rate facts a second (bench/editor.py) while each endpoint is measured again"
python3 bench/editor.py --base "$base" --inputs "$work" --admin "admin:$admin_password" --rate "$edit_rate" \
  --out "$work/editor.json" >"$work/editor.log" 2>&1 &
editor_pid=$!
edit_started=$(now_ms)
for e in "${endpoints[@]}"; do
  IFS='|' read -r name lua sqlf sample label <<<"$e"
  [ -n "${svc_rps[$name]:-}" ] || continue
  measure_wrk "$name" "$lua" "-editing"
  edit_rps[$name]=$r_rps; edit_p50[$name]=$r_p50; edit_p99[$name]=$r_p99
  [ -n "$r_note" ] && edit_note[$name]=$r_note
done
kill -TERM "$editor_pid" 2>/dev/null || true
wait "$editor_pid" || { cat "$work/editor.log"; fail "bench/editor.py failed"; }
[ -s "$work/editor.json" ] || { cat "$work/editor.log"; fail "bench/editor.py wrote no summary"; }
log "editing: $(( ($(now_ms) - edit_started) / 1000 )) s; $(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])))' "$work/editor.json")"
stop_service

# --- the report --------------------------------------------------------------------------------------------------
ratio() { python3 -c "import sys; a, b = sys.argv[1], sys.argv[2]
try: print('%.2f' % (float(a) / float(b)))
except Exception: print('—')" "$1" "$2"; }
fmt() { python3 -c "import sys
try: print('{:,.0f}'.format(float(sys.argv[1])))
except Exception: print('—')" "$1"; }
check() { python3 -c "import sys; print('yes' if eval(sys.argv[1]) else '**no**')" "$1"; }

copy_rate=$(python3 -c "print($copy_rows / ($copy_ms / 1000.0))")
export_rate=$(python3 -c "print($export_rows / ($export_ms / 1000.0))")

declare -A target met
target[person]="≥ 3,600 req/s, p99 ≤ 20 ms"; target[counts]="≥ 1,000 req/s"; target[search]="p99 ≤ 50 ms"
target[detained]="—"; target[status]="—"
met[detained]="—"; met[status]="—"
met[person]=$( [ -n "${svc_rps[person]:-}" ] && check "${svc_rps[person]} >= 3600 and ${svc_p99[person]} <= 20" || echo "not measured")
met[counts]=$( [ -n "${svc_rps[counts]:-}" ] && check "${svc_rps[counts]} >= 1000" || echo "not measured")
met[search]=$( [ -n "${svc_p99[search]:-}" ] && check "${svc_p99[search]} <= 50" || echo "not measured")
for page in home person_page source_page; do
  target[$page]="p99 ≤ 50 ms"
  met[$page]=$( [ -n "${svc_p99[$page]:-}" ] && check "${svc_p99[$page]} <= 50" || echo "not measured")
done
target[front]="—"; target[source]="—"; met[front]="—"; met[source]="—"
# A page with its stylesheet, as a browser first loads it (TimelineJS aside): the target is under 100 KB.
css_bytes=$(wc -c <src/main/resources/META-INF/resources/casefile.css)
page_weight=""
for page in home person_page source_page; do
  page_weight="$page_weight $page $(( ($(wc -c <"$work/$page.sample") + css_bytes + 1023) / 1024 )) KiB;"
done
export_met=$(check "$export_rate >= 0.5 * $copy_rate")
startup_met=$(check "$startup_ms < 5000")

{
  echo "# Casefile benchmark: $mode run, $(date -u +%Y-%m-%d) $(date -u +%H:%M) UTC"
  echo
  if [ "$mode" = smoke ]; then
    echo "Smoke size: the targets are set for 100,000 people; at this size \"met?\" only shows the scripts work."
    echo
  fi
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory;"
  echo "$(psql --version | head -1 | sed 's/psql (PostgreSQL) /PostgreSQL /') on $pg_host:$pg_port (server $(app_psql -At -c 'show server_version')), $(java -version 2>&1 | head -1);"
  echo "wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), and the service, PostgreSQL, wrk and pgbench all share the machine."
  echo "Load average (1 min) when the run started: $load_at_start; during the run: $(cut -d' ' -f1 "$work/load.txt" | sort -n | head -1)–$(cut -d' ' -f1 "$work/load.txt" | sort -n | tail -1)."
  echo "An idle machine reads below 1; well above 2 (cores) means other work took CPU from the benchmark and the figures are low."
  echo "CPU time the hypervisor gave to other machines (steal, 5 s samples): median $(cut -d' ' -f2 "$work/load.txt" | sort -n | awk '{v[NR]=$1} END {print (NR ? v[int((NR + 1) / 2)] : "?")}')%, at most $(cut -d' ' -f2 "$work/load.txt" | sort -n | tail -1)%; above a few per cent, every figure is low by about as much."
  echo "Busiest processes when the run started (top):"
  echo
  echo '```'
  cat "$work/top-at-start.txt"
  echo '```'

  echo
  echo "Data: $(fmt "$n_person") people, $(fmt "$n_name") name forms, $(fmt "$n_custody") custody periods, $(fmt "$n_incident") incidents,"
  echo "$(fmt "$n_involvement") involvements, $(fmt "$n_charge") charges, $(fmt "$n_citation") citations into $(fmt "$n_source") source texts; database $db_size."
  echo "Custody start precision: $precision_mix. Ends: $end_mix."
  if [ "$reuse" = yes ]; then echo "Database reused from an earlier run (BENCH_REUSE_DB=1), not reloaded."
  else echo "Loaded by bench/generate.sql in $(( load_ms / 1000 )) s (then VACUUM ANALYZE and CHECKPOINT, $(( vacuum_ms / 1000 )) s)."; fi
  echo
  echo "Each row: wrk, $connections connections, $threads threads, ${warmup} s warm-up then ${duration} s; pgbench, $connections clients, $threads threads,"
  echo "-M prepared, ${duration} s, as the service's role (row-level security applies), the SQL the endpoint sends (bench/pgbench/)."
  echo "Ratio = service req/s ÷ SQL transactions/s (1.00 would mean HTTP, JSON and Java cost nothing)."
  echo
  echo "| endpoint | service req/s | p50 ms | p99 ms | SQL tps | SQL p50 ms | SQL p99 ms | ratio | target | met? |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua sqlf sample label <<<"$e"
    if [ -z "${svc_rps[$name]:-}" ]; then
      echo "| \`$label\` | skipped¹ | — | — | $(fmt "${sql_tps[$name]}") | ${sql_p50[$name]} | ${sql_p99[$name]} | — | ${target[$name]} | not measured |"
    else
      if [ -z "${sql_tps[$name]:-}" ]; then
        echo "| \`$label\` | $(fmt "${svc_rps[$name]}") | ${svc_p50[$name]} | ${svc_p99[$name]} | — | — | — | — | ${target[$name]} | ${met[$name]} |"
      else
        echo "| \`$label\` | $(fmt "${svc_rps[$name]}") | ${svc_p50[$name]} | ${svc_p99[$name]} | $(fmt "${sql_tps[$name]}") | ${sql_p50[$name]} | ${sql_p99[$name]} | $(ratio "${svc_rps[$name]}" "${sql_tps[$name]}") | ${target[$name]} | ${met[$name]} |"
      fi
    fi
  done
  echo "| \`GET /api/timeline?format=csv\` (rows/s) | $(fmt "$export_rate") | — | — | $(fmt "$copy_rate") (COPY) | — | — | $(ratio "$export_rate" "$copy_rate") | ≥ 0.50 of COPY, -Xmx$heap | $export_met |"
  echo "| startup, \`java -jar\` to /q/health/ready, with the class-data archive ² | $startup_ms ms | — | — | — | — | — | — | < 5,000 ms | $startup_met |"
  echo "| startup, without it (as the README runs it) | $plain_startup_ms ms | — | — | — | — | — | — | — | — |"
  echo
  echo "While an editor writes (bench/editor.py): the same wrk runs, while one editor offers $edit_rate facts a second through the"
  echo "API, in turn custody changes of generated people, name forms and new people of concern, each citing a case file."
  echo
  echo "| endpoint | quiet req/s | quiet p99 ms | editing req/s | editing p50 ms | editing p99 ms | editing ÷ quiet |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua sqlf sample label <<<"$e"
    [ -n "${edit_rps[$name]:-}" ] || continue
    echo "| \`$label\` | $(fmt "${svc_rps[$name]}") | ${svc_p99[$name]} | $(fmt "${edit_rps[$name]}") | ${edit_p50[$name]} | ${edit_p99[$name]} | $(ratio "${edit_rps[$name]}" "${svc_rps[$name]}") |"
  done
  echo
  python3 - "$work/editor.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
fmt = lambda v: "—" if v is None else "%.0f" % v
print("The editor, over %.0f s: %d facts offered, %d made (%.2f a second); refused: %s; each write p50 %s ms, p99 %s ms."
      % (e["seconds"], e["offered"], e["made"], e["made_per_s"], e["refused"] or "none", fmt(e["write_p50_ms"]), fmt(e["write_p99_ms"])))
print("Visible to the public (a custody change in the person's status on its day, a new person found by name search), %d checked:"
      " p50 %s ms, p99 %s ms, at most %s ms; %d not visible within 10 s (target: every write visible within 1 s)."
      % (e["visible_checked"], fmt(e["visible_p50_ms"]), fmt(e["visible_p99_ms"]), fmt(e["visible_max_ms"]), e["not_visible_in_10s"]))
if e["errors"]:
    print("First errors: " + "; ".join(e["errors"][:3]))
PY
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua sqlf sample label <<<"$e"
    if [ -n "${edit_note[$name]:-}" ]; then echo; echo "Editing, \`$label\`: ${edit_note[$name]}."; fi
  done
  echo
  echo "Pages (GET with Accept: text/html, each beside the JSON it shows): weight with casefile.css ($(( (css_bytes + 1023) / 1024 )) KiB), target under 100 KB:$page_weight"
  echo "Export: $(fmt "$export_rows") CSV rows in $(python3 -c "print('%.1f' % ($export_ms / 1000))") s over HTTP; COPY (the same query) $(fmt "$copy_rows") rows in $(python3 -c "print('%.1f' % ($copy_ms / 1000))") s."
  echo "Service heap during the export (-Xmx$heap, from -Xlog:gc): peak ${heap_peak} MiB before a collection, at most ${heap_live} MiB live after one ($gc_count collections)."
  echo "Person documents: when the service was ready, $(fmt "$documents_to_build") of the public person documents it keeps were missing or outdated; its background builder had them all current $(python3 -c "print('%.1f' % ($documents_ms / 1000))") s later, before person detail was measured."
  echo "Kept counts: the kept custody judgement holds $(fmt "$judgement_runs") runs of days (judged by the load's own transaction, V19); the service kept the answer to GET /api/counts?definition=detained for each of the $(fmt "$kept_counts") days they cover; all were current $(python3 -c "print('%.1f' % ($counts_ms / 1000))") s after it was ready (both builders sharing the CPU), before anything was measured."
  echo "Name index: the service built its in-memory Lucene name index (every name form's search key) in $(fmt "$name_index_ms") ms, 3 s after it was ready, before name search was measured."
  echo "Startup: ${startup_ms} ms from launching \`java -XX:SharedArchiveFile=$archive -jar target/quarkus-app/quarkus-run.jar\` to /q/health/ready answering 200 (Quarkus reports \"started in ${quarkus_started:-?}\"); without the archive, ${plain_startup_ms} ms (\"started in ${plain_started:-?}\"); the first start on the empty database, with the migrations, took $migrate_note."
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua sqlf sample label <<<"$e"
    if [ -n "${note[$name]:-}" ]; then echo; echo "¹ \`$label\`: ${note[$name]}."; fi
  done
  echo
  echo "² A class-data archive (AppCDS) of every class the service loads until it is ready, written by the JVM as an earlier start exited (\`-XX:ArchiveClassesAtExit\`): they are parsed and verified once and mapped at start (README, \"Starting faster\")."
  echo
  echo "Reproduce: \`bash bench/run.sh$([ "$mode" = smoke ] && echo ' --smoke')\` (logs and raw wrk/pgbench output in bench/work/$mode/)."
} >"$report"
log "report written to $report"
cat "$report"
