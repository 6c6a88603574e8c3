# Workload 7 (Dask): reductions over random.random((n, n), chunks=(c, c)).
#   mean0  x.mean(axis=0); the result printed is the mean of that row (about 0.5)
#   std    x.std(); about sqrt(1/12) = 0.2887
# Random data differs between systems: the check compares these statistics.
# argv: WARMUP REPS BUDGET OP N C
import sys
import time
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
op, n, c = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = da.random.random((n, n), chunks=(c, c))
    if op == "mean0":
        r = x.mean(axis=0).compute()
    else:
        r = x.std().compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
if op == "mean0":
    r = r.mean()
print(f"bytes={n * n * 8}")
print(f"result={float(r)}")
