#!/usr/bin/env bash
# Installs whatever is missing to build and test Flimmer; does nothing that is already done.
# Only package registries are used (apt, crates.io, npm); Trunk never downloads a tool.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

TRUNK_VERSION=0.21.14   # 0.22 needs a newer rustc than stable here (TOOLCHAIN.md)
step() { printf '\n== setup: %s\n' "$*"; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# Firefox ESR and WebKitGTK (its WebDriver and MiniBrowser, run under Xvfb): the component
# tests run in all three engines (TOOLCHAIN.md).
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v brotli >/dev/null || missing+=(brotli)
# A throwaway certificate for the https catalog server of the journey at real scale.
command -v openssl >/dev/null || missing+=(openssl)
# The locale sources WebKit's journeys compile their browser languages from (webdriver.mjs).
[ -d /usr/share/i18n/locales ] && command -v localedef >/dev/null || missing+=(locales)
# Japanese, Chinese and Korean original titles in screenshots and test renders.
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
if ! rustup component list --installed | grep -q '^rustfmt'; then
  step "rustup component add rustfmt"
  rustup component add rustfmt
fi

# The pinned nightly of release wasm builds, with the standard library's source (scripts/build.sh).
if ! rustup run "$FLIMMER_RELEASE_TOOLCHAIN" rustc --version >/dev/null 2>&1 \
  || ! rustup component list --installed --toolchain "$FLIMMER_RELEASE_TOOLCHAIN" | grep -q '^rust-src'; then
  step "rustup toolchain install $FLIMMER_RELEASE_TOOLCHAIN with rust-src (about 20 seconds, once)"
  rustup toolchain install "$FLIMMER_RELEASE_TOOLCHAIN" --profile minimal --component rust-src --target wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "cargo install trunk $TRUNK_VERSION (about 8 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# geckodriver from crates.io (npm's geckodriver package downloads a binary).
GECKODRIVER_VERSION=0.37.1
if ! "$HOME/.cargo/bin/geckodriver" --version 2>/dev/null | grep -q "^geckodriver $GECKODRIVER_VERSION"; then
  step "cargo install geckodriver $GECKODRIVER_VERSION (about 3 minutes, once)"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock exactly. Installed without
# --locked: its own lock file wants a crate version the registry mirror here lacks.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi
if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be $WASM_BINDGEN_VERSION, as in Cargo.lock" >&2
  exit 1
fi

# npm packages exactly as locked: binaryen (wasm-opt) and playwright-core.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.flimmer-lock 2>/dev/null)" != "$lock_sum" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.flimmer-lock
fi

# Trunk runs cargo with --offline, so every crate must be here first.
cargo fetch --locked -q
# ... the crates of the standard library too, which the release build rebuilds (build.sh):
# a registry that has never fetched them fails that build with "no matching package".
std_lib="$(rustup run "$FLIMMER_RELEASE_TOOLCHAIN" rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
rustup run "$FLIMMER_RELEASE_TOOLCHAIN" cargo fetch --locked -q --manifest-path "$std_lib"
