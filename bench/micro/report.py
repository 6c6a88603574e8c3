# Turns the text output of `swift package benchmark` into one Markdown table of
# medians (p50), with NumPy's time beside each `ndarray ...` row.
# Usage: swift package benchmark --no-progress | ../.venv/bin/python report.py
import re
import sys

from numpy_reference import measure

UNITS = {"ns": 1e-9, "μs": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0}


def parse(text):
    """{benchmark name: p50 seconds} from the benchmark tool's tables."""
    lines = text.splitlines()
    medians, name = {}, None
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and lines[i + 1].startswith("╒") and line.strip() and not line.startswith("│"):
            name = line.strip()
        m = re.match(r"│ Time \(wall clock\) \((\S+)\)\s*\*?\s*│\s*\S+\s*│\s*\S+\s*│\s*(\S+)", line)
        if m and name:
            medians[name] = float(m.group(2)) * UNITS[m.group(1)]
    return medians


def fmt(seconds):
    for unit, size in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def main():
    dusk = parse(sys.stdin.read())
    numpy = measure()
    print("| benchmark | Dusk p50 | per element or task | NumPy median | Dusk/NumPy |")
    print("|---|---|---|---|---|")
    for name, seconds in sorted(dusk.items()):
        per = ""
        m = re.search(r"(\d+) tasks", name) or re.search(r"×(\d+)", name)
        if m:
            per = fmt(seconds / int(m.group(1)))
        elif "1000x1000" in name:
            per = fmt(seconds / 1e6)
        ref = numpy.get(name)
        ratio = f"{seconds / ref:.2g}×" if ref else ""
        print(f"| {name} | {fmt(seconds)} | {per} | {fmt(ref) if ref else ''} | {ratio} |")


if __name__ == "__main__":
    main()
