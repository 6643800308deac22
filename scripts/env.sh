# Sourced by the other scripts: tools installed by setup.sh come first on PATH.
# node_modules/.bin holds wasm-opt from npm's binaryen 132 (Debian's 108 breaks the app).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
