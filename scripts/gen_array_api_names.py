#!/usr/bin/env python3
"""Writes the names of the Python array API standard (2024.12) with their signatures, and
which of them NumPy and dask.array have, to Tests/DuskRuntimeTests/Cases/array_api_names.json.

    pip install array-api-strict==2.6.1   # the standard's reference namespace
    python3 scripts/gen_array_api_names.py

The standard's names come from array_api_strict with its API version set to 2024.12 (the
names it adds for 2025.12, `broadcast_shapes`, `isin`, `linalg.eig` and `linalg.eigvals`,
are left out), and its `linalg` and `fft` extensions. Each entry:

    {"name": "linalg.solve", "kind": "function" | "dtype" | "constant" | "module" | "str",
     "parameters": [{"name": "x1", "kind": "positional" | "either" | "keyword" | "varargs",
                     "required": true, "numpy": true, "dask": true}, ...],
     "numpy": true, "dask": false}

A parameter's "numpy" ("dask") says whether NumPy's (Dask's) function takes it as the
standard does: by position, or by name for the standard's keyword parameters (ufuncs and
functions without a signature take their positional parameters). Dusk is held to the
standard's signature where its peer accepts it.
"""

import inspect
import json
from pathlib import Path

import array_api_strict as xp
import dask
import dask.array as da
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "Tests" / "DuskRuntimeTests" / "Cases" / "array_api_names.json"
NEWER = {"broadcast_shapes", "isin", "eig", "eigvals"}
STRICT_ONLY = {"ArrayAPIStrictFlags", "Device", "get_array_api_strict_flags", "reset_array_api_strict_flags",
               "set_array_api_strict_flags"}
KINDS = {inspect.Parameter.POSITIONAL_ONLY: "positional", inspect.Parameter.POSITIONAL_OR_KEYWORD: "either",
         inspect.Parameter.KEYWORD_ONLY: "keyword", inspect.Parameter.VAR_POSITIONAL: "varargs"}


def accepts(function, parameter, position):
    """Whether `function` takes the standard's `parameter` (at `position`) as the standard does."""
    if function is None:
        return False
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):  # ufuncs and built-ins without a signature
        return parameter.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.VAR_POSITIONAL)
    if any(p.kind == inspect.Parameter.VAR_KEYWORD for p in parameters) and \
            parameter.kind == inspect.Parameter.KEYWORD_ONLY:
        return True
    if parameter.kind == inspect.Parameter.VAR_POSITIONAL:
        return any(p.kind == inspect.Parameter.VAR_POSITIONAL for p in parameters)
    if parameter.kind == inspect.Parameter.POSITIONAL_ONLY:
        positional = [p for p in parameters if p.kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                          inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        return position < len(positional) or any(p.kind == inspect.Parameter.VAR_POSITIONAL for p in parameters)
    return any(p.name == parameter.name and p.kind != inspect.Parameter.POSITIONAL_ONLY for p in parameters)


def entry(qualified, value, numpy_owner, dask_owner, leaf):
    if inspect.ismodule(value):
        kind = "module"
    elif inspect.isfunction(value):
        kind = "function"
    elif isinstance(value, float) or value is None:
        kind = "constant"
    elif isinstance(value, str):
        kind = "str"
    else:
        kind = "dtype"
    result = {"name": qualified, "kind": kind}
    if kind == "function":
        numpy_function = getattr(numpy_owner, leaf, None) if numpy_owner is not None else None
        dask_function = getattr(dask_owner, leaf, None) if dask_owner is not None else None
        result["parameters"] = [
            {"name": p.name, "kind": KINDS[p.kind], "required": p.default is inspect.Parameter.empty
             and p.kind != inspect.Parameter.VAR_POSITIONAL,
             "numpy": accepts(numpy_function, p, i), "dask": accepts(dask_function, p, i)}
            for i, p in enumerate(inspect.signature(value).parameters.values())]
    result["numpy"] = numpy_owner is not None and hasattr(numpy_owner, leaf)
    result["dask"] = dask_owner is not None and hasattr(dask_owner, leaf)
    return result


def main():
    xp.set_array_api_strict_flags(api_version="2024.12")
    names = []
    for name in xp.__all__:
        if name in STRICT_ONLY or name in NEWER:
            continue
        names.append(entry(name, getattr(xp, name), np, da, name))
    for extension in ["linalg", "fft"]:
        module = getattr(xp, extension)
        for name in module.__all__:
            if name in NEWER:
                continue
            names.append(entry(f"{extension}.{name}", getattr(module, name), getattr(np, extension),
                               getattr(da, extension, None), name))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"standard": "2024.12", "numpy": np.__version__, "dask": dask.__version__,
                   "array_api_strict": xp.__version__, "names": names}, f, indent=0)
        f.write("\n")
    print(f"{OUT.relative_to(OUT.parents[3])}: {len(names)} names, "
          f"{sum(n['numpy'] for n in names)} in NumPy, {sum(n['dask'] for n in names)} in dask.array")


if __name__ == "__main__":
    main()
