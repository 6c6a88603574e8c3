"""Writes the Zarr fixtures DuskZarrTests reads, with zarr-python, and records what each holds.

Run from anywhere: `python3 Tests/DuskZarrTests/Fixtures/make_fixtures.py` (zarr 3.1.6,
numcodecs 0.16.6, numpy 2.4). It rewrites `stores/` and `expected.json` beside it:
for every array, its format, shape, chunks, dtype, fill value, attributes and every element
in C order (floats as written by Python's json, NaN included), so the Swift tests compare
Dusk's reading with zarr-python's without Python.

Arrays are small (a few dozen elements) with ragged edge chunks, and most have a region equal
to the fill value, which zarr-python does not store: those chunks are missing on disk.
"""

import json
import os
import shutil

import numcodecs
import numpy as np
import zarr
from zarr.codecs import (BloscCodec, BytesCodec, Crc32cCodec, GzipCodec, ShardingCodec,
                         ShardingCodecIndexLocation, TransposeCodec, ZstdCodec)

HERE = os.path.dirname(os.path.abspath(__file__))
STORES = os.path.join(HERE, "stores")
SHAPE, CHUNKS = (7, 5), (3, 2)
expected = {}


def values(dtype, shape=SHAPE, hole=True):
    """Deterministic values of a dtype; with `hole`, the first chunk row is all fill value."""
    n = int(np.prod(shape))
    base = np.arange(n).reshape(shape)
    dt = np.dtype(dtype)
    if dt.kind == "b":
        data = (base % 3 == 1)
    elif dt.kind == "u":
        data = (base * 7 + 1) % (np.iinfo(dt).max if dt.itemsize == 1 else 1000)
    elif dt.kind == "i":
        data = base * 3 - n
    else:
        data = base * 0.75 - 4.25
    data = data.astype(dt)
    if hole and data.ndim == 2:
        data[: CHUNKS[0], :] = 0
    return data


def record(name, array, attributes=None):
    z = zarr.open_array(os.path.join(STORES, name), mode="r")
    data = z[...]
    assert np.array_equal(np.asarray(data), np.asarray(array), equal_nan=True), name
    fill = z.metadata.fill_value if z.metadata.zarr_format == 3 else z.metadata.fill_value
    expected[name] = {
        "zarr_format": z.metadata.zarr_format,
        "shape": list(z.shape),
        "chunks": list(z.chunks),
        "shards": list(z.shards) if z.shards else None,
        "dtype": np.dtype(z.dtype).newbyteorder("=").name,
        "fill_value": None if fill is None else np.asarray(fill).item(),
        "attributes": dict(z.attrs),
        "values": [x.item() for x in np.asarray(data).ravel()],
        "info": str(z.info),
    }
    cwd = os.getcwd()
    os.chdir(STORES)
    expected[name]["repr"] = repr(zarr.open_array(name, mode="r"))
    os.chdir(cwd)


def v3(name, data, fill_value=0, **kwargs):
    path = os.path.join(STORES, name)
    z = zarr.create_array(store=path, shape=data.shape, chunks=kwargs.pop("chunks", CHUNKS), dtype=data.dtype,
                          fill_value=fill_value, zarr_format=3, **kwargs)
    z[...] = data
    record(name, data)


def v2(name, data, fill_value=0, **kwargs):
    path = os.path.join(STORES, name)
    z = zarr.create_array(store=path, shape=data.shape, chunks=kwargs.pop("chunks", CHUNKS), dtype=data.dtype,
                          fill_value=fill_value, zarr_format=2, **kwargs)
    z[...] = data
    record(name, data)


shutil.rmtree(STORES, ignore_errors=True)
os.makedirs(STORES)

dtypes = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64"]

# Version 3: the defaults (bytes little-endian, zstd level 0) for every dtype.
for dt in dtypes:
    v3(f"v3_{dt}.zarr", values(dt), fill_value=False if dt == "bool" else 0)

# Version 3 codecs.
i4 = values("int32")
v3("v3_big_endian_i2.zarr", values("int16"), serializer=BytesCodec(endian="big"))
v3("v3_big_endian_f8.zarr", values("float64"), serializer=BytesCodec(endian="big"), compressors=None)
v3("v3_uncompressed.zarr", i4, compressors=None)
v3("v3_gzip.zarr", i4, compressors=GzipCodec(level=5))
v3("v3_zstd_checksum.zarr", i4, compressors=ZstdCodec(level=3, checksum=True))
v3("v3_blosc_lz4_shuffle.zarr", i4, compressors=BloscCodec(cname="lz4", clevel=5, shuffle="shuffle"))
v3("v3_blosc_zstd_bitshuffle.zarr", i4, compressors=BloscCodec(cname="zstd", clevel=3, shuffle="bitshuffle"))
v3("v3_blosc_blosclz_noshuffle.zarr", values("float64"), compressors=BloscCodec(cname="blosclz", clevel=9, shuffle="noshuffle"))
v3("v3_crc32c.zarr", i4, compressors=[ZstdCodec(level=1), Crc32cCodec()])
v3("v3_transpose.zarr", i4, filters=[TransposeCodec(order=[1, 0])])
v3("v3_transpose_3d.zarr", values("uint16", shape=(4, 3, 5)), chunks=(3, 2, 4), filters=[TransposeCodec(order=[2, 0, 1])])
v3("v3_key_dot.zarr", i4, chunk_key_encoding={"name": "default", "separator": "."})
v3("v3_key_v2.zarr", i4, chunk_key_encoding={"name": "v2", "separator": "."})
v3("v3_key_v2_slash.zarr", i4, chunk_key_encoding={"name": "v2", "separator": "/"})
v3("v3_fill_42.zarr", np.where(values("int32") == 0, 42, values("int32")).astype("int32"), fill_value=42)
f8 = values("float64")
f8[:CHUNKS[0], :] = np.nan
v3("v3_fill_nan.zarr", f8, fill_value=float("nan"))
v3("v3_1d.zarr", np.arange(11, dtype="int64") * 5, chunks=(4,))
v3("v3_3d.zarr", values("float32", shape=(4, 3, 5)), chunks=(3, 2, 4))
v3("v3_scalar.zarr", np.array(17.5), chunks=())
v3("v3_empty.zarr", np.zeros((0, 4), dtype="int32"), chunks=(2, 2))
v3("v3_all_missing.zarr", np.full(SHAPE, 7, dtype="uint8"), fill_value=7)

