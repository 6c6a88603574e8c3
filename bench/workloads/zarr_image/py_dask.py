# Workload 2: the tutorial's Zarr image, read through a Dask array.
# argv: WARMUP REPS BUDGET OP STORE N C (see dusk.dsk for OP).
import sys
import time
import numpy as np
import dask.array as da
import zarr

warmup, reps, budget = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
op, store = sys.argv[4], sys.argv[5]
n, c = int(sys.argv[6]), int(sys.argv[7])
im = da.from_zarr(zarr.open(store, mode="r"))
start = time.perf_counter()
for i in range(warmup + reps):
    t0 = time.perf_counter()
    if op == "write":
        z = zarr.open(store + "-dask-write", mode="w", shape=(n, n), chunks=(c, c), dtype="i4")
        da.random.randint(0, 100, (n, n), chunks=(c, c)).astype("i4").to_zarr(z)
        r = 0
    elif op == "sum_sq":
        r = (im ** 2).sum().compute()
    elif op == "element":
        r = im[0, 0].compute()
    else:
        r = (im * 10)[0, 0].compute()
    t1 = time.perf_counter()
    if i >= warmup:
        print(f"time={t1 - t0}")
        if t1 - start > budget:
            break
if op == "write":
    r = np.array(zarr.open(store + "-dask-write", mode="r")).mean()
    print(f"bytes={n * n * 4}")
elif op == "sum_sq":
    print(f"bytes={n * n * 4}")
print(f"result={float(r)}")
