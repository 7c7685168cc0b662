"""facts_table against the command, per core, over the same generated corpus.

    python benchmarks/python_throughput.py CORPUS_DIR LIANGHUI_BIN

Prints a Markdown table: the command's `ingest --jobs 1` (parse, extract and store every file)
and `facts` over all the files as one document, against `lianghui.facts_table(…, jobs=1)` and
with every core, in MB/s per core. Best of three runs each.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lianghui


def best(runs, f):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        f()
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    corpus, binary = Path(sys.argv[1]), sys.argv[2]
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    data = [p.read_bytes() for p in files]
    paths = [str(p) for p in files]
    mb = sum(map(len, data)) / 1048576
    cores = os.cpu_count() or 1

    with tempfile.TemporaryDirectory() as tmp:
        def ingest():
            db = Path(tmp) / "b.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            subprocess.run([binary, "ingest", str(corpus), "--db", str(db), "--quiet",
                            "--jobs", "1"], check=True)

        # The whole corpus as one document: `facts` without the per-file work of ingest.
        joined = Path(tmp) / "all.txt"
        with joined.open("wb") as out:
            for d in data:
                try:
                    out.write(d.decode("utf-8").encode("utf-8"))
                except UnicodeDecodeError:
                    out.write(d.decode("gb18030").encode("utf-8"))
                out.write(b"\n")

        def facts_cli():
            subprocess.run(["taskset", "-c", "0", binary, "facts", str(joined), "--format",
                            "jsonl"], check=True, stdout=subprocess.DEVNULL)

        rows = [
            ("`lianghui ingest --jobs 1` (SQLite)", best(3, ingest), 1),
            ("`lianghui facts` on one core, the corpus as one document", best(3, facts_cli), 1),
        ]
    n = lianghui.facts_table(data, paths, jobs=1).num_rows
    rows.append(("`facts_table(jobs=1)`", best(3, lambda: lianghui.facts_table(data, paths, jobs=1)), 1))
    rows.append((f"`facts_table()` ({cores} threads)", best(3, lambda: lianghui.facts_table(data, paths)), cores))
    cli_best = max(mb / s / c for _, s, c in rows[:2])
    print(f"| run over {len(files)} documents, {mb:.1f} MB, {n} facts | seconds | MB/s per core | of the command's best |")
    print("| --- | --- | --- | --- |")
    for name, seconds, c in rows:
        per_core = mb / seconds / c
        print(f"| {name} | {seconds:.2f} | {per_core:.1f} | {100 * per_core / cli_best:.0f} % |")


if __name__ == "__main__":
    main()
