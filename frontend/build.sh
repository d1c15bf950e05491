#!/usr/bin/env bash
# Builds the browser app into dist/ at the repository root: the wasm bundle,
# its JS glue, index.html, USWDS (CSS, fonts, icons) and heard.css.
# Idempotent: run it as often as you like.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
dist="$root/dist"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/heard-target}"
profile=wasm-release
wasm_bindgen_version="0.2.130"

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

# Leptos's `erase_components` type-erases views: about a tenth off the bundle.
# The flag applies to the wasm32 build only, so native and clippy builds keep
# their own artifacts.
RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components" \
  cargo build -p heard-frontend --target wasm32-unknown-unknown --profile "$profile"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$work" --out-name heard \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/heard-frontend.wasm"
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  -o "$work/heard_bg.opt.wasm" "$work/heard_bg.wasm"

# Content-hashed names, so a new build is never mixed with a cached old one.
hash() { sha256sum "$1" | cut -c1-12; }
wasm_name="heard-$(hash "$work/heard_bg.opt.wasm").wasm"
js_name="heard-$(hash "$work/heard.js").js"
css_hash="$(hash style/heard.css)"

rm -rf "$dist"
mkdir -p "$dist/uswds"
cp "$work/heard_bg.opt.wasm" "$dist/$wasm_name"
cp "$work/heard.js" "$dist/$js_name"
cp style/heard.css "$dist/heard.css"
sed -e "s/__WASM__/$wasm_name/g" -e "s/__JS__/$js_name/g" -e "s/__CSS_HASH__/$css_hash/g" \
  index.html > "$dist/index.html"
uswds=node_modules/@uswds/uswds/dist
mkdir -p "$dist/uswds/css"
cp "$uswds/css/uswds.min.css" "$dist/uswds/css/"
cp -r "$uswds/fonts" "$uswds/img" "$dist/uswds/"

raw=$(stat -c %s "$dist/$wasm_name")
gz=$(gzip -9 -c "$dist/$wasm_name" | wc -c)
js_gz=$(gzip -9 -c "$dist/$js_name" | wc -c)
printf 'dist/%s: %d KB raw, %d KB gzip (JS glue %d KB gzip)\n' \
  "$wasm_name" $((raw / 1024)) $((gz / 1024)) $((js_gz / 1024))
