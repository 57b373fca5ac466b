#!/usr/bin/env python3
"""Before PostgREST is measured (bench/run.sh): asks Casefile and the PostgREST peer (bench/peers/postgrest-api.sql)
the same questions for a sample of the benchmark's inputs and compares what both answers carry. Exits 1, naming each
differing input, when they disagree; a speed comparison of two systems that answer different questions says nothing.
Needs nothing beyond Python's standard library.

  person    5 ids: id, name, aliases, the fact ids of names, citizenships, affiliations, custody, charges and
            incidents, the status over time (each run's days, status, certainty, facts) and the conflicts
  status    20 (id, day) pairs under both bases: status, certainty, since, lastConfirmed, presumedSince, disputed,
            the claims it rests on (ids, in order, and how each bears on the day) and the nearest claims
  counts    10 days, definition detained: both totals (confirmed, last known) from each side's answers under both
            bases (Casefile asked under both, PostgREST under one, alternating), and the asked basis's total,
            definite, possible, presumed and disputed
  detained  5 days, the list's first page: ids in order with each one's status and certainty, and the total
  search    20 names with a typo: the first hit. The two rank by different similarity measures (Casefile: exact,
            skeleton, prefix and edit-distance word matches in Lucene; the peer: trigram similarity word by word, see
            postgrest-api.sql), so a first hit may differ where two people's names are about equally close (1 in 200
            misspellings at 1,000 people, 1 in 50 at 5,000): each difference is listed, and the check fails only when
            more than a quarter of the first hits differ, which a search answering another question would

Inputs: the files bench/run.sh exports (ids.txt, typos.txt). Prints one line per question kind and writes a JSON
summary (how many compared, PostgREST's median time for one answer of each kind) to --out.
"""
import argparse
import datetime
import json
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE_DAY = datetime.date(2010, 1, 1)
SPAN_DAYS = 4383  # 2010-01-01 .. 2021-12-31, as bench/wrk/common.lua picks days


def day(i, step, offset):
    return (BASE_DAY + datetime.timedelta(days=(offset + i * step) % SPAN_DAYS)).isoformat()


