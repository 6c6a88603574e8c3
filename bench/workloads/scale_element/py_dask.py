# Workload: one element of a scaled array, (x * 10)[0, 0], x = ones((n, n), chunks=(c, c)).
# Dask computes the whole block the element lies in (dask#2431: no slice pushdown).
# argv: WARMUP REPS BUDGET N C. Prints time=<s> per timed run, then result=<value>.
import sys
import time
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = da.ones((n, n), chunks=(c, c))
    r = (x * 10)[0, 0].compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={float(r)}")
