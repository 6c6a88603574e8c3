#!/usr/bin/env python3
"""Writes NumPy's answers for Dusk's differential tests to Tests/DuskArrayTests/Data/*.json.

Run from anywhere with python3 and numpy 2.x installed:

    python3 scripts/gen_numpy_cases.py

The JSON files are committed so the Swift tests run without Python. Each file is a list of
cases; arrays are written as

    {"dtype": "float32", "shape": [2, 3], "values": ["1.5", "nan", ...]}     (C order)
    {"dtype": "int64", "shape": [2000], "arange": [count, scale, add]}       (np.arange(count) * scale + add, cast)

with an optional "view": "T" (transpose), "reverse" (every axis reversed) or "step2"
(every other element on the last axis), applied to the array built from the values.
Values are exact text: shortest round-trip repr for floats (float32 values in float32
digits), decimal for integers, "True"/"False" for bools. A Python scalar operand is
{"python": "int" | "float" | "bool", "value": "..."}; a failing call records
{"error": "TypeError", "message": "..."} instead of a result.

Cases whose NumPy result is float16 (e.g. np.sin on int8) are left out: Dusk has no float16.
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "Tests" / "DuskArrayTests" / "Data"

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float32", "float64"]
SUPPORTED = set(DTYPES)


# MARK: - Encoding

def value_text(value, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return "True" if value else "False"
    if dtype.kind in "iu":
        return str(int(value))
    if dtype == np.float32:
        text = str(np.float32(value))
        assert math.isnan(value) or np.float32(float(text)) == np.float32(value), text
        return text
    return repr(float(value))


def encode_array(a, view=None):
    a = np.asarray(a)
    spec = {"dtype": a.dtype.name, "shape": list(a.shape),
            "values": [value_text(v, a.dtype) for v in a.ravel()]}
    if view:
        spec["view"] = view
    return spec


def build_array(spec):
    """The array a spec describes, built as the Swift side builds it."""
    if "arange" in spec:
        count, scale, add = spec["arange"]
        dtype = np.dtype(spec["dtype"])
        if dtype.kind == "f":
            base = np.arange(count, dtype=np.float64) * float(scale) + float(add)
        else:
            base = np.arange(count, dtype=np.int64) * int(scale) + int(add)
        a = base.astype(dtype).reshape(spec["shape"])
    else:
        kind = np.dtype(spec["dtype"]).kind
        parse = {"b": lambda v: v == "True", "f": float}.get(kind, int)
        a = np.array([parse(v) for v in spec["values"]], dtype=spec["dtype"]).reshape(spec["shape"])
    view = spec.get("view")
    if view == "T":
        a = a.T
    elif view == "reverse":
        a = a[tuple(slice(None, None, -1) for _ in a.shape)]
    elif view == "step2":
        a = a[..., ::2]
    return a


def arange_spec(count, dtype, shape=None, scale=1, add=0, view=None):
    spec = {"dtype": dtype, "shape": list(shape or [count]), "arange": [count, str(scale), str(add)]}
    if view:
        spec["view"] = view
    return spec


def encode_scalar_operand(value):
    kind = type(value).__name__
    return {"python": kind, "value": repr(value) if kind == "float" else str(value)}


def python_operand(spec):
    kind, text = spec["python"], spec["value"]
    if kind == "bool":
        return text == "True"
    if kind == "int":
        return int(text)
    return float(text)


class ArrayTable:
    """Input arrays written once per file and referred to by index from the cases."""

    def __init__(self):
        self.specs = []
        self.index = {}

    def ref(self, operand):
        """An index for an array (or a spec dict, views included), inline text for a Python scalar."""
        if isinstance(operand, (bool, int, float)):
            return encode_scalar_operand(operand)
        spec = operand if isinstance(operand, dict) else encode_array(operand)
        key = json.dumps(spec, sort_keys=True)
        if key not in self.index:
            self.index[key] = len(self.specs)
            self.specs.append(spec)
        return self.index[key]


def run(call):
    """A result spec or an error spec for one NumPy call."""
    try:
        with np.errstate(all="ignore"):
            result = np.asarray(call())
    except Exception as error:  # NumPy's error is the expected outcome
        return {"error": type(error).__name__, "message": str(error)}
    if result.dtype.name not in SUPPORTED:
        return None
    return encode_array(result)


# MARK: - Values

INT_VALUES = {
    "int8": [0, 1, -1, 7, -128, 127],
    "int16": [0, 1, -1, 300, -32768, 32767],
    "int32": [0, 1, -1, 70000, -2**31, 2**31 - 1],
    "int64": [0, 1, -1, 3, -2**63, 2**63 - 1],
    "uint8": [0, 1, 2, 7, 200, 255],
    "uint16": [0, 1, 2, 300, 65535, 40000],
    "uint32": [0, 1, 2, 70000, 2**32 - 1, 3000000000],
    "uint64": [0, 1, 2, 3, 2**64 - 1, 2**63],
}
FLOAT_VALUES = [0.0, -0.0, 1.5, -2.5, 7.0, math.nan, math.inf, -math.inf]


def sample_values(dtype):
    if dtype == "bool":
        return [False, True]
    if dtype in INT_VALUES:
        return INT_VALUES[dtype]
    return FLOAT_VALUES


def sample(dtype):
    return np.array(sample_values(dtype), dtype=dtype)


def pairs(dtype_a, dtype_b, small=False):
    """Every value of one sample against every value of the other (flattened outer product)."""
    a, b = sample(dtype_a), sample(dtype_b)
    if small:
        a, b = a[:4], b[:4]
    return np.repeat(a, len(b)), np.tile(b, len(a))


# MARK: - Elementwise binary

ARITHMETIC = ["add", "subtract", "multiply", "true_divide", "floor_divide", "remainder", "power"]
COMPARISON = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]
OTHER_BINARY = ["maximum", "minimum", "fmax", "fmin", "arctan2", "logical_and", "logical_or",
                "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor", "hypot", "copysign", "logaddexp",
                "logaddexp2", "nextafter", "heaviside", "fmod"]
MIXED_PAIRS = [("int8", "uint8"), ("int64", "uint64"), ("int32", "float32"), ("int64", "float32"),
               ("uint64", "float64"), ("bool", "int8"), ("float32", "float64"), ("int16", "uint32"),
               ("uint8", "float32"), ("bool", "float64")]


def binary_cases():
    table = ArrayTable()
    cases = []

    def binary_case(op, a, b):
        result = run(lambda: getattr(np, op)(a, b))
        if result is None:
            return None
        return {"op": op, "inputs": [table.ref(a), table.ref(b)], "result": result}

    # promotion: every dtype pair, small samples
    for left in DTYPES:
        for right in DTYPES:
            a, b = pairs(left, right, small=True)
            cases.append(binary_case("add", a, b))
    # every op on every dtype with itself, all value pairs
    for op in ARITHMETIC + COMPARISON + OTHER_BINARY:
        for dtype in DTYPES:
            a, b = pairs(dtype, dtype)
            if op == "power" and dtype in INT_VALUES and dtype.startswith("int"):
                keep = b >= 0
                cases.append(binary_case(op, a[~keep][:1], b[~keep][:1]))  # negative power: error
                a, b = a[keep], b[keep]
            cases.append(binary_case(op, a, b))
        for left, right in MIXED_PAIRS:
            a, b = pairs(left, right, small=True)
            if op == "power" and np.dtype(right).kind == "i":
                a, b = a[b >= 0], b[b >= 0]
            cases.append(binary_case(op, a, b))
    # NEP 50: Python scalars are weak
    scalars = [3, -1, 300, 2**40, 2.5, math.nan, True]
    for dtype in DTYPES:
        a = sample(dtype)[:4]
        for value in scalars:
            for op in ["add", "multiply", "true_divide", "greater", "maximum"]:
                cases.append(binary_case(op, a, value))
            cases.append(binary_case("subtract", value, a))
    # broadcasting, 0-d and empty operands
    shapes = [((3, 1), (1, 4)), ((2, 3), (3,)), ((), (3,)), ((2, 1, 3), (4, 1)), ((0, 3), (3,)),
              ((0,), (1,)), ((), ()), ((3,), (4,)), ((2, 0), (1, 0))]
    for left, right in shapes:
        for dtype in ["float64", "int32"]:
            a = (np.arange(int(np.prod(left))) - 2).astype(dtype).reshape(left)
            b = (np.arange(int(np.prod(right))) * 3 + 1).astype(dtype).reshape(right)
            for op in ["add", "multiply", "less", "true_divide"]:
                cases.append(binary_case(op, a, b))
    # strided operands: transposed, reversed and stepped views
    base = np.arange(12, dtype=np.float64).reshape(3, 4) * 1.5 - 4
    for view in ["T", "reverse", "step2"]:
        spec = encode_array(base, view)
        a = build_array(spec)
        other = np.arange(a.size, dtype=np.float64).reshape(a.shape) - 2
        for op in ["add", "multiply", "maximum", "less"]:
            result = run(lambda: getattr(np, op)(a, other))
            cases.append({"op": op, "inputs": [table.ref(spec), table.ref(other)], "result": result})
    return table, [case for case in cases if case is not None]


# MARK: - Elementwise unary

UNARY = ["negative", "positive", "absolute", "sign", "sin", "cos", "tan", "arcsin", "arccos",
         "arctan", "sinh", "cosh", "tanh", "exp", "expm1", "log", "log1p", "log2", "log10",
         "sqrt", "cbrt", "square", "floor", "ceil", "trunc", "rint", "isnan", "isinf",
         "isfinite", "logical_not", "invert", "arcsinh", "arccosh", "arctanh", "exp2", "deg2rad",
         "rad2deg", "reciprocal", "signbit", "conjugate"]
UNARY_FLOATS = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.5, -3.5, 3.141592653589793, 100.0, -100.0,
                1e-310, 1e300, 710.0, 0.1, math.nan, math.inf, -math.inf]


def unary_cases():
    table = ArrayTable()
    cases = []
    for op in UNARY:
        for dtype in DTYPES:
            if dtype.startswith("float"):
                a = np.array(UNARY_FLOATS, dtype=dtype)
            else:
                a = sample(dtype)
            result = run(lambda: getattr(np, op)(a))
            if result is not None:
                cases.append({"op": op, "inputs": [table.ref(a)], "result": result})
    for shape in [(), (0,), (2, 0), (2, 3)]:
        a = (np.arange(int(np.prod(shape))) * 0.75 - 1).reshape(shape)
        for op in ["sin", "negative", "sqrt", "isnan"]:
            result = run(lambda: getattr(np, op)(a))
            cases.append({"op": op, "inputs": [table.ref(a)], "result": result})
    return table, cases


# MARK: - Float functions: special values, warnings, accuracy

FLOAT_FUNCTIONS = ["sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "exp",
                   "expm1", "log", "log1p", "log2", "log10", "cbrt", "arcsinh", "arccosh", "arctanh", "exp2"]
SPECIAL_MAGNITUDES = [0.0, 5e-324, 1e-310, 2.2250738585072014e-308, 1e-300, 1e-40, 1e-20, 1e-8, 0.1, 0.5,
                      0.75, 1.0, 1.5, math.pi / 2, 2.0, 3.5, 10.0, 22.0, 88.5, 88.8, 89.0, 100.0, 700.0,
                      709.78, 710.0, 800.0, 1e5, 1e6 + 0.5, 1e22, 1e38, 1e300, 1.7976931348623157e308,
                      math.inf]
# A grid over each function's interesting domain: (start, end).
FLOAT_DOMAINS = {"sin": (-100, 100), "cos": (-100, 100), "tan": (-10, 10), "arcsin": (-1, 1),
                 "arccos": (-1, 1), "arctan": (-50, 50), "sinh": (-20, 20), "cosh": (-20, 20),
                 "tanh": (-5, 5), "exp": (-80, 80), "expm1": (-5, 5), "log": (0, 1000),
                 "log1p": (-0.9, 100), "log2": (0, 1000), "log10": (0, 1000), "cbrt": (-1000, 1000),
                 "arcsinh": (-100, 100), "arccosh": (1, 100), "arctanh": (-1, 1), "exp2": (-100, 100)}
GRID = 300
WARNING_CODES = {"divide by zero": "d", "overflow": "o", "invalid value": "i"}


def warning_codes(call):
    """NumPy's RuntimeWarnings for one call as letters: d(ivide by zero), o(verflow), i(nvalid)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(all="warn", under="ignore"):
            call()
    found = {str(w.message).split(" encountered")[0] for w in caught}
    return "".join(code for text, code in WARNING_CODES.items() if text in found)


