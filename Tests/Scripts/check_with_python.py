#!/usr/bin/env python3
"""Runs Dusk script tests under CPython and compares with their `# expect` comments.

Most script tests are plain Python, so CPython is a reference for the expected
outputs and error messages written inline. Like the Dusk runner, each top-level
statement runs on its own and the script goes on after an error.

Usage: Tests/Scripts/check_with_python.py [FILE.dsk ...]   (default: every script)
Scripts (or lines) that use Dusk-only features can opt out with `# python: skip`
on their first line, or `# python: skip` on a line.
"""
import ast, io, os, sys, contextlib, traceback

ROOT = os.path.dirname(os.path.abspath(__file__))

PRELUDE = """
try:
    import numpy as np
except ImportError:
    pass
def inc(x): return x + 1
def dec(x): return x - 1
def add(x, y): return x + y
def square(x): return x ** 2
inf = float('inf'); nan = float('nan')
"""

def expectations(text):
    out = []
    for i, line in enumerate(text.split("\n"), 1):
        for marker, kind in (("# expect error: ", "error"), ("# expect traceback: ", "traceback"), ("# expect: ", "output")):
            if marker in line:
                out.append((kind, i, line.split(marker, 1)[1].split("  # python:")[0]))
                break
        else:
            if line.endswith("# expect:"):
                out.append(("output", i, ""))
    return out

def run(path):
    text = open(path).read()
    if text.startswith("# python: skip"):
        return None
    lines = text.split("\n")
    skip = {i + 1 for i, l in enumerate(lines) if "# python: skip" in l}
    tree = ast.parse(text)
    env = {"__name__": "__main__"}
    exec(PRELUDE, env)
    out = io.StringIO()
    errors = []
    for node in tree.body:
        if node.lineno in skip:
            continue
        module = ast.Module(body=[node], type_ignores=[])
        with contextlib.redirect_stdout(out):
            try:
                exec(compile(module, path, "exec"), env)
            except Exception as e:
                tb = traceback.extract_tb(e.__traceback__)
                line = tb[-1].lineno if tb else node.lineno
                errors.append((line, str(e) if not isinstance(e, KeyError) else repr(e.args[0])))
    problems = []
    expected = [e for e in expectations(text) if e[1] not in skip]
    got = out.getvalue().split("\n")
    if got and got[-1] == "":
        got.pop()
    want = [e for e in expected if e[0] == "output"]
    for i, (_, line, t) in enumerate(want):
        if i >= len(got):
            problems.append(f"line {line}: expected {t!r}, python printed nothing more")
            break
        if got[i] != t:
            problems.append(f"line {line}: expected {t!r}, python printed {got[i]!r}")
    werr = [e for e in expected if e[0] == "error"]
    for i, (_, line, t) in enumerate(werr):
        if i >= len(errors):
            problems.append(f"line {line}: expected error {t!r}, python raised none")
            continue
        if t.lower() not in errors[i][1].lower():
            problems.append(f"line {line}: expected error {t!r}, python said {errors[i][1]!r}")
    return problems

def main():
    files = sys.argv[1:] or sorted(
        os.path.join(d, f) for d, _, fs in os.walk(ROOT) for f in fs if f.endswith(".dsk"))
    bad = 0
    for f in files:
        problems = run(f)
        if problems is None:
            continue
        if problems:
            bad += 1
            print(os.path.relpath(f, ROOT))
            for p in problems:
                print("   ", p)
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
