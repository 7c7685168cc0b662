"""The PySpark job in local mode gives the same facts as `lianghui ingest` + `export`."""

import os
import shutil
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from conftest import ROOT

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.fail("the Spark test needs Java (Debian: default-jre-headless; .ci/run installs it)")


def rows_of(table):
    """Rows as sorted tuples of the export columns; NaN and None alike."""
    columns = ["path", "article", "block", "line", "text", "value", "value_high", "unit",
               "qualifier", "measure", "direction", "kind", "region", "indicator", "code",
               "year", "optional", "sentence", "page", "page_x", "page_y", "period", "region_code"]
    data = table.select(columns).to_pydict()
    out = []
    for i in range(table.num_rows):
        row = []
        for c in columns:
            v = data[c][i]
            if c == "year" and v is not None:
                v = int(v)
            row.append(v)
        out.append(tuple(row))
    return sorted(out, key=repr)


def test_spark_local_gives_the_cli_facts(cli, gen_corpus, tmp_path):
    subprocess.run([str(gen_corpus), "--mb", "4", "--out", "corpus"], cwd=tmp_path,
                   check=True, capture_output=True)
    # One more that cannot be read: both leave it out.
    (tmp_path / "corpus" / "broken.txt").write_bytes(b"\x00\x01broken")
    documents = len(list((tmp_path / "corpus").iterdir()))
    assert documents >= 200

    started = time.perf_counter()
    done = cli("ingest", "corpus", "--db", "c.db", "--quiet", cwd=tmp_path, check=False)
    assert done.returncode == 2, done.stderr
    cli("export", "--format", "parquet", "-o", "cli.parquet", "--db", "c.db", cwd=tmp_path)
    cli_seconds = time.perf_counter() - started

    started = time.perf_counter()
    job = subprocess.run(
        [sys.executable, "-m", "lianghui.spark", "corpus", "spark-out", "--master", "local[2]"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )
    spark_seconds = time.perf_counter() - started
    assert job.returncode == 2, job.stderr[-3000:]
    assert "corpus/broken.txt: binary data" in job.stderr

    want = rows_of(pq.read_table(tmp_path / "cli.parquet"))
    got = rows_of(ds.dataset(tmp_path / "spark-out", format="parquet",
                             partitioning="hive").to_table())
    assert len(want) > 10_000
    assert len(got) == len(want)
    assert got == want
    # Partitioned as documented.
    parts = {p.name.split("=")[0] for p in (tmp_path / "spark-out").iterdir() if "=" in p.name}
    assert parts == {"year"}
    regions = {p.name.split("=")[0] for year in (tmp_path / "spark-out").glob("year=*")
               for p in year.iterdir()}
    assert regions == {"region"}

    # The same documents given as a Parquet table of (path, content).
    files = sorted((tmp_path / "corpus").iterdir())
    pq.write_table(
        pa.table({"path": [f"corpus/{f.name}" for f in files],
                  "content": [f.read_bytes() for f in files]}),
        tmp_path / "documents.parquet",
    )
    job = subprocess.run(
        [sys.executable, "-m", "lianghui.spark", "documents.parquet", "table-out",
         "--master", "local[2]", "--partitions", "4"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900,
    )
    assert job.returncode == 2, job.stderr[-3000:]
    got = rows_of(ds.dataset(tmp_path / "table-out", format="parquet",
                             partitioning="hive").to_table())
    assert got == want
    print(f"\n{documents} documents: CLI ingest+export {cli_seconds:.1f} s, "
          f"Spark local[2] {spark_seconds:.1f} s")
