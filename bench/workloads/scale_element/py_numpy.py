# Workload in NumPy: the same element of an eager (n, n) array of ones times 10.
# argv: WARMUP REPS BUDGET N C (C is unused: NumPy has no chunks).
import sys
import time
import numpy as np

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = np.ones((n, n))
    r = (x * 10)[0, 0]
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
    del x
print(f"result={float(r)}")
