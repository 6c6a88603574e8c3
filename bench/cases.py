"""The benchmark's cases: what each runs, at which sizes, and how its result is checked.

Each workload lives in bench/workloads/<name>/ as one script per system
(dusk.dsk, py_dask.py, py_numpy.py, and py_numexpr.py where numexpr fits). Every
script takes `WARMUP REPS BUDGET` and then the workload's own arguments, runs the
workload WARMUP times untimed, then up to REPS timed runs (stopping early once
BUDGET seconds have passed, after at least one timed run), and prints:

    time=<seconds>    one line per timed run (the compute only, not startup)
    result=<value>    the answer, compared between systems before any time is shown
    skip=<reason>     instead of the above, when the system cannot run this size
    bytes=, flops=, tasks=, build=, chunks=   optional facts used in the notes

A case is one row of the table: a workload at one size. `expected` is the exact
or statistical answer when it is known in closed form; otherwise each system is
compared with the reference system (NumPy, else Dask).
"""

import math
from dataclasses import dataclass, field

# The order systems appear in the table; the first one that answered is the reference.
SYSTEMS = ["dusk", "dask", "numpy", "numexpr", "cpython"]
SCRIPT = {"dusk": "dusk.dsk", "dask": "py_dask.py", "numpy": "py_numpy.py", "numexpr": "py_numexpr.py"}
LABEL = {"dusk": "Dusk", "dask": "Dask", "numpy": "NumPy", "numexpr": "numexpr", "cpython": "CPython"}


@dataclass
class Case:
    """One row: a workload at one size, run by each of its systems."""

    workload: str
    label: str
    args: list
    expected: float | None = None
    rel_tol: float = 1e-8
    statistic: str = ""          # what the result is, when it is a statistic of random data
    systems: list = field(default_factory=lambda: list(SCRIPT))   # the interpreter rows name theirs
    system_args: dict = field(default_factory=dict)   # per-system argument overrides
    pending: dict = field(default_factory=dict)       # system -> why it may not run yet
    setup: list | None = None    # a Python script and its arguments, run once before the case
    warmup: int | None = None    # overrides the default warm-up count
    timeout: dict = field(default_factory=dict)       # system -> seconds, overrides the default
    estimate: dict | None = None  # how to estimate a run that does not finish in time
    stream: bool = False          # reads memory: show Dusk as a fraction of stream bandwidth
    cleanup: list = field(default_factory=list)       # paths removed after the case
    curve: tuple | None = None    # (x-axis name, x value): the case is a point of a curve
    scripts: dict | None = None   # system -> script path under bench/, instead of workloads/<workload>/SCRIPT

    @property
    def id(self):
        return f"{self.workload}/{self.label}"

    def args_for(self, system):
        return [str(a) for a in self.system_args.get(system, self.args)]

    def script(self, system):
        """The script `system` runs, relative to bench/."""
        if self.scripts is not None:
            return self.scripts[system]
        return f"workloads/{self.workload}/{SCRIPT[system]}"


# The interpreter suite (bench/interp/): the same program as PROGRAM.dsk and PROGRAM.py,
# Dusk against CPython. Each row: program, title, full-size and quick arguments.
INTERP = [
    ("fib", "recursive fib({})", [27], [22]),
    ("loop_sum", "module-level loop: for i in range({}): s += i * 2", [3000000], [300000]),
    ("dict_comp", "module-level d[str(i)] = i for i in range({}), then [x * 2 for x in range({})]",
     [300000, 1000000], [30000, 100000]),
    ("split_count", 's.split(",") on ",".join(str(i) for i in range({})) [{} KB]', ["split", 40000], ["split", 40000]),
    ("split_count", 's.count("1") on ",".join(str(i) for i in range({})) [{} KB]', ["count", 40000], ["count", 40000]),
    ("calls", "positional, default, keyword, nested ({} iterations, 8 calls each)", [200000], [20000]),
    ("closures", "captured reads, nonlocal writes, lambdas ({} iterations)", [200000], [20000]),
    ("loops", "Collatz lengths below {}, nested for", [20000], [2000]),
    ("methods", "attribute and method calls: list, dict, str, math ({} iterations)", [200000], [20000]),
    ("strings", "string building with f-strings, str(), +=, join ({} items)", [200000], [20000]),
    ("string_methods", "split, count, find, replace, join, index, slice on range({}) joined [{} KB]",
     [200000], [20000]),
    ("dicts_lists", "counting, tuple keys, indexing, sorted, slices ({} items)", [200000], [20000]),
    ("comprehensions", "filtered, nested, dict, generator ({} items)", [400000], [40000]),
    ("exceptions", "raise/except in a callee, KeyError, finally ({} iterations)", [200000], [20000]),
    ("nbody", "5 bodies, {} steps", [20000], [2000]),
    ("richards", "a task scheduler whose idle task runs {} times", [10000], [1000]),
]


