# Workload 7 in NumPy: the same reductions of an eager np.random.random((n, n))
# (generation timed too, as it is inside the lazy systems' compute).
# argv: WARMUP REPS BUDGET OP N C (C is unused)
import sys
import time
import numpy as np

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
op, n, c = sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = np.random.random((n, n))
    if op == "mean0":
        r = x.mean(axis=0)
    else:
        r = x.std()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
    del x
if op == "mean0":
    r = r.mean()
print(f"bytes={n * n * 8}")
print(f"result={float(r)}")
