#!/usr/bin/env python3
"""Regenerates Tests/DuskArrayTests/ReduceCases.swift: reductions as NumPy 2 computes them.

Each case: an input (dtype, values, shape, and how the view is made: plain, transposed,
stepped or reversed), an operation with its axis/keepdims/ddof, and NumPy's result (dtype,
shape, values as repr strings) or its error message. Run from the repository root:

    python3 scripts/numpy_math_cases.py
"""
import json
import warnings

import numpy as np

warnings.simplefilter("ignore")
rng = np.random.default_rng(20240601)

ALL = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64"]
FLOATS = ["float32", "float64"]
SIMPLE = ["sum", "prod", "min", "max", "mean", "var", "std", "any", "all"]
NAN_OPS = ["nansum", "nanmean", "nanmin", "nanmax", "nanvar", "nanstd"]
ARG = ["argmin", "argmax"]
CUM = ["cumsum", "cumprod"]

# (shape, view, axes list); each axes entry is None, an int or a tuple.
LAYOUTS = [
    ((), "plain", [None]),
    ((0,), "plain", [None, 0]),
    ((7,), "plain", [None, 0, -1]),
    ((3, 4), "plain", [None, 0, 1, -1, (0, 1), ()]),
    ((3, 4), "T", [None, 0, 1]),
    ((3, 4), "step2", [None, 0, 1]),
    ((3, 4), "reversed", [None, 0, 1]),
    ((2, 3, 4), "plain", [None, 0, 1, 2, (0, 2), (1, 2), (-1, -3)]),
    ((2, 3, 4), "T", [0, (0, 2)]),
    ((0, 3), "plain", [None, 0, 1]),
    ((3, 0), "plain", [None, 0, 1]),
    ((300,), "plain", [None]),
    ((40, 50), "plain", [None, 0, 1]),
]


def values_for(dtype, n, variant):
    if dtype == "bool":
        return rng.random(n) < 0.5
    info = np.iinfo(dtype) if dtype not in FLOATS else None
    if variant == "extreme" and info is not None:
        return rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    if dtype in FLOATS:
        x = (rng.normal(size=n) * 10).astype(dtype)
        if variant == "nan" and n:
            x[rng.random(n) < 0.3] = np.nan
        if variant == "inf" and n:
            x[rng.random(n) < 0.2] = np.inf
            x[rng.random(n) < 0.1] = -np.inf
        return x
    if dtype.startswith("u"):
        return rng.integers(0, 4 if variant == "small" else 20, n).astype(dtype)
    return rng.integers(-3 if variant == "small" else -9, 4 if variant == "small" else 10, n).astype(dtype)


def make_input(dtype, shape, view, variant):
    if view == "plain":
        base_shape = shape
    elif view == "T":
        base_shape = tuple(reversed(shape))
    elif view == "step2":
        base_shape = (shape[0] * 2,) + tuple(shape[1:])
    else:
        base_shape = shape
    n = int(np.prod(base_shape))
    base = np.asarray(values_for(dtype, n, variant)).reshape(base_shape)
    if view == "T":
        x = base.T
    elif view == "step2":
        x = base[::2]
    elif view == "reversed":
        x = base[..., ::-1]
    else:
        x = base
    return base, x


def text(v):
    if isinstance(v, (bool, np.bool_)):
        return "True" if v else "False"
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(int(v))


def run(op, x, axis, keepdims, ddof):
    if op in ("argmin", "argmax"):
        return getattr(np, op)(x, axis=axis, keepdims=keepdims)
    if op in ("cumsum", "cumprod"):
        return getattr(np, op)(x, axis=axis)
    kwargs = {"axis": axis, "keepdims": keepdims}
    if op in ("var", "std", "nanvar", "nanstd"):
        kwargs["ddof"] = ddof
    return np.asarray(getattr(np, op)(x, **kwargs))


cases = []
inputs = []
input_index = {}


def add(op, dtype, shape, view, variant, axis, keepdims=False, ddof=0):
    key = (dtype, shape, view, variant)
    if key not in input_index:
        base, x = make_input(dtype, shape, view, variant)
        input_index[key] = (len(inputs), x)
        inputs.append({"dtype": dtype, "baseShape": list(base.shape), "view": view,
                       "data": [text(v) for v in base.ravel()]})
    index, x = input_index[key]
    case = {
        "op": op, "input": index,
        "axes": None if axis is None else (list(axis) if isinstance(axis, tuple) else [axis]),
        "keepdims": keepdims, "ddof": ddof,
    }
    try:
        r = np.asarray(run(op, x, axis, keepdims, ddof))
        case["resultDType"] = str(r.dtype)
        case["resultShape"] = list(r.shape)
        case["result"] = [text(v) for v in r.ravel()]
    except Exception as e:  # NumPy's error message is the expected result
        case["error"] = str(e)
    cases.append(case)


for shape, view, axes_list in LAYOUTS:
    for axis in axes_list:
        for dtype in ALL:
            for op in SIMPLE:
                variant = "small" if op == "prod" else "normal"
                add(op, dtype, shape, view, variant, axis)
                if op in ("var", "std") and dtype in ("int32", "float64"):
                    add(op, dtype, shape, view, variant, axis, ddof=1)
            if isinstance(axis, tuple) and len(axis) != 1 and axis != ():
                continue
            single = axis if not isinstance(axis, tuple) else None
            if axis == ():
                continue
            for op in ARG:
                add(op, dtype, shape, view, "normal", single)
            for op in CUM if int(np.prod(shape)) <= 100 else []:
                add(op, dtype, shape, view, "small" if op == "cumprod" else "normal", single)
        for dtype in ["int32"] + FLOATS:
            for op in NAN_OPS:
                add(op, dtype, shape, view, "nan", axis)
    # keepdims, on the first two axis choices of each layout
    for axis in axes_list[:2]:
        for dtype in ["int16", "float32"]:
            for op in ["sum", "max", "mean", "std", "argmax"]:
                if op == "argmax" and isinstance(axis, tuple):
                    continue
                add(op, dtype, shape, view, "normal", axis, keepdims=True)

for dtype in ALL[1:9]:
    for op in ["sum", "prod", "min", "max", "cumsum"]:
        add(op, dtype, (6, 5), "plain", "extreme", None)
        add(op, dtype, (6, 5), "plain", "extreme", 0)
for dtype in FLOATS:
    for op in ["sum", "min", "max", "mean", "var", "argmin", "argmax", "nanmin", "nanmax", "nansum"]:
        for variant in ["nan", "inf"]:
            add(op, dtype, (5, 6), "plain", variant, None)
            add(op, dtype, (5, 6), "plain", variant, 1)
            add(op, dtype, (5, 6), "plain", variant, 0)

payload = json.dumps({"inputs": inputs, "cases": cases}, separators=(",", ":"))
with open("Tests/DuskArrayTests/ReduceCases.swift", "w") as f:
    f.write("// Generated by scripts/numpy_math_cases.py from NumPy " + np.__version__ + "; do not edit.\n")
    f.write("// Reductions: input, operation, and NumPy's result or error message.\n\n")
    f.write("let reduceCasesJSON = #\"\"\"\n")
    for i in range(0, len(payload), 4000):
        f.write(payload[i:i + 4000] + "\\#\n")
    f.write("\n\"\"\"#\n")
print(len(cases), "cases,", len(payload), "bytes")
