# Sourced by bench/run.sh --soak once the service is ready and its background builders are current: runs
# bench/soak.py against it and writes bench/results/soak.md. Uses run.sh's variables and functions.

log "soak: $soak_readers readers and $soak_writers writers for ${soak_seconds}s"
soak_json="$work/soak.json"
python3 bench/soak.py --base "$base" --inputs "$work" --seconds "$soak_seconds" \
  --readers "$soak_readers" --writers "$soak_writers" --admin "admin:$admin_password" --pid "$service_pid" \
  --psql "env PGPASSWORD=$app_password psql -X -At -h $pg_host -p $pg_port -U $app_user -d $db" \
  --out "$soak_json" | tee -a "$work/run.log" || fail "bench/soak.py failed"
kill -0 "$service_pid" 2>/dev/null || fail "the service died during the soak (log: $work/service.log)"
stop_service

python3 - "$soak_json" "$report" "$people" "$heap" "$db" <<'PY' || fail "could not write the soak report"
import json, subprocess, sys, time
r = json.load(open(sys.argv[1]))
report, people, heap, db = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
def ms(v): return "—" if v is None else "%.1f" % v
s = r["samples"]
first, last = s[0], s[-1]
def trend(key): return " → ".join(str(x.get(key, "?")) for x in s)
out = []
out.append("# Casefile soak: %s UTC" % time.strftime("%Y-%m-%d %H:%M", time.gmtime()))
out.append("")
out.append("Machine: %s cores, %s; the service (-Xmx%s), PostgreSQL and the load generator share it."
           % (subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
              subprocess.run(["sh", "-c", "awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo"],
                             capture_output=True, text=True).stdout, heap))
out.append("Data: %s generated people (bench/generate.sql) in database %s, plus what the writers add." % (format(people, ","), db))
out.append("")
out.append("%d readers and %d writers for %.0f s (bench/soak.py). Readers ask for a person, a status on a day, a name"
           " with a typo, who was detained on a day, a count, and the web app's front page, a person page and a letter page; writers record a letter, a person it names and their"
           " arrest, and change three shared people with If-Match, racing each other." % (r["readers"], r["writers"], r["seconds"]))
out.append("")
out.append("| | result |")
out.append("| --- | --- |")
out.append("| errors (any answer not expected, any failed request) | **%d** |" % r["errors"])
out.append("| lost updates (acknowledged writes missing afterwards) | **%d** of %d checked |"
           % (r["lost"], r["acknowledged_writes"] + r["accepted_changes"]))
c = r["counts"]
out.append("| letters, people and arrests acknowledged (201) | %d |" % r["acknowledged_writes"])
out.append("| changes of shared records accepted (200) / refused with 412 / without If-Match refused with 428 | %d / %d / %d |"
           % (c.get("changes accepted", 0), c.get("changes refused 412", 0), c.get("changes refused 428", 0)))
busy = sum(v for k, v in c.items() if k.startswith("busy:"))
out.append("| reads refused with 503 and Retry-After (the service's limits; the reader waited and went on) | %d%s |"
           % (busy, "" if not busy else " (" + ", ".join("%s %d" % (k[5:], v) for k, v in sorted(c.items()) if k.startswith("busy:")) + ")"))
out.append("| heap after a full collection, MiB (before the load → each minute → after it) | %s |" % trend("heap_mib"))
out.append("| service threads | %s |" % trend("threads"))
out.append("| database connections | %s |" % trend("connections"))
out.append("")
out.append("| request | count | p50 ms | p99 ms | p99 ms by minute |")
out.append("| --- | ---: | ---: | ---: | --- |")
for k in sorted(r["requests"]):
    out.append("| %s | %d | %s | %s | %s |" % (k, r["requests"][k], ms(r["p50_ms"][k]), ms(r["p99_ms"][k]),
                                             " ".join(ms(v) for v in r["p99_by_minute_ms"][k])))
if r["error_samples"]:
    out.append("")
    out.append("Errors (first %d):" % len(r["error_samples"]))
    out.append("")
    for what, status, detail in r["error_samples"]:
        out.append("- `%s`: %s %s" % (what, status, detail.replace("\n", " ")[:200]))
if r["lost_samples"]:
    out.append("")
    out.append("Lost:")
    out.append("")
    for l in r["lost_samples"]:
        out.append("- " + l)
out.append("")
out.append("Reproduce: `bash bench/run.sh --soak` (BENCH_SOAK_SECONDS, BENCH_SOAK_READERS, BENCH_SOAK_WRITERS; raw figures"
           " in bench/work/soak/soak.json).")
open(report, "w").write("\n".join(out) + "\n")
PY
log "soak report written to $report"
cat "$report"
errors=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['errors'] + r['lost'])" "$soak_json")
[ "$errors" -eq 0 ] || fail "the soak saw errors or lost writes (see $report)"
