# Function calls: no arguments, positional, defaults, keywords, nested.
# argv: WARMUP REPS BUDGET N.
import sys
import time


def f0():
    return 1


def f1(a):
    return a


def f2(a, b):
    return a + b


def f3(a, b, c=1):
    return a + b + c


def outer(a, b):
    return f2(f1(a), b)


def calls(n):
    t = 0
    for i in range(n):
        t += f0() + f1(i) + f2(i, 1) + f3(i, 2) + f3(i, 2, c=3) + outer(i, 3)
    return t


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = calls(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
