#!/usr/bin/env bash
# Makes sure the tools Heard's build and tests need are on this machine, and
# installs only the ones that are missing.
#
#   scripts/ensure-tools.sh [MODE...]      MODE: run | lint | test | all (default: all)
#
#   run   what `make run` needs: node/npm, the wasm32 target, wasm-bindgen-cli
#         (same version as wasm-bindgen in Cargo.lock), libpq-dev
#   lint  rustfmt, clippy, the wasm32 target, libpq-dev
#   test  everything above, plus a PostgreSQL server, Chromium and aiosmtpd
#   all   the same as test
#
# Prints one line per tool ("present" or "installed") on stdout; installer
# output goes to stderr. Exits non-zero naming whatever could not be installed.
# Debian packages need root: as another user it uses sudo when it can.
set -euo pipefail

root_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

want_run=0 want_lint=0 want_test=0
[ $# -gt 0 ] || set -- all
for mode in "$@"; do
  case "$mode" in
    run) want_run=1 ;;
    lint) want_lint=1 ;;
    test | all) want_run=1 want_lint=1 want_test=1 ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "ensure-tools: unknown mode '$mode' (expected run, lint, test or all)" >&2; exit 2 ;;
  esac
done

failed=()
report() { printf '%-24s %s\n' "$1:" "$2"; }
fail() { report "$1" "MISSING - $2"; failed+=("$1"); }

# --- Rust toolchain ---------------------------------------------------------

have_rustup=0
command -v rustup >/dev/null 2>&1 && have_rustup=1

ensure_component() { # NAME CHECK-COMMAND...
  local name=$1; shift
  if "$@" >/dev/null 2>&1; then
    report "$name" present
  elif [ $have_rustup = 0 ]; then
    fail "$name" "rustup is not installed, so the component cannot be added"
  elif rustup component add "$name" >&2 && "$@" >/dev/null 2>&1; then
    report "$name" installed
  else
    fail "$name" "rustup component add $name failed"
  fi
}

ensure_wasm_target() {
  local t=wasm32-unknown-unknown
  if [ $have_rustup = 0 ]; then
    # Without rustup, trust the compiler: a target it lacks fails the build loudly.
    if [ -d "$(rustc --print sysroot)/lib/rustlib/$t" ]; then report "$t" present
    else fail "$t" "rustup is not installed, so the target cannot be added"; fi
  elif rustup target list --installed | grep -qx "$t"; then
    report "$t" present
  elif rustup target add "$t" >&2; then
    report "$t" installed
  else
    fail "$t" "rustup target add $t failed"
  fi
}

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock,
# or the generated JS glue does not match the compiled module.
ensure_wasm_bindgen() {
  local lock="$root_dir/Cargo.lock" versions want have
  if [ ! -f "$lock" ]; then
    fail wasm-bindgen-cli "$lock not found"
    return
  fi
  versions=$(awk '/^\[\[package\]\]/ { name = "" }
                  /^name = / { name = $3 }
                  /^version = / && name == "\"wasm-bindgen\"" { gsub(/"/, "", $3); print $3 }' "$lock" | sort -u)
  if [ -z "$versions" ]; then
    report wasm-bindgen-cli "not needed (no wasm-bindgen in Cargo.lock)"
    return
  fi
  if [ "$(printf '%s\n' "$versions" | wc -l)" -gt 1 ]; then
    fail wasm-bindgen-cli "Cargo.lock holds several wasm-bindgen versions: ${versions//$'\n'/ }"
    return
  fi
  want=$versions
  have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }') || true
  if [ "$have" = "$want" ]; then
    report wasm-bindgen-cli "present ($want)"
    return
  fi
  echo "ensure-tools: installing wasm-bindgen-cli $want (found: ${have:-none}); this takes a few minutes" >&2
  # Not --locked: its lock file pins crates newer than the registry serves.
  # Built outside the project (own temporary target dir, neutral working dir).
  if (cd / && env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$want" --force >&2) &&
    [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" = "$want" ]; then
    report wasm-bindgen-cli "installed ($want)"
  else
    fail wasm-bindgen-cli "cargo install wasm-bindgen-cli --version $want failed, or its bin directory is not on PATH"
  fi
}

# --- Commands the project expects to find -----------------------------------

ensure_command() { # NAME WHY
  if command -v "$1" >/dev/null 2>&1; then
    report "$1" "present ($("$1" --version 2>/dev/null | head -n1))"
  else
    fail "$1" "$2"
  fi
}

# --- Debian packages ----------------------------------------------------------

apt_updated=0
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "ensure-tools: installing Debian packages needs root, and sudo is not available" >&2
    return 1
  fi
}
apt_get() {
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 "$@" >&2
}
apt_update_once() {
  [ $apt_updated = 1 ] || { apt_get update && apt_updated=1; }
}
apt_has_candidate() {
  local c
  c=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }')
  [ -n "$c" ] && [ "$c" != "(none)" ]
}
dpkg_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}
pg_server_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then echo "$d"; fi
  done | sort -V | tail -n1 | grep .
}

