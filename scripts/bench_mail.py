#!/usr/bin/env python3
"""Mail benchmarks for make bench, printing one JSON line per result:

- backlog drain: BACKLOG acknowledgements waiting (submitted while no
  server ran jobs), then one `heard serve` sends them to a local SMTP server
  (scripts/smtp_sink.py); messages per second from its start to the last.
- acknowledgement latency under intake load: wrk submits at full speed with
  64 connections while a probe family submits with an email every 100 ms;
  from the moment each probe is sent to the moment the SMTP server accepts
  its acknowledgement. The load's families leave no address (anonymous), so
  the probes measure the pipeline under the load rather than a queue of a
  minute's worth of the load's own acknowledgements.

    scripts/bench_mail.py --bin HEARD --db URL --backend NAME [--seconds S] [--backlog N]
"""

import argparse
import concurrent.futures
import json
import os
import pathlib
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

HERE = pathlib.Path(__file__).resolve().parent


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Sink:
    def __init__(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="heard-bench-mail-"))
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "smtp_sink.py"), str(self.dir), str(self.port)],
            stdout=subprocess.PIPE,
        )
        if self.proc.stdout.readline().strip() != b"ready":
            raise SystemExit("the SMTP sink did not start")

    def arrivals(self):
        """Message-ID -> when the sink accepted it (first time)."""
        out = {}
        try:
            with open(self.dir / "arrivals.log") as f:
                for line in f:
                    t, _, mid = line.strip().partition(" ")
                    out.setdefault(mid, float(t))
        except FileNotFoundError:
            pass
        return out

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Heard:
    def __init__(self, binary, env):
        self.env = dict(env, HEARD_BIND=f"127.0.0.1:{free_port()}")
        self.base = "http://" + self.env["HEARD_BIND"]
        self.proc = subprocess.Popen(
            [binary, "serve"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for _ in range(600):
            try:
                with urllib.request.urlopen(self.base + "/readyz", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.02)
        raise SystemExit("heard did not become ready")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait()


def submit(base, topic, email):
    body = {
        "kind": "question",
        "topic_id": topic,
        "subject": "Bus stop question",
        "body": "When does the bus reach Elm Street in the morning?",
        "requester": {"name": "Maria Lopez", "email": email, "role": "parent"},
    }
    req = urllib.request.Request(
        base + "/api/v1/districts/lakeview/inquiries",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())},
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.load(r)["id"]


def topic_of(base):
    with urllib.request.urlopen(base + "/api/v1/districts/lakeview/portal") as r:
        return json.load(r)["topics"][0]["id"]


def drain(a, env):
    sink = Sink()
    env = dict(env, HEARD_SMTP_URL=f"smtp://127.0.0.1:{sink.port}")
    quiet = Heard(a.bin, dict(env, HEARD_JOB_WORKERS="0"))
    topic = topic_of(quiet.base)
    with concurrent.futures.ThreadPoolExecutor(32) as pool:
        ids = list(pool.map(lambda i: submit(quiet.base, topic, f"family{i}@example.org"), range(a.backlog)))
    quiet.stop()
    t0 = time.time()
    worker = Heard(a.bin, env)
    deadline = t0 + 600
    while len(sink.arrivals()) < len(ids) and time.time() < deadline:
        time.sleep(0.2)
    arrived = sink.arrivals()
    t1 = max(arrived.values()) if arrived else time.time()
    worker.stop()
    sink.stop()
    seconds = t1 - t0
    return {
        "name": "mail backlog drain",
        "backend": a.backend,
        "messages": len(arrived),
        "waiting": len(ids),
        "seconds": round(seconds, 2),
        "per_second": round(len(arrived) / seconds, 1) if seconds > 0 else 0,
    }


def latency(a, env):
    sink = Sink()
    heard = Heard(a.bin, dict(env, HEARD_SMTP_URL=f"smtp://127.0.0.1:{sink.port}"))
    topic = topic_of(heard.base)
    wrk_env = dict(os.environ, TOPIC=topic, ANONYMOUS="1", URL_PATH="/api/v1/districts/lakeview/inquiries",
                   BENCH_DIR=str(HERE.parent / "bench"))
    load = subprocess.Popen(
        ["wrk", "-t2", "-c64", f"-d{a.seconds}s", "-s", str(HERE.parent / "bench" / "post.lua"), heard.base],
        env=wrk_env,
        stdout=subprocess.PIPE,
        text=True,
    )
    sent = {}
    stop = threading.Event()

    def probe():
        i = 0
        while not stop.is_set():
            t = time.time()
            try:
                sent[submit(heard.base, topic, f"probe{i}@example.org")] = t
            except OSError:
                pass
            i += 1
            time.sleep(max(0.0, 0.1 - (time.time() - t)))

    th = threading.Thread(target=probe, daemon=True)
    time.sleep(0.5)
    th.start()
    out, _ = load.communicate()
    stop.set()
    th.join()
    deadline = time.time() + 30
    wanted = {f"<inquiry-{i}@" for i in sent}
    while time.time() < deadline:
        got = {m.split("@")[0] + "@" for m in sink.arrivals()}
        if wanted <= got:
            break
        time.sleep(0.2)
    arrivals = {m.split("@")[0] + "@": t for m, t in sink.arrivals().items()}
    heard.stop()
    sink.stop()
    lat = sorted((arrivals[f"<inquiry-{i}@"] - t) * 1000 for i, t in sent.items() if f"<inquiry-{i}@" in arrivals)
    intake = json.loads(out.strip().splitlines()[-1])
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [0] * 99
    return {
        "name": "acknowledgement latency under intake load",
        "backend": a.backend,
        "connections": 64,
        "probes": len(sent),
        "arrived": len(lat),
        "p50_ms": round(statistics.median(lat), 1) if lat else None,
        "p95_ms": round(q[94], 1),
        "max_ms": round(lat[-1], 1) if lat else None,
        "intake_per_second": round(intake["requests"] / intake["seconds"]),
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--db", required=True, help="a migrated database with the demo district")
    p.add_argument("--backend", required=True)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--backlog", type=int, default=10000)
    a = p.parse_args()
    env = dict(
        os.environ,
        HEARD_DATABASE_URL=a.db,
        HEARD_RATE_LIMIT_PUBLIC="0",
        HEARD_RATE_LIMIT_SIGN_IN="0",
        HEARD_STATIC_DIR="/nonexistent",
        RUST_LOG="warn",
    )
    print(json.dumps(drain(a, env)), flush=True)
    print(json.dumps(latency(a, env)), flush=True)


if __name__ == "__main__":
    main()