def special_floats(dtype):
    with np.errstate(all="ignore"):
        values = np.array([v for m in SPECIAL_MAGNITUDES for v in (m, -m)] + [math.nan], dtype=dtype)
    return np.unique(values)


def float_function_cases():
    """Transcendental ufuncs: special values with NumPy's warnings per element, and a grid
    over each function's domain for accuracy (NumPy's SIMD loops at work)."""
    table = ArrayTable()
    cases = []
    for op in FLOAT_FUNCTIONS:
        for dtype in ["float64", "float32"]:
            a = special_floats(dtype)
            codes = [warning_codes(lambda: getattr(np, op)(a[i:i + 1])) for i in range(a.size)]
            cases.append({"op": op, "inputs": [table.ref(a)], "result": run(lambda: getattr(np, op)(a)),
                          "warnings": codes})
            start, end = FLOAT_DOMAINS[op]
            scale = (end - start) / (GRID - 0.5)
            grid = arange_spec(GRID, dtype, scale=repr(scale), add=repr(start + scale / 7))
            g = build_array(grid)
            cases.append({"op": op, "inputs": [table.ref(grid)], "result": run(lambda: getattr(np, op)(g))})
    bases = [0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -8.0, 10.0, 1e300, 1e-300, 1e-310, math.inf, -math.inf, math.nan]
    exponents = [0.0, -0.0, 1.0, -1.0, 2.0, 3.0, -3.0, 0.5, 1 / 3, -0.5, 1000.0, -1000.0, 1e300, math.inf,
                 -math.inf, math.nan]
    for op in ["power", "arctan2"]:
        for dtype in ["float64", "float32"]:
            with np.errstate(all="ignore"):
                a = np.repeat(np.array(bases, dtype=dtype), len(exponents))
                b = np.tile(np.array(exponents, dtype=dtype), len(bases))
            codes = [warning_codes(lambda: getattr(np, op)(a[i:i + 1], b[i:i + 1])) for i in range(a.size)]
            cases.append({"op": op, "inputs": [table.ref(a), table.ref(b)],
                          "result": run(lambda: getattr(np, op)(a, b)), "warnings": codes})
            base = arange_spec(GRID, dtype, scale=repr(10 / GRID), add="0.013")
            exponent = arange_spec(GRID, dtype, scale=repr(-60 / GRID), add="30.3")
            x, y = build_array(base), build_array(exponent)
            cases.append({"op": op, "inputs": [table.ref(base), table.ref(exponent)],
                          "result": run(lambda: getattr(np, op)(x, y))})
    return table, cases


