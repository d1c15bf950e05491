#!/usr/bin/env python3
"""Two `heard serve` processes on one PostgreSQL database, clients spreading
their submissions round-robin over both and failing over to the other node
when one does not answer. One node is killed with SIGKILL under load, while
it delivers acknowledgements, and not restarted. Every submission answered
201 must exist exactly once, and its acknowledgement must reach the SMTP
server (scripts/smtp_sink.py): at least once, and twice only when the kill
fell between the server accepting it and the job being marked done, which
is counted and reported.

    scripts/two_nodes.py --bin HEARD_BIN --db postgres://.../EMPTY_DB
"""

import argparse
import collections
import email
import json
import pathlib
import shutil
import tempfile
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crash_test import Client, Server, free_port, stored  # noqa: E402


class RoundRobinClient(Client):
    """A client whose requests go to the nodes in turn, trying the next on failure."""

    def __init__(self, bases, topic, run_id, stop):
        super().__init__(bases[0], topic, run_id, stop)
        self.bases = bases
        self.turn = random.randrange(len(bases))

    def submit(self, key):
        last = None
        for _ in range(len(self.bases)):
            self.base = self.bases[self.turn % len(self.bases)]
            self.turn += 1
            try:
                return super().submit(key)
            except urllib.error.HTTPError:
                raise
            except OSError as e:
                last = e
        raise last


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--seconds", type=float, default=3.0)
    a = p.parse_args()
    if not a.db.startswith("postgres"):
        raise SystemExit("two nodes share a PostgreSQL database")

    here = pathlib.Path(__file__).resolve().parent
    sink_dir = pathlib.Path(tempfile.mkdtemp(prefix="heard-two-nodes-mail-"))
    sink_port = free_port()
    # A few milliseconds per message, so a kill finds deliveries in flight.
    sink = subprocess.Popen(
        [sys.executable, str(here / "smtp_sink.py"), str(sink_dir), str(sink_port), "5"],
        stdout=subprocess.PIPE,
    )
    if sink.stdout.readline().strip() != b"ready":
        raise SystemExit("the SMTP sink did not start (is aiosmtpd installed?)")
    base_env = dict(os.environ)
    base_env.update(
        HEARD_SMTP_URL=f"smtp://127.0.0.1:{sink_port}",
        HEARD_DATABASE_URL=a.db,
        HEARD_SECRET=uuid.uuid4().hex + uuid.uuid4().hex,
        HEARD_RATE_LIMIT_PUBLIC="0",
        HEARD_STATIC_DIR="/nonexistent",
        RUST_LOG="error",
    )
    subprocess.run([a.bin, "migrate"], env=base_env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([a.bin, "seed-demo"], env=base_env, check=True, stdout=subprocess.DEVNULL)
    nodes = []
    for _ in range(2):
        env = dict(base_env, HEARD_BIND=f"127.0.0.1:{free_port()}")
        node = Server(a.bin, env)
        node.start()
        nodes.append(node)
    bases = ["http://" + n.env["HEARD_BIND"] for n in nodes]
    with urllib.request.urlopen(bases[0] + "/api/v1/districts/lakeview/portal") as r:
        topic = json.load(r)["topics"][0]["id"]

    run_id = uuid.uuid4().hex[:12]
    stop = threading.Event()
    clients = [RoundRobinClient(bases, topic, run_id, stop) for _ in range(a.clients)]
    for c in clients:
        c.start()
    time.sleep(a.seconds / 2)
    before = sum(len(c.acked) for c in clients)
    nodes[0].kill()
    print(f"killed node 1 after {before} acknowledged submissions; node 2 carries on", flush=True)
    time.sleep(a.seconds / 2)
    stop.set()
    for c in clients:
        c.join(timeout=60)
        if c.is_alive():
            raise SystemExit("a client did not finish")

    # The surviving node answers a retry of a key first sent to the dead one.
    acked = {k: v for c in clients for k, v in c.acked.items()}
    sample_key, sample_id = next(iter(acked.items()))
    probe = RoundRobinClient([bases[1]], topic, run_id, stop)
    if probe.submit(sample_key) != sample_id:
        raise SystemExit("FAIL: a retried key was answered with another inquiry")

    rows = stored(a.db, run_id)
    keys = [k for _, k in rows]
    by_key = dict((k, i) for i, k in rows)
    problems = []
    if len(set(keys)) != len(keys):
        problems.append(f"{len(keys) - len(set(keys))} keys stored more than once")
    lost = [k for k in acked if k not in by_key]
    if lost:
        problems.append(f"{len(lost)} acknowledged submissions are missing")
    wrong = [k for k, i in acked.items() if k in by_key and by_key[k] != i]
    if wrong:
        problems.append(f"{len(wrong)} keys answered with an id other than the stored one")
    print(f"two nodes: {len(acked)} submissions acknowledged across both, {len(rows)} stored")
    if problems:
        for prob in problems:
            print("FAIL:", prob)
        nodes[1].kill()
        sys.exit(1)
    print("every acknowledged submission exists exactly once")

    # Every acknowledgement arrives; node 1's leased jobs are taken over by
    # node 2 once their lease (60 s) runs out.
    wanted = {f"<inquiry-{i}@" for i in acked.values()}
    started = time.time()
    seen = collections.Counter()
    while time.time() < started + 150:
        seen = received(sink_dir)
        if len({m for m in seen if m.split("@")[0] + "@" in wanted}) == len(wanted):
            break
        time.sleep(1)
    print(f"mail: the last acknowledgement arrived {time.time() - started:.0f} s after the load ended")
    nodes[1].kill()
    sink.terminate()
    sink.wait()
    # Jobs tried more than once: those node 1 held when it was killed.
    taken_over = subprocess.run(
        ["psql", a.db, "-At", "-c", "SELECT COUNT(*) FROM jobs WHERE kind = 'mail' AND attempts > 1"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"mail: {taken_over} deliveries were in node 1's hands when it was killed and were taken over")
    arrived = {m for m in seen if m.split("@")[0] + "@" in wanted}
    twice = {m: n for m, n in seen.items() if n > 1}
    missing = len(wanted) - len(arrived)
    shutil.rmtree(sink_dir, ignore_errors=True)
    print(
        f"mail: {len(arrived)} of {len(wanted)} acknowledgements arrived; "
        f"{len(twice)} arrived twice (the kill fell between the SMTP server accepting "
        f"them and their jobs being marked done), {sum(seen.values())} messages in all"
    )
    if missing:
        print(f"FAIL: {missing} acknowledgements never arrived")
        sys.exit(1)
    if any(n > 2 for n in twice.values()):
        print("FAIL: a message arrived more than twice")
        sys.exit(1)
    print("every acknowledgement arrived; duplicates only from the delivery in flight at the kill")


def received(sink_dir):
    """How often each Message-ID reached the SMTP sink."""
    seen = collections.Counter()
    new = sink_dir / "maildir" / "new"
    if not new.is_dir():
        return seen
    for f in new.iterdir():
        with open(f, "rb") as fh:
            msg = email.message_from_binary_file(fh)
        seen[(msg.get("Message-ID") or "").strip()] += 1
    return seen


if __name__ == "__main__":
    main()
