#!/usr/bin/env python3
"""Live subscribers that come back as a browser's EventSource does, and the check that they missed nothing.

    live-resume.py run --base http://127.0.0.1:8088 --subscribers FILE --out RESULTS.json --stop-file PATH
                       [--retry-ms 500] [--max-seconds 900]
    live-resume.py check --results RESULTS.json --database DB --after ID [--kill-at EPOCH]

run: one thread per line of FILE, "kind organisation-id session-cookie" (kind `cabinet`: the organisation's cabinet
feed, /api/v1/cabinet/organizations/{id}/events, with the SESSION cookie of one of its admins; kind `public`:
/api/v1/organizations/{id}/events, cookie `-`). Each holds its stream; when the stream ends or fails it waits
--retry-ms and opens it again, sending `Last-Event-ID` with the last id it received (what EventSource does), until
the stop file exists (then it closes) or --max-seconds pass. Once every stream is open it creates RESULTS.json.ready.
Every event and every connection (opened, first line,
ended, why) is written to RESULTS.json. Loopback only: --base must be a 127.0.0.0/8 address.

check: compares what each subscriber received with what PostgreSQL holds: for a cabinet subscriber, the ids of the
published questionnaires of its organisation's subtree with an id above --after (every one must have arrived, once);
for a public subscriber, the count of its organisation's published questionnaires above --after against the `rating`
events received, and the `ratingsCount` values skipped between consecutive events; the streams lost (those ending
within 2 s of --kill-at counted apart) and the time to the next open stream. Exit status 1 when a cabinet subscriber
missed an event or got one twice, or a subscriber had no open stream at the end.
The public stream does not replay (API.md promises `Last-Event-ID` resumption for the cabinet feed only): its gaps
are reported, not failed.
"""
import argparse
import http.client
import ipaddress
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse


class Subscriber(threading.Thread):
    def __init__(self, number, kind, organization, cookie, args):
        super().__init__(daemon=True)
        self.number, self.kind, self.organization = number, kind, organization
        self.cookie = None if cookie == "-" else cookie
        self.args = args
        self.host, self.port = args.host, args.port
        self.last_id = None
        self.events = []        # [received at, id, ratingsCount or None]
        self.connections = []   # {opened, live, ended, status, reason, resumedFrom}
        self.connection = None
        self.stopping = False

    def path(self):
        if self.kind == "cabinet":
            return f"/api/v1/cabinet/organizations/{self.organization}/events"
        return f"/api/v1/organizations/{self.organization}/events"

    def run(self):
        while not self.stopping:
            record = {"opened": time.time(), "live": None, "ended": None, "status": None, "reason": None,
                      "resumedFrom": self.last_id}
            self.connections.append(record)
            try:
                self.stream(record)
                record["reason"] = "closed by the server"
            except Exception as e:  # a refused connection, a reset, a timeout: the browser tries again
                record["reason"] = type(e).__name__ + (": " + str(e) if str(e) else "")
            finally:
                record["ended"] = time.time()
                if self.connection is not None:
                    try:
                        self.connection.close()
                    except Exception:
                        pass
            if not self.stopping:
                time.sleep(self.args.retry_ms / 1000)

    def stream(self, record):
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache", "User-Agent": "ocenka-live-resume"}
        if self.cookie:
            headers["Cookie"] = "SESSION=" + self.cookie
        if self.last_id is not None:
            headers["Last-Event-ID"] = self.last_id
        # A heartbeat comes every 15 s: a stream silent for 40 s is dead.
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=40)
        self.connection.request("GET", self.path(), headers=headers)
        response = self.connection.getresponse()
        record["status"] = response.status
        if response.status != 200:
            response.read()
            raise RuntimeError(f"status {response.status}")
        event_id, event_type, data = None, None, []
        while not self.stopping:
            line = response.readline()
            if not line:
                return
            if record["live"] is None:
                record["live"] = time.time()
            line = line.decode("utf-8").rstrip("\r\n")
            if line == "":
                # As EventSource does: a message's id is kept even when it has no data (the stream's opening).
                if event_id is not None:
                    self.last_id = event_id
                if data and event_type in ("rating", "questionnaire"):
                    self.received(event_id, event_type, "\n".join(data))
                event_id, event_type, data = None, None, []
            elif line.startswith(":"):
                continue
            else:
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if field == "id":
                    event_id = value
                elif field == "event":
                    event_type = value
                elif field == "data":
                    data.append(value)

    def received(self, event_id, event_type, data):
        count = None
        if event_type == "rating":
            try:
                count = json.loads(data).get("ratingsCount")
            except ValueError:
                pass
        self.events.append([time.time(), event_id, count])

    def stop(self):
        self.stopping = True
        connection = self.connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(2)
            except OSError:
                pass

    def result(self):
        return {"number": self.number, "kind": self.kind, "organization": self.organization,
                "events": self.events, "connections": self.connections}


def run(args):
    base = urllib.parse.urlsplit(args.base)
    if not ipaddress.ip_address(base.hostname).is_loopback:
        sys.exit("--base must be a loopback address (127.0.0.0/8)")
    args.host, args.port = base.hostname, base.port or 80
    subscribers = []
    with open(args.subscribers, encoding="utf-8") as lines:
        for number, line in enumerate(l for l in lines if l.strip()):
            kind, organization, cookie = line.split()
            subscribers.append(Subscriber(number, kind, int(organization), cookie, args))
    for s in subscribers:
        s.start()
        time.sleep(0.005)
    deadline = time.time() + args.max_seconds
    ready = False
    while not os.path.exists(args.stop_file) and time.time() < deadline:
        if not ready and all(s.connections and s.connections[-1]["live"] for s in subscribers):
            ready = True
            open(args.out + ".ready", "w").close()
        time.sleep(0.2)
    for s in subscribers:
        s.stop()
    for s in subscribers:
        s.join(5)
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"subscribers": [s.result() for s in subscribers]}, out)


