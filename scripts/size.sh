#!/usr/bin/env bash
# Prints the raw, gzip -9 and brotli -q 11 size of the built app shell (wasm + js + css)
# in dist/, and fails when the shell is over its brotli budget. Build first:
# scripts/build.sh. FLIMMER_SHELL_BUDGET overrides the budget for experiments.
set -euo pipefail
cd "$(dirname "$0")/../dist"
total_raw=0; total_gz=0; total_br=0
printf '%-44s %9s %9s %9s\n' file raw gzip brotli
for f in *.wasm *.js *.css; do
  raw=$(wc -c < "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-44s %9d %9d %9d\n' "$f" "$raw" "$gz" "$br"
done
printf '%-44s %9d %9d %9d\n' "app shell total" "$total_raw" "$total_gz" "$total_br"
printf '%-44s %9d %9d %9d\n' "catalog.json (data, cached separately)" "$(wc -c < catalog.json)" "$(gzip -9c catalog.json | wc -c)" "$(brotli -q 11 -c catalog.json | wc -c)"
budget=${FLIMMER_SHELL_BUDGET:-200000}   # brotli bytes (200 KB), the budget every issue keeps
if [ "$total_br" -gt "$budget" ]; then
  echo "FAIL: the app shell is $((total_br - budget)) bytes over its ${budget}-byte brotli budget (scripts/size-breakdown.sh shows where they go)" >&2
  exit 1
fi
echo "app shell: $total_br of ${budget} brotli bytes ($((budget - total_br)) to spare)"
