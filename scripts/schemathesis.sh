#!/usr/bin/env bash
# Schemathesis against the real `heard serve`, with every check on every
# operation, once with a staff token and once as a family (no account).
#   scripts/schemathesis.sh HEARD_BIN DATABASE_URL [SECONDS_PER_RUN]
# DATABASE_URL is an empty database (sqlite://… or postgres://…); it gets the
# demo district. Exits non-zero on any failure.
set -euo pipefail
bin=${1:?usage: schemathesis.sh HEARD_BIN DATABASE_URL [SECONDS]}
db=${2:?usage: schemathesis.sh HEARD_BIN DATABASE_URL [SECONDS]}
seconds=${3:-60}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if ! command -v st >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check 'schemathesis>=4.3,<5' >&2
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export HEARD_DATABASE_URL=$db HEARD_BIND=127.0.0.1:$port
# Limits would turn the fuzzer's bursts into 429s and hide real answers.
export HEARD_RATE_LIMIT_PUBLIC=0 HEARD_RATE_LIMIT_SIGN_IN=0
# The fuzzer's submissions are acknowledged by email: to a folder of its own.
HEARD_MAIL_DIR=$(mktemp -d)
export HEARD_MAIL_DIR
export HEARD_STATIC_DIR=/nonexistent RUST_LOG=${RUST_LOG:-warn}
"$bin" migrate >/dev/null
"$bin" seed-demo >/dev/null
log=$(mktemp)
"$bin" serve >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$log" "$HEARD_MAIL_DIR"' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.1
done
base=http://127.0.0.1:$port
token=$(curl -fs -X POST "$base/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"district\":\"lakeview\",\"email\":\"admin@lakeview.example\",\"password\":\"${HEARD_DEMO_PASSWORD:-lakeview-demo}\"}" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

run() {
  echo "+ schemathesis ($1, ${seconds}s)"
  shift
  # One worker: hypothesis's source inspection is not thread-safe.
  st --config-file "$here/schemathesis.toml" run "$base/api/v1/openapi.json" \
    --checks all --max-examples 40 --max-time "$seconds" --workers 1 --no-color "$@"
}
run "staff token" -H "Authorization: Bearer $token"
run "family, no account"
if grep -qiE 'internal error|panicked' "$log"; then
  echo "the server logged an internal error:" >&2
  grep -iE -B2 -A5 'internal error|panicked' "$log" >&2
  exit 1
fi
