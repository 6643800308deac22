#!/usr/bin/env bash
# The release build of the app: `trunk build --release` with the toolchain that keeps the
# shell small (`release_wasm_env` in env.sh says why). Extra arguments go to trunk (e.g.
# `--dist /tmp/x`).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
release_wasm_env
exec trunk build --release "$@"
