# Setup for workload 2 (not timed): the tutorial's example image, written once
# with NumPy's seeded generator so every system reads the same data.
# argv: PATH N C. Writes an (N, N) int32 Zarr array, chunks (C, C), default codecs.
import os
import sys
import numpy as np
import zarr

path, n, c = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
stamp = os.path.join(path, ".bench-complete")
if not os.path.exists(stamp):
    np.random.seed(0)
    z = zarr.open(path, mode="w", shape=(n, n), chunks=(c, c), dtype="i4")
    z[:, :] = np.random.randint(0, 100, z.shape)
    open(stamp, "w").close()
print(path)
