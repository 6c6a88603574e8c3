#!/usr/bin/env python3
"""Writes NumPy's and Dask's answers for the array surface's differential test to
Tests/DuskRuntimeTests/Cases/surface_cases.json.

Run from anywhere with python3, numpy 2.x and dask installed:

    python3 scripts/gen_surface_cases.py

Every case is a Python expression over named input arrays that Dusk runs as written, twice:
eagerly (the inputs are NumPy arrays) and lazily (each input is `da.from_array(input,
chunks=...)`). NumPy's result is recorded for the eager run; Dask's for the lazy run, with
the chunks of the lazy result, or with "ndarray" when Dask computes the function eagerly
(a FutureWarning: the function is not implemented by Dask). Results are written as

    {"array": {"dtype": "float64", "shape": [2, 3], "values": ["1.5", "nan", ...]}, "chunks": [[1, 1], [3]]}
                                                  (an unknown chunk size, Dask's nan, is null)
    {"python": "int" | "float" | "bool" | "str", "value": "..."}
    {"tuple": [result, ...]}
    {"error": "ValueError", "message": "..."}

A case may set "tolerance" (relative, for values computed in a different order than
NumPy's) and "abs_tolerance" (added to it, for results that are zero up to rounding), "zero_sign_free" (0.0 and -0.0 compare equal), "sorted" (compare the sorted
values: NumPy leaves the order unspecified), and "lazy": false when the lazy run is not
meaningful (functions of dtypes, not arrays), "message_free": true when only the error's
type is compared (NumPy's message names internals Dusk does not have). "numpy_rules": true
makes the lazy run expect NumPy's values and dtype with Dask's chunks, where Dask differs
from NumPy by accident (the README's deliberate differences: int32 sums stay int32, a
Python float q keeps float32 data in float32).
"""

import json
import math
import warnings
from pathlib import Path

import dask
import dask.array as da
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "Tests" / "DuskRuntimeTests" / "Cases" / "surface_cases.json"


# MARK: - Inputs: (name, array, chunks for the lazy run)

def make_inputs():
    rng = np.random.default_rng(11)
    f = np.round(rng.normal(size=(3, 4)) * 10, 2)
    fnan = f.copy()
    fnan[0, 1] = np.nan
    fnan[2, 3] = np.nan
    return [
        ("f", f, (2, 3)),
        ("fnan", fnan, (2, 2)),
        ("g", np.round(rng.normal(size=(2, 3, 4)), 3), (1, 2, 3)),
        ("v", np.array([3.5, -1.0, 2.0, 7.25, -0.0, 0.0, 2.0, -4.5]), 3),
        ("vnan", np.array([2.0, np.nan, -1.0, np.inf, 2.0, np.nan, -np.inf, 0.5]), 3),
        ("s", np.array([-3.0, -1.0, 0.0, 2.0, 2.0, 5.5, 9.0]), 4),
        ("i", np.array([[4, -2, 7], [4, 0, -9]], dtype=np.int32), (1, 2)),
        ("k", np.array([5, 3, 9, 3, 1, 5, 5, 0, 2], dtype=np.int64), 4),
        ("u", np.array([200, 3, 17, 3, 255], dtype=np.uint8), 2),
        ("h", np.arange(24, dtype=np.int16).reshape(2, 3, 4) % 7, (1, 2, 2)),
        ("b", np.array([[True, False, True], [False, False, True]]), (1, 2)),
        ("e", np.zeros((0,)), 1),
        ("e2", np.zeros((0, 3)), (1, 2)),
        ("w", np.round(rng.uniform(-5, 5, size=(5, 6)), 3).astype(np.float32), (2, 4)),
        ("m", np.arange(1, 26, dtype=np.float64).reshape(5, 5), (2, 3)),
        ("p", np.round(rng.normal(size=23) * 100, 4), 5),
    ]


# MARK: - Cases: expression, options

