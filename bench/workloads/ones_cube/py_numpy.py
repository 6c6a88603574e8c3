# Workload 5 in NumPy: np.ones([n]*3).T.sum(), only where the array fits in
# half of this machine's memory; otherwise prints skip=<reason> and exits.
# argv: WARMUP REPS BUDGET N C (C is unused).
import os
import sys
import time
import numpy as np

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n, c = [int(a) for a in sys.argv[4:6]]
need = n ** 3 * 8
have = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
if need > have // 2:
    print(f"skip=not feasible: one array needs {need / 2**40:.1f} TiB, the machine has {have / 2**30:.0f} GiB")
    sys.exit(0)
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    r = np.ones([n] * 3).T.sum()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={need}")
print(f"result={float(r)}")
