"""The Python side of DuskZarrTests' round trips through zarr-python.

    python3 roundtrip.py read DIR    reads every array DIR/*.zarr (that Dusk wrote) and prints
                                     {name: {"dtype", "shape", "attributes", "values"}} as JSON
    python3 roundtrip.py write DIR   writes arrays with seeded random values and varied codecs
                                     into DIR and prints the same JSON for them
"""

import json
import os
import sys

import numcodecs
import numpy as np
import zarr
from zarr.codecs import BloscCodec, BytesCodec, Crc32cCodec, GzipCodec, TransposeCodec, ZstdCodec


def describe(z):
    data = np.asarray(z[...])
    return {"dtype": np.dtype(z.dtype).newbyteorder("=").name, "shape": list(z.shape),
            "attributes": dict(z.attrs), "values": [x.item() for x in data.ravel()]}


def read(directory):
    out = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".zarr"):
            out[name] = describe(zarr.open_array(os.path.join(directory, name), mode="r"))
    return out


def write(directory):
    rng = np.random.default_rng(20261205)
    out = {}
    cases = [
        ("v3_default.zarr", 3, "int32", {}),
        ("v3_gzip_f8.zarr", 3, "float64", {"compressors": GzipCodec(level=3)}),
        ("v3_blosc_u2.zarr", 3, "uint16", {"compressors": BloscCodec(cname="lz4hc", clevel=7, shuffle="bitshuffle")}),
        ("v3_crc_big_i8.zarr", 3, "int64", {"serializer": BytesCodec(endian="big"), "compressors": [ZstdCodec(level=2), Crc32cCodec()]}),
        ("v3_transpose_f4.zarr", 3, "float32", {"filters": [TransposeCodec(order=[1, 0])]}),
        ("v3_sharded_i2.zarr", 3, "int16", {"shards": (12, 10)}),
        ("v2_default.zarr", 2, "int32", {}),
        ("v2_blosc_f8.zarr", 2, "float64", {"compressors": numcodecs.Blosc(cname="zstd", clevel=1, shuffle=2)}),
        ("v2_zlib_F_u1.zarr", 2, "uint8", {"compressors": numcodecs.Zlib(level=4), "order": "F"}),
        ("v2_big_i4.zarr", 2, ">i4", {}),
        ("v2_bool.zarr", 2, "bool", {}),
    ]
    for name, fmt, dtype, kwargs in cases:
        dt = np.dtype(dtype)
        if dt.kind == "f":
            data = rng.standard_normal((13, 11)).astype(dt)
        elif dt.kind == "b":
            data = rng.integers(0, 2, (13, 11)).astype(bool)
        else:
            info = np.iinfo(dt)
            data = rng.integers(max(info.min, -(2**40)), min(info.max, 2**40), (13, 11), endpoint=True).astype(dt)
        data[:4, :3] = 0  # a missing chunk
        z = zarr.create_array(store=os.path.join(directory, name), shape=data.shape, chunks=(4, 5), dtype=dt,
                              zarr_format=fmt, attributes={"source": "zarr-python", "n": 13}, **kwargs)
        z[...] = data
        out[name] = describe(z)
    return out


if __name__ == "__main__":
    command, directory = sys.argv[1], sys.argv[2]
    json.dump(read(directory) if command == "read" else write(directory), sys.stdout)
