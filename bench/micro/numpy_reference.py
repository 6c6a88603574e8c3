# NumPy's times for the NDArray operations of Benchmarks/DuskMicro/ArrayBenchmarks.swift,
# at the same sizes (median of timeit repeats). Run with bench/.venv/bin/python;
# report.py imports `measure()`.
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
    return out


if __name__ == "__main__":
    for name, seconds in measure().items():
        print(f"{name:45s} {seconds * 1e6:10.1f} µs (median of 7 × 10 calls)")