# MARK: - Reductions

REDUCTIONS = ["sum", "prod", "mean", "min", "max", "std", "var", "any", "all", "argmin", "argmax",
              "cumsum", "cumprod", "nansum", "nanmean", "nanmax", "nanmin"]


def reduction_inputs():
    rng = np.random.default_rng(7)
    floats = np.round(rng.normal(size=(3, 4)) * 10, 3)
    with_nan = floats.copy()
    with_nan[1, 2] = np.nan
    return [
        floats,
        with_nan,
        np.round(rng.normal(size=(2, 3, 4)), 4).astype(np.float32),
        np.array([[1, -2, 3, 2**31 - 1], [-2**31, 5, 6, 7], [0, 1, -1, 100]], dtype=np.int32),
        np.array([100, 120, -128, 127, 5], dtype=np.int8),
        np.array([[200, 255], [1, 0]], dtype=np.uint8),
        np.array([[True, False, True], [True, True, True]]),
        np.array([2**63 - 1, 1, -5], dtype=np.int64),
        np.zeros((0, 3)),
        np.array(2.5),
        np.array([math.nan, 1.0, -math.inf, 0.5]),
        np.array([[math.nan, math.nan], [1.0, math.nan]]),
        (np.arange(200, dtype=np.float64) * 0.1).reshape(10, 20),
    ]


