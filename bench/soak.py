#!/usr/bin/env python3
"""Casefile soak: readers and writers at once for a fixed time, then a check that nothing was lost.

Run by bench/run.sh --soak (which loads the database and starts the service); usable on its own against any running
service with an admin account:

  python3 bench/soak.py --base http://127.0.0.1:18090 --inputs bench/work/soak --seconds 600 \
      --readers 20 --writers 2 --admin admin:PASSWORD --pid SERVICE_PID --psql 'psql -At -h ... -U ... DB' \
      --out bench/work/soak/soak.json

Readers ask what researchers ask (a person, a status, a name search with a typo, who was detained on a day, a count).
Writers do what editors do: record a letter, a person it names and their arrest (each 201 remembered), and change
shared records with If-Match, so the two writers race: each change is either accepted (remembered with the version it
made) or refused with 412; a change without If-Match must be refused with 428. Afterwards every remembered write must
be readable as it was acknowledged, and every accepted change of a shared record must be in its history: a lost update
is any acknowledged write that is not. Every minute the service's heap after a full collection (jcmd), its threads
(/proc) and its database connections (pg_stat_activity) are sampled: a leak shows as a rising column.
"""
import argparse
import base64
import http.client
import json
import random
import subprocess
import threading
import time
import urllib.parse


class Client:
    """One keep-alive HTTP connection per thread; a request that fails on the socket reconnects once."""

    def __init__(self, base, auth=None, token=None):
        """auth: USER:PASSWORD, sent as HTTP Basic; token: an API token, sent as a Bearer token."""
        u = urllib.parse.urlparse(base)
        self.host, self.port = u.hostname, u.port
        self.auth = ("Bearer " + token if token is not None
                     else None if auth is None else "Basic " + base64.b64encode(auth.encode()).decode())
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.auth:
            h["Authorization"] = self.auth
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                t0 = time.perf_counter()
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                payload = r.read()
                return r.status, dict((k.lower(), v) for k, v in r.getheaders()), payload, time.perf_counter() - t0
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = {}       # endpoint -> [seconds]
        self.minute = {}        # (endpoint, minute) -> [seconds]
        self.errors = []        # (what, status or exception, detail)
        self.counts = {}        # name -> n

    def add(self, endpoint, seconds, minute):
        with self.lock:
            self.latency.setdefault(endpoint, []).append(seconds)
            self.minute.setdefault((endpoint, minute), []).append(seconds)

    def error(self, what, status, detail):
        with self.lock:
            self.errors.append((what, status, detail[:300]))

    def count(self, name, n=1):
        with self.lock:
            self.counts[name] = self.counts.get(name, 0) + n


def day(rng):
    return time.strftime("%Y-%m-%d", time.gmtime(1262347200 + rng.randint(0, 4382) * 86400))


