#!/usr/bin/env bash
# Keeps the shared cargo target directory from filling the disk. Every clone
# at a new path builds its own test binaries and incremental state (cargo
# names them by the package's path), and nothing removes the old ones:
# this drops those not used for a day, and all of them when under 20 GiB
# are free. Dependencies' libraries stay, so builds stay incremental.
#   scripts/prune-target.sh TARGET_DIR
set -euo pipefail
target=${1:?usage: prune-target.sh TARGET_DIR}
[ -d "$target" ] || exit 0
age=(-mtime +0)
free_kib=$(df -Pk "$target" | awk 'NR == 2 { print $4 }')
if [ "${free_kib:-0}" -lt $((20 * 1024 * 1024)) ]; then
  age=()
fi
for profile in "$target"/*/; do
  [ -d "$profile/deps" ] || continue
  # Test and program binaries: the files in deps without an extension.
  find "$profile/deps" -maxdepth 1 -type f ! -name '*.*' "${age[@]}" -delete
  [ -d "$profile/incremental" ] &&
    find "$profile/incremental" -mindepth 1 -maxdepth 1 -type d "${age[@]}" -exec rm -rf {} +
done
echo "prune-target: $(df -Ph "$target" | awk 'NR == 2 { print $4 }') free on the target's disk" >&2
