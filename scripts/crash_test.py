#!/usr/bin/env python3
"""Crash test: families keep submitting while the server is killed with
SIGKILL at random moments and restarted; clients retry with the same
Idempotency-Key. At the end every submission that was answered 201 must exist
exactly once, and no key may have produced two inquiries.

    scripts/crash_test.py --bin HEARD_BIN --db DATABASE_URL [--rounds 10]

DATABASE_URL is an empty database (sqlite://PATH or postgres://...).
"""

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import tempfile
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, env):
        self.binary, self.env, self.proc = binary, env, None

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "serve"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        base = "http://" + self.env["HEARD_BIND"]
        for _ in range(300):
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("server did not become ready")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


class Client(threading.Thread):
    """Submits one inquiry after another; retries the same key until answered."""

    def __init__(self, base, topic, run_id, stop):
        super().__init__(daemon=True)
        self.base, self.topic, self.run_id, self.stop = base, topic, run_id, stop
        self.acked = {}  # key -> inquiry id
        self.pending = None
        self.retries = 0

    def body(self, key):
        return json.dumps(
            {
                "kind": "question",
                "topic_id": self.topic,
                "subject": f"Crash test {self.run_id}",
                "body": f"key {key}",
                "requester": {"email": "crash@example.org", "role": "parent"},
            }
        ).encode()

    def submit(self, key):
        req = urllib.request.Request(
            self.base + "/api/v1/districts/lakeview/inquiries",
            data=self.body(key),
            headers={"Content-Type": "application/json", "Idempotency-Key": key},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            if r.status != 201:
                raise SystemExit(f"unexpected status {r.status}")
            return json.load(r)["id"]

    def run(self):
        while not self.stop.is_set() or self.pending:
            key = self.pending or str(uuid.uuid4())
            self.pending = key
            try:
                self.acked[key] = self.submit(key)
                self.pending = None
            except urllib.error.HTTPError as e:
                raise SystemExit(f"server answered {e.code}: {e.read()[:300]!r}")
            except OSError:
                # The server is down: keep the key, try again shortly.
                self.retries += 1
                time.sleep(0.05)


def stored(db, run_id):
    """(inquiry id, key) of every inquiry this run created, read from the database."""
    subject = f"Crash test {run_id}"
    if db.startswith("sqlite://"):
        conn = sqlite3.connect(db[len("sqlite://"):])
        rows = conn.execute("SELECT id, body FROM inquiries WHERE subject = ?", (subject,)).fetchall()
        conn.close()
    else:
        out = subprocess.run(
            ["psql", db, "-At", "-F", "\t", "-c", f"SELECT id, body FROM inquiries WHERE subject = '{subject}'"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows = [tuple(line.split("\t", 1)) for line in out.splitlines() if line]
    return [(i, body[len("key "):]) for i, body in rows]


def inbox_ids(base, run_id):
    """Every inquiry of this run as the staff inbox pages through them: 200
    a page, newest first, following next_cursor to the end."""
    login = urllib.request.Request(
        base + "/api/v1/auth/login",
        data=json.dumps(
            {
                "district": "lakeview",
                "email": "admin@lakeview.example",
                "password": os.environ.get("HEARD_DEMO_PASSWORD", "lakeview-demo"),
            }
        ).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(login, timeout=30) as r:
        token = json.load(r)["access_token"]
    ids, cursor = [], None
    while True:
        query = {"view": "all", "q": f"Crash test {run_id}", "limit": "200"}
        if cursor:
            query["cursor"] = cursor
        req = urllib.request.Request(
            base + "/api/v1/inquiries?" + urllib.parse.urlencode(query),
            headers={"Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            page = json.load(r)
        ids.extend(item["id"] for item in page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return ids


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--seed", type=int, default=None)
    a = p.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)

    env = dict(os.environ)
    env.update(
        HEARD_DATABASE_URL=a.db,
        HEARD_BIND=f"127.0.0.1:{free_port()}",
        HEARD_RATE_LIMIT_PUBLIC="0",
        HEARD_STATIC_DIR="/nonexistent",
        # Acknowledgements are written here (no SMTP server in this test).
        HEARD_MAIL_DIR=tempfile.mkdtemp(prefix="heard-crash-mail-"),
        RUST_LOG="error",
    )
    subprocess.run([a.bin, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([a.bin, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = Server(a.bin, env)
    server.start()
    base = "http://" + env["HEARD_BIND"]
    with urllib.request.urlopen(base + "/api/v1/districts/lakeview/portal") as r:
        topic = json.load(r)["topics"][0]["id"]

    run_id = uuid.uuid4().hex[:12]
    stop = threading.Event()
    clients = [Client(base, topic, run_id, stop) for _ in range(a.clients)]
    for c in clients:
        c.start()
    for n in range(a.rounds):
        time.sleep(rng.uniform(0.2, 1.5))
        before = sum(len(c.acked) for c in clients)
        server.kill()
        time.sleep(rng.uniform(0.05, 0.5))
        server.start()
        print(f"round {n + 1}: killed after {before} acknowledged submissions, restarted", flush=True)
    time.sleep(0.5)
    stop.set()
    for c in clients:
        c.join(timeout=60)
        if c.is_alive():
            raise SystemExit("a client did not finish")
    listed = inbox_ids(base, run_id)
    server.kill()

    acked = {k: v for c in clients for k, v in c.acked.items()}
    rows = stored(a.db, run_id)
    ids = [i for i, _ in rows]
    keys = [k for _, k in rows]
    problems = []
    if len(set(keys)) != len(keys):
        problems.append(f"{len(keys) - len(set(keys))} keys stored more than once")
    if len(set(ids)) != len(ids):
        problems.append("duplicate inquiry ids")
    by_key = dict((k, i) for i, k in rows)
    lost = [k for k in acked if k not in by_key]
    if lost:
        problems.append(f"{len(lost)} acknowledged submissions are missing, e.g. {lost[:3]}")
    wrong = [k for k, i in acked.items() if k in by_key and by_key[k] != i]
    if wrong:
        problems.append(f"{len(wrong)} keys answered with an id other than the stored one")
    extra = [k for k in keys if k not in acked]
    if extra:
        problems.append(f"{len(extra)} stored inquiries were never acknowledged after retries")
    if sorted(listed) != sorted(acked.values()):
        unlisted = set(acked.values()) - set(listed)
        problems.append(
            f"paging the inbox listed {len(listed)} ({len(set(listed))} distinct) of "
            f"{len(acked)} acknowledged; missing e.g. {sorted(unlisted)[:3]}"
        )
    retries = sum(c.retries for c in clients)
    print(
        f"crash test (seed {seed}): {a.rounds} kills, {len(acked)} submissions acknowledged, "
        f"{len(rows)} stored, {len(listed)} listed paging the inbox, "
        f"{retries} retries while the server was down"
    )
    if problems:
        for prob in problems:
            print("FAIL:", prob)
        sys.exit(1)
    print("every acknowledged submission exists exactly once and the inbox lists each once")


if __name__ == "__main__":
    main()
