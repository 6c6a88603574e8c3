# Workload 8 in NumPy: x @ x.T for an eager np.random.random((n, n)).
# argv: WARMUP REPS BUDGET N C (C is unused)
import sys
import time
import numpy as np

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = int(sys.argv[4]), int(sys.argv[5])
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = np.random.random((n, n))
    r = x @ x.T
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"flops={2 * n * n * n}")
print(f"result={float(r.mean()) / n}")
