# The same workloads as dusk.dsk, in Python with Dask, on a LocalCluster of 2 worker processes.
import sys
import time

import dask.array as da
import numpy as np
from distributed import Client, LocalCluster


def main():
    reps, workers = int(sys.argv[1]), int(sys.argv[2])
    client = Client(LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None))

    def w1():
        x = da.random.random((8000, 8000), chunks=(1000, 1000))
        return (np.sin(x[:, 0]) * x.T).sum().compute()

    def w4():
        im = da.random.random((8, 2000, 2000), chunks=(1, 1000, 1000))
        return (im / im.max(axis=(1, 2))[:, None, None]).sum().compute()

    def w7():
        return da.random.random((8000, 8000), chunks=(2000, 2000)).std().compute()

    def trivial():
        return da.arange(1000, chunks=1).sum(split_every=1000).compute()

    for name, run in [("w1_sin_transpose", w1), ("w4_normalize", w4), ("w7_reductions_std", w7),
                      ("trivial_1000", trivial)]:
        r = run()
        for _ in range(reps):
            t0 = time.perf_counter()
            r = run()
            print(f"{name} time={time.perf_counter() - t0}", flush=True)
        print(f"{name} result={float(r)}", flush=True)
    client.close()


if __name__ == "__main__":
    main()
