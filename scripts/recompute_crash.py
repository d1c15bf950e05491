#!/usr/bin/env python3
"""Crash test of a calendar recompute: an admin adds a school break, and
while the server counts every inquiry's due times and report facts again on
the new calendar it is killed with SIGKILL and restarted, several times.
Each kill lands while a worker runs the walk (a job a killed worker held is
taken again once its lease ends). The same change is made on a copy of the
database taken just before it,
by a server left alone. Once both walks have finished, every inquiry's due
times and report facts must be the same in the two databases.

    scripts/recompute_crash.py --bin HEARD_BIN --bench HEARD_BENCH_BIN [--count 40000] [--kills 3]

SQLite only: the copy is a copy of the file.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crash_test import Server, free_port  # noqa: E402

PASSWORD = os.environ.get("HEARD_DEMO_PASSWORD", "lakeview-demo")
# The last pass of a walk comes once no server can hold the old calendar:
# a minute after the change (`directory::USABLE_FOR`).
FINISH_WITHIN = 300


def call(base, method, path, token=None, body=None, version=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if version is not None:
        headers["If-Match"] = f'"{version}"'
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read() or b"null"), r.headers.get("ETag")


def sign_in(base):
    body = {"district": "lakeview", "email": "admin@lakeview.example", "password": PASSWORD}
    return call(base, "POST", "/api/v1/auth/login", body=body)[0]["access_token"]


def add_break(base):
    """Adds a two-week break inside the past year, which moves many due times."""
    token = sign_in(base)
    cal, _ = call(base, "GET", "/api/v1/admin/calendar", token)
    start = datetime.date.today() - datetime.timedelta(days=120)
    closures = cal["closures"] + [
        {
            "name": "Crash test break",
            "first_day": start.isoformat(),
            "last_day": (start + datetime.timedelta(days=13)).isoformat(),
        }
    ]
    form = {"weekly_hours": cal["weekly_hours"], "closures": closures}
    after, _ = call(base, "PUT", "/api/v1/admin/calendar", token, form, cal["version"])
    assert after["recomputing"], "the change asks for a recompute"


def recomputing(base):
    token = sign_in(base)
    return call(base, "GET", "/api/v1/admin/calendar", token)[0]["recomputing"]


def wait_finished(base, server):
    deadline = time.monotonic() + FINISH_WITHIN
    while recomputing(base):
        if server.proc.poll() is not None:
            raise SystemExit("the server stopped on its own")
        if time.monotonic() > deadline:
            raise SystemExit(f"the recompute did not finish within {FINISH_WITHIN} s")
        time.sleep(1)


def counted(path):
    """Every inquiry's due times and report facts, by id."""
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT i.id, i.first_response_due_at, i.resolution_due_at, f.first_response_due_at, "
        "f.first_response_on_time, f.first_response_business_seconds, f.resolution_business_seconds "
        "FROM inquiries i JOIN report_facts f ON f.inquiry_id = i.id"
    ).fetchall()
    conn.close()
    return {r[0]: r[1:] for r in rows}


def walking(path, pid):
    """Whether the server of process `pid` is running a recompute job now
    (its lease names the process that holds it)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    n = conn.execute(
        "SELECT COUNT(*) FROM jobs WHERE kind = 'recompute_calendar' AND state = 'running' "
        "AND lease_owner LIKE ?",
        (f"%:{pid}:%",),
    ).fetchone()[0]
    conn.close()
    return n > 0


def env_for(db, work):
    env = dict(os.environ)
    env.update(
        HEARD_DATABASE_URL=f"sqlite://{db}",
        HEARD_BIND=f"127.0.0.1:{free_port()}",
        HEARD_RATE_LIMIT_PUBLIC="0",
        HEARD_RATE_LIMIT_SIGN_IN="0",
        HEARD_STATIC_DIR="/nonexistent",
        HEARD_MAIL_DIR=tempfile.mkdtemp(prefix="mail-", dir=work),
        RUST_LOG="error",
    )
    return env


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--bench", required=True)
    p.add_argument("--count", type=int, default=40_000)
    p.add_argument("--kills", type=int, default=3)
    p.add_argument("--seed", type=int, default=None)
    a = p.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="heard-recompute-crash-")
    servers = []
    try:
        crashed, calm = os.path.join(work, "crashed.db"), os.path.join(work, "calm.db")
        env = env_for(crashed, work)
        subprocess.run([a.bin, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([a.bin, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run(
            [a.bench, "generate", "--db", env["HEARD_DATABASE_URL"], "--count", str(a.count)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.copy(crashed, calm)
        before = counted(crashed)

        server = Server(a.bin, env)
        servers.append(server)
        server.start()
        base = "http://" + env["HEARD_BIND"]
        add_break(base)
        mid_walk = 0
        for k in range(a.kills):
            # A job a killed worker held is taken again once its lease ends.
            deadline = time.monotonic() + 120
            while not walking(crashed, server.proc.pid) and time.monotonic() < deadline:
                time.sleep(0.1)
            time.sleep(rng.uniform(0.1, 1.0))
            under_way = walking(crashed, server.proc.pid)
            server.kill()
            mid_walk += under_way
            state = "while its worker walked" if under_way else "after its worker let go"
            print(f"  killed {state} ({k + 1} of {a.kills})")
            server.start()
        assert mid_walk == a.kills, f"only {mid_walk} of {a.kills} kills landed mid-walk"
        wait_finished(base, server)
        server.kill()

        env_calm = env_for(calm, work)
        quiet = Server(a.bin, env_calm)
        servers.append(quiet)
        quiet.start()
        add_break("http://" + env_calm["HEARD_BIND"])
        wait_finished("http://" + env_calm["HEARD_BIND"], quiet)
        quiet.kill()

        got, want = counted(crashed), counted(calm)
        moved = sum(1 for i, v in want.items() if before.get(i) != v)
        assert len(got) == len(want) == len(before), (len(got), len(want), len(before))
        assert moved > 0, "the break moved no due time: the test proves nothing"
        wrong = [i for i in want if got[i] != want[i]]
        if wrong:
            raise SystemExit(
                f"{len(wrong)} of {len(want)} inquiries differ after the crashes (seed {seed}), "
                f"e.g. {wrong[0]}: {got[wrong[0]]} != {want[wrong[0]]}"
            )
        print(
            f"recompute survived {a.kills} kills: {len(want)} inquiries, {moved} moved by the "
            f"break, all the same as an uninterrupted recompute (seed {seed})"
        )
    finally:
        for s in servers:
            if s.proc is not None and s.proc.poll() is None:
                s.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