# Each Debian tool: a name, a check, and the packages to try in order.
deb_names=() deb_checks=() deb_pkgs=()
want_deb() { deb_names+=("$1"); deb_checks+=("$2"); deb_pkgs+=("$3"); }

ensure_debian() {
  local i missing=() to_install=() chosen=() pkg found
  for i in "${!deb_names[@]}"; do
    if found=$(eval "${deb_checks[$i]}" 2>/dev/null); then
      report "${deb_names[$i]}" "present${found:+ ($found)}"
    else
      missing+=("$i")
    fi
  done
  [ ${#missing[@]} -gt 0 ] || return 0

  if ! command -v apt-get >/dev/null 2>&1; then
    for i in "${missing[@]}"; do fail "${deb_names[$i]}" "apt-get is not available; install it by hand"; done
    return
  fi
  if ! apt_update_once; then
    for i in "${missing[@]}"; do fail "${deb_names[$i]}" "apt-get update failed"; done
    return
  fi
  for i in "${missing[@]}"; do
    chosen[i]=""
    for pkg in ${deb_pkgs[$i]}; do
      if apt_has_candidate "$pkg"; then to_install+=("$pkg"); chosen[i]=$pkg; break; fi
    done
  done
  if [ ${#to_install[@]} -gt 0 ]; then
    echo "ensure-tools: apt-get install ${to_install[*]}" >&2
    apt_get install -y "${to_install[@]}" || true
  fi
  for i in "${missing[@]}"; do
    if found=$(eval "${deb_checks[$i]}" 2>/dev/null); then
      report "${deb_names[$i]}" "installed (${chosen[$i]}${found:+, $found})"
    elif [ -z "${chosen[$i]}" ]; then
      fail "${deb_names[$i]}" "no Debian package available: ${deb_pkgs[$i]}"
    else
      fail "${deb_names[$i]}" "apt-get install ${chosen[$i]} did not succeed"
    fi
  done
}

# --- What each mode needs -----------------------------------------------------

if [ $want_lint = 1 ]; then
  ensure_component rustfmt cargo fmt --version
  ensure_component clippy cargo clippy --version
fi
if [ $want_run = 1 ] || [ $want_lint = 1 ]; then
  ensure_wasm_target
fi
if [ $want_run = 1 ]; then
  ensure_command node "Node.js is needed to build the frontend; install it with your system's packages"
  ensure_command npm "npm is needed to build the frontend; install it with your system's packages"
fi

# libpq-dev: pq-sys links libpq; the server and browser only for tests.
want_deb libpq-dev "dpkg_installed libpq-dev" "libpq-dev"
if [ $want_test = 1 ]; then
  want_deb postgresql-server "pg_server_bindir" "postgresql-15 postgresql"
  want_deb chromium "dpkg_installed chromium && /usr/bin/chromium --version" "chromium"
fi
ensure_debian

if [ $want_run = 1 ]; then
  ensure_wasm_bindgen
fi

# The SMTP server the mail tests send to (scripts/smtp_sink.py).
ensure_python_module() { # MODULE PIP-SPEC
  if python3 -c "import $1" >/dev/null 2>&1; then
    report "$1" present
  elif python3 -m pip install --quiet --disable-pip-version-check "$2" >&2 &&
    python3 -c "import $1" >/dev/null 2>&1; then
    report "$1" "installed ($2)"
  else
    fail "$1" "python3 -m pip install '$2' failed"
  fi
}
if [ $want_test = 1 ]; then
  ensure_python_module aiosmtpd 'aiosmtpd==1.4.6'
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "ensure-tools: FAILED - could not provide: ${failed[*]}" >&2
  exit 1
fi
