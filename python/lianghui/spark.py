"""The extractor over a corpus of any size with PySpark: facts as Parquet, by year and region.

    python -m lianghui.spark INPUT OUTPUT [--master local[2]] [--partitions N]
    spark-submit --master yarn "$(python -c 'import lianghui.spark as s; print(s.__file__)')" \\
        hdfs:///reports/2026 hdfs:///facts/2026

INPUT is a folder (walked recursively for the files ``lianghui ingest`` takes: .txt, .text,
.md, .pdf, .html, .htm, .shtml, .xhtml) or a Parquet table of documents with a ``path`` column
and a ``content`` column (binary or string). OUTPUT receives the facts as Parquet, partitioned
by ``year`` and ``region``, with the columns of ``lianghui export``: the same rows as
``lianghui ingest INPUT`` followed by ``lianghui export --format parquet`` (paths are written
the way the command writes them: INPUT as given, joined with the file's path under it).

Each partition of documents goes through :func:`lianghui.facts_table` inside ``mapInArrow``:
Arrow batches in, Arrow batches out, no Python object per fact. The package must be installed
on every executor (``pip install lianghui-*.whl`` on the nodes, or a packed virtual
environment shipped with ``--archives``). Documents that cannot be read are left out, as
``ingest`` leaves them out; their names and reasons are printed at the end.

From your own Spark code::

    from lianghui.spark import facts_of_documents
    facts = facts_of_documents(spark.read.format("binaryFile").load("reports/"))
    facts.write.partitionBy("year", "region").parquet("facts/")
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Iterator, List, Optional

#: What ``lianghui ingest`` takes from a folder (src/corpus.rs INPUT_EXTENSIONS).
INPUT_EXTENSIONS = ("txt", "text", "md", "pdf", "html", "htm", "shtml", "xhtml")

#: The name of the column of reasons added by :func:`facts_of_documents` with ``report=True``.
SKIPPED_PATH = "__lianghui_skipped__"


def spark_schema() -> Any:
    """The facts' columns as a Spark schema (the Arrow schema ``lianghui.FACTS_SCHEMA``)."""
    from pyspark.sql import types as T

    import lianghui

    kinds = {
        "string": T.StringType(),
        "int64": T.LongType(),
        "int32": T.IntegerType(),
        "double": T.DoubleType(),
        "bool": T.BooleanType(),
    }
    return T.StructType(
        [
            T.StructField(f.name, kinds[str(f.type)], f.nullable)
            for f in lianghui.FACTS_SCHEMA
        ]
    )


def _extract(batches: Iterator[Any]) -> Iterator[Any]:
    """mapInArrow: batches of (path, content) → batches of facts, one document at a time in
    order; unreadable documents come out as a row whose path is SKIPPED_PATH."""
    import pyarrow as pa

    import lianghui

    for batch in batches:
        paths: List[str] = batch.column("path").to_pylist()
        contents: List[Any] = batch.column("content").to_pylist()
        # Spark gives each task one core: parse on it alone.
        table = lianghui.facts_table(contents, paths, jobs=1, errors="skip")
        yield from table.to_batches()
        skipped = json.loads((table.schema.metadata or {}).get(b"lianghui.skipped", b"[]"))
        if skipped:
            cols = {f.name: pa.nulls(len(skipped), f.type) for f in lianghui.FACTS_SCHEMA}
            cols["path"] = pa.array([SKIPPED_PATH] * len(skipped))
            cols["sentence"] = pa.array([message for _, message in skipped])
            for name in ("article", "block", "line"):
                cols[name] = pa.array([0] * len(skipped), pa.int64())
            for name in ("text", "unit", "qualifier", "measure", "kind", "indicator"):
                cols[name] = pa.array([""] * len(skipped))
            cols["value"] = pa.array([0.0] * len(skipped))
            cols["optional"] = pa.array([False] * len(skipped))
            yield pa.RecordBatch.from_pydict(cols, schema=lianghui.FACTS_SCHEMA)


def facts_of_documents(documents: Any, report: bool = False) -> Any:
    """The facts of a DataFrame of documents (columns ``path`` and ``content``, binary or
    string). With ``report``, documents that could not be read come out as rows whose path is
    SKIPPED_PATH and whose sentence is the reason; without it they are dropped."""
    facts = documents.select("path", "content").mapInArrow(_extract, spark_schema())
    if report:
        return facts
    return facts.where(facts.path != SKIPPED_PATH)


def _glob() -> str:
    names = INPUT_EXTENSIONS + tuple(e.upper() for e in INPUT_EXTENSIONS)
    return "*.{" + ",".join(names) + "}"


def read_documents(spark: Any, source: str, partitions: Optional[int] = None) -> Any:
    """A folder of files, or a Parquet table of documents, as a DataFrame of (path, content),
    with paths written as ``lianghui ingest`` writes them."""
    from pyspark.sql import functions as F

    if source.endswith(".parquet") or os.path.isfile(source):
        docs = spark.read.parquet(source).select("path", "content")
    elif "://" in source:
        # A cluster file system (hdfs://, s3a://, …): paths stay the URIs Spark gives.
        docs = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", _glob())
            .load(source)
            .select("path", "content")
        )
    else:
        root = os.path.abspath(source)
        files = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", _glob())
            .load(root)
        )
        prefix = "file:" + root.rstrip("/") + "/"
        shown = source.rstrip("/") + "/" if source.rstrip("/") else "/"
        # file:/abs/INPUT/sub/a.txt → INPUT/sub/a.txt, as the command names it.
        path = F.concat(
            F.lit(shown),
            F.expr(f"substring(path, {len(prefix) + 1})"),
        )
        docs = files.select(path.alias("path"), F.col("content"))
    if partitions:
        docs = docs.repartition(partitions)
    return docs


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lianghui.spark",
        description="Extract the facts of a corpus with PySpark; write them as Parquet "
        "partitioned by year and region.",
    )
    parser.add_argument("input", help="a folder of documents, or a Parquet table (path, content)")
    parser.add_argument("output", help="the Parquet folder to write (replaced if it exists)")
    parser.add_argument("--master", default=None, help="Spark master, e.g. local[2] (default: "
                        "as spark-submit sets it, else local[*])")
    parser.add_argument("--partitions", type=int, default=None,
                        help="documents are spread over this many tasks")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("lianghui").config(
        "spark.ui.showConsoleProgress", "false"
    )
    # Under spark-submit the master comes from it; run as a plain script, Spark runs locally.
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # Local workers run this interpreter, which has the package.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        docs = read_documents(spark, args.input, args.partitions)
        facts = facts_of_documents(docs, report=True).cache()
        skipped = facts.where(facts.path == SKIPPED_PATH).select("sentence").collect()
        good = facts.where(facts.path != SKIPPED_PATH)
        # One task per (year, region) writes its folder: without the shuffle every task would
        # write a small file into every folder (about 14 000 files for 2 000 reports, 4× the
        # time).
        good.repartition("year", "region").write.mode("overwrite").partitionBy(
            "year", "region"
        ).parquet(args.output)
        rows = good.count()
        for row in skipped:
            print(f"lianghui: {row.sentence}", file=sys.stderr)
        print(f"{rows} facts written to {args.output}; {len(skipped)} documents failed",
              file=sys.stderr)
        return 2 if skipped else 0
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