def reduction_cases():
    table = ArrayTable()
    cases = []
    inputs = [(a, encode_array(a)) for a in reduction_inputs()]
    rng = np.random.default_rng(3)
    for view, base in [("T", np.round(rng.normal(size=(3, 5)) * 4, 2)), ("reverse", np.arange(24, dtype=np.int32).reshape(2, 3, 4)),
                       ("step2", np.round(rng.normal(size=(4, 6)), 3).astype(np.float32))]:
        spec = encode_array(base, view)
        inputs.append((build_array(spec), spec))
    for a, spec in inputs:
        ops = REDUCTIONS if a.size <= 24 else ["sum", "mean", "var", "nansum", "max", "argmax"]
        axes = [None, 0, -1] + ([(0, 1)] if a.ndim >= 2 else [])
        if a.ndim == 0:
            axes = [None]
        for op in ops:
            func = getattr(np, op)
            for axis in axes:
                if op in ("argmin", "argmax", "cumsum", "cumprod") and isinstance(axis, tuple):
                    continue
                variants = [{}, {"keepdims": True}]
                if op in ("cumsum", "cumprod"):
                    variants = [{}]
                if op in ("std", "var") and axis in (None, 0):
                    variants.append({"ddof": 1})
                if op in ("sum", "prod", "mean") and axis is None:
                    variants.append({"dtype": "float32" if a.dtype.kind != "f" else "float64"})
                if op == "sum" and axis is None and a.dtype.kind in "iub":
                    variants.append({"dtype": "int8"})
                for kwargs in variants:
                    call_kwargs = dict(kwargs)
                    result = run(lambda: func(a, axis=axis, **call_kwargs))
                    if result is None:
                        continue
                    case = {"op": op, "inputs": [table.ref(spec)], "axis": list(axis) if isinstance(axis, tuple) else axis}
                    case.update(kwargs)
                    case["result"] = result
                    cases.append(case)
    return table, cases


