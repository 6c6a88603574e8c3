# Attribute and method calls on built-in values and modules: list.append/pop,
# dict.get, str.startswith/upper, math.sqrt.
# argv: WARMUP REPS BUDGET N.
import math
import sys
import time


def methods(n):
    xs = []
    d = {}
    t = 0.0
    for i in range(n):
        xs.append(i)
        k = i % 100
        d[k] = d.get(k, 0) + 1
        t += math.sqrt(i)
        if len(xs) > 50:
            xs.pop()
    words = "alpha beta gamma delta".split()
    for i in range(n):
        w = words[i % 4]
        if w.startswith("b") or w.endswith("a"):
            t += len(w.upper())
    return int(t) + len(d) + len(xs)


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = methods(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
