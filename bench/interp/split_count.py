# s.split(",") or s.count("1") on a long string of comma-separated numbers.
# argv: WARMUP REPS BUDGET OP N, OP in split|count; the string joins str(0..N-1).
import sys
import time

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
op, n = sys.argv[4], int(sys.argv[5])
s = ",".join([str(i) for i in range(n)])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    if op == "split":
        r = len(s.split(","))
    else:
        r = s.count("1")
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"bytes={len(s)}")
print(f"result={r}")
