# Workload 9 (the limit, in Dask): the sum of MIB mebibytes of float64 that are
# already in memory, the same job as bench/limits/stream_sum.c.
#   eager  x.sum() on a concrete array (the reduction kernel alone)
#   lazy   d.sum().compute() for d = da.from_array(x, chunks=c) made before
#          timing (kernel + scheduler; wrapping x is not timed)
# argv: WARMUP REPS BUDGET MODE MIB C
import sys
import time
import numpy as np
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
mode, mib, c = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
n = mib * 1024 * 1024 // 8
x = np.ones(n)
d = da.from_array(x, chunks=c)
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    if mode == "eager":
        r = x.sum()
    else:
        r = d.sum().compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={n * 8}")
print(f"result={float(r)}")
