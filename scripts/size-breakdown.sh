#!/usr/bin/env bash
# Where the wasm's bytes go: builds the release wasm, keeps function names through
# wasm-bindgen and wasm-opt -Oz, and prints twiggy's largest items and the bytes per
# crate. Installs twiggy (crates.io) on first use. Not part of the test run.
#   scripts/size-breakdown.sh [N]      N = rows of `twiggy top` (default 30)
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
command -v twiggy >/dev/null || cargo install --locked twiggy
out=$(mktemp -d)
cargo build --release --locked --target wasm32-unknown-unknown --bin flimmer -q
wasm-bindgen --target web --keep-debug --out-dir "$out" target/wasm32-unknown-unknown/release/flimmer.wasm
wasm-opt -Oz -g "$out/flimmer_bg.wasm" -o "$out/named.wasm"
wasm-opt -Oz "$out/flimmer_bg.wasm" -o "$out/shipped.wasm"
echo "shipped wasm: $(wc -c < "$out/shipped.wasm") bytes raw, $(brotli -q 11 -c "$out/shipped.wasm" | wc -c) brotli"
twiggy top -n "${1:-30}" "$out/named.wasm"
echo
echo "bytes per crate (code and data, names excluded):"
twiggy top -n 1000000 --format csv "$out/named.wasm" | python3 -c '
import csv, re, sys, collections
per = collections.Counter()
for row in csv.DictReader(sys.stdin):
    name = row["Name"]
    if name.startswith("custom section") or ("names" in name and "subsection" in name):
        continue
    m = re.match(r"<?([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::", name)
    per["data" if name.startswith("data segment") else (m.group(1) if m else "other")] += int(row["ShallowSize"])
for crate, size in per.most_common(20):
    print(f"{size:9d}  {crate}")
'
rm -rf "$out"
