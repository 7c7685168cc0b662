"""The Python tools users reach for today, over the same text lianghui reads.

usage: peers.py TEXT_FILE [SECONDS_PER_TOOL]
Prints one line per tool: name, bytes processed, seconds, MB/s, numbers found.
Each tool runs line by line until the text or its time budget is used up.
"""
import sys, time

def run(name, fn, lines, budget):
    done = found = 0
    start = time.perf_counter()
    for line in lines:
        found += fn(line)
        done += len(line.encode("utf-8")) + 1
        if time.perf_counter() - start > budget:
            break
    secs = time.perf_counter() - start
    print(f"{name}\t{done}\t{secs:.3f}\t{done / 1048576 / secs:.4f}\t{found}", flush=True)

def main():
    path = sys.argv[1]
    budget = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
    lines = [l for l in open(path, encoding="utf-8").read().split("\n") if l.strip()]
    import cn2an
    run("cn2an", lambda l: len(cn2an.transform(l, "cn2an")) > 0, lines, budget)
    import chinese2digits
    run("chinese2digits", lambda l: len(chinese2digits.takeNumberFromString(l)["digitsStringList"]), lines, budget)
    from recognizers_number_with_unit import recognize_currency, recognize_dimension
    from recognizers_text import Culture
    run("recognizers-text number-with-unit",
        lambda l: len(recognize_currency(l, Culture.Chinese)) + len(recognize_dimension(l, Culture.Chinese)),
        lines, budget)

main()
