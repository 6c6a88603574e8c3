# Workload 4: normalise each image of a time lapse by its maximum, then sum.
# argv: WARMUP REPS BUDGET T N C [DATA]. The result is t * n * n (ones), about t * n * n / 2 (random).
# DATA is ones (the default) or random (random.random: the same expression on data
# that no optimizer pass can fold, so fusion is measured, not constant folding).
import sys
import time
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
t, n, c = [int(a) for a in sys.argv[4:7]]
data = sys.argv[7] if len(sys.argv) > 7 else "ones"
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    if data == "ones":
        im = da.ones((t, n, n), chunks=(1, c, c))
    else:
        im = da.random.random((t, n, n), chunks=(1, c, c))
    im_max = im.max(axis=(1, 2))
    r = (im / im_max[:, None, None]).sum().compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={t * n * n * 8}")
print(f"result={float(r)}")
