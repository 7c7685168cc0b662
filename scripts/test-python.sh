#!/usr/bin/env bash
# The Python package's tests: builds and installs the package from this checkout with pip
# (maturin) into target/ci-venv, then runs python/tests against the command-line binaries of
# the last `cargo test` or `cargo build` (target/debug; override with LIANGHUI_BIN_DIR).
# Needs python3 with venv, Java for the PySpark test, and the network to PyPI the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/debug/lianghui ] && [ -x target/debug/gen-corpus ] ||
  cargo build --locked --bin lianghui --bin gen-corpus
[ -x target/ci-venv/bin/python ] || python3 -m venv target/ci-venv
target/ci-venv/bin/pip install --quiet --disable-pip-version-check ".[test]"
LIANGHUI_BIN_DIR="${LIANGHUI_BIN_DIR:-$PWD/target/debug}" \
  target/ci-venv/bin/python -m pytest -q python/tests "$@"
