# Comprehensions: list with a condition, nested, dict, and a generator summed.
# argv: WARMUP REPS BUDGET N.
import sys
import time


def comprehensions(n):
    evens = [x * x for x in range(n) if x % 2 == 0]
    grid = [(i, j) for i in range(300) for j in range(i % 10)]
    squares = {x: x * x for x in range(n // 4)}
    total = sum(x % 7 for x in evens)
    lengths = [len(str(x)) for x in range(n // 4)]
    return len(evens) + len(grid) + len(squares) + total + sum(lengths)


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = comprehensions(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
