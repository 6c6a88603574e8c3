# String methods on a long string: split, count, find, replace, join, startswith,
# strip, indexing and slicing at positions spread through the string.
# argv: WARMUP REPS BUDGET N; the string joins str(0..N-1) with commas.
import sys
import time


def string_methods(s):
    parts = s.split(",")
    total = len(parts) + s.count("1") + s.count("23")
    total += s.find("9999,") + s.rfind("1,")
    total += len(s.replace(",", "; "))
    total += len("-".join(parts))
    for p in parts[::50]:
        if p.startswith("1") or p.endswith("7"):
            total += len(p.strip("1"))
    for k in range(0, len(s) - 10, 97):
        total += ord(s[k]) + len(s[k:k + 10])
    return total


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
s = ",".join([str(i) for i in range(n)])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = string_methods(s)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={len(s)}")
print(f"result={r}")
