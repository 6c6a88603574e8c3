# Workload 5: da.ones([n]*3, chunks=[c]*3).T.sum() on Dask's threaded scheduler.
# argv: WARMUP REPS BUDGET N C. The result is n**3. The runner gives this process a
# time budget; at n = 10000 Dask sums 125 chunks of 8e9 elements each.
import sys
import time
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    r = da.ones([n] * 3, chunks=[c] * 3).T.sum().compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={n * n * n * 8}")
print(f"result={float(r)}")
