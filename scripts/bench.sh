#!/usr/bin/env bash
# make bench: release binaries driven over HTTP on 127.0.0.1 by wrk, bounded in
# time, with this machine's ceilings measured in the same run. Writes
# bench/results/<date>.json and .md.
#   BENCH_SECONDS (default 10) per load point; BENCH_HISTORY (default 1000000)
#   inquiries for the read benchmarks; BENCH_BACKENDS (default "sqlite postgres").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
seconds=${BENCH_SECONDS:-10}
history=${BENCH_HISTORY:-1000000}
backends=${BENCH_BACKENDS:-sqlite postgres}
target=${CARGO_TARGET_DIR:-$HOME/.cache/heard-target}
heard=$target/release/heard
bench=$target/release/heard-bench
work=$(mktemp -d /tmp/heard-bench.XXXXXX)
chmod 755 "$work" # the PostgreSQL server runs as user postgres
results=$work/results.jsonl
export BENCH_DIR=$root/bench
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q -o DPkg::Lock::Timeout=600 wrk; } >&2
echo "+ cargo build --release -p heard-api -p heard-bench" >&2
cargo build --release -q -p heard-api -p heard-bench

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_kb() { awk "/^$2:/ {print \$2}" "/proc/$1/status"; }
record() { # name, extra JSON fields, wrk JSON line
  python3 -c 'import json,sys; d=json.loads(sys.argv[3]); d.update(json.loads(sys.argv[2])); d["name"]=sys.argv[1]; print(json.dumps(d))' "$1" "$2" "$3" >>"$results"
}
load() { # script, connections, path
  local threads=$(($2 < 2 ? 1 : 2))
  URL_PATH=$3 wrk -t"$threads" -c"$2" -d"${seconds}s" -s "bench/$1.lua" "http://$addr" | tail -1
}

# Every acknowledgement the intake points cause goes to a local SMTP server,
# so intake is measured with its outbox and the worker sending beside it.
sink_port=$(free_port)
python3 scripts/smtp_sink.py "$work/sink" "$sink_port" >/dev/null &
pids+=($!)
until (exec 3<>"/dev/tcp/127.0.0.1/$sink_port") 2>/dev/null; do sleep 0.05; done

start_heard() { # database URL; sets addr, pid, startup_ms
  addr=127.0.0.1:$(free_port)
  local t0 t1
  t0=$(date +%s%N)
  HEARD_DATABASE_URL=$1 HEARD_BIND=$addr HEARD_RATE_LIMIT_PUBLIC=0 HEARD_RATE_LIMIT_SIGN_IN=0 \
    HEARD_SMTP_URL="smtp://127.0.0.1:$sink_port" \
    HEARD_STATIC_DIR=/nonexistent RUST_LOG=warn "$heard" serve >"$work/serve.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until curl -fs "http://$addr/readyz" >/dev/null 2>&1; do sleep 0.005; done
  t1=$(date +%s%N)
  startup_ms=$(((t1 - t0) / 1000000))
}
stop_heard() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
sign_in() { # sets token and TOKEN: the demo district's administrator
  token=$(curl -fs -X POST "http://$addr/api/v1/auth/login" -H 'content-type: application/json' \
    -d '{"district":"lakeview","email":"admin@lakeview.example","password":"lakeview-demo"}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  export TOKEN=$token
}

pg_url=
case " $backends " in *" postgres "*) pg_url=$(scripts/pg-cluster.sh start "$work/pg") ;; esac
database_url() { # backend, name
  if [ "$1" = sqlite ]; then
    echo "sqlite://$work/$2.db"
  else
    psql "$pg_url" -qc "CREATE DATABASE $2" >&2
    echo "${pg_url%/postgres}/$2"
  fi
}

# Framework ceiling: an empty actix-web handler.
addr=127.0.0.1:$(free_port)
"$bench" empty --bind "$addr" &
pids+=($!)
until curl -fs -X POST "http://$addr/empty" >/dev/null 2>&1; do sleep 0.01; done
echo "+ framework ceiling" >&2
record "framework ceiling: empty handler, 64 connections" '{"backend":"none","connections":64}' "$(load post 64 /empty)"

