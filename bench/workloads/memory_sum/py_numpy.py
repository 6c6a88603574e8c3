# Workload 9 (the limit, in NumPy): the sum of MIB mebibytes of float64 that are
# already in memory, the same job as bench/limits/stream_sum.c.
#   eager  x.sum() (the only MODE NumPy has)
# argv: WARMUP REPS BUDGET MODE MIB C
import sys
import time
import numpy as np

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
mode, mib, c = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
n = mib * 1024 * 1024 // 8
x = np.ones(n)
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    r = x.sum()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={n * 8}")
print(f"result={float(r)}")