# MARK: - Printing

def print_arrays():
    """(id, spec) pairs: the arrays whose repr and str are recorded."""
    rng = np.random.default_rng(2024)
    items = []

    def add(name, a, view=None):
        items.append((name, encode_array(a, view)))

    # floats: magnitudes, rounding, trimming, padding, notation
    float_rows = {
        "ones": np.ones((2, 2)), "mixed": [1.5, 2.0, -3.0], "tenths": [0.1, 0.25], "third": [1 / 3, 2 / 3],
        "round8": [0.123456789, 1.0], "small": [1e-5, 1.0], "big": [1e8, 1.0], "below-big": [1e7, 1.0],
        "huge": [123456789.0], "nonfinite": [math.nan, 1.0, math.inf, -math.inf], "nan": [math.nan],
        "infs": [math.inf, -math.inf], "zeros-signed": [-0.0, 0.0], "negzero": [-0.0], "zero": [0.0],
        "ratio-1000": [1.0, 1000.0], "ratio-over": [1.0, 1000.5], "min-1e-4": [0.0001, 0.5],
        "below-1e-4": [0.0000999, 0.5], "extremes": [5e-324, 1.7976931348623157e308], "tiny-huge": [1e-300, 1e300],
        "pi": [math.pi, -math.e, 2 ** 0.5], "round-up": [0.999999999, 9.9999999999], "halfway": [0.125, 0.375, 2.5],
        "ints-as-float": [1.0, 10.0, 100.0, -1000.0], "neg-small": [-1e-5, 2.0, -300.0], "only-zero-nan": [0.0, math.nan],
        "scientific-mix": [1e-5, 1.5e10, -2.25e-7], "exp3": [1e-100, 1e100], "exp3-nan": [1e-100, math.nan, -math.inf],
        "rounding-17": [0.1 + 0.2, 1.0 - 1e-16], "many-digits": [1234.56789012, 0.001],
        "neg": [-1.0, -2.5, -0.125],
    }
    for name, values in float_rows.items():
        add("f8-" + name, np.array(values, dtype=np.float64))
    for name in ["mixed", "tenths", "third", "round8", "small", "big", "below-big", "nonfinite", "pi",
                 "zeros-signed", "ratio-over", "min-1e-4", "scientific-mix", "halfway", "neg"]:
        add("f4-" + name, np.array(float_rows[name], dtype=np.float32))
    for name, values in {"exp-digits": [0.3, 1.2345678e-5], "million": [1e6, 1.0], "below-million": [999999.9, 1.0],
                         "sevens": [0.1, 0.2, 0.3, 0.7], "max": [3.4028235e38], "min-normal": [1.1754944e-38, 1.0]}.items():
        add("f4-" + name, np.array(values, dtype=np.float32))
    add("f8-normal-5x5", np.round(rng.normal(size=(5, 5)), 6))
    add("f8-normal-raw", rng.normal(size=(3, 4)))
    add("f8-lognormal", rng.lognormal(sigma=3, size=(4, 3)))
    add("f4-normal", rng.normal(size=(3, 3)).astype(np.float32))
    add("f8-uniform-wide", rng.uniform(-1e4, 1e4, size=(6,)))
    # integers and bools
    for dtype in DTYPES[1:9]:
        add(dtype + "-extremes", np.array(INT_VALUES[dtype], dtype=dtype))
        add(dtype + "-grid", (np.arange(12) % 7).astype(dtype).reshape(3, 4))
    add("i8-negatives", np.array([-5, 10, -100, 3]))
    add("bool-row", np.array([True, False, True]))
    add("bool-false", np.array([False, False]))
    add("bool-grid", np.array([[True, False], [False, True]]))
    # 0-d arrays of every dtype
    for dtype in DTYPES:
        value = {"bool": True, "float32": 0.1, "float64": 0.1}.get(dtype, 5)
        add("0d-" + dtype, np.array(value, dtype=dtype))
    for name, value in {"one": 1.0, "long": 0.123456789123, "nan": math.nan, "neginf": -math.inf,
                        "negzero": -0.0, "big": 1e20, "small": 1e-7}.items():
        add("0d-f8-" + name, np.array(value))
    add("0d-false", np.array(False))
    add("0d-f4-third", np.array(1 / 3, dtype=np.float32))
    # empty arrays
    for shape in [(0,), (0, 3), (3, 0), (2, 0, 4)]:
        for dtype in ["float64", "int32", "bool", "int64"]:
            add("empty-" + dtype + "-" + "x".join(map(str, shape)), np.zeros(shape, dtype=dtype))
    # nd shapes
    add("i8-2x3x4", np.arange(24).reshape(2, 3, 4))
    add("f8-2x2x2x2", (np.arange(16) * 0.5).reshape(2, 2, 2, 2))
    add("f8-1x1x1", np.ones((1, 1, 1)))
    add("i8-3x1", np.arange(3).reshape(3, 1))
    add("i2-1x5", np.arange(5, dtype=np.int16).reshape(1, 5))
    # wrapping: long rows
    add("f8-wrap", np.arange(30) * 1.1)
    add("i8-wrap", np.arange(100))
    add("i8-wrap-2d", np.arange(120).reshape(3, 40))
    add("f4-wrap-2d", (np.arange(60, dtype=np.float32) / 7).reshape(2, 30))
    add("u1-wrap", np.arange(256).astype(np.uint8)[::3])
    add("bool-wrap", np.arange(40) % 3 == 0)
    add("f8-wrap-3d", (np.arange(2 * 3 * 15) ** 1.5).reshape(2, 3, 15))
    # views
    base = np.arange(12, dtype=np.float64).reshape(3, 4) + 0.5
    add("view-T", base, "T")
    add("view-reverse", base, "reverse")
    add("view-step2", base, "step2")
    add("view-i4-T", np.arange(6, dtype=np.int32).reshape(2, 3), "T")
    return items


