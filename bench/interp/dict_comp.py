# Module-level dict filling with string keys, then a list comprehension.
# argv: WARMUP REPS BUDGET N M.
import sys
import time

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, m = int(sys.argv[4]), int(sys.argv[5])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    d = {}
    for i in range(n):
        d[str(i)] = i
    xs = [x * 2 for x in range(m)]
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={len(d) + d[str(n - 1)] + len(xs) + xs[-1]}")