for backend in $backends; do
  echo "+ $backend: storage ceiling" >&2
  url=$(database_url "$backend" raw)
  HEARD_DATABASE_URL=$url "$heard" migrate >/dev/null
  HEARD_DATABASE_URL=$url "$heard" seed-demo >/dev/null
  raw=$("$bench" raw-inserts --db "$url" --seconds "$seconds")
  record "storage ceiling: one insert per commit" "{\"backend\":\"$backend\",\"connections\":1}" "$raw"

  echo "+ $backend: durable intake" >&2
  url=$(database_url "$backend" intake)
  HEARD_DATABASE_URL=$url "$heard" migrate >/dev/null
  HEARD_DATABASE_URL=$url "$heard" seed-demo >/dev/null
  start_heard "$url"
  rest=$(rss_kb "$pid" VmRSS)
  topic=$(curl -fs "http://$addr/api/v1/districts/lakeview/portal" | python3 -c 'import json,sys; print(json.load(sys.stdin)["topics"][0]["id"])')
  for c in 1 16 64; do
    out=$(TOPIC=$topic load post "$c" /api/v1/districts/lakeview/inquiries)
    record "durable intake" "{\"backend\":\"$backend\",\"connections\":$c}" "$out"
  done
  peak=$(rss_kb "$pid" VmHWM)
  # The inbox right behind that burst: every inquiry just received is new,
  # so a page of another status starts below all of them.
  sign_in
  out=$(load get 4 "/api/v1/inquiries?view=all&status=in_progress&limit=50")
  record "inbox page: 50 rows, filtered by status, behind the burst of new ones" "{\"backend\":\"$backend\",\"connections\":4}" "$out"
  record "server" "{\"backend\":\"$backend\"}" "{\"startup_ms\":$startup_ms,\"rss_rest_kb\":$rest,\"rss_peak_kb\":$peak}"
  stop_heard

  echo "+ $backend: mail backlog and acknowledgement latency" >&2
  url=$(database_url "$backend" mail)
  HEARD_DATABASE_URL=$url "$heard" migrate >/dev/null
  HEARD_DATABASE_URL=$url "$heard" seed-demo >/dev/null
  python3 scripts/bench_mail.py --bin "$heard" --db "$url" --backend "$backend" --seconds "$seconds" >>"$results"

  # The reads run on a database of their own holding the history alone:
  # the intake points above add tens of thousands of inquiries within the
  # last minute, which would more than double the 30 days the summary reads.
  echo "+ $backend: $history inquiries of history" >&2
  url=$(database_url "$backend" history)
  HEARD_DATABASE_URL=$url "$heard" migrate >/dev/null
  HEARD_DATABASE_URL=$url "$heard" seed-demo >/dev/null
  t0=$(date +%s)
  "$bench" generate --db "$url" --count "$history" >&2
  record "history generation" "{\"backend\":\"$backend\"}" "{\"inquiries\":$history,\"seconds\":$(($(date +%s) - t0))}"
  start_heard "$url"
  sign_in
  out=$(load get 4 "/api/v1/inquiries?view=all&status=in_progress&limit=50")
  record "inbox page: 50 rows, filtered by status" "{\"backend\":\"$backend\",\"connections\":4}" "$out"
  # Reports: latency for one reader (a superintendent opening the dashboard),
  # then throughput with four at once on the two cores.
  for c in 1 4; do
    out=$(load get "$c" "/api/v1/reports/summary")
    record "report summary: last 30 days" "{\"backend\":\"$backend\",\"connections\":$c}" "$out"
  done
  # One request on its own, however long it takes, for when the load run times out.
  single=$(curl -fs -o "$work/summary.json" -m 120 -w '%{time_total}' -H "Authorization: Bearer $token" "http://$addr/api/v1/reports/summary")
  window=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["received"])' "$work/summary.json")
  record "report summary: one request alone" "{\"backend\":\"$backend\"}" "{\"seconds_alone\":$single,\"window_inquiries\":$window}"
  peak=$(rss_kb "$pid" VmHWM)
  record "server after reads" "{\"backend\":\"$backend\",\"reads\":\"inbox and 30-day summaries\"}" "{\"rss_peak_kb\":$peak}"
  for c in 1 4; do
    out=$(load get "$c" "/api/v1/goals")
    record "strategic goals: five, each over its school year" "{\"backend\":\"$backend\",\"connections\":$c}" "$out"
  done
  peak=$(rss_kb "$pid" VmHWM)
  record "server after reads" "{\"backend\":\"$backend\",\"reads\":\"the year-long goals too\"}" "{\"rss_peak_kb\":$peak}"
  stop_heard
done

date=$(date -u +%Y-%m-%d)
python3 scripts/bench_report.py "$results" "bench/results/$date"
echo "wrote bench/results/$date.md and .json" >&2
