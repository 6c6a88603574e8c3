# Dict and list work: inserting and reading int and tuple keys, membership,
# list indexing and assignment, sorting, slicing, items().
# argv: WARMUP REPS BUDGET N.
import sys
import time


def dicts_lists(n):
    counts = {}
    pairs = {}
    for i in range(n):
        k = i % 1000
        if k in counts:
            counts[k] += 1
        else:
            counts[k] = 1
        pairs[(k, i % 7)] = i
    xs = list(range(n))
    for i in range(1, n):
        xs[i] = xs[i - 1] + (xs[i] % 3)
    ys = sorted(xs[::3], reverse=True)
    total = 0
    for k, v in counts.items():
        total += k * v
    return total + len(pairs) + ys[0] + ys[-1] + sum(xs[-10:])


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = dicts_lists(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