def large_print_arrays():
    """Arrays past the default threshold, described by arange recipes."""
    return [
        ("large-i8-2000", arange_spec(2000, "int64")),
        ("large-f8-1001", arange_spec(1001, "float64", scale="0.5")),
        ("large-f8-100x100", arange_spec(10000, "float64", shape=[100, 100], scale="0.1", add="-500")),
        ("large-i4-10x10x20", arange_spec(2000, "int32", shape=[10, 10, 20])),
        ("large-f8-3x1001", arange_spec(3003, "float64", shape=[3, 1001], scale="1e-3")),
        ("large-f8-1001x3", arange_spec(3003, "float64", shape=[1001, 3], scale="7")),
        ("large-i8-2x3x4x50", arange_spec(1200, "int64", shape=[2, 3, 4, 50], scale="-3", add="17")),
        ("large-f4-2000", arange_spec(2000, "float32", scale="0.001")),
        ("large-u1-1500", arange_spec(1500, "uint8")),
        ("large-bool-1200", arange_spec(1200, "bool", shape=[30, 40])),
        ("large-f8-sci", arange_spec(1500, "float64", scale="1e5", add="1e-3")),
        ("large-T", arange_spec(2000, "float64", shape=[40, 50], scale="0.25", view="T")),
        ("large-i8-1001-wide", arange_spec(1001, "int64", scale="123456789")),
    ]


