# Workload 6 (Dask): the cost of a delayed task. SHAPE is
#   independent  n calls delayed(inc)(i), summed by one delayed(sum): n + 1 tasks
#   chain        x = delayed(inc)(x), n times: n tasks, each waiting for the last
# SCHED is "sync" or "threads". Only compute() is timed; building the calls is
# reported as build=<s>.
# argv: WARMUP REPS BUDGET SHAPE N SCHED
import sys
import time
from dask import delayed

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
shape, n, sched = sys.argv[4], int(sys.argv[5]), sys.argv[6]

def inc(i):
    return i + 1

start = time.perf_counter()
for i in range(warmup + reps):
    b0 = time.perf_counter()
    if shape == "independent":
        total = delayed(sum)([delayed(inc)(j) for j in range(n)])
        tasks = n + 1
    else:
        total = 0
        for j in range(n):
            total = delayed(inc)(total)
        tasks = n
    t0 = time.perf_counter()
    r = total.compute(scheduler=sched)
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"build={t0 - b0}")
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"tasks={tasks}")
print(f"result={float(r)}")
