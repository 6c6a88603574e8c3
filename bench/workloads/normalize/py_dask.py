# Workload 4: normalise each image of a time lapse by its maximum, then sum.
# argv: WARMUP REPS BUDGET T N C. The result is t * n * n.
import sys
import time
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
t, n, c = [int(a) for a in sys.argv[4:7]]
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    im = da.ones((t, n, n), chunks=(1, c, c))
    im_max = im.max(axis=(1, 2))
    r = (im / im_max[:, None, None]).sum().compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={t * n * n * 8}")
print(f"result={float(r)}")
