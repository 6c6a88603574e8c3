# Workload 1: (sin(x[:, 0]) * x.T).sum() over ones((n, n), chunks=(c, c)).
# argv: WARMUP REPS BUDGET N C [DATA]. Prints time=<s> per timed run, then result=<value>.
# DATA is ones (the default) or random (random.random: the same expression on data
# that no optimizer pass can fold, so fusion is measured, not constant folding).
import sys
import time
import numpy as np
import dask.array as da

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
data = sys.argv[6] if len(sys.argv) > 6 else "ones"
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    if data == "ones":
        x = da.ones((n, n), chunks=(c, c))
    else:
        x = da.random.random((n, n), chunks=(c, c))
    r = (np.sin(x[:, 0]) * x.T).sum().compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={n * n * 8}")
print(f"result={float(r)}")
