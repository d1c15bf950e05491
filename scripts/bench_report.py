#!/usr/bin/env python3
"""Turns the JSON lines of scripts/bench.sh into bench/results/<date>.json and .md."""

import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone

TARGETS = {
    ("durable intake", "sqlite"): ("throughput", 5000, "≥ 5,000/s"),
    ("durable intake", "postgres"): ("throughput", 3000, "≥ 3,000/s"),
}


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(mem / 1024 / 1024, 1),
        "kernel": platform.release(),
        "rustc": subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip(),
    }


def rate(r):
    return r.get("inserts_per_second") or r["requests"] / r["seconds"]


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    out = sys.argv[2]
    info = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(), "results": rows}
    with open(out + ".json", "w") as f:
        json.dump(info, f, indent=2)

    framework = next((rate(r) for r in rows if r["name"].startswith("framework")), None)
    storage = {r["backend"]: rate(r) for r in rows if r["name"].startswith("storage")}
    m = info["machine"]
    lines = [
        f"# Benchmark {info['date'][:10]}",
        "",
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, Linux {m['kernel']}, {m['rustc']}.",
        "Release build, `heard serve` on 127.0.0.1 driven by wrk; every 201 is a committed,",
        "durable inquiry (SQLite WAL with synchronous=FULL; PostgreSQL with fsync on), and every",
        "submission carries its own Idempotency-Key, as the family portal sends it.",
        "",
        "| what | backend | connections | throughput /s | p50 ms | p95 ms | p99 ms | target | vs ceilings |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "requests" not in r and "inserts_per_second" not in r:
            continue
        t = rate(r)
        target = ""
        ratios = ""
        if r["name"] == "durable intake":
            goal = TARGETS.get((r["name"], r["backend"]))
            if goal and r["connections"] == 64:
                verdict = "met" if t >= goal[1] else f"missed by {100 * (1 - t / goal[1]):.0f}%"
                target = f"{goal[2]}: {verdict}"
            parts = []
            if framework:
                parts.append(f"{100 * t / framework:.0f}% of framework")
            if storage.get(r["backend"]):
                parts.append(f"{t / storage[r['backend']]:.1f}× one-commit-per-insert")
            ratios = ", ".join(parts)
        if r["name"].startswith("inbox"):
            target = "p95 ≤ 10 ms: " + ("met" if r["p95_ms"] <= 10 else f"missed by {r['p95_ms'] - 10:.1f} ms")
        if r["name"].startswith("report") and r.get("connections") == 1:
            target = "p95 ≤ 50 ms: " + ("met" if r["p95_ms"] <= 50 else f"missed by {r['p95_ms'] - 50:.1f} ms")
        if target and r.get("errors"):
            target = target.split(":")[0] + f": missed, {r['errors']} requests unanswered within wrk's 2 s timeout"
        if r.get("errors") or r.get("non_2xx"):
            target += f" ({r.get('errors', 0)} errors, {r.get('non_2xx', 0)} non-2xx)"
        lat = [f"{r[k]:.2f}" if k in r else "" for k in ("p50_ms", "p95_ms", "p99_ms")]
        lines.append(
            f"| {r['name']} | {r['backend']} | {r.get('connections', '')} | {t:,.0f} | {' | '.join(lat)} | {target} | {ratios} |"
        )
    lines += ["", "| server | backend | start-up ms | RSS at rest MB | RSS peak MB | target |", "|---|---|---|---|---|---|"]
    for r in rows:
        if r["name"] == "server":
            peak = r["rss_peak_kb"] / 1024
            verdict = "met" if peak <= 50 else f"missed by {peak - 50:.1f} MB"
            lines.append(
                f"| intake | {r['backend']} | {r['startup_ms']} | {r['rss_rest_kb'] / 1024:.1f} | {peak:.1f} | RSS ≤ 50 MB: {verdict} |"
            )
        if r["name"] == "server after reads":
            peak = r["rss_peak_kb"] / 1024
            verdict = "met" if peak <= 50 else f"missed by {peak - 50:.1f} MB"
            reads = r.get("reads", "1M-row reads")
            lines.append(f"| after {reads} | {r['backend']} | | | {peak:.1f} | RSS ≤ 50 MB: {verdict} |")
    mail = [r for r in rows if r["name"].startswith(("mail backlog", "acknowledgement latency"))]
    if mail:
        lines += ["", "| mail | backend | result | target |", "|---|---|---|---|"]
    for r in mail:
        if r["name"] == "mail backlog drain":
            verdict = "met" if r["per_second"] >= 200 else f"missed by {200 - r['per_second']:.0f}/s"
            lines.append(
                f"| {r['waiting']:,} acknowledgements waiting, drained to a local SMTP server | {r['backend']} "
                f"| {r['messages']:,} in {r['seconds']:.1f} s: **{r['per_second']:,.0f}/s** | ≥ 200/s: {verdict} |"
            )
        else:
            verdict = "met" if r["p95_ms"] <= 2000 else f"missed by {r['p95_ms'] - 2000:.0f} ms"
            lines.append(
                f"| submission to SMTP accepted, under intake at {r['connections']} connections "
                f"({r['intake_per_second']:,}/s, anonymous) | {r['backend']} | {r['arrived']} of {r['probes']} probes: "
                f"p50 {r['p50_ms']:.0f} ms, **p95 {r['p95_ms']:.0f} ms**, max {r['max_ms']:.0f} ms | p95 ≤ 2 s: {verdict} |"
            )
    for r in rows:
        if "seconds_alone" in r:
            window = f" ({r['window_inquiries']:,} inquiries)" if "window_inquiries" in r else ""
            lines.append(f"\nOne summary request alone over the last 30 days{window} of {r['backend']}'s history: {r['seconds_alone']:.2f} s.")
        if r["name"] == "history generation":
            lines.append(f"\nGenerated {r['inquiries']:,} inquiries on {r['backend']} in {r['seconds']} s.")
    with open(out + ".md", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
