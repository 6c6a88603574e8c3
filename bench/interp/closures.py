# Closures: captured variables read (adders), written through nonlocal (a counter),
# lambdas passed to a higher-order function.
# argv: WARMUP REPS BUDGET N.
import sys
import time


def make_adder(k):
    def add(x):
        return x + k
    return add


def make_counter():
    count = 0

    def tick(step):
        nonlocal count
        count += step
        return count
    return tick


def apply_all(fs, x):
    for f in fs:
        x = f(x)
    return x


def closures(n):
    adders = [make_adder(k) for k in range(10)]
    tick = make_counter()
    t = 0
    for i in range(n):
        t += adders[i % 10](i)
        tick(2)
    chain = [lambda v: v + 1, lambda v: v * 3, lambda v: v % 1000]
    for i in range(n):
        t += apply_all(chain, i)
    return t + tick(0)


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = closures(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
