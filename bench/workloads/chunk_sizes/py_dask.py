# Workload 3: the tutorial's chunk-size exercise. randint(0, 100, [n]*3, chunks=c).sum()
# argv: WARMUP REPS BUDGET N C. Prints the mean (sum / n**3), about 49.5.
import sys
import time
import numpy as np
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
np.random.seed(0)
im = da.random.randint(0, 100, [n] * 3, chunks=c)
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    r = im.sum().compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"chunks={im.npartitions}")
print(f"bytes={n * n * n * 8}")
print(f"result={float(r) / (n * n * n)}")
