#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests.
#
#   scripts/pg-cluster.sh start DIR [PORT]   prints postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-cluster.sh stop DIR           stops the server and deletes DIR
#
# The server listens on 127.0.0.1 only (on a free port unless PORT is given),
# keeps its socket, data and log (DIR/server.log) inside DIR, and trusts the
# user postgres without a password. fsync stays on; PG_FSYNC=off turns it off
# for a faster cluster whose tests need no durability.
# `start` first stops and removes a cluster this script left in DIR earlier.
# It refuses to touch a DIR that holds anything else. Messages go to stderr;
# stdout carries only the URL.
set -euo pipefail

marker=.heard-pg-cluster

log() { echo "pg-cluster: $*" >&2; }
die() { log "$*"; exit 1; }
usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2; }

# Server binaries: Debian's, highest version.
bindir() {
  local d
  d=$(for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
  done | sort -V | tail -n1)
  [ -n "$d" ] || die "no PostgreSQL server under /usr/lib/postgresql/*/bin (scripts/ensure-tools.sh test installs it)"
  echo "$d"
}

# initdb and the server refuse to run as root: as root, run them as postgres.
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((20000 + RANDOM % 40000))
}

running() { [ -f "$dir/data/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

stop_server() {
  running || return 0
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 ||
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2 ||
    die "could not stop the server in $dir"
}

# Removes DIR if this script made it; an empty or absent DIR is fine too.
remove_cluster() {
  if [ -f "$dir/$marker" ]; then
    stop_server
    rm -rf "$dir"
  elif [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    die "$dir holds files this script did not make; refusing to touch it"
  fi
}

start() {
  local port=${1:-} tries=1 fsync=${PG_FSYNC:-on} locale=C.UTF-8
  case "$dir" in *[[:space:]]*) die "DIR must not contain spaces: $dir" ;; esac
  # A Unix socket path is limited to 107 bytes: DIR/.s.PGSQL.PORT must fit.
  [ ${#dir} -le 90 ] || die "DIR is too long for a socket path (${#dir} > 90 characters): $dir"
  [ -d "$dir" ] && [ -f "$dir/$marker" ] && log "removing the cluster left in $dir"
  remove_cluster

  mkdir -p "$dir"
  touch "$dir/$marker"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "user postgres does not exist (it comes with Debian's postgresql package)"
    chown postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "user postgres cannot write $dir (a parent folder is closed to it): choose a DIR under /tmp"
  fi

  locale -a 2>/dev/null | grep -qix 'c.utf-\?8' || locale=C
  if ! as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale="$locale" >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  fi

  [ -n "$port" ] || { port=$(free_port); tries=5; }
  while :; do
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=$fsync" start >&2; then
      break
    fi
    tries=$((tries - 1))
    if [ $tries -le 0 ] || ! grep -q 'could not bind' "$dir/server.log" 2>/dev/null; then
      tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
      die "the server in $dir did not start on port $port"
    fi
    log "port $port is taken, trying another"
    port=$(free_port)
  done
  log "PostgreSQL $("$bin/postgres" --version | awk '{ print $3 }') running in $dir on 127.0.0.1:$port (fsync=$fsync)"
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$(realpath -m -- "$2")
[ "$dir" != / ] || die "DIR must not be /"
shift 2
bin=$(bindir)

case "$cmd" in
  start) [ $# -le 1 ] || usage; start "$@" ;;
  stop)
    [ $# -eq 0 ] || usage
    if [ -f "$dir/$marker" ]; then remove_cluster; log "stopped and removed $dir"
    else remove_cluster; log "no cluster in $dir"; fi
    ;;
  *) usage ;;
esac
