#!/usr/bin/env bash
# A client generated from api-spec/openapi.json by a third-party generator
# (openapi-python-client, from PyPI) runs the family flow and the staff flow
# (scripts/client_flows.py) against the real `heard serve`.
#   scripts/client-check.sh HEARD_BIN DATABASE_URL
# DATABASE_URL is an empty database (sqlite://… or postgres://…); it gets the
# demo district. Exits non-zero on any failure.
set -euo pipefail
bin=${1:?usage: client-check.sh HEARD_BIN DATABASE_URL}
db=${2:?usage: client-check.sh HEARD_BIN DATABASE_URL}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

# Exact versions: a new generator release must not change what CI proves.
generator=openapi-python-client==0.29.1
if [ "$(python3 -m pip show openapi-python-client 2>/dev/null | awk '/^Version:/ { print $2 }')" != "0.29.1" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "$generator" 'python-dateutil>=2.8' >&2
fi

work=$(mktemp -d)
log=$work/server.log
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "+ openapi-python-client generate --path api-spec/openapi.json"
(cd "$work" && openapi-python-client generate --path "$root/api-spec/openapi.json" --meta none --fail-on-warning >"$work/generate.log" 2>&1) || {
  cat "$work/generate.log" >&2
  echo "client-check: the generator refused api-spec/openapi.json" >&2
  exit 1
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export HEARD_DATABASE_URL=$db HEARD_BIND=127.0.0.1:$port
export HEARD_RATE_LIMIT_PUBLIC=0 HEARD_RATE_LIMIT_SIGN_IN=0
export HEARD_MAIL_DIR=$work/mail
export HEARD_STATIC_DIR=/nonexistent RUST_LOG=${RUST_LOG:-warn}
"$bin" migrate >/dev/null
"$bin" seed-demo >/dev/null
"$bin" serve >"$log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.1
done
echo "+ python3 scripts/client_flows.py (generated client, ${db%%:*})"
python3 "$here/client_flows.py" "http://127.0.0.1:$port" "$work"
if grep -qiE 'internal error|panicked' "$log"; then
  echo "the server logged an internal error:" >&2
  grep -iE -B2 -A5 'internal error|panicked' "$log" >&2
  exit 1
fi