def cases():
    out = []

    def add(expr, **options):
        out.append(dict(expr=expr, **options))

    # sorting
    for name in ["f", "fnan", "g", "v", "vnan", "i", "k", "u", "h", "b", "e", "e2", "w"]:
        add(f"np.sort({name})")
        add(f"np.sort({name}, axis=None)")
        add(f"np.sort({name}, axis=0)")
    for name in ["f", "g", "w", "s"]:
        add(f"np.argsort({name})")
        add(f"np.argsort({name}, axis=0)")
        add(f"np.argsort({name}, axis=None)")
    for name in ["v", "vnan", "k", "i", "h", "b"]:
        add(f"np.argsort({name}, kind='stable')")
        add(f"np.argsort({name}, axis=0, stable=True)")
    add("np.sort(g, axis=-2)")
    add("np.sort(f, axis=2)")
    add("np.sort(f, kind='bogus')")
    # unique
    for name in ["v", "vnan", "k", "i", "u", "b", "e", "f"]:
        # Lazily these are Dask arrays of unknown chunk sizes: not in Dusk yet (README, missing).
        add(f"np.unique({name})", zero_sign_free=True, lazy=False)
        add(f"np.unique({name}, return_index=True, return_inverse=True, return_counts=True)", zero_sign_free=True,
            lazy=False)
        add(f"np.unique({name}, equal_nan=False)", zero_sign_free=True)
        add(f"np.unique_values({name})", zero_sign_free=True, sorted=True)
        add(f"np.unique_counts({name})", zero_sign_free=True)
        add(f"np.unique_inverse({name})", zero_sign_free=True)
        add(f"np.unique_all({name})", zero_sign_free=True)
    add("np.unique(np.array([[1, 2], [1, 2], [0, 5]]), axis=0, return_counts=True)", lazy=False)
    add("np.unique(h, axis=1, return_index=True, return_inverse=True)")
    add("np.unique(i, axis=-1)")
    # searchsorted
    add("np.searchsorted(s, np.array([2.0, -5.0, 10.0, 0.0]))")
    add("np.searchsorted(s, np.array([2.0, -5.0, 10.0, 0.0]), side='right')")
    add("np.searchsorted(s, 2.0)")
    add("np.searchsorted(v, np.array([0.0, 3.0]), sorter=np.argsort(v, kind='stable'))")
    add("np.searchsorted(s, np.array([[1.0, 2.0], [9.0, 9.5]]))")
    add("np.searchsorted(s, 1.0, side='middle')")
    # flips, rolls, tiles, repeats
    for name in ["f", "g", "v", "i", "b", "e2"]:
        add(f"np.flip({name})")
        add(f"np.flip({name}, axis=0)")
        add(f"np.flip({name}, axis=-1)")
        add(f"np.roll({name}, 2)")
        add(f"np.roll({name}, -1, axis=0)")
        add(f"np.tile({name}, 2)")
        add(f"np.tile({name}, (2, 1))")
    add("np.fliplr(f)")
    add("np.flipud(f)")
    add("np.fliplr(v)")
    add("np.flip(g, axis=(0, 2))")
    add("np.roll(f, (1, 2), axis=(0, 1))")
    add("np.roll(g, 5, axis=2)")
    add("np.tile(v, (2, 1, 2))")
    add("np.tile(f, 0)")
    for name in ["f", "v", "i", "k", "b"]:
        add(f"np.repeat({name}, 2, axis=0)")
        add(f"np.repeat({name}, 3, axis=-1)")
    add("np.repeat(f, 2)")
    add("np.repeat(k, 2)")
    add("np.repeat(f, [1, 0, 2], axis=0)")
    add("np.repeat(v, -1)")
    # take, take_along_axis
    add("np.take(f, [0, 2], axis=1)")
    add("np.take(f, [5, 1, 11])")
    add("np.take(k, [8, 0, 0, 3])")
    add("np.take(g, [-1, 0], axis=-1)")
    add("np.take(f, [7], axis=1)")
    add("np.take_along_axis(f, np.argsort(f, axis=1), axis=1)")
    add("np.take_along_axis(g, np.argsort(g, axis=0), axis=0)")
    add("np.take_along_axis(v, np.array([3, 0, 1]), axis=0)")
    # triangles, diff
    for name in ["f", "g", "m", "i", "b"]:
        add(f"np.tril({name})")
        add(f"np.triu({name})")
        add(f"np.tril({name}, -1)")
        add(f"np.triu({name}, 2)")
    for name in ["f", "g", "v", "k", "i", "b", "u"]:
        add(f"np.diff({name})")
        add(f"np.diff({name}, axis=0)")
        add(f"np.diff({name}, n=2)")
    add("np.diff(v, prepend=0.0)")
    add("np.diff(f, axis=0, append=1.5)")
    add("np.diff(k, prepend=[10, 20], append=[0])")
    add("np.diff(f, n=0)")
    add("np.diff(f, n=-1)")
    # the array API standard's manipulation functions
    add("np.concat([f, f], axis=0)")
    add("np.concat([f, m[:3, :4]], axis=1)")
    add("np.concat([v, k], axis=None)")
    add("np.permute_dims(g, (2, 0, 1))")
    add("np.matrix_transpose(g)")
    add("np.matrix_transpose(f)")
    add("np.unstack(f)")
    add("np.unstack(g, axis=2)")
    add("np.vecdot(f, f)", tolerance=1e-12)
    add("np.vecdot(g, g, axis=0)", tolerance=1e-12)
    add("np.vecdot(i, i)")
    add("np.cumulative_sum(v)")
    add("np.cumulative_sum(f, axis=1)")
    add("np.cumulative_sum(k, include_initial=True)")
    add("np.cumulative_sum(g, axis=0, include_initial=True)")
    add("np.cumulative_sum(f)")
    add("np.cumulative_prod(i, axis=1, dtype='float64')")
    add("np.cumulative_prod(v, include_initial=True)")
    add("np.broadcast_arrays(v, np.ones((2, 1)))")
    add("np.broadcast_arrays(f, np.arange(4))")
    add("np.meshgrid(v, k)")
    add("np.meshgrid(v, k, indexing='ij')")
    add("np.meshgrid(np.arange(3), np.arange(2), np.arange(4))")
    add("np.meshgrid(v, k, sparse=True)")
    add("np.count_nonzero(f)")
    add("np.count_nonzero(i, axis=0)")
    add("np.count_nonzero(b, axis=1)")
    add("np.count_nonzero(g, axis=(0, 2))")
    add("np.count_nonzero(b, axis=1, keepdims=True)")
    add("np.real(f)")
    add("np.imag(f)")
    add("np.conj(i)")
    add("np.astype(i, 'float32')")
    add("np.astype(f, np.int16)")
    # dtype functions
    for t in ["np.float32", "np.float64", "'f4'"]:
        for attribute in ["eps", "max", "min", "smallest_normal", "bits", "resolution", "dtype"]:
            add(f"np.finfo({t}).{attribute}", lazy=False)
    for t in ["np.int8", "np.uint16", "np.int64", "'i4'"]:
        for attribute in ["min", "max", "bits", "dtype"]:
            add(f"np.iinfo({t}).{attribute}", lazy=False)
    add("np.finfo(np.int32)", lazy=False)
    add("np.iinfo(np.float64)", lazy=False)
    for args in ["np.int8, 1", "1, 2.0", "np.int8, np.uint8", "np.float32, np.int64", "np.arange(3), np.float32",
                 "np.uint64, np.int64", "np.bool_, 5", "np.int16, 3.5", "np.float32, 1.0"]:
        add(f"np.result_type({args})", lazy=False)
    for args in ["np.int8, np.int16", "np.float64, np.int8, 'same_kind'", "np.float64, np.float32, 'same_kind'",
                 "np.float64, np.float32", "np.uint8, np.int8", "np.int32, np.float64", "np.float64, np.int8, 'unsafe'",
                 "np.int64, np.int64, 'no'", "1, np.int8"]:
        add(f"np.can_cast({args})", lazy=False)
    for args in ["np.float32, 'real floating'", "np.int8, ('integral', 'bool')", "np.uint8, 'signed integer'",
                 "np.bool_, 'numeric'", "np.int64, np.int64", "np.int8, 'foo'", "np.float64, 'complex floating'"]:
        add(f"np.isdtype({args})", lazy=False)
    # order statistics
    for name in ["f", "fnan", "g", "v", "vnan", "i", "k", "w", "e"]:
        add(f"np.median({name})")
        add(f"np.median({name}, axis=0)")
        add(f"np.median({name}, axis=-1, keepdims=True)")
        add(f"np.nanmedian({name}, axis=0)")
        # Dask makes q an array, so float32 data gives float64 quantiles: NumPy's rule stays.
        add(f"np.quantile({name}, 0.3, axis=0)", numpy_rules=name == "w")
        add(f"np.quantile({name}, [0.1, 0.5, 1.0], axis=-1)")
        # Dask's 1-d percentile merges chunk percentiles after an unstable argsort: where
        # values repeat across chunks its answer depends on NumPy's sort kernel, so the lazy
        # run is checked on inputs without repeated values (p, s) only.
        tied = name in ("v", "vnan", "k", "e")
        add(f"np.percentile({name}, 75)", lazy=not tied)
        add(f"np.percentile({name}, [5, 50, 95])", lazy=not tied)
        # Dask's nanpercentile of an empty block returns a NaN scalar in place of its
        # declared shape; the lazy run is meaningless there.
        add(f"np.nanpercentile({name}, [25, 50], axis=0)", lazy=name != "e")
        # Dask's nanquantile interpolates in another order: the last bit may differ.
        add(f"np.nanquantile({name}, 0.5, axis=-1, keepdims=True)", numpy_rules=name == "w",
            **({"tolerance": 1e-12} if name == "g" else {}))
    for method in ["lower", "higher", "midpoint", "nearest", "inverted_cdf", "averaged_inverted_cdf",
                   "closest_observation", "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased",
                   "normal_unbiased"]:
        add(f"np.quantile(f, [0.0, 0.3, 0.5, 0.8, 1.0], axis=1, method='{method}')")
        add(f"np.quantile(k, 0.4, axis=0, method='{method}')")
    for method in ["lower", "higher", "midpoint", "nearest"]:
        add(f"np.percentile(s, [10, 50, 90], method='{method}')")
        add(f"np.percentile(p, [30, 60], method='{method}')")
    add("np.percentile(p, [1, 25, 50, 75, 99])")
    add("np.percentile(p, 42.5)")
    add("np.median(g, axis=(0, 2))")
    add("np.quantile(g, [0.25, 0.75], axis=(1, 2), keepdims=True)")
    add("np.quantile(f, 1.5)")
    add("np.percentile(f, -5)")
    add("np.quantile(f, 0.5, method='bogus')")
    add("np.quantile(b, 0.5)")
    add("np.median(np.array([1.0, np.inf]))")
    add("np.quantile(np.array([1.0, np.inf]), 0.5)")
    # histograms and counts
    for name in ["f", "g", "v", "k", "i", "w", "e"]:
        add(f"np.histogram({name})")
        add(f"np.histogram({name}, bins=4, range=(-5, 5))")
        add(f"np.histogram({name}, bins=[-10, -1, 0, 0.5, 3, 20])")
    add("np.histogram(vnan, bins=3, range=(0, 4))")
    add("np.histogram(f, bins=5, range=(-10, 10), density=True)")
    add("np.histogram(v, bins=[-5, 0, 5], weights=np.arange(8.0))")
    add("np.histogram(f, bins=3, range=(5, -5))")
    add("np.histogram(vnan)")
    add("np.histogram(np.array([5, 5, 5]), bins=2)")
    # Lazily bincount is an array of unknown size in Dask: not in Dusk yet (README, missing).
    add("np.bincount(k)", lazy=False)
    add("np.bincount(k, minlength=12)", lazy=False)
    add("np.bincount(u)", lazy=False)
    add("np.bincount(k, weights=np.linspace(0, 1, 9))", lazy=False)
    add("np.bincount(np.array([-1, 2]))")
    add("np.bincount(v)")
    # interpolation, gradients, closeness, einsum, kron
    add("np.interp(np.array([-5.0, 0.0, 2.5, 9.0, 100.0]), s, np.arange(7.0))")
    add("np.interp(v, s, np.arange(7.0) ** 2, left=-1.0, right=99.0)")
    add("np.interp(2.0, [1, 2, 3], [3, 2, 0])")
    add("np.interp(np.array([0.5, 370.0]), np.array([0.0, 90.0, 180.0, 270.0]), np.array([1.0, 2.0, 3.0, 4.0]), period=360)")
    add("np.interp(np.array([1.0]), np.array([1.0, 2.0]), np.array([1.0]))")
    for name in ["f", "g", "v", "k", "w", "m"]:
        add(f"np.gradient({name})")
        add(f"np.gradient({name}, axis=0)")
        add(f"np.gradient({name}, 2.0, axis=-1)")
        add(f"np.gradient({name}, axis=0, edge_order=2)")
    add("np.gradient(v, np.array([0.0, 1.0, 3.0, 6.0, 6.5, 7.0, 9.0, 12.0]))")
    add("np.gradient(v, np.array([0.0, 1.0, 3.0, 6.0, 6.5, 7.0, 9.0, 12.0]), edge_order=2)")
    add("np.gradient(np.array([1.0]))")
    for left, right in [("f", "f + 1e-9"), ("f", "f * 1.001"), ("vnan", "vnan"), ("v", "0.0"), ("i", "i + 1")]:
        add(f"np.isclose({left}, {right})")
        add(f"np.allclose({left}, {right})")
    add("np.isclose(vnan, vnan, equal_nan=True)")
    add("np.allclose(vnan, vnan, equal_nan=True)")
    add("np.isclose(f, f + 0.01, rtol=0.0, atol=0.02)")
    add("np.array_equal(f, f)")
    add("np.array_equal(vnan, vnan)")
    add("np.array_equal(vnan, vnan, equal_nan=True)")
    add("np.array_equal(f, f[:2])")
    for spec, operands in [("ij,jk->ik", "f, m[:4, :3]"), ("i,i", "v, v"), ("ij->ji", "f"), ("ii", "m"), ("ii->i", "m"),
                           ("ij,ij->i", "f, f"), ("ij->", "f"), ("i,j->ij", "v, k"), ("ijk,ikl->ijl", "g, g.transpose(0, 2, 1)"),
                           ("ij,j->i", "f, f[0]"), ("ij,jk", "i, i.T")]:
        # Repeated labels (diagonals) are eager only for now (README, missing).
        # Dask sums int32 products to int64: NumPy's int32 stays (numpy_rules).
        add(f"np.einsum('{spec}', {operands})", tolerance=1e-12, lazy="ii" not in spec, numpy_rules=operands == "i, i.T")
    add("np.einsum('ij,jk->ik', f, f)", message_free=True)
    add("np.kron(np.array([1, 2]), np.array([[1, 10], [100, 1000]]))")
    add("np.kron(i, k[:2])")
    add("np.kron(f[:2, :2], np.eye(2))")
    # numpy.linalg through LAPACK (eager: the lazy forms, da.linalg, are missing)
    m = "np.array([[4.0, 2.0, 0.5], [1.0, 3.0, -1.0], [0.0, 2.0, 5.0]])"
    for operand in [m, "f[:, :3]", "g[:, :, :3]", "i[:, :2]", "f[:, :3].astype(np.float32)", "np.zeros((0, 0))",
                    "np.ones((2, 2))", "v", "f", "np.eye(3, dtype=bool)"]:
        tolerance = 1e-5 if "float32" in operand else 1e-12
        add(f"np.linalg.inv({operand})", tolerance=tolerance, lazy=False)
        add(f"np.linalg.det({operand})", tolerance=tolerance, lazy=False)
    for a, b in [(m, "np.array([1.0, -2.0, 0.5])"), (m, "f[:, :2]"), ("g[:, :, :3]", "g[:, :, 1:3]"), ("i[:, :2]", "i[:, 2]"),
                 (m, "np.ones(2)"), (m, "np.ones((2, 2))"), ("np.ones((2, 2))", "np.ones(2)"),
                 ("f[:, :3].astype(np.float32)", "f[:, 0].astype(np.float32)")]:
        tolerance = 1e-5 if "float32" in a else 1e-12
        add(f"np.linalg.solve({a}, {b})", tolerance=tolerance, lazy=False)
    # decompositions (LAPACK's signs: the same routines as NumPy's); an absolute tolerance for
    # the elements that are zero up to rounding
    def linalg(expr, single=False, **options):
        add(expr, tolerance=1e-5 if single else 1e-10, abs_tolerance=1e-5 if single else 1e-12, lazy=False, **options)
    for operand in ["f", "f.T", "g", "i", "m[:, :3]", "e2", "e2.T", "np.zeros((0, 0))", "v", "fnan", "np.eye(3, dtype=bool)"]:
        linalg(f"np.linalg.qr({operand})")
    for mode in ["complete", "r", "raw"]:
        for operand in ["f", "f.T", "g", "e2.T"]:
            linalg(f"np.linalg.qr({operand}, mode='{mode}')")
    linalg("np.linalg.qr(w)", single=True)
    add("np.linalg.qr(f, mode='full')", lazy=False)
    linalg("np.linalg.qr(f.T, mode='economic')")
    add("np.linalg.qr(f, mode='bad')", lazy=False)
    for operand in ["f", "f.T", "g", "i", "e2", "e2.T", "np.zeros((0, 0))", "v", "fnan"]:
        linalg(f"np.linalg.svd({operand})")
        linalg(f"np.linalg.svd({operand}, full_matrices=False)")
        linalg(f"np.linalg.svd({operand}, compute_uv=False)")
    linalg("np.linalg.svd(w[:3, :4])", single=True)
    for operand in ["m", "w", "g", "e2"]:
        linalg(f"np.linalg.svdvals({operand})", single="w" in operand)
    for operand in ["f @ f.T", "g @ g.transpose(0, 2, 1)", "i @ i.T", "f[:, :3]", "np.zeros((0, 0))", "np.eye(3, dtype=bool)", "f", "v"]:
        linalg(f"np.linalg.eigh({operand})")
        linalg(f"np.linalg.eigh({operand}, UPLO='U')")
        linalg(f"np.linalg.eigvalsh({operand})")
    linalg("np.linalg.eigh(w[:4, :4] + w[:4, :4].T)", single=True)
    linalg("np.linalg.eigvalsh(m + m.T, 'u')")
    add("np.linalg.eigh(f @ f.T, UPLO='X')", lazy=False)
    for a, b in [("f.T", "f.T[:, 0]"), ("f.T", "p[:4]"), ("f", "f[:, 0]"), ("m", "m[:, 0]"), ("i.T", "k[:3]"), ("f.T", "g[0].T"),
                 ("f.T", "np.ones((4, 0))"), ("e2.T", "s[:3]"), ("e2", "e"), ("np.ones((3, 2))", "np.ones(3)"),
                 ("f", "k[:2]"), ("g", "f"), ("f.T", "fnan.T")]:
        linalg(f"np.linalg.lstsq({a}, {b})")
    linalg("np.linalg.lstsq(m, m[:, 1], rcond=0.5)")
    linalg("np.linalg.lstsq(w[:, :3], w[:, 3:5])", single=True)
    for operand in [m, "f[:, :3]", "g[:, :, :3]", "i[:, :2]", "np.ones((2, 2))", "np.zeros((0, 0))", "np.eye(3, dtype=bool)", "f"]:
        linalg(f"np.linalg.slogdet({operand})")
    linalg("np.linalg.slogdet(w[:3, :3])", single=True)
    spd = "(f @ f.T + 3 * np.eye(3))"
    for operand in [spd, "g @ g.transpose(0, 2, 1) + np.eye(3)", "i @ i.T", "np.zeros((0, 0))", "np.eye(3, dtype=bool)",
                    "f[:, :3]", "-np.eye(2)", "f", "v"]:
        linalg(f"np.linalg.cholesky({operand})")
        linalg(f"np.linalg.cholesky({operand}, upper=True)")
    linalg("np.linalg.cholesky(w[:3, :4] @ w[:3, :4].T)", single=True)
    for operand in ["f", "m", "g", "i", "np.zeros((3, 3))", "e2", "v", "np.zeros(4)", "np.array(2.5)", "b", "w"]:
        add(f"np.linalg.matrix_rank({operand})", lazy=False)
    for options in ["tol=5.0", "rtol=0.2", "tol=1.0, rtol=0.1"]:
        add(f"np.linalg.matrix_rank(f, {options})", lazy=False)
    for operand in ["f", "f.T", "m", "g", "i", "e2", "np.zeros((2, 2))", "v"]:
        linalg(f"np.linalg.pinv({operand})")
    for options in ["rcond=0.3", "rtol=0.3", "rtol=None", "rcond=0.1, rtol=0.1"]:
        linalg(f"np.linalg.pinv(m, {options})")
    linalg("np.linalg.pinv(w)", single=True)
    for n in [0, 1, 2, 3, 5, 6, -1, -3]:
        linalg(f"np.linalg.matrix_power({m}, {n})")
    for operand in ["i[:, :2]", "g[:, :, :3]", "np.eye(3, dtype=bool)", "np.zeros((0, 0))"]:
        for n in [0, 4, 7]:
            add(f"np.linalg.matrix_power({operand}, {n})", tolerance=1e-12, lazy=False)
    add("np.linalg.matrix_power(f, 2)", lazy=False)
    add("np.linalg.matrix_power(i[:, :2], 1.5)", lazy=False)
    add("np.linalg.matrix_power(np.ones((2, 2)), -1)", lazy=False)
    for a, b in [("v", "s"), ("k", "b[0]"), ("e", "v"), ("f", "v")]:
        add(f"np.linalg.outer({a}, {b})", lazy=False)
    for a, b, options in [("f[:, :3]", "f[0, 1:]", ""), ("g[:, :, :3]", "f[:2, 1:]", ""), ("i", "i[::-1]", ""),
                          ("i.astype(np.int8)", "u[:3]", ""), ("f[:3, :2]", "m[:3, :1]", ", axis=0"),
                          ("g[:, :, 1:]", "f[:3, :1]", ", axis=-2"), ("e2", "f[0, :3]", ""), ("b", "b", ""),
                          ("f", "f", ""), ("f[:, :3]", "f[:, :3]", ", axis=2"), ("w[:2, :3]", "w[2:4, 1:4]", "")]:
        # NumPy's broadcast message names np.broadcast's arguments; Dusk's is the ufuncs'.
        add(f"np.linalg.cross({a}, {b}{options})", tolerance=1e-6 if a.startswith("w") else 1e-12, lazy=False,
            message_free=a.startswith("g[:, :, :3]"))
    for operand in ["f", "g", "i", "m", "e2", "v"]:
        for offset in [0, 1, -1, 3, -7]:
            add(f"np.linalg.diagonal({operand}, offset={offset})", lazy=False)
            add(f"np.linalg.trace({operand}, offset={offset})", tolerance=1e-12, lazy=False)
    add("np.linalg.trace(i, dtype=np.int8)", lazy=False)
    add("np.linalg.trace(w)", tolerance=1e-6, lazy=False)
    # norms
    for operand in ["v", "f", "g", "i", "e", "e2", "fnan", "b"]:
        add(f"np.linalg.norm({operand})", tolerance=1e-12, lazy=False)
        add(f"np.linalg.norm({operand}, keepdims=True)", tolerance=1e-12, lazy=False)
    for order in ["None", "np.inf", "-np.inf", "0", "1", "-1", "2", "-2", "3", "0.5", "'fro'"]:
        for operand, axis in [("v", "None"), ("f", "0"), ("f", "-1"), ("g", "1"), ("e2", "0"), ("i", "1"), ("w", "0")]:
            add(f"np.linalg.norm({operand}, {order}, axis={axis})", tolerance=1e-5 if operand == "w" else 1e-12, lazy=False)
    for order in ["None", "'fro'", "'nuc'", "np.inf", "-np.inf", "1", "-1", "2", "-2", "3"]:
        for operand, axis in [("f", "None"), ("f", "(1, 0)"), ("g", "(0, 2)"), ("g", "(-1, -2)"), ("e2", "None"), ("i", "None"), ("w", "None")]:
            linalg(f"np.linalg.norm({operand}, {order}, axis={axis})", single=operand == "w")
    add("np.linalg.norm(g, axis=(0, 2), keepdims=True)", tolerance=1e-12, lazy=False)
    add("np.linalg.norm(g, 1, axis=(2, 0), keepdims=True)", tolerance=1e-12, lazy=False)
    add("np.linalg.norm(g, axis=(1, 1))", lazy=False)
    add("np.linalg.norm(g, axis=(0, 1, 2))", lazy=False)
    add("np.linalg.norm(g, 2)", lazy=False)
    for options in ["", ", ord=1", ", ord=np.inf", ", ord=0", ", ord=-2", ", axis=1", ", axis=(0, 2)", ", axis=(2, 0), keepdims=True",
                    ", keepdims=True", ", axis=-1, ord=3"]:
        add(f"np.linalg.vector_norm(g{options})", tolerance=1e-12, lazy=False)
    add("np.linalg.vector_norm(f, ord='fro')", lazy=False)
    for options in ["", ", ord='nuc'", ", ord=1", ", ord=np.inf", ", ord=2", ", ord=-2", ", keepdims=True", ", ord=-1, keepdims=True"]:
        linalg(f"np.linalg.matrix_norm(g{options})")
    add("np.linalg.matrix_norm(v)", lazy=False)
    # round with negative decimals
    for name in ["f", "i", "k", "w", "m"]:
        add(f"np.round({name}, -1)")
        add(f"np.round({name}, 1)")
    add("np.round(b, 0)")
    add("np.round(np.array([150, 250], dtype=np.uint8), -2)")
    add("np.round(np.array([127], dtype=np.int8), -1)")
    add("np.round(np.array([1.5, 2.5, -0.5]), 400)")
    add("np.round(np.array([123.0]), -400)")
    return out