# Sharding: shards of 6×4 holding 3×2 inner chunks; the index at the end (default) or start.
v3("v3_sharded.zarr", i4, shards=(6, 4))
v3("v3_sharded_index_start.zarr", values("float32"), chunks=CHUNKS, fill_value=0,
   serializer=ShardingCodec(chunk_shape=CHUNKS, codecs=[BytesCodec(), GzipCodec(level=1)],
                            index_location=ShardingCodecIndexLocation.start), compressors=None)

# Attributes.
path = os.path.join(STORES, "v3_attributes.zarr")
z = zarr.create_array(store=path, shape=(3,), chunks=(2,), dtype="int32", zarr_format=3,
                      attributes={"name": "image", "scale": 0.5, "count": 3, "flags": [True, False, None],
                                  "nested": {"b": 1, "a": [1.5, "x"]}, "unicode": "Ž\u00e9\n\"q\""})
z[...] = np.array([1, 2, 3], dtype="int32")
record("v3_attributes.zarr", np.array([1, 2, 3], dtype="int32"))

# Version 2: every dtype, both byte orders, C order, the default compressor (zstd level 0).
for dt in dtypes:
    v2(f"v2_{dt}.zarr", values(dt), fill_value=False if dt == "bool" else 0)
for dt in ["int16", "int32", "int64", "uint16", "uint32", "uint64", "float32", "float64"]:
    v2(f"v2_big_{dt}.zarr", values(np.dtype(dt).newbyteorder(">")))

# Version 2 compressors and layouts.
v2("v2_zstd.zarr", i4, compressors=numcodecs.Zstd(level=3))
for cname in ["lz4", "lz4hc", "zstd", "zlib", "blosclz"]:
    for shuffle in [0, 1, 2]:
        v2(f"v2_blosc_{cname}_{shuffle}.zarr", i4, compressors=numcodecs.Blosc(cname=cname, clevel=5, shuffle=shuffle))
v2("v2_zlib.zarr", i4, compressors=numcodecs.Zlib(level=6))
v2("v2_gzip.zarr", i4, compressors=numcodecs.GZip(level=6))
v2("v2_uncompressed.zarr", i4, compressors=None)
v2("v2_order_f.zarr", i4, order="F")
v2("v2_order_f_3d.zarr", values("int16", shape=(4, 3, 5)), chunks=(3, 2, 4), order="F", compressors=numcodecs.Zlib(level=1))
v2("v2_slash.zarr", i4, chunk_key_encoding={"name": "v2", "separator": "/"})
v2("v2_fill_nan.zarr", f8, fill_value=float("nan"))
v2("v2_fill_none.zarr", values("int32", hole=False), fill_value=None)
v2("v2_1d.zarr", np.arange(11, dtype="int64") * 5, chunks=(4,))
v2("v2_scalar.zarr", np.array(-3, dtype="int16"), chunks=())
path = os.path.join(STORES, "v2_attributes.zarr")
z = zarr.create_array(store=path, shape=(3,), chunks=(2,), dtype="<f8", zarr_format=2, attributes={"units": "m", "factor": 2})
z[...] = np.array([0.5, 1.5, 2.5])
record("v2_attributes.zarr", np.array([0.5, 1.5, 2.5]))

# Groups with nested arrays and attributes.
for fmt in (2, 3):
    name = f"v{fmt}_group.zarr"
    root = zarr.open_group(os.path.join(STORES, name), mode="w", zarr_format=fmt, attributes={"title": "root"})
    sub = root.create_group("sub", attributes={"level": 1})
    a = root.create_array("a", shape=(4,), chunks=(2,), dtype="int32")
    a[...] = np.array([1, 2, 3, 4], dtype="int32")
    b = sub.create_array("b", shape=(2, 2), chunks=(1, 2), dtype="float64", attributes={"kind": "b"})
    b[...] = np.array([[1.5, 2.5], [3.5, 4.5]])
    record(f"{name}/a", np.array([1, 2, 3, 4], dtype="int32"))
    record(f"{name}/sub/b", np.array([[1.5, 2.5], [3.5, 4.5]]))
    expected[name] = {"group": True, "zarr_format": fmt, "attributes": dict(root.attrs),
                      "members": sorted(k for k, _ in root.members(max_depth=None))}

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
    f.write("\n")
print(f"{len(expected)} fixtures in {STORES}")