OPTION_VARIANTS = [
    ({"precision": 3}, ["f8-pi", "f8-normal-5x5", "f8-scientific-mix", "f4-third", "f8-round-up", "0d-f8-long"]),
    ({"precision": 0}, ["f8-mixed", "f8-halfway", "f8-scientific-mix", "f8-pi"]),
    ({"precision": 12}, ["f8-third", "f8-pi", "f4-third"]),
    ({"threshold": 10}, ["i8-wrap", "f8-wrap", "i8-2x3x4", "bool-wrap"]),
    ({"threshold": 10, "edgeitems": 1}, ["i8-wrap", "i8-2x3x4", "f8-wrap-3d"]),
    ({"threshold": 5, "edgeitems": 0}, ["i8-wrap", "i8-2x3x4"]),
    ({"edgeitems": 5}, ["large-i8-2000", "large-f8-100x100"]),
    ({"linewidth": 20}, ["f8-wrap", "i8-2x3x4", "bool-row", "f8-nonfinite", "empty-int32-0x3", "i8-wrap-2d"]),
    ({"linewidth": 120}, ["i8-wrap", "f8-wrap", "large-f8-100x100"]),
    ({"suppress": True}, ["f8-small", "f8-scientific-mix", "f8-extremes", "f8-neg-small", "f4-small", "f8-big"]),
    ({"sign": "+"}, ["f8-mixed", "f8-nonfinite", "i8-negatives", "int32-grid", "f8-scientific-mix"]),
    ({"sign": " "}, ["f8-ones", "f8-mixed", "int32-grid", "i8-negatives", "f8-infs"]),
    ({"floatmode": "fixed"}, ["f8-mixed", "f8-pi", "f8-scientific-mix", "f4-sevens"]),
    ({"floatmode": "unique"}, ["f8-pi", "f8-third", "f8-normal-raw", "f8-scientific-mix", "f4-third"]),
    ({"floatmode": "maxprec_equal"}, ["f8-mixed", "f4-exp-digits", "f8-pi", "f8-scientific-mix"]),
    ({"nanstr": "NaN", "infstr": "Infinity"}, ["f8-nonfinite", "f8-nan", "f8-infs", "f8-exp3-nan"]),
]


def print_cases():
    items = print_arrays() + large_print_arrays()
    by_name = dict(items)
    cases = []

    def record(name, spec, options):
        a = build_array(spec)
        np.set_printoptions(**options)
        try:
            cases.append({"id": name, "array": spec, "options": options, "repr": repr(a), "str": str(a)})
        finally:
            np.set_printoptions(**DEFAULT_OPTIONS)

    for name, spec in items:
        record(name, spec, {})
    for name, spec, options in random_print_cases():
        record(name, spec, options)
    for options, names in OPTION_VARIANTS:
        for name in names:
            suffix = ",".join(f"{k}={v}" for k, v in options.items())
            record(f"{name}[{suffix}]", by_name[name], options)
    return cases


