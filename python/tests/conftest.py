"""Shared fixtures: the repository, the command-line binaries the results are checked against."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def binary(name: str) -> Path:
    """`$LIANGHUI_BIN_DIR/name`, else the newest of target/release and target/debug."""
    if os.environ.get("LIANGHUI_BIN_DIR"):
        return Path(os.environ["LIANGHUI_BIN_DIR"]) / name
    found = [ROOT / "target" / kind / name for kind in ("release", "debug")]
    found = [p for p in found if p.exists()]
    if not found:
        pytest.fail(f"build the command first: cargo build --bin {name}")
    return max(found, key=lambda p: p.stat().st_mtime)


@pytest.fixture(scope="session")
def cli():
    path = binary("lianghui")

    def run(*args: str, check: bool = True, cwd=None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "LIANGHUI_DB"}
        done = subprocess.run([str(path), *args], capture_output=True, cwd=cwd, env=env)
        if check and done.returncode != 0:
            raise AssertionError(f"lianghui {' '.join(args)}: {done.stderr.decode()}")
        return done

    return run


@pytest.fixture(scope="session")
def gen_corpus():
    return binary("gen-corpus")


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return (ROOT / "examples" / "shanxi-2025-lianghui-pages.txt").read_bytes()
