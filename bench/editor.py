#!/usr/bin/env python3
"""Casefile editing phase: one editor writing facts at a steady rate through the API while the reads are measured.

Run by bench/run.sh in the background of its second round of measurements; usable on its own:

  python3 bench/editor.py --base http://127.0.0.1:18090 --inputs bench/work/full --admin admin:PASSWORD \
      --rate 5 --out bench/work/full/editor.json        (runs until it is sent SIGTERM)

Each second it offers --rate facts, in turn: a custody change of a generated person (a release or an imprisonment on
a day of their case, citing their case file), a name form of one (citing it), and a new person of concern (citing a
generated case file). A write is offered on schedule whether or not the previous one has answered (one connection
each, up to 8 at once), so a slow service shows as slow writes, not as fewer writes offered. After some custody
changes and new people it asks, as the public, until the change shows (the new claim among those the person's status
on its day rests on; a name search finding the new person) and records how long that took: a write is visible to every read within 1 s is the target.
"""
import argparse
import json
import queue
import random
import signal
import threading
import time
import urllib.parse

from soak import Client, percentile

STATES = ("released", "imprisoned", "released_on_bail", "pretrial_detention")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--inputs", required=True, help="folder with ids.txt (bench/run.sh writes it)")
    ap.add_argument("--admin", required=True, help="USER:PASSWORD of an editor or admin (makes the API token it writes with)")
    ap.add_argument("--rate", type=float, default=5.0, help="facts offered per second")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    ids = [line.strip() for line in open(args.inputs + "/ids.txt") if line.strip()]
    rng = random.Random(4242)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGINT, lambda *_: stopping.set())

    # A script writes with an API token, as the README advises: a password is a bcrypt check on every request
    # (hundreds of milliseconds of CPU), which a person's sign-in pays once and a script at 5 writes a second should not.
    status, _, payload, _ = Client(args.base, args.admin).request(
        "POST", "/api/accounts/me/tokens", {"name": "bench editor %d" % time.time(), "role": "editor"})
    if status != 201:
        raise SystemExit("cannot make the editor's API token: %s %s" % (status, payload[:300]))
    token = json.loads(payload)["token"]

    lock = threading.Lock()
    result = {"offered": 0, "made": 0, "refused": {}, "errors": [], "write_s": [], "visible_s": [], "not_visible": 0}
    work = queue.Queue(maxsize=64)

    def record(key, value):
        with lock:
            result[key].append(value)

    def visible(client, path, found):
        """Seconds until GET path satisfies found (None if not within 10 s)."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 10:
            status, _, body, _ = client.request("GET", path)
            if status == 200 and found(json.loads(body)):
                return time.perf_counter() - t0
            time.sleep(0.02)
        return None

    def do(client, public, kind, n):
        person = rng.choice(ids)
        check = None
        if kind == "custody":
            day = "%d-%02d-%02d" % (2016 + n % 6, 1 + n % 12, 1 + n % 28)
            state = STATES[n % len(STATES)]
            body = {"type": "custody", "person": person, "state": state, "start": day, "confirmed": day,
                    "citations": [{"source": "src-" + person, "quote": "Period %02d: detained." % (1 + n % 10)}]}
            path = "/api/facts"
            if n % 4 == 0:
                check = "status"
        elif kind == "name":
            body = {"type": "name", "person": person, "name": "Editor Variant %d" % n, "form": "spelling_variant",
                    "citations": [{"source": "src-" + person, "quote": "Also written"}]}
            path = "/api/facts"
        else:
            name = "Editor Newperson Q%dx" % n
            body = {"name": name, "concern": True, "citations": [{"source": "src-" + person, "quote": "Name"}]}
            path = "/api/persons"
            if n % 4 == 2:
                check = ("/api/persons?q=" + urllib.parse.quote(name), lambda j: any(p.get("name") == name for p in j.get("items", [])))
        status, _, payload, seconds = client.request("POST", path, body)
        record("write_s", seconds)
        if status == 201:
            with lock:
                result["made"] += 1
            if check == "status":
                # The new claim is among those the person's status on its day rests on (it covers the day for certain).
                fact = json.loads(payload)[0]["id"]
                check = ("/api/persons/%s/status?asOf=%s" % (person, day),
                         lambda j: any(c.get("factId") == fact for c in j.get("claims", [])))
            if check:
                took = visible(public, *check)
                if took is None:
                    with lock:
                        result["not_visible"] += 1
                else:
                    record("visible_s", took)
        else:
            with lock:
                result["refused"][str(status)] = result["refused"].get(str(status), 0) + 1
                if len(result["errors"]) < 20:
                    result["errors"].append("%s %s: %d %s" % ("POST", path, status, payload[:300].decode("utf-8", "replace")))

    def worker():
        client = Client(args.base, token=token)
        public = Client(args.base)  # a change must show to the public, who read the kept projections
        while True:
            item = work.get()
            if item is None:
                return
            try:
                do(client, public, *item)
            except Exception as e:  # noqa: BLE001 - every failure is a result
                with lock:
                    result["errors"].append("%s: %s" % (type(e).__name__, e))

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(8)]
    for w in workers:
        w.start()
    kinds = ("custody", "name", "custody", "person", "custody")
    start = time.time()
    n = 0
    while not stopping.is_set():
        due = start + n / args.rate
        wait = due - time.time()
        if wait > 0:
            stopping.wait(wait)
            continue
        try:
            work.put_nowait((kinds[n % len(kinds)], n))
            with lock:
                result["offered"] += 1
        except queue.Full:
            with lock:
                result["refused"]["not offered: 64 writes waiting"] = result["refused"].get("not offered: 64 writes waiting", 0) + 1
        n += 1
    elapsed = time.time() - start
    for _ in workers:
        work.put(None)
    for w in workers:
        w.join(timeout=15)
    with lock:
        w, v = result["write_s"], sorted(result["visible_s"])
        summary = {"seconds": round(elapsed, 1), "offered": result["offered"], "made": result["made"],
                   "made_per_s": round(result["made"] / elapsed, 2) if elapsed else 0, "refused": result["refused"],
                   "write_p50_ms": percentile(w, 0.5), "write_p99_ms": percentile(w, 0.99),
                   "visible_checked": len(v) + result["not_visible"], "visible_p50_ms": percentile(v, 0.5),
                   "visible_p99_ms": percentile(v, 0.99), "visible_max_ms": v[-1] * 1000 if v else None,
                   "not_visible_in_10s": result["not_visible"], "errors": result["errors"][:20]}
    with open(args.out, "w") as f:
        json.dump(summary, f, indent=1)


if __name__ == "__main__":
    main()
