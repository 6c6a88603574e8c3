# String building: f-strings, str(), concatenation with +=, join.
# argv: WARMUP REPS BUDGET N.
import sys
import time


def strings(n):
    parts = []
    s = ""
    for i in range(n):
        parts.append(f"{i}:{i * 2}")
        if i % 10 == 0:
            s += str(i) + "/"
    text = ",".join(parts)
    label = ""
    for i in range(n // 10):
        label = "item " + str(i) + " of " + str(n)
    return len(text) + len(s) + len(label)


warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = int(sys.argv[4])
start = time.perf_counter()
for rep in range(warmup + reps):
    t0 = time.perf_counter()
    r = strings(n)
    t1 = time.perf_counter()
    if rep >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
print(f"result={r}")
