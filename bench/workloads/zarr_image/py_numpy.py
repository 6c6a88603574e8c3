# Workload 2 the tutorial's NumPy way: load the Zarr array, then compute eagerly.
# argv: WARMUP REPS BUDGET OP STORE N C (see dusk.dsk for OP).
#   write        z[:, :] = np.random.randint(0, 100, z.shape)
#   sum_sq       (np.array(z) ** 2).sum()
#   element      z[0, 0]
#   mul_element  (im_np * 10)[0, 0], im_np loaded before timing (as in the tutorial)
import sys
import time
import numpy as np
import zarr

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
op, store = sys.argv[4], sys.argv[5]
n, c = int(sys.argv[6]), int(sys.argv[7])
z = zarr.open(store, mode="r")
im_np = np.array(z) if op == "mul_element" else None
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    if op == "write":
        w = zarr.open(store + "-numpy-write", mode="w", shape=(n, n), chunks=(c, c), dtype="i4")
        w[:, :] = np.random.randint(0, 100, w.shape)
        r = 0
    elif op == "sum_sq":
        r = (np.array(z) ** 2).sum()
    elif op == "element":
        r = z[0, 0]
    else:
        r = (im_np * 10)[0, 0]
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
if op == "write":
    r = np.array(zarr.open(store + "-numpy-write", mode="r")).mean()
    print(f"bytes={n * n * 4}")
elif op == "sum_sq":
    print(f"bytes={n * n * 4}")
print(f"result={float(r)}")
