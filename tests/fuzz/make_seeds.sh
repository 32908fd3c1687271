#!/bin/sh
# make_seeds.sh OUTDIR: cuts real headers into pieces of at most 60 lines
# (under libFuzzer's -max_len=4096) as the fuzzer's seed inputs.
# `make fuzz-seeds` minimizes them into tests/fuzz/corpus with -merge=1.
set -eu
out=$1
rm -rf "$out"
mkdir -p "$out"
for h in /usr/include/zlib.h /usr/include/sqlite3.h tests/reference/*.h \
  tests/e2e/mapping.h examples/geo/geo.h; do
  [ -f "$h" ] || continue
  base=$(basename "$h" .h)
  split -l 60 -a 4 "$h" "$out/$base-"
  cp "$h" "$out/$base-whole"
done
# Pieces over 4096 bytes would be cut by -max_len anyway; keep their start.
for f in "$out"/*; do
  if [ "$(wc -c < "$f")" -gt 4096 ]; then
    head -c 4096 "$f" > "$f.tmp" && mv "$f.tmp" "$f"
  fi
done
