#!/usr/bin/env python3
"""Regenerates Tests/DuskArrayTests/ReduceCases.swift and LinalgCases.swift: reductions and
linear algebra as NumPy 2 computes them.

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

def write_swift(path, name, what, payload):
    with open(path, "w") as f:
        f.write("// Generated by scripts/numpy_math_cases.py from NumPy " + np.__version__ + "; do not edit.\n")
        f.write("// " + what + ": input, operation, and NumPy's result or error message.\n\n")
        f.write("let " + name + " = #\"\"\"\n")
        for i in range(0, len(payload), 4000):
            f.write(payload[i:i + 4000] + "\\#\n")
        f.write("\n\"\"\"#\n")
    print(path, len(payload), "bytes")


payload = json.dumps({"inputs": inputs, "cases": cases}, separators=(",", ":"))
write_swift("Tests/DuskArrayTests/ReduceCases.swift", "reduceCasesJSON", "Reductions", payload)
print(len(cases), "reduction cases")

# Linear algebra: pairs of inputs, an operation (with tensordot axes), NumPy's result.
linalg_inputs = []
linalg_cases = []


def linalg_input(dtype, shape, view, floats):
    base_shape = tuple(reversed(shape)) if view == "T" else ((shape[0] * 2,) + tuple(shape[1:]) if view == "step2" else shape)
    n = int(np.prod(base_shape))
    if dtype == "bool":
        base = (rng.random(n) < 0.5).reshape(base_shape)
    elif floats and dtype in FLOATS:
        base = rng.normal(size=n).astype(dtype).reshape(base_shape)
    elif dtype in ("int8", "uint8"):
        base = rng.integers(0 if dtype == "uint8" else -100, 100, n).astype(dtype).reshape(base_shape)
    else:
        base = rng.integers(-5, 6, n).astype(dtype).reshape(base_shape)
    x = base.T if view == "T" else (base[::2] if view == "step2" else (base[..., ::-1] if view == "reversed" else base))
    linalg_inputs.append({"dtype": dtype, "baseShape": list(base.shape), "view": view,
                          "data": [text(v) for v in base.ravel()]})
    return len(linalg_inputs) - 1, x


def linalg(op, a_spec, b_spec, axes=None, floats=True):
    ia, a = linalg_input(*a_spec, floats)
    ib, b = linalg_input(*b_spec, floats)
    case = {"op": op, "a": ia, "b": ib, "axes": axes}
    try:
        if op == "tensordot":
            r = np.tensordot(a, b, axes=axes if isinstance(axes, int) else tuple(axes))
        else:
            r = getattr(np, op)(a, b)
        r = np.asarray(r)
        case["resultDType"] = str(r.dtype)
        case["resultShape"] = list(r.shape)
        case["result"] = [text(v) for v in r.ravel()]
    except Exception as e:
        case["error"] = str(e)
    linalg_cases.append(case)


MATMUL_SHAPES = [
    ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((5, 2, 3), (3, 4)),
    ((2, 3), (5, 3, 4)), ((5, 1, 2, 3), (4, 3, 2)), ((1, 3), (3, 1)), ((0, 3), (3, 2)),
    ((2, 0), (0, 2)), ((3, 1), (1, 4)), ((17, 33), (33, 9)),
    ((2, 3), (2, 3)), ((), (3,)), ((3,), ()), ((2, 2, 3), (3, 3, 4)), ((3,), (4,)),
]
for dtype in ["float64", "float32", "int64", "int32", "int8", "uint8", "bool", "uint64", "int16"]:
    for sa, sb in MATMUL_SHAPES:
        linalg("matmul", (dtype, sa, "plain"), (dtype, sb, "plain"))
for sa, sb in [((4, 3), (3, 5)), ((3, 3), (3, 3)), ((6, 2), (2, 1)), ((1, 4), (4, 6)), ((2, 4, 3), (2, 3, 4))]:
    for va, vb in [("T", "plain"), ("plain", "T"), ("T", "T"), ("step2", "reversed"), ("reversed", "step2")]:
        for dtype in ["float64", "float32", "int32"]:
            linalg("matmul", (dtype, sa, va), (dtype, sb, vb))
for da, db in [("int32", "float32"), ("int8", "uint8"), ("bool", "int16"), ("float32", "float64"), ("uint64", "int64")]:
    linalg("matmul", (da, (2, 3), "plain"), (db, (3, 2), "plain"))
    linalg("dot", (da, (3,), "plain"), (db, (3,), "plain"))
for dtype in ["float64", "int64", "float32"]:
    for sa, sb in [((3,), (3,)), ((2, 3), (3,)), ((2, 3), (3, 4)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3)),
                   ((2, 3, 4), (5, 4, 2)), ((), (3,)), ((2, 3), ()), ((2, 3), (2, 3)), ((3,), (4,)),
                   ((2, 3, 4), (5, 3)), ((3,), (2, 4, 5))]:
        linalg("dot", (dtype, sa, "plain"), (dtype, sb, "plain"))
    for sa, sb, axes in [((3, 4, 5), (4, 5, 2), 2), ((3, 4, 5), (4, 3, 2), [[1, 0], [0, 1]]),
                         ((2, 3), (3, 2), 0), ((2, 3), (3, 2), 1), ((2, 3), (3, 2), -1),
                         ((3, 4, 5), (5, 4), [[-1, 1], [0, 1]]), ((2, 3), (2, 3), 1),
                         ((2, 3), (2, 3), [[0], [1]]), ((2, 3), (2, 3), [[0, 1], [0]])]:
        linalg("tensordot", (dtype, sa, "plain"), (dtype, sb, "plain"), axes)
    for sa, sb in [((3,), (3,)), ((2, 3), (4, 3)), ((2, 3), (5, 2, 3)), ((2, 3), (4,)), ((3,), (2, 4)),
                   ((2, 3), (5, 2, 4)), ((), (2, 2))]:
        linalg("inner", (dtype, sa, "plain"), (dtype, sb, "plain"))
    for sa, sb in [((3,), (4,)), ((2, 2), (3,)), ((0,), (2,))]:
        linalg("outer", (dtype, sa, "plain"), (dtype, sb, "plain"))
    for sa, sb in [((2, 3), (3, 2)), ((3,), (4,)), ((4,), (4,))]:
        linalg("vdot", (dtype, sa, "plain"), (dtype, sb, "plain"))
linalg("vdot", ("bool", (3,), "plain"), ("bool", (3,), "plain"))
linalg("outer", ("bool", (3,), "plain"), ("int8", (2,), "plain"))

payload = json.dumps({"inputs": linalg_inputs, "cases": linalg_cases}, separators=(",", ":"))
write_swift("Tests/DuskArrayTests/LinalgCases.swift", "linalgCasesJSON", "Linear algebra", payload)
print(len(linalg_cases), "linear algebra cases")
