# Workload 8 (Dask): x @ x.T for x = random.random((n, n), chunks=(c, c)), computed
# to a concrete (n, n) array. Random data differs between systems: the result
# printed is mean(x @ x.T) / n, about 1/4.
# argv: WARMUP REPS BUDGET N C
import sys
import time
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = int(sys.argv[4]), int(sys.argv[5])
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = da.random.random((n, n), chunks=(c, c))
    r = (x @ x.T).compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"flops={2 * n * n * n}")
print(f"result={float(r.mean()) / n}")
