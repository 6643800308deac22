#!/usr/bin/env bash
# Prints the raw, gzip -9 and brotli -q 11 size of the built app shell (the wasm, js and css
# index.html loads) in dist/, and fails when the shell is over its brotli budget. The
# catalog worker and the catalog are listed apart: the worker loads only when a reader
# opens a JSON catalog from a URL, and the data is cached on its own. The embed has a
# budget of its own (130 KB brotli for the first card). Build first:
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

# The embed (README "Embed"): what a reader of a publisher's page downloads for the first
# card: the loader, the card's page, wasm, glue and styles, the film's slice (the largest
# one) and the lookup table (fetched when the film is named by title, TMDB or IMDb id).
e_br=0
row "embed file" raw gzip brotli
largest_slice=$(find embed/films -name '*.bin' -printf '%s %p\n' | sort -n | tail -1 | cut -d' ' -f2)
for f in embed.js embed.html embed/embed-card_bg.wasm embed/embed-card.js embed/embed.css embed/lookup.bin "$largest_slice"; do
  read -r raw gz br <<< "$(sizes "$f")"
  e_br=$((e_br + br))
  row "$f" "$raw" "$gz" "$br"
done
embed_budget=${FLIMMER_EMBED_BUDGET:-130000}   # brotli bytes (130 KB), issue #9
if [ "$e_br" -gt "$embed_budget" ]; then
  echo "FAIL: the embed's first card is $((e_br - embed_budget)) bytes over its ${embed_budget}-byte brotli budget" >&2
  exit 1
fi
echo "embed, first card: $e_br of ${embed_budget} brotli bytes ($((embed_budget - e_br)) to spare)"
echo

budget=${FLIMMER_SHELL_BUDGET:-200000}   # brotli bytes (200 KB), the budget every issue keeps
if [ "$total_br" -gt "$budget" ]; then
  echo "FAIL: the app shell is $((total_br - budget)) bytes over its ${budget}-byte brotli budget (scripts/size-breakdown.sh shows where they go)" >&2
  exit 1
fi
echo "app shell: $total_br of ${budget} brotli bytes ($((budget - total_br)) to spare)"
