"""The package gives what the command gives, on every input of the shared yardstick."""

import csv
import json
import os

import pytest

import lianghui

from conftest import SHARED

MANIFEST = SHARED / "eval" / "manifest.tsv"


def manifest_inputs():
    if not MANIFEST.exists():
        if os.environ.get("CI"):
            raise AssertionError(f"{MANIFEST} is missing")
        return []
    # The first column is the input, relative to the manifest's folder; '#' starts a comment.
    with MANIFEST.open(encoding="utf-8") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return [os.path.normpath(MANIFEST.parent / r[0]) for r in rows]


INPUTS = manifest_inputs()


def test_the_manifest_lists_inputs():
    if not MANIFEST.exists():
        pytest.skip("no ../shared here (CI has it)")
    assert len(INPUTS) >= 40
    assert all(os.path.exists(p) for p in INPUTS), [p for p in INPUTS if not os.path.exists(p)]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: os.path.basename(str(p)))
def test_parse_and_facts_equal_the_cli(path, cli):
    path = str(path)
    data = open(path, "rb").read()
    want_doc = json.loads(cli("parse", path, "--format", "json").stdout)
    assert lianghui.parse(data, path=path) == want_doc
    want_facts = [json.loads(line) for line in cli("facts", path, "--format", "jsonl").stdout.splitlines()]
    got = lianghui.facts(data, path=path)
    assert got == want_facts
    assert len(got) > 0
    table = lianghui.facts_table([data], [path])
    assert table.column("value").to_pylist() == [f["value"] for f in want_facts]
    assert table.column("sentence").to_pylist() == [f["sentence"] for f in want_facts]
    assert table.column("page").to_pylist() == [f["page"] for f in want_facts]
    assert table.column("period").to_pylist() == [f["period"] for f in want_facts]
    assert table.column("page_y").to_pylist() == [
        f["page_xy"][1] if f["page_xy"] else None for f in want_facts
    ]