class Asker:
    def __init__(self, name, base, timeout):
        self.name, self.base, self.timeout = name, base.rstrip("/"), timeout
        self.times = {}

    def get(self, kind, path, **params):
        url = self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        started = time.monotonic()
        request = urllib.request.Request(url, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                body = reply.read()
        except urllib.error.HTTPError as e:
            raise SystemExit("%s answered %d to GET %s: %s" % (self.name, e.code, url, e.read().decode("utf-8", "replace")[:500]))
        except (urllib.error.URLError, OSError) as e:
            raise SystemExit("%s gave no answer to GET %s: %s" % (self.name, url, e))
        self.times.setdefault(kind, []).append(time.monotonic() - started)
        answer = json.loads(body)
        if answer is None:
            raise SystemExit("%s answered null to GET %s (no such person?)" % (self.name, url))
        return answer


def ids_of(items):
    return [x.get("factId") for x in items or []]


def person_facts(p):
    return {
        "id": p.get("id"), "name": p.get("name"), "aliases": p.get("aliases"),
        "names": ids_of(p.get("names")), "citizenships": ids_of(p.get("citizenships")),
        "affiliations": ids_of(p.get("affiliations")), "custody": ids_of(p.get("custody")),
        "charges": ids_of(p.get("charges")), "incidents": ids_of(p.get("incidents")),
        "statusHistory": [(r.get("from"), r.get("to"), r.get("status"), r.get("certainty"), r.get("facts"))
                          for r in p.get("statusHistory") or []],
        "conflicts": [(c.get("facts"), c.get("from"), c.get("to")) for c in p.get("conflicts") or []],
    }


def status_facts(s):
    return {
        "status": s.get("status"), "certainty": s.get("certainty"), "since": s.get("since"),
        "lastConfirmed": s.get("lastConfirmed"), "presumedSince": s.get("presumedSince"), "disputed": s.get("disputed"),
        "claims": [(c.get("factId"), c.get("certainty")) for c in s.get("claims") or []],
        "nearest": None if s.get("nearest") is None else [c.get("factId") for c in s["nearest"]],
    }


def count_facts(c):
    return {k: c.get(k) for k in ("total", "definite", "possible", "presumed", "disputed")}


def list_facts(page):
    return {"total": page.get("total"),
            "items": [(x.get("id"), x.get("status"), x.get("certainty")) for x in page.get("items") or []]}


def differences(a, b):
    return ["%s: Casefile %s, PostgREST %s" % (k, json.dumps(a.get(k)), json.dumps(b.get(k)))
            for k in a if a.get(k) != b.get(k)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--casefile", required=True)
    ap.add_argument("--postgrest", required=True)
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--timeout", type=float, default=900)
    a = ap.parse_args()
    cf = Asker("Casefile", a.casefile, a.timeout)
    pg = Asker("PostgREST", a.postgrest, a.timeout)
    ids = [l.strip() for l in open(a.inputs + "/ids.txt") if l.strip()]
    typos = [l.rstrip("\n") for l in open(a.inputs + "/typos.txt") if l.strip()]
    mismatches = []
    compared = {}

    def differ(kind, what, a_facts, b_facts):
        compared[kind] = compared.get(kind, 0) + 1
        diff = differences(a_facts, b_facts)
        if diff:
            mismatches.append("%s: %s" % (what, "; ".join(diff)))
            print("MISMATCH %s: %s" % (what, "; ".join(diff)), flush=True)

    for i in range(5):
        pid = ids[(i * 197) % len(ids)]
        differ("person", "person %s" % pid, person_facts(cf.get("person", "/api/persons/" + urllib.parse.quote(pid))),
               person_facts(pg.get("person", "/rpc/person", pid=pid)))

    for i in range(20):
        pid = ids[(i * 53 + 7) % len(ids)]
        d = day(i, 619, 151)
        for basis in ("last_known", "confirmed"):
            differ("status", "status of %s on %s (basis %s)" % (pid, d, basis),
                   status_facts(cf.get("status", "/api/persons/%s/status" % urllib.parse.quote(pid), asOf=d, basis=basis)),
                   status_facts(pg.get("status", "/rpc/status", pid=pid, as_of=d, basis=basis)))

    for i in range(10):
        d = day(i, 421, 389)
        asked = "confirmed" if i % 2 else "last_known"
        mine = {b: cf.get("counts", "/api/counts", asOf=d, definition="detained", basis=b) for b in ("last_known", "confirmed")}
        theirs = pg.get("counts", "/rpc/detained_count", as_of=d, basis=asked)
        differ("counts", "count of detained on %s (basis %s)" % (d, asked), count_facts(mine[asked]), count_facts(theirs))
        for b, key in (("last_known", "lastKnown"), ("confirmed", "confirmed")):
            differ("counts", "count of detained on %s (totals, Casefile's answer under basis %s)" % (d, b),
                   {"totals": mine[b].get("totals"), "total under the basis": mine[b].get("total")},
                   {"totals": theirs.get("totals"), "total under the basis": (theirs.get("totals") or {}).get(key)})

    for i in range(5):
        d = day(i, 877, 733)
        differ("detained", "detained list on %s, first page" % d,
               list_facts(cf.get("detained", "/api/persons", status="detained", asOf=d)),
               list_facts(pg.get("detained", "/rpc/detained", as_of=d)))

    search_differences = []
    searched = 20
    for i in range(searched):
        q = typos[(i * 29 + 3) % len(typos)]
        first = lambda page: ((page.get("items") or [{}])[0].get("id"), (page.get("items") or [{}])[0].get("name"))
        ours, theirs = first(cf.get("search", "/api/persons", q=q)), first(pg.get("search", "/rpc/search", q=q))
        compared["search"] = compared.get("search", 0) + 1
        if ours[0] != theirs[0]:
            search_differences.append("search %s: Casefile's first hit %s (%s), PostgREST's %s (%s)"
                                      % (json.dumps(q), ours[0], ours[1], theirs[0], theirs[1]))
            print("RANKED DIFFERENTLY %s" % search_differences[-1], flush=True)
    if len(search_differences) > searched // 4:
        mismatches.append("name search: the first hit differs for %d of %d misspelt names (at most %d may): %s"
                          % (len(search_differences), searched, searched // 4, "; ".join(search_differences)))
        print("MISMATCH %s" % mismatches[-1], flush=True)

    median_ms = {k: round(1000 * statistics.median(v), 1) for k, v in pg.times.items()}
    json.dump({"compared": compared, "mismatches": mismatches, "search_differences": search_differences,
               "postgrest_median_ms": median_ms,
               "casefile_median_ms": {k: round(1000 * statistics.median(v), 1) for k, v in cf.times.items()}},
              open(a.out, "w"), indent=1)
    for kind, n in compared.items():
        print("%-8s %3d answers compared; PostgREST took %s ms for one (median)%s" % (kind, n, median_ms.get(kind),
              "; %d first hits differ" % len(search_differences) if kind == "search" else ""))
    if mismatches:
        print("%d answers differ between Casefile and PostgREST (first: %s)" % (len(mismatches), mismatches[0]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
