# Sourced by the other scripts: tools installed by setup.sh come first on PATH.
# node_modules/.bin holds wasm-opt from npm's binaryen 132 (Debian's 108 breaks the app).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# The toolchain of release wasm builds (`release_wasm_env` below says why). setup.sh installs it
# from rustup's own server with rust-src, which rebuilding std needs.
export FLIMMER_RELEASE_TOOLCHAIN=nightly-2026-10-30

# The release wasm builds' toolchain and flags: the app's (scripts/build.sh) and the engine
# benchmark's in Chromium (scripts/bench-query.mjs), so both are compiled alike.
#
# Why a pinned nightly: it rebuilds the standard library with panic=immediate-abort, which
# drops std's panic formatting and unwinding paths from the wasm: 17 KB brotli of the
# 200 KB shell budget (scripts/size.sh). This is the Leptos book's own advice for binary
# size. A panic in a release build then traps without a message; the start guard in
# index.html still shows the reader an error with a reload button. Panic locations and
# `Debug` output are compiled away too, 2.5 KB more: `{:?}` prints nothing in a release
# build, so text a reader sees never uses it (`problem::quoted` escapes by its own rule;
# the catalog-faults journey fails if a message loses its quoted value).
#
# Without reference types and multivalue, which rustc enables by default for wasm32:
# Safari 16.0-16.3 (iOS 16) has no reference types and cannot run such a wasm at all,
# and wasm-bindgen's glue without the externref table is 0.8 KB smaller here.
#
# Debug builds, the component tests and every native test keep stable Rust, its default
# wasm features and their panic messages.
release_wasm_env() {
  export RUSTUP_TOOLCHAIN="$FLIMMER_RELEASE_TOOLCHAIN"
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  # Replaces the rustflags of .cargo/config.toml for this build, so it repeats them.
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none -Ctarget-feature=-reference-types,-multivalue"
}