def joined_numbers_kb(n):
    """The size of ",".join(str(i) for i in range(n)) in KB."""
    return round((sum(len(str(i)) for i in range(n)) + n - 1) / 1000)


def interp_cases(quick):
    out = []
    for program, title, full, small in INTERP:
        args = small if quick else full
        numbers = [a for a in args if isinstance(a, int)]
        if program in ("split_count", "string_methods"):
            numbers.append(joined_numbers_kb(numbers[0]))
        out.append(Case("interp", f"{program}: {title.format(*numbers)}", args, rel_tol=1e-12,
                        systems=["dusk", "cpython"],
                        scripts={"dusk": f"interp/{program}.dsk", "cpython": f"interp/{program}.py"}))
    return out


def plural(count, noun):
    return f"{count} {noun}" + ("" if count == 1 else "s")


def logical(nbytes):
    """Bytes in decimal units, as array sizes are usually quoted (8 TB for 10000³ float64)."""
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6)):
        if nbytes >= size:
            return f"{nbytes / size:.3g} {unit}"
    return f"{nbytes} B"


def cases(quick, data_dir):
    """All cases, at the quick or the full sizes."""
    out = []
    q = quick

    # 1. The tutorial's first array expression.
    n, c = (2000, 200) if q else (10000, 1000)
    out.append(Case("sin_transpose", f"ones({n}², chunks {c}²): (sin(x[:, 0]) * x.T).sum()",
                    [n, c], expected=n * n * math.sin(1.0), rel_tol=1e-8))
    # 1a. The same on random data, which no optimizer pass can fold: fusion itself. The sum is
    # about (n / 2) * sum(sin(x[:, 0])), relative standard error 0.54 / sqrt(n); 6 of them.
    out.append(Case("sin_transpose", f"random.random({n}², chunks {c}²): (sin(x[:, 0]) * x.T).sum()",
                    [n, c, "random"], expected=n * n * (1 - math.cos(1.0)) / 2, rel_tol=round(6 * 0.54 / math.sqrt(n), 3),
                    statistic="the sum, n²(1 − cos 1)/2 expected"))

    # 1b. One element of a scaled array: Dusk pushes the index down to the ones (one element
    # made and multiplied); Dask computes the whole block it lies in.
    n, c = (2000, 200) if q else (10000, 1000)
    out.append(Case("scale_element", f"ones({n}², chunks {c}²): (x * 10)[0, 0]", [n, c], expected=10.0, rel_tol=0.0))

    # 2. The Zarr image: written once by make_store.py, read by every system.
    n, c = (2000, 200) if q else (10000, 1000)
    store = f"{data_dir}/image_{n}_{c}.zarr"
    setup = ["zarr_image/make_store.py", store, n, c]
    for op, title, expected, tol, stat in [
        ("write", f"write randint(0, 100, ({n}, {n})) int32, chunks {c}²", 49.5, 2e-3, "mean of the stored values"),
        ("sum_sq", "(im ** 2).sum()", None, 1e-12, ""),
        ("element", "im[0, 0]", None, 0.0, ""),
        ("mul_element", "(im * 10)[0, 0]", None, 0.0, ""),
    ]:
        out.append(Case("zarr_image", f"{n}² int32 store: {title}", [op, store, n, c],
                        expected=expected, rel_tol=tol, statistic=stat, setup=setup,
                        systems=["dusk", "dask", "numpy"],
                        cleanup=[f"{store}-{s}-write" for s in ("dusk", "dask", "numpy")]))

    # 3. Chunk sizes: the tutorial's exercise. NumPy has no chunks: one run shared by the rows.
    n = 200 if q else 500
    for c in ([200, 100, 50, 25] if q else [500, 200, 100, 50, 25]):
        out.append(Case("chunk_sizes", f"randint(0, 100, {n}³, chunks={c}).sum() [{plural(math.ceil(n / c) ** 3, 'chunk')}]",
                        [n, c], expected=49.5, rel_tol=2e-3, statistic="mean (sum / n³)",
                        systems=["dusk", "dask", "numpy"], system_args={"numpy": [n]},
                        curve=("chunks=", f"{c} ({plural(math.ceil(n / c) ** 3, 'chunk')})")))

    # 4. Normalisation of a time lapse by each image's maximum.
    for t, n, c in ([(3, 1000, 600), (6, 1000, 500)] if q else [(3, 1000, 600), (30, 2000, 1000)]):
        out.append(Case("normalize", f"ones(({t}, {n}, {n}), chunks (1, {c}, {c})): im / im.max(axis=(1, 2))[:, None, None]",
                        [t, n, c], expected=t * n * n, rel_tol=1e-12))
    # 4a. The largest size on random data (no folding: the maximum is a real reduction, and the
    # generator runs again, fused, for the division). The sum is about t n² / 2.
    out.append(Case("normalize", f"random.random(({t}, {n}, {n}), chunks (1, {c}, {c})): im / im.max(axis=(1, 2))[:, None, None]",
                    [t, n, c, "random"], expected=t * n * n / 2, rel_tol=2e-3, statistic="the sum, t·n²/2 expected"))

    # 5. The tutorial's 8 TB example: generated chunks, a transpose, a sum.
    n, c = (400, 80) if q else (10000, 2000)
    out.append(Case("ones_cube", f"ones({n}³, chunks {c}³).T.sum() [{logical(n ** 3 * 8)} logical]",
                    [n, c], expected=float(n) ** 3, rel_tol=1e-12,
                    systems=["dusk", "dask", "numpy"],
                    warmup=None if q else 0,
                    timeout={} if q else {"dask": 90, "dusk": 240},
                    estimate={"args": [c, c], "scale": (n // c) ** 3, "what": f"one {c}³ chunk"}))

    # 6. Delayed overhead: many tiny tasks, independent or chained, on each scheduler.
    n = 1000 if q else 10000
    for shape in ("independent", "chain"):
        for sched in ("sync", "threads"):
            expected = n * (n + 1) / 2 if shape == "independent" else n
            title = (f"{n} × delayed(inc) summed by delayed(sum)" if shape == "independent"
                     else f"chain of {n} delayed(inc)")
            out.append(Case("delayed_overhead", f"{title}, scheduler={sched}", [shape, n, sched],
                            expected=expected, rel_tol=0.0, systems=["dusk", "dask"],
                            warmup=None if q else 0))

    # 7. Reductions of random data.
    n, c = (4000, 1000) if q else (20000, 2000)
    out.append(Case("reductions", f"random.random(({n}, {n}), chunks {c}²).mean(axis=0)", ["mean0", n, c],
                    expected=0.5, rel_tol=2e-3, statistic="mean of the row of means"))
    out.append(Case("reductions", f"random.random(({n}, {n}), chunks {c}²).std()", ["std", n, c],
                    expected=math.sqrt(1 / 12), rel_tol=2e-3, statistic="std"))

    # 8. Matrix product.
    n, c = (1000, 250) if q else (4000, 1000)
    out.append(Case("matmul", f"x @ x.T, x = random.random(({n}, {n}), chunks {c}²)", [n, c],
                    expected=0.25 + 1 / (12 * n), rel_tol=1e-2, statistic="mean(x @ x.T) / n",
                    systems=["dusk", "dask", "numpy"]))

    # 9. The limit: a streaming sum of float64 already in memory (see also limits/stream_sum.c).
    mib = 256 if q else 1024
    chunk = mib * 1024 * 1024 // 8 // 8
    elements = mib * 1024 * 1024 // 8
    out.append(Case("memory_sum", f"x.sum(), x = ones({elements}) in memory [{mib} MiB], eager", ["eager", mib, chunk],
                    expected=elements, rel_tol=0.0, systems=["dusk", "numpy"], stream=True))
    out.append(Case("memory_sum", f"from_array(x, chunks={chunk}).sum() [{mib} MiB, 8 chunks], lazy",
                    ["lazy", mib, chunk], expected=elements, rel_tol=0.0, systems=["dusk", "dask"], stream=True))

    # 10. The interpreter: small programs in Dusk and in CPython (bench/interp/).
    out += interp_cases(q)
    return out
