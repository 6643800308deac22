#!/usr/bin/env bash
# Prints the raw, gzip -9 and brotli -q 11 size of the built app shell (the wasm, js and css
# index.html loads) in dist/, and fails when the shell is over its brotli budget. The
# catalog worker and the catalog are listed apart: the worker loads only when a reader
# opens a JSON catalog from a URL, and the data is cached on its own. Build first:
# scripts/build.sh. FLIMMER_SHELL_BUDGET overrides the budget for experiments.
set -euo pipefail
cd "$(dirname "$0")/../dist"
row() { printf '%-44s %9s %9s %9s\n' "$@"; }
sizes() { echo "$(wc -c < "$1") $(gzip -9c "$1" | wc -c) $(brotli -q 11 -c "$1" | wc -c)"; }
total_raw=0; total_gz=0; total_br=0
row file raw gzip brotli
for f in flimmer-*.wasm flimmer-*.js flimmer-*.css; do
  read -r raw gz br <<< "$(sizes "$f")"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  row "$f" "$raw" "$gz" "$br"
done
row "app shell total" "$total_raw" "$total_gz" "$total_br"
echo
w_raw=0; w_gz=0; w_br=0
for f in catalog-worker*.wasm catalog-worker*.js; do
  read -r raw gz br <<< "$(sizes "$f")"
  w_raw=$((w_raw + raw)); w_gz=$((w_gz + gz)); w_br=$((w_br + br))
done
row "catalog worker (source= URLs only)" "$w_raw" "$w_gz" "$w_br"
# shellcheck disable=SC2046
row "catalog.bin (built-in catalog, packed)" $(sizes catalog.bin)
budget=${FLIMMER_SHELL_BUDGET:-200000}   # brotli bytes (200 KB), the budget every issue keeps
if [ "$total_br" -gt "$budget" ]; then
  echo "FAIL: the app shell is $((total_br - budget)) bytes over its ${budget}-byte brotli budget (scripts/size-breakdown.sh shows where they go)" >&2
  exit 1
fi
echo "app shell: $total_br of ${budget} brotli bytes ($((budget - total_br)) to spare)"
