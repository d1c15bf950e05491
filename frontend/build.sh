#!/usr/bin/env bash
# Builds the browser app into dist/ at the repository root: the wasm bundle,
# split into the family part loaded at once and the staff pages loaded on
# first use, its JS glue and the loader that starts it (start.js), index.html,
# USWDS (CSS, fonts, icons) and heard.css.
# Idempotent: run it as often as you like.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dist="$root/dist"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/heard-target}"
profile=wasm-release
wasm_bindgen_version="0.2.130"
wasm_split_version="0.2.4"

cd "$here"
# npm packages: USWDS and binaryen's wasm-opt (Debian's binaryen breaks the bundle).
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@uswds/uswds/dist ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown
if ! command -v wasm-bindgen >/dev/null \
   || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$wasm_bindgen_version" ]; then
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

# wasm-split cuts the module at the app's lazy routes (`#[lazy_route]`);
# it needs the linker's relocations.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$wasm_split_version:"; then
  cargo install wasm_split_cli_support --version "$wasm_split_version" --features build-binary --locked
fi

# Leptos's `erase_components` type-erases views: about a tenth off the bundle.
# The flags apply to the wasm32 build only, so native and clippy builds keep
# their own artifacts.
RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components -C link-args=--emit-relocs" \
  cargo build -p heard-frontend --target wasm32-unknown-unknown --profile "$profile"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pkg="$work/pkg"
# heard.wasm (the main module), one .wasm per split chunk, and __wasm_split.js,
# which fetches the chunks relative to itself.
wasm-split-cli --target web --out-name heard \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/heard-frontend.wasm" "$pkg"
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$pkg" --out-name heard "$pkg/heard.wasm"
rm "$pkg/heard.wasm"
for wasm in "$pkg"/*.wasm; do
  # wasm-opt does not know the split chunks' name subsections and says so for
  # each file; other messages and failures still show.
  if ! node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    -o "$wasm" "$wasm" 2> "$work/wasm-opt.log"; then
    cat "$work/wasm-opt.log" >&2
    exit 1
  fi
  grep -v 'unknown name subsection' "$work/wasm-opt.log" >&2 || true
done

# One content-hashed folder for the module and its chunks, which import each
# other by relative name: a new build is never mixed with a cached old one.
hash() { sha256sum "$1" | cut -c1-12; }
pkg_hash="$(cd "$pkg" && sha256sum -- * | sha256sum | cut -c1-12)"
pkg_name="app-$pkg_hash"
css_hash="$(hash style/heard.css)"

rm -rf "$dist"
mkdir -p "$dist/uswds"
cp -r "$pkg" "$dist/$pkg_name"
cp style/heard.css "$dist/heard.css"
# The loader goes beside the module it starts, under the same hashed name.
names=(-e "s|__WASM__|$pkg_name/heard_bg.wasm|g" -e "s|__JS__|$pkg_name/heard.js|g"
  -e "s|__START__|$pkg_name/start.js|g" -e "s/__CSS_HASH__/$css_hash/g")
sed "${names[@]}" start.js > "$dist/$pkg_name/start.js"
sed "${names[@]}" index.html > "$dist/index.html"
uswds=node_modules/@uswds/uswds/dist
mkdir -p "$dist/uswds/css"
cp "$uswds/css/uswds.min.css" "$dist/uswds/css/"
cp -r "$uswds/fonts" "$uswds/img" "$dist/uswds/"

size() { stat -c %s "$@" | awk '{ s += $1 } END { print int(s / 1024) }'; }
gzsize() { cat "$@" | gzip -9 | wc -c | awk '{ print int($1 / 1024) }'; }
main="$dist/$pkg_name/heard_bg.wasm"
chunks=$(find "$dist/$pkg_name" -name '*.wasm' ! -name heard_bg.wasm | sort)
js=$(find "$dist/$pkg_name" -name '*.js' | sort)
printf 'dist/%s: loaded at once %d KB raw, %d KB gzip; staff chunks %d KB raw (%d files); JS %d KB gzip\n' \
  "$pkg_name" "$(size "$main")" "$(gzsize "$main")" "$(size $chunks)" "$(echo "$chunks" | wc -l)" "$(gzsize $js)"
