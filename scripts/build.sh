#!/usr/bin/env bash
# The release build of the app: `trunk build --release` with the toolchain that keeps the
# shell small (`release_wasm_env` in env.sh says why). Extra arguments go to trunk (e.g.
# `--dist /tmp/x`). `--names` first keeps the functions' names in the app's wasm, for a
# profiler to show (scripts/profile-wasm.mjs): the same code, larger, never shipped.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
release_wasm_env
if [[ "${1:-}" == "--names" ]]; then
  shift
  # wasm-opt drops the name section unless told to keep it (`-g`).
  trap 'rm -f index.names.html' EXIT
  sed 's/--strip-target-features"/--strip-target-features -g"/' index.html > index.names.html
  grep -q -- '-g"' index.names.html || { echo "build.sh: no wasm-opt parameters to add -g to" >&2; exit 1; }
  trunk build --release "$@" index.names.html
  exit
fi
exec trunk build --release "$@"
