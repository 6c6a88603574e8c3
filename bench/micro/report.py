# Turns the text output of `swift package benchmark` into Markdown tables of medians (p50),
# with NumPy's time beside each `ndarray ...` and `ufunc ...` row.
# Usage: swift package benchmark --no-progress | ../.venv/bin/python report.py [LIBM_OUTPUT]
# LIBM_OUTPUT: the output of a second run with DUSK_VECTOR_MATH=off (the C math library per
# element), shown beside the ufunc rows.
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


def ufunc_table(dusk, libm, numpy):
    names = [name for name in dusk if name.startswith("ufunc ")]
    if not names:
        return
    print()
    print("| function | dtype | n | Dusk (SLEEF) | Dusk (C libm) | NumPy | Dusk/NumPy | libm/NumPy |")
    print("|---|---|---|---|---|---|---|---|")
    for name in names:
        _, function, dtype, size = name.split()
        ref, off = numpy.get(name), libm.get(name)
        ratio = f"{dusk[name] / ref:.2f}×" if ref else ""
        off_ratio = f"{off / ref:.2f}×" if ref and off else ""
        print(f"| {function} | {dtype} | {size[2:]} | {fmt(dusk[name])} | {fmt(off) if off else ''} | "
              f"{fmt(ref) if ref else ''} | {ratio} | {off_ratio} |")


def main():
    dusk = parse(sys.stdin.read())
    libm = parse(open(sys.argv[1]).read()) if len(sys.argv) > 1 else {}
    numpy = measure()
    print("| benchmark | Dusk p50 | per element or task | NumPy median | Dusk/NumPy |")
    print("|---|---|---|---|---|")
    for name, seconds in sorted(dusk.items()):
        if name.startswith("ufunc "):
            continue
        per = ""
        m = re.search(r"(\d+) tasks", name) or re.search(r"×(\d+)", name)
        if m:
            per = fmt(seconds / int(m.group(1)))
        elif "1000x1000" in name:
            per = fmt(seconds / 1e6)
        ref = numpy.get(name)
        ratio = f"{seconds / ref:.2g}×" if ref else ""
        print(f"| {name} | {fmt(seconds)} | {per} | {fmt(ref) if ref else ''} | {ratio} |")
    ufunc_table(dusk, libm, numpy)


if __name__ == "__main__":
    main()
