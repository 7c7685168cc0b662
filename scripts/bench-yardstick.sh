#!/usr/bin/env bash
# The yardstick of issue 19, measured the way BENCHMARKS.md reports it: `facts` throughput on
# one core against the naive regex scan, peak memory against the input, and ingest on two cores
# against one. Builds given together are run in turn, run after run, so that they meet the same
# machine (its speed drifts by a tenth within an hour). `ceiling` is what two cores gave work
# that divides perfectly: two `facts` runs at once, one on each core, against one alone (on this
# virtual machine two busy cores were at times each a third slower than one).
#
# usage: scripts/bench-yardstick.sh [RUNS] [BINARY...]
#   RUNS     runs of each measure per build, medians reported (default 5)
#   BINARY   builds to compare (default: a fresh copy of target/release/lianghui, built here)
# Needs /usr/bin/time (Debian package `time`), taskset (util-linux) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
shift || true
work=target/yardstick
mkdir -p "$work"
cargo build --release --locked --bin lianghui --bin gen-corpus >&2
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  # A fresh copy: a binary that has sat in the page cache shows less resident memory.
  cp target/release/lianghui "$work/lianghui"
  bins=("$work/lianghui")
fi

# The bundled sample repeated to 18 MB, in whole copies (never cut inside a character).
tiled=$work/tiled18.txt
if [ ! -s "$tiled" ]; then
  python3 - examples/shanxi-2025-lianghui-pages.txt "$tiled" <<'PY'
import sys
sample = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "wb") as out:
    for _ in range(18_000_000 // len(sample) + 1):
        out.write(sample)
PY
fi
corpus=$work/corpus20
[ -d "$corpus" ] || target/release/gen-corpus --mb 20 --out "$corpus" --seed 42 >&2
input_bytes=$(stat -c %s "$tiled")

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

declare -A secs kb ing1 ing2 ceiling
for ((r = 0; r < runs; r++)); do
  for b in "${bins[@]}"; do
    /usr/bin/time -f "%e %M" -o "$work/time" taskset -c 1 "$b" facts "$tiled" --format jsonl >/dev/null
    read -r s k <"$work/time"
    secs[$b]+="$s "
    kb[$b]+="$k "
    for c in 0 1; do
      /usr/bin/time -f "%e" -o "$work/time$c" taskset -c "$c" "$b" facts "$tiled" --format jsonl >/dev/null &
    done
    wait
    ceiling[$b]+="$(awk -v s="$s" -v p0="$(cat "$work/time0")" -v p1="$(cat "$work/time1")" 'BEGIN { print s / p0 + s / p1 }') "
    for cores in 1 0,1; do
      rm -f "$work/ingest.sqlite"*
      /usr/bin/time -f "%e" -o "$work/time" taskset -c "$cores" "$b" ingest "$corpus" --db "$work/ingest.sqlite" --quiet >/dev/null 2>&1
      if [ "$cores" = 1 ]; then ing1[$b]+="$(cat "$work/time") "; else ing2[$b]+="$(cat "$work/time") "; fi
    done
  done
done
naive=$(for ((r = 0; r < 3; r++)); do taskset -c 1 python3 benchmarks/naive_scan.py "$tiled"; done | awk '{print $(NF-1)}' | median)

echo "| build | facts MB/s (18 MB) | / naive ${naive} MB/s | peak RSS (MiB) | / input | ingest 1 core | 2 cores | ratio | ceiling |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for b in "${bins[@]}"; do
  s=$(tr ' ' '\n' <<<"${secs[$b]}" | grep . | median)
  k=$(tr ' ' '\n' <<<"${kb[$b]}" | grep . | median)
  i1=$(tr ' ' '\n' <<<"${ing1[$b]}" | grep . | median)
  i2=$(tr ' ' '\n' <<<"${ing2[$b]}" | grep . | median)
  c=$(tr ' ' '\n' <<<"${ceiling[$b]}" | grep . | median)
  awk -v b="$b" -v s="$s" -v k="$k" -v n="$naive" -v bytes="$input_bytes" -v i1="$i1" -v i2="$i2" -v c="$c" 'BEGIN {
    mbs = bytes / 1e6 / s
    printf "| %s | %.1f | %.2f | %.1f | %.2f | %.2f s | %.2f s | %.2f | %.2f |\n", b, mbs, mbs / n, k / 1024, k * 1024 / bytes, i1, i2, i1 / i2, c
  }'
done
