#!/usr/bin/env bash
# Bulk ingest of the generated corpus into SQLite and into PostgreSQL, in documents per second.
# usage: scripts/bench-stores.sh [MB]     (default 50; results in target/bench/stores.md)
# Needs Debian's postgresql package; starts its own server in a temporary folder on a free
# loopback port and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-50}
out=target/bench
mkdir -p "$out"
cargo build --release --locked --bin lianghui --bin gen-corpus
bin=$PWD/target/release/lianghui
corpus=target/bench-corpus-stores
rm -rf "$corpus"
target/release/gen-corpus --mb "$mb" --out "$corpus"
docs=$(find "$corpus" -type f | wc -l)

pgbin=$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")
pgroot=$(mktemp -d /tmp/lianghui-bench-pg-XXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$pgroot"
  as_pg=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$pgbin/initdb" -D "$pgroot/data" -U bench --auth=trust -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/log" -w \
  -o "-p $port -k $pgroot -c listen_addresses=127.0.0.1" start >/dev/null
stop() { "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -m fast stop >/dev/null; rm -rf "$pgroot"; }
trap stop EXIT
psql() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U bench -d postgres -qc "$1"; }
for db in one two; do psql "CREATE DATABASE $db"; done

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
rate() { python3 -c "print(f'{$1:.2f} s, **{$docs / $1:.0f} documents/s**')"; }

rm -f "$out"/stores.db*
sqlite_s=$(seconds "$bin" ingest "$corpus" --db "$out/stores.db" --quiet)
pg_s=$(seconds "$bin" ingest "$corpus" --db "postgres://bench@127.0.0.1:$port/one" --quiet)
# Two processes at once over the same folder, into one database: every document once.
t0=$(date +%s.%N)
"$bin" ingest "$corpus" --db "postgres://bench@127.0.0.1:$port/two" --quiet --jobs 1 &
"$bin" ingest "$corpus" --db "postgres://bench@127.0.0.1:$port/two" --quiet --jobs 1
wait
two_s=$(echo "$(date +%s.%N) - $t0" | bc -l)
stored=$("$pgbin/psql" -h 127.0.0.1 -p "$port" -U bench -d two -tAc "SELECT count(*) FROM documents")
{
  echo "| store | bulk ingest of $docs documents ($(du -sm "$corpus" | cut -f1) MB), both cores |"
  echo "| --- | --- |"
  echo "| SQLite (file) | $(rate "$sqlite_s") |"
  echo "| PostgreSQL $(basename "$(dirname "$pgbin")") (loopback) | $(rate "$pg_s") |"
  echo "| PostgreSQL, two \`ingest --jobs 1\` at once over the same folder | $(rate "$two_s"); $stored documents stored |"
} | tee "$out/stores.md"
