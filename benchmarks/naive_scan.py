"""The yardstick of issue 19: a naive regex scan that a user might write in an afternoon.

It finds Arabic-digit numbers with an optional magnitude and unit and nothing else: no Chinese
numerals, no qualifiers, no years told apart, no attributes. lianghui's `facts` is compared with
its throughput on the same file, one core each.

    python3 benchmarks/naive_scan.py FILE
"""

import re
import sys
import time

NUMBER = re.compile(r"\d+(?:[.,]\d+)*\s*(?:%|％|万|亿)?(?:元|人|个|家|吨|公里|千米|千瓦|项|户|所|条)?")


def main(path: str) -> None:
    start = time.perf_counter()
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8", errors="replace")
    found = sum(1 for _ in NUMBER.finditer(text))
    seconds = time.perf_counter() - start
    mb = len(data) / 1e6
    print(f"{found} numbers in {mb:.1f} MB, {seconds:.2f} s, {mb / seconds:.1f} MB/s")


if __name__ == "__main__":
    main(sys.argv[1])
