# Exceptions: raising and catching in a called function, missing dict keys,
# try/finally on the normal path.
# argv: WARMUP REPS BUDGET N.
import sys
import time


def check(i):
    if i % 3 == 0:
        raise ValueError("multiple of three")
    return i


def exceptions(n):
    caught = 0
    table = {0: 1, 1: 2}
    total = 0
    for i in range(n):
        try:
            total += check(i)
        except ValueError:
            caught += 1
        try:
            total += table[i % 4]
        except KeyError as e:
            caught += 1
        try:
            total += 1
        finally:
            total += 1
    return total + caught


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = exceptions(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
