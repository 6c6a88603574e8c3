# Workload 1 in NumPy: the same expression on an eager (n, n) array of ones.
# argv: WARMUP REPS BUDGET N C [DATA] (C is unused: NumPy has no chunks).
# DATA is ones (the default) or random (random.random: the same expression on data
# that no optimizer pass can fold, so fusion is measured, not constant folding).
import sys
import time
import numpy as np

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
data = sys.argv[6] if len(sys.argv) > 6 else "ones"
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = np.ones((n, n)) if data == "ones" else np.random.random((n, n))
    r = (np.sin(x[:, 0]) * x.T).sum()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
    del x
print(f"bytes={n * n * 8}")
print(f"result={float(r)}")
