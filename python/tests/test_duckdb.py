"""The README's DuckDB query over the exported Parquet: every province's target for a year."""

import json

import duckdb

from conftest import ROOT

# The query as the README gives it; `{facts}` is the exported file.
TARGETS_OF_A_YEAR = """
SELECT region, value, qualifier, text, path
FROM read_parquet('{facts}')
WHERE code = 'gdp_growth' AND kind = 'target' AND year = 2025 AND period IS NULL
  AND region IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY region ORDER BY optional, path) = 1
ORDER BY value DESC, region
"""


def test_the_readme_query_runs_and_agrees_with_compare(cli, tmp_path):
    db = tmp_path / "demo.db"
    cli("ingest", "examples", "--db", str(db), "--quiet", cwd=ROOT)
    facts = tmp_path / "facts.parquet"
    cli("export", "--format", "parquet", "-o", str(facts), "--db", str(db))
    rows = duckdb.sql(TARGETS_OF_A_YEAR.format(facts=facts)).fetchall()
    got = {(region, value, qualifier) for region, value, qualifier, _, _ in rows}
    compared = cli("compare", "--code", "gdp_growth", "--kind", "target", "--year", "2025",
                   "--db", str(db), "--format", "jsonl").stdout.splitlines()
    want = {(r["region"], r["value"], r["qualifier"]) for r in map(json.loads, compared)}
    assert got == want
    assert len(got) >= 6
    assert ("河南", 5.5, "approx") in got


def test_the_readme_shows_this_query():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in TARGETS_OF_A_YEAR.strip().splitlines():
        assert line.replace("{facts}", "facts.parquet") in readme, line