# MARK: - Encoding

def value_text(value, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return "True" if value else "False"
    if dtype.kind in "iu":
        return str(int(value))
    if dtype == np.float32:
        return str(np.float32(value))
    return repr(float(value))


def encode(result):
    if isinstance(result, da.Array):
        return encode_dask(result)
    if isinstance(result, tuple) or isinstance(result, list):
        return {"tuple": [encode(item) for item in result]}
    if isinstance(result, np.generic):
        return encode_ndarray(np.asarray(result), scalar=True)
    if isinstance(result, bool):
        return {"python": "bool", "value": str(result)}
    if isinstance(result, int):
        return {"python": "int", "value": str(result)}
    if isinstance(result, float):
        return {"python": "float", "value": repr(result)}
    if isinstance(result, np.dtype):
        return {"python": "str", "value": result.name}
    if isinstance(result, type) and issubclass(result, np.generic):
        return {"python": "str", "value": np.dtype(result).name}
    return encode_ndarray(np.asarray(result), scalar=False)


def encode_ndarray(a, scalar):
    if a.dtype.kind not in "biuf" or a.dtype == np.float16:
        raise Unsupported(a.dtype)
    return {"array": {"dtype": a.dtype.name, "shape": list(a.shape),
                      "values": [value_text(v, a.dtype) for v in a.ravel()]},
            "scalar": scalar}


def encode_dask(x):
    spec = encode(x.compute())
    spec["chunks"] = [[None if math.isnan(size) else size for size in c] for c in x.chunks]
    return spec


class Unsupported(Exception):
    """A result Dusk cannot hold (float16: Dusk computes those in float32)."""


def run(expr, env):
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = eval(expr, env)
            spec = encode(result)
        if any("is not implemented by Dask array" in str(w.message) for w in caught):
            spec["computed_by_numpy"] = True
        return spec
    except Unsupported:
        return None
    except Exception as error:  # the peer's error is the expected outcome
        return {"error": type(error).__name__, "message": str(error).split("\n")[0]}


def input_expr(array):
    """Dusk (and Python) text that builds `array`."""
    def text(value):
        if array.dtype.kind == "b":
            return "True" if value else "False"
        if array.dtype.kind in "iu":
            return str(int(value))
        value = float(value)
        if math.isnan(value):
            return "np.nan"
        if math.isinf(value):
            return "np.inf" if value > 0 else "-np.inf"
        return repr(value)
    values = "[" + ", ".join(text(v) for v in array.ravel()) + "]"
    return f"np.array({values}, dtype='{array.dtype.name}').reshape({tuple(array.shape)!r})"


def main():
    inputs = make_inputs()
    eager_env = {"np": np, "da": da}
    lazy_env = {"np": np, "da": da}
    input_specs = []
    for name, array, chunks in inputs:
        eager_env[name] = array
        lazy_env[name] = da.from_array(array, chunks=chunks)
        input_specs.append({"name": name, "build": input_expr(array), "chunks": repr(chunks)})
        assert np.array_equal(eval(input_expr(array), {"np": np}), array, equal_nan=True)
    written = []
    for case in cases():
        numpy_rules = case.pop("numpy_rules", False)
        case["eager"] = run(case["expr"], eager_env)
        if case.get("lazy", True):
            case["lazy"] = run(case["expr"], lazy_env)
            if numpy_rules:
                assert "array" in case["lazy"] and "array" in case["eager"], case["expr"]
                case["lazy"] = dict(case["eager"], chunks=case["lazy"]["chunks"])
        else:
            case.pop("lazy")
        if case["eager"] is None:
            continue
        if case.get("lazy", 0) is None:
            case.pop("lazy")
        written.append(case)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"numpy": np.__version__, "dask": dask.__version__, "inputs": input_specs, "cases": written},
                  f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}: {len(written)} cases, "
          f"{OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
