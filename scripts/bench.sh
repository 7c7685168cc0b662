#!/usr/bin/env bash
# Whole-process benchmark on a generated corpus, with the Python peers side by side.
# usage: scripts/bench.sh [MB]     (default 100; results in target/bench/results.md)
# Needs /usr/bin/time (Debian package `time`) and python3 with venv; installs the peers from
# PyPI into target/bench/venv.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-100}
out=target/bench
mkdir -p "$out"
cargo build --release --locked --bin lianghui --bin gen-corpus
bin=target/release/lianghui
rm -rf target/bench-corpus
target/release/gen-corpus --mb "$mb" --out target/bench-corpus
docs=$(ls target/bench-corpus | wc -l)
corpus_bytes=$(du -cb target/bench-corpus/*.txt | tail -1 | cut -f1)

# One large UTF-8 document (about 50 MB) made of the corpus, for the single-file runs.
python3 - "$out/big.txt" <<'PY'
import glob, sys
out = open(sys.argv[1], "w", encoding="utf-8"); n = 0
for p in sorted(glob.glob("target/bench-corpus/*.txt")):
    b = open(p, "rb").read()
    try: t = b.decode("utf-8")
    except UnicodeDecodeError: t = b.decode("gb18030")
    out.write(t); n += len(t.encode())
    if n > 50 * 1024 * 1024: break
PY
big_bytes=$(stat -c %s "$out/big.txt")

timed() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
mbs() { python3 -c "print(f'{$1 / 1048576 / $2:.1f}')"; }

read -r facts_s facts_kb < <(timed taskset -c 0 "$bin" facts "$out/big.txt" --format jsonl)
read -r parse_s parse_kb < <(timed taskset -c 0 "$bin" parse "$out/big.txt" --format json)
rm -f "$out"/all.db* "$out"/one.db*
read -r all_s all_kb < <(timed "$bin" ingest target/bench-corpus --db "$out/all.db" --quiet)
read -r one_s one_kb < <(timed "$bin" ingest target/bench-corpus --db "$out/one.db" --quiet --jobs 1)

# The peers, on the first ~1 MB of the same text.
python3 -c "
t = open('$out/big.txt', encoding='utf-8').read()
open('$out/peer.txt', 'w', encoding='utf-8').write(t[:350000])"
peer_bytes=$(stat -c %s "$out/peer.txt")
read -r peer_s _ < <(timed taskset -c 0 "$bin" facts "$out/peer.txt" --format jsonl)
if [ ! -x "$out/venv/bin/python" ]; then
  python3 -m venv "$out/venv"
  "$out/venv/bin/pip" install -q cn2an chinese2digits recognizers-text-number-with-unit "emoji<1.0"
fi
"$out/venv/bin/python" benchmarks/peers.py "$out/peer.txt" 60 > "$out/peers.tsv"

lh_peer=$(mbs "$peer_bytes" "$peer_s")
{
  echo "| measure | figure |"
  echo "| --- | --- |"
  echo "| machine | $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) |"
  echo "| corpus | $docs documents, $(mbs "$corpus_bytes" 1) MB (UTF-8 and GB18030) |"
  echo "| \`facts\`, one core, $(mbs "$big_bytes" 1) MB document | ${facts_s} s, **$(mbs "$big_bytes" "$facts_s") MB/s**, peak $((facts_kb / 1024)) MB ($(python3 -c "print(f'{$facts_kb*1024/$big_bytes:.1f}')")× input) |"
  echo "| \`parse\`, one core, same document | ${parse_s} s, $(mbs "$big_bytes" "$parse_s") MB/s, peak $((parse_kb / 1024)) MB |"
  echo "| \`ingest\`, all cores | ${all_s} s, $(python3 -c "print(f'{$docs/$all_s:.0f}')") docs/s, $(mbs "$corpus_bytes" "$all_s") MB/s, peak $((all_kb / 1024)) MB |"
  echo "| \`ingest\`, one core | ${one_s} s, $(python3 -c "print(f'{$docs/$one_s:.0f}')") docs/s, $(mbs "$corpus_bytes" "$one_s") MB/s |"
  echo "| ingest speed-up, all cores over one | $(python3 -c "print(f'{$one_s/$all_s:.2f}')")× |"
  echo "| \`facts\` on the peers' text ($(mbs "$peer_bytes" 1) MB) | $lh_peer MB/s |"
  while IFS=$'\t' read -r name bytes secs rate found; do
    echo "| $name on the same text | $rate MB/s ($bytes bytes in $secs s, $found found); lianghui is $(python3 -c "print(f'{$lh_peer/$rate:.0f}')")× faster |"
  done < "$out/peers.tsv"
} | tee "$out/results.md"
