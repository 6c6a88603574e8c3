# Workload 1 with numexpr: the elementwise part in numexpr's multi-threaded
# virtual machine, the sum in NumPy (numexpr's own reductions run on one thread).
# argv: WARMUP REPS BUDGET N C [DATA] (C is unused).
# DATA is ones (the default) or random (random.random: the same expression on data
# that no optimizer pass can fold, so fusion is measured, not constant folding).
import sys
import time
import numpy as np
import numexpr as ne

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
data = sys.argv[6] if len(sys.argv) > 6 else "ones"
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    x = np.ones((n, n)) if data == "ones" else np.random.random((n, n))
    col = x[:, 0]
    xt = x.T
    r = ne.evaluate("sin(col) * xt").sum()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
    del x, xt
print(f"bytes={n * n * 8}")
print(f"result={float(r)}")
