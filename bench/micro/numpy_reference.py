# NumPy's times for the NDArray operations of Benchmarks/DuskMicro/ArrayBenchmarks.swift and
# the float functions of UfuncBenchmarks.swift, at the same sizes (median of timeit repeats).
# Run with bench/.venv/bin/python; report.py imports `measure()`.
import timeit
import numpy as np

side = 1000


def measure():
    """Returns {benchmark name: median seconds per call}."""
    a = np.ones((side, side))
    b = np.ones((side, side))
    small = np.ones((500, 500))
    cases = {
        f"ndarray ones {side}x{side} float64": lambda: np.ones((side, side)),
        f"ndarray a + b {side}x{side} float64": lambda: a + b,
        f"ndarray a * 2.0 {side}x{side} float64": lambda: a * 2.0,
        f"ndarray sin(a) {side}x{side} float64": lambda: np.sin(a),
        f"ndarray a.sum() {side}x{side} float64": lambda: a.sum(),
        f"ndarray a.sum(axis=0) {side}x{side} float64": lambda: a.sum(axis=0),
        f"ndarray a.std() {side}x{side} float64": lambda: a.std(),
        f"ndarray a.T.copy() {side}x{side} float64": lambda: a.T.copy(),
        "ndarray matmul 500x500 float64": lambda: small @ small,
    }
    out = {}
    for name, fn in cases.items():
        runs = sorted(timeit.repeat(fn, number=10, repeat=7))
        out[name] = runs[len(runs) // 2] / 10
    out.update(measure_ufuncs())
    return out


# The float functions of Benchmarks/DuskMicro/UfuncBenchmarks.swift: the same ranges.
UFUNC_DOMAINS = [("sin", -100, 100), ("cos", -100, 100), ("tan", -10, 10), ("arcsin", -1, 1),
                 ("arccos", -1, 1), ("arctan", -50, 50), ("sinh", -20, 20), ("cosh", -20, 20),
                 ("tanh", -5, 5), ("exp", -80, 80), ("expm1", -5, 5), ("log", 0.001, 1000),
                 ("log1p", -0.9, 100), ("log2", 0.001, 1000), ("log10", 0.001, 1000),
                 ("cbrt", -1000, 1000), ("power", 0.01, 10), ("arctan2", -10, 10)]


def measure_ufuncs():
    out = {}
    for count, label in [(1_000_000, "1e6"), (10_000_000, "1e7")]:
        for name, start, stop in UFUNC_DOMAINS:
            for dtype in ["float64", "float32"]:
                x = np.linspace(start, stop, count, dtype=dtype)
                y = np.linspace(3, -3, count, dtype=dtype) if name == "power" else np.linspace(10, -10, count, dtype=dtype)
                f = getattr(np, name)
                fn = (lambda: f(x, y)) if name in ("power", "arctan2") else (lambda: f(x))
                number = 3 if count <= 1_000_000 else 1
                with np.errstate(all="ignore"):
                    runs = sorted(timeit.repeat(fn, number=number, repeat=7))
                out[f"ufunc {name} {dtype} n={label}"] = runs[len(runs) // 2] / number
    return out


if __name__ == "__main__":
    for name, seconds in measure().items():
        print(f"{name:45s} {seconds * 1e6:10.1f} µs (median of 7 × 10 calls)")
