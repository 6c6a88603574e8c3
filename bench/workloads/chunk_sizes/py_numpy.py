# Workload 3 in NumPy: one array, no chunks: np.random.randint(0, 100, [n]*3).sum()
# (generation is timed too, as it is inside the lazy systems' compute).
# argv: WARMUP REPS BUDGET N. Prints the mean (sum / n**3), about 49.5.
import sys
import time
import numpy as np

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
np.random.seed(0)
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    r = np.random.randint(0, 100, [n] * 3).sum()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={n * n * n * 8}")
print(f"result={float(r) / (n * n * n)}")