def random_print_cases(count=160, seed=11):
    """Small random arrays over many magnitudes, ties at the cutoff digit and random options."""
    rng = np.random.default_rng(seed)
    cases = []
    for k in range(count):
        dtype = str(rng.choice(["float64", "float64", "float32", "int32", "uint8", "int64", "bool", "uint64"]))
        shape = tuple(int(x) for x in rng.integers(1, 5, size=rng.integers(0, 4)))
        n = int(np.prod(shape))
        if dtype.startswith("float"):
            kind = k % 6
            if kind == 0:
                v = rng.normal(size=n) * 10.0 ** rng.integers(-12, 12)
            elif kind == 1:
                v = 10.0 ** rng.uniform(-10, 20, size=n) * rng.choice([-1, 1], size=n)
            elif kind == 2:
                v = rng.integers(-1000, 1000, size=n) / 2.0 ** rng.integers(0, 12)
            elif kind == 3:
                v = (rng.integers(0, 10**9, size=n) * 10 + 5) / 10.0 ** rng.integers(8, 12)
            elif kind == 4:
                v = rng.integers(-10**9, 10**9, size=n) / 10.0 ** rng.integers(0, 12)
            else:
                v = np.round(rng.normal(size=n), int(rng.integers(0, 10)))
            mask = rng.random(n) < 0.1
            v[mask] = rng.choice([np.nan, np.inf, -np.inf, 0.0, -0.0], size=int(mask.sum()))
            with np.errstate(all="ignore"):
                a = v.astype(dtype).reshape(shape)
        elif dtype == "bool":
            a = (rng.random(n) < 0.5).reshape(shape)
        else:
            info = np.iinfo(dtype)
            a = rng.integers(info.min, info.max, size=n, dtype=dtype, endpoint=True).reshape(shape)
        options = {}
        if rng.random() < 0.5:
            options["precision"] = int(rng.integers(0, 12))
        if rng.random() < 0.3:
            options["suppress"] = True
        if rng.random() < 0.2:
            options["sign"] = str(rng.choice(["+", " "]))
        if rng.random() < 0.3:
            options["floatmode"] = str(rng.choice(["fixed", "unique", "maxprec_equal"]))
        if rng.random() < 0.3:
            options["linewidth"] = int(rng.integers(10, 100))
        if rng.random() < 0.2:
            options["threshold"] = int(rng.integers(0, 20))
            options["edgeitems"] = int(rng.integers(0, 4))
        cases.append((f"random-{k}", encode_array(a), options))
    return cases


DEFAULT_OPTIONS = dict(precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False,
                       nanstr="nan", infstr="inf", sign="-", floatmode="maxprec")


def scalar_print_cases():
    values = [0.8414709848078965, 0.1, 1.0, -1.0, 0.0, -0.0, 1e16, 1.5e16, 1e15, 9999999999999998.0,
              123456789012345.6, 1e-4, 9.9e-5, 1e-5, 5e-324, 1.7976931348623157e308, math.nan, math.inf,
              -math.inf, 1 / 3, 2.5, 100.0, 1e6, 999999.9, 1e7, 1234567.0, 1e-7, 3e-300, 1e22, 0.3]
    cases = []
    for dtype in ["float64", "float32"]:
        for value in values:
            with np.errstate(all="ignore"):
                scalar = np.dtype(dtype).type(value)
            cases.append({"dtype": dtype, "value": value_text(scalar, dtype), "repr": repr(scalar), "str": str(scalar)})
    for dtype in DTYPES[1:9]:
        for value in INT_VALUES[dtype]:
            scalar = np.dtype(dtype).type(value)
            cases.append({"dtype": dtype, "value": value_text(scalar, dtype), "repr": repr(scalar), "str": str(scalar)})
    for flag in [True, False]:
        scalar = np.bool_(flag)
        cases.append({"dtype": "bool", "value": value_text(scalar, "bool"), "repr": repr(scalar), "str": str(scalar)})
    return cases


# MARK: - Main

def write(name, cases, table=None):
    path = OUT / name
    if table is not None:
        cases = {"arrays": table.specs, "cases": cases}
    text = json.dumps(cases, separators=(",", ":"), ensure_ascii=True)
    path.write_text(text.replace('},{"', '},\n{"') + "\n")
    count = len(cases["cases"]) if isinstance(cases, dict) else len(cases)
    print(f"{path.relative_to(OUT.parent.parent.parent)}: {count} cases, {path.stat().st_size // 1024} KiB")


def main():
    if not np.__version__.startswith("2."):
        sys.exit(f"numpy 2.x required, found {np.__version__}")
    OUT.mkdir(parents=True, exist_ok=True)
    warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's warnings on nan, overflow, empty slices
    np.set_printoptions(**DEFAULT_OPTIONS)
    write("print_cases.json", print_cases())
    write("scalar_print_cases.json", scalar_print_cases())
    for name, make in [("binary_cases.json", binary_cases), ("unary_cases.json", unary_cases),
                       ("reduction_cases.json", reduction_cases),
                       ("float_function_cases.json", float_function_cases)]:
        table, cases = make()
        write(name, cases, table)


if __name__ == "__main__":
    main()
