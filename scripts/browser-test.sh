#!/usr/bin/env bash
# Browser test of the dashboard: ingest the bundled sample, serve it on a free loopback port,
# drive headless Chromium with playwright-core, keep screenshots in target/screenshots/.
# Needs: /usr/bin/chromium (Debian's chromium package), node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${LIANGHUI_BIN:-target/debug/lianghui}
[ -x "$bin" ] || cargo build --locked --bin lianghui
work=target/browser
rm -rf "$work" && mkdir -p "$work"
"$bin" ingest examples/shanxi-2025-lianghui-pages.txt --db "$work/sample.db" --quiet
# Two documents that disagree on one cell, for the report card and the conflict flags.
"$bin" ingest tests/fixtures/analyst --db "$work/sample.db" --quiet

"$bin" serve --db "$work/sample.db" --addr 127.0.0.1:0 2>"$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
base=""
for _ in $(seq 1 100); do
  base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log" || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "server did not start:"; cat "$work/serve.log"; exit 1; }

(cd tests/browser && npm ci --no-audit --no-fund --silent)
node tests/browser/dashboard.mjs "$base" target/screenshots