def reader(base, ids, typos, deadline, start, stats, seed):
    rng = random.Random(seed)
    client = Client(base)
    asks = [
        ("person", lambda: "/api/persons/" + rng.choice(ids)),
        ("status", lambda: "/api/persons/%s/status?asOf=%s" % (rng.choice(ids), day(rng))),
        ("search", lambda: "/api/persons?q=" + urllib.parse.quote(rng.choice(typos))),
        ("detained", lambda: "/api/persons?status=detained&asOf=" + day(rng)),
        ("counts", lambda: "/api/counts?definition=detained&asOf=" + day(rng)),
        # The web app's pages, as a browser asks for them.
        ("page:home", lambda: "/"),
        ("page:person", lambda: "/people/" + rng.choice(ids)),
        ("page:letter", lambda: "/sources/src-" + rng.choice(ids)),
    ]
    while time.time() < deadline:
        name, path = rng.choice(asks)
        path = path()
        try:
            status, headers, body, seconds = client.request("GET", path, headers={"Accept": "text/html"} if name.startswith("page:") else None)
        except Exception as e:  # noqa: BLE001 - every failure is a result
            stats.error("GET " + path, type(e).__name__, str(e))
            continue
        if status == 503 and "retry-after" in headers:
            # The service's own refusal under load (its limits): counted apart from errors, and honoured as a
            # well-behaved client would.
            stats.count("busy:" + name)
            time.sleep(min(int(headers["retry-after"]), 5))
        elif status != 200:
            stats.error("GET " + path, status, body.decode("utf-8", "replace"))
        else:
            stats.add(name, seconds, int((time.time() - start) // 60))


def writer(base, auth, shared, deadline, start, stats, seed, run, remembered, accepted_changes):
    rng = random.Random(seed)
    client = Client(base, auth)
    i = 0

    def write(what, method, path, body, expect, headers=None):
        try:
            status, headers_out, payload, seconds = client.request(method, path, body, headers)
        except Exception as e:  # noqa: BLE001
            stats.error(what, type(e).__name__, str(e))
            return None, None, None
        stats.add(what, seconds, int((time.time() - start) // 60))
        if status not in expect:
            stats.error(what, status, payload.decode("utf-8", "replace"))
            return status, None, None
        return status, headers_out, (json.loads(payload) if payload else None)

    while time.time() < deadline:
        i += 1
        tag = "%s W%d N%d" % (run, seed, i)
        name = "Soak Person %s" % tag
        text = ("Soak letter %s.\nWe learned that %s was arrested on 1 December 2026 in Phnom Penh.\n" % (tag, name))
        status, h, src = write("write:source", "POST", "/api/sources",
                               {"title": "Soak letter %s" % tag, "kind": "letter", "date": "2026-12-01", "text": text},
                               (201,))
        if status == 201:
            remembered.append(("source", src["id"], src.get("sha256")))
            status, h, person = write("write:person", "POST", "/api/persons",
                                      {"name": name, "concern": True,
                                       "citations": [{"source": src["id"], "quote": name}]}, (201,))
            if status == 201:
                remembered.append(("person", person["id"], name))
                status, h, fact = write("write:fact", "POST", "/api/facts",
                                        {"type": "custody", "person": person["id"], "state": "arrested",
                                         "start": "2026-12-01", "confirmed": "2026-12-01",
                                         "citations": [{"source": src["id"],
                                                        "quote": "was arrested on 1 December 2026"}]}, (201,))
                if status == 201:  # the answer lists the facts made (one here)
                    remembered.extend(("fact", f["id"], None) for f in fact)
        # A change to a record both writers change: accepted with the version it made, or refused with 412.
        target = rng.choice(shared)
        try:
            status, headers, payload, seconds = client.request("GET", "/api/persons/" + target)
        except Exception as e:  # noqa: BLE001
            stats.error("GET shared", type(e).__name__, str(e))
            continue
        if status != 200:
            stats.error("GET shared", status, payload.decode("utf-8", "replace"))
            continue
        new_name = "Shared %s" % tag
        status, h, changed = write("write:change", "PUT", "/api/persons/" + target,
                                   {"name": new_name, "reason": "soak " + tag}, (200, 412),
                                   {"If-Match": headers.get("etag", "")})
        if status == 200:
            accepted_changes.append((target, h.get("etag"), new_name))
            stats.count("changes accepted")
        elif status == 412:
            stats.count("changes refused 412")
        if i % 25 == 0:
            status, h, _ = write("write:no-if-match", "PUT", "/api/persons/" + target,
                                 {"name": new_name + " unconditional", "reason": "soak"}, (428,))
            if status == 428:
                stats.count("changes refused 428")


def sample(pid, psql):
    out = {"at": time.time()}
    try:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
        info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
        for line in info.splitlines():
            if "used" in line and "total" in line:
                used = line.split("used")[1].split("K")[0].strip()
                out["heap_mib"] = round(int(used) / 1024, 1)
                break
    except Exception as e:  # noqa: BLE001
        out["heap_error"] = str(e)
    try:
        with open("/proc/%d/status" % pid) as f:
            out["threads"] = int(next(l for l in f if l.startswith("Threads:")).split()[1])
    except Exception as e:  # noqa: BLE001
        out["threads_error"] = str(e)
    try:
        sql = "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
        out["connections"] = int(subprocess.run(psql + ["-c", sql], capture_output=True, text=True, timeout=60).stdout)
    except Exception as e:  # noqa: BLE001
        out["connections_error"] = str(e)
    return out


def verify(base, remembered, accepted_changes, stats):
    client = Client(base)
    lost = []
    for kind, id_, expected in remembered:
        path = {"source": "/api/sources/", "person": "/api/persons/", "fact": "/api/facts/"}[kind] + str(id_)
        status, _, body, _ = client.request("GET", path)
        if status != 200:
            lost.append("%s %s answers %d" % (kind, id_, status))
            continue
        doc = json.loads(body)
        if kind == "source" and expected and doc.get("sha256") != expected:
            lost.append("source %s has sha256 %s, acknowledged %s" % (id_, doc.get("sha256"), expected))
        if kind == "person" and doc.get("name") != expected:
            lost.append("person %s is named %r, acknowledged %r" % (id_, doc.get("name"), expected))
    # Every accepted change of a shared record is a version in its history (or the current one).
    by_target = {}
    for target, etag, name in accepted_changes:
        by_target.setdefault(target, []).append(name)
    for target, names in by_target.items():
        status, _, body, _ = client.request("GET", "/api/persons/%s/history" % target)
        status2, _, current, _ = client.request("GET", "/api/persons/" + target)
        text = body.decode("utf-8", "replace") + current.decode("utf-8", "replace")
        for name in names:
            if json.dumps(name)[1:-1] not in text:
                lost.append("person %s: the accepted change to %r is in neither the record nor its history" % (target, name))
    stats.count("writes checked", len(remembered) + len(accepted_changes))
    return lost


def percentile(values, p):
    if not values:
        return None
    v = sorted(values)
    return v[max(0, min(len(v) - 1, int(round(p * len(v))) - 1))] * 1000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--inputs", required=True, help="folder with ids.txt and typos.txt (bench/run.sh writes them)")
    ap.add_argument("--seconds", type=int, default=600)
    ap.add_argument("--readers", type=int, default=20)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--admin", required=True, help="USER:PASSWORD of an editor or admin")
    ap.add_argument("--pid", type=int, required=True, help="the service's process id")
    ap.add_argument("--psql", required=True, help="a psql command line (with -At) connected to the service's database")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    ids = [l.strip() for l in open(a.inputs + "/ids.txt") if l.strip()]
    typos = [l.strip() for l in open(a.inputs + "/typos.txt") if l.strip()]
    shared = ids[:3]
    run = time.strftime("%H%M%S")
    stats = Stats()
    remembered, accepted_changes = [], []
    psql = a.psql.split()

    samples = [sample(a.pid, psql)]
    start = time.time()
    deadline = start + a.seconds
    threads = [threading.Thread(target=reader, args=(a.base, ids, typos, deadline, start, stats, 1000 + n))
               for n in range(a.readers)]
    threads += [threading.Thread(target=writer, args=(a.base, a.admin, shared, deadline, start, stats, n + 1, run,
                                                      remembered, accepted_changes))
                for n in range(a.writers)]
    for t in threads:
        t.start()
    while time.time() < deadline:
        time.sleep(min(60, max(0.1, deadline - time.time())))
        if time.time() < deadline - 5:
            samples.append(sample(a.pid, psql))
    for t in threads:
        t.join()
    elapsed = time.time() - start
    samples.append(sample(a.pid, psql))
    lost = verify(a.base, remembered, accepted_changes, stats)

    minutes = sorted({m for (_, m) in stats.minute})
    result = {
        "seconds": round(elapsed, 1), "readers": a.readers, "writers": a.writers,
        "requests": {k: len(v) for k, v in stats.latency.items()},
        "p50_ms": {k: percentile(v, 0.50) for k, v in stats.latency.items()},
        "p99_ms": {k: percentile(v, 0.99) for k, v in stats.latency.items()},
        "p99_by_minute_ms": {k: [percentile(stats.minute.get((k, m), []), 0.99) for m in minutes]
                             for k in stats.latency},
        "errors": len(stats.errors), "error_samples": stats.errors[:20],
        "counts": stats.counts, "acknowledged_writes": len(remembered), "accepted_changes": len(accepted_changes),
        "lost": len(lost), "lost_samples": lost[:20], "samples": samples,
    }
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps({k: result[k] for k in ("seconds", "errors", "lost", "acknowledged_writes", "accepted_changes", "counts")}))


if __name__ == "__main__":
    main()
