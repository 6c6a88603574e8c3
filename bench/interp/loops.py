# Loops and branches on small integers: Collatz sequence lengths (while, if/else,
# //, %, comparisons) and a nested for loop.
# argv: WARMUP REPS BUDGET N.
import sys
import time


def loops(n):
    total = 0
    for i in range(1, n):
        x = i
        steps = 0
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        total += steps
    for i in range(300):
        for j in range(300):
            if (i ^ j) & 7 == 0:
                total += 1
    return total


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = loops(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
