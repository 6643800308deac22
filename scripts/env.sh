# Sourced by the other scripts: tools installed by setup.sh come first on PATH.
# node_modules/.bin holds wasm-opt from npm's binaryen 132 (Debian's 108 breaks the app).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# The toolchain of release wasm builds (scripts/build.sh says why). setup.sh installs it
# from rustup's own server with rust-src, which rebuilding std needs.
export FLIMMER_RELEASE_TOOLCHAIN=nightly-2026-10-30
