# A loop at module level: globals read and written, small-int arithmetic.
# argv: WARMUP REPS BUDGET N.
import sys
import time

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    s = 0
    for i in range(n):
        s += i * 2
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={s}")