def psql(database, sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAt", "-F", " ",
                          "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines() if line.strip()]


def check(args):
    subscribers = json.load(open(args.results, encoding="utf-8"))["subscribers"]
    cabinet = sorted({s["organization"] for s in subscribers if s["kind"] == "cabinet"})
    public = sorted({s["organization"] for s in subscribers if s["kind"] == "public"})
    expected_ids = {o: set() for o in cabinet}
    if cabinet:
        for root, qid in psql(args.database, f"""
                SELECT c.ancestor_id, q.id FROM org_closure c JOIN questionnaire q ON q.organization_id = c.descendant_id
                WHERE c.ancestor_id IN ({",".join(map(str, cabinet))}) AND q.id > {args.after} AND q.status = 'PUBLISHED'"""):
            expected_ids[int(root)].add(int(qid))
    expected_counts = {o: 0 for o in public}
    if public:
        for org, n in psql(args.database, f"""
                SELECT organization_id, count(*) FROM questionnaire WHERE organization_id IN ({",".join(map(str, public))})
                AND id > {args.after} AND status = 'PUBLISHED' GROUP BY 1"""):
            expected_counts[int(org)] = int(n)
    held = psql(args.database, f"SELECT count(*) FROM questionnaire WHERE id > {args.after} AND status <> 'PUBLISHED'")[0][0]

    failed = False
    figures = {}
    for kind in ("cabinet", "public"):
        mine = [s for s in subscribers if s["kind"] == kind]
        if not mine:
            continue
        f = figures[kind] = {"subscribers": len(mine), "streams lost": 0, "subscribers who lost one": 0,
                             "lost at the kill": 0, "never back": 0, "reconnect seconds": [],
                             "back after kill seconds": [], "expected": 0, "received": 0, "missed": 0, "twice": 0,
                             "subscribers with a gap": 0, "refused": 0}
        for s in mine:
            connections = s["connections"]
            f["refused"] += sum(1 for c in connections if c["status"] not in (None, 200))
            # A stream lost: one that had been live and ended before the run's end (the last one is closed by us).
            lost = [i for i, c in enumerate(connections[:-1]) if c["live"] is not None]
            f["streams lost"] += len(lost)
            f["subscribers who lost one"] += 1 if lost else 0
            for i in lost:
                back = next((c for c in connections[i + 1:] if c["live"] is not None), None)
                if back is not None:
                    f["reconnect seconds"].append(back["live"] - connections[i]["ended"])
                # Lost at the kill: it ended within two seconds of it.
                if args.kill_at and abs(connections[i]["ended"] - args.kill_at) < 2:
                    f["lost at the kill"] += 1
                    if back is not None:
                        f["back after kill seconds"].append(back["live"] - args.kill_at)
            if connections[-1]["live"] is None:
                f["never back"] += 1
                failed = True
            if kind == "cabinet":
                ids = [int(e[1]) for e in s["events"] if e[1] is not None]
                expected = expected_ids[s["organization"]]
                missed = len(expected - set(ids))
                twice = len(ids) - len(set(ids))
                f["expected"] += len(expected)
                f["received"] += len(set(ids) & expected)
                f["missed"] += missed
                f["twice"] += twice
                if missed or twice:
                    f["subscribers with a gap"] += 1
                    failed = True
            else:
                counts = [e[2] for e in s["events"] if e[2] is not None]
                expected = expected_counts[s["organization"]]
                f["expected"] += expected
                f["received"] += len(counts)
                skipped = sum(max(0, b - a - 1) for a, b in zip(counts, counts[1:]))
                f["missed"] += max(expected - len(counts), skipped)
                f["twice"] += sum(1 for a, b in zip(counts, counts[1:]) if b <= a)
                if expected != len(counts) or skipped:
                    f["subscribers with a gap"] += 1

    def spread(values):
        if not values:
            return "-"
        values = sorted(values)
        return (f"median {values[len(values) // 2]:.2f} s, max {values[-1]:.2f} s")

    print(f"questionnaires held or hidden since the start (not live events): {held}")
    for kind, f in figures.items():
        title = {"cabinet": "cabinet feed (Last-Event-ID resumes)", "public": "public score stream (no replay)"}[kind]
        print(f"{title}:")
        print(f"   subscribers {f['subscribers']}; streams lost {f['streams lost']} (by {f['subscribers who lost one']} "
              f"subscribers), {f['lost at the kill']} of them at the kill; without a stream at the end {f['never back']}; "
              f"answers other than 200 while reconnecting {f['refused']}")
        print(f"   from a lost stream to the next: {spread(f['reconnect seconds'])}"
              + (f"; from the kill to the new stream: {spread(f['back after kill seconds'])}" if args.kill_at else ""))
        print(f"   events expected {f['expected']}, received {f['received']}, missed {f['missed']}, "
              f"received twice {f['twice']}, subscribers with a gap {f['subscribers with a gap']}")
    json.dump(figures, open(args.results + ".summary", "w", encoding="utf-8"))
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("--base", required=True)
    r.add_argument("--subscribers", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--stop-file", required=True)
    r.add_argument("--retry-ms", type=int, default=500)
    r.add_argument("--max-seconds", type=int, default=900)
    c = sub.add_parser("check")
    c.add_argument("--results", required=True)
    c.add_argument("--database", required=True)
    c.add_argument("--after", type=int, required=True)
    c.add_argument("--kill-at", type=float)
    args = parser.parse_args()
    if args.command == "run":
        run(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
