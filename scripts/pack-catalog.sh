#!/usr/bin/env bash
# Trunk pre-build hook: packs public/catalog.json into target/catalog.bin with flimmer-pack
# (crates/import/src/bin/pack.rs), the form the app reads its built-in catalog in
# (README, "The data path"). A catalog that does not decode fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
# A native tool, built with the project's stable toolchain: the nightly toolchain and the
# std rebuild that scripts/build.sh sets up are for the wasm only.
unset RUSTUP_TOOLCHAIN CARGO_UNSTABLE_BUILD_STD
# Without flimmer-tmdb (the default feature): no TLS stack to compile before the first build.
exec cargo run -q --locked -p import --no-default-features --bin flimmer-pack -- public/catalog.json target/catalog.bin target/embed
