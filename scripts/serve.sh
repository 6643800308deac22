#!/usr/bin/env bash
# Builds Flimmer on the shipped catalog and serves it at http://127.0.0.1:8080/ (rebuilds on change).
# Extra arguments go to `trunk serve`, e.g. `scripts/serve.sh --release --port 9000`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
echo
echo "Flimmer will be served at http://127.0.0.1:8080/ (Ctrl-C stops it)"
exec trunk serve "$@"
