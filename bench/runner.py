#!/usr/bin/env python3
"""bench/run: Dusk against Dask and NumPy on the tutorial's workloads, in one run.

Builds Dusk in release mode, makes the Python peers' virtual environment, measures
the machine's streaming bandwidth, then runs every case of bench/cases.py with each
system as its own process and prints one Markdown table (and a second one for the
interpreter suite, Dusk against CPython). Standard library only, so
it runs with any Python 3.10+; the workloads themselves run in bench/.venv.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)

import cases as case_table  # noqa: E402
from cases import LABEL, SYSTEMS  # noqa: E402

VENV = os.path.join(BENCH, ".venv")
VENV_PY = os.path.join(VENV, "bin", "python")
RESULTS = os.path.join(BENCH, "results")
# numpy's own OpenBLAS picks its kernel for this CPU when these are unset; the
# machine sets them for Debian's older OpenBLAS, which Dusk links (see README).
PY_UNSET_ENV = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"]


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- arguments


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes and 3 runs (under two minutes)")
    p.add_argument("--runs", type=int, help="timed runs per system and case (default 5, quick 3)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs before timing (default 1)")
    p.add_argument("--budget", type=float,
                   help="seconds after which a system stops repeating a case (default 10, quick 2)")
    p.add_argument("--timeout", type=float, help="seconds before a process is stopped (default 150, quick 40)")
    p.add_argument("--only", action="append", default=[],
                   help="run only the workloads whose name contains NAME, or WORKLOAD/TEXT for its cases whose label "
                        "contains TEXT (repeatable, or comma-separated)")
    p.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset of " + ",".join(SYSTEMS))
    p.add_argument("--json", metavar="FILE", help="write every measurement as JSON")
    p.add_argument("--markdown", metavar="FILE", help="write the report as Markdown")
    p.add_argument("--no-build", action="store_true", help="use the Dusk binary as it is")
    p.add_argument("--scratch-path", help="SwiftPM scratch path for the Dusk build (default .build)")
    p.add_argument("--commit", metavar="REV",
                   help="build Dusk from commit REV (exported to bench/results/src) instead of the work tree")
    p.add_argument("--dusk", metavar="PATH", help="the Dusk binary to run (implies --no-build)")
    p.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                   help="first wait up to SECONDS for the 1-minute load average to fall below 1")
    p.add_argument("--list", action="store_true", help="list the cases and exit")
    p.add_argument("--publish", action="store_true",
                   help="also write the report into bench/README.md and README.md (between their markers)")
    args = p.parse_args(argv)
    args.runs = args.runs or (3 if args.quick else 5)
    args.budget = args.budget if args.budget is not None else (2.0 if args.quick else 10.0)
    args.timeout = args.timeout or (40.0 if args.quick else 150.0)
    args.only = [w for item in args.only for w in item.split(",") if w]
    args.systems = [s for s in args.systems.split(",") if s]
    return args


# ---------------------------------------------------------------- machine facts


def first_line(command, env=None):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
        text = (out.stdout or out.stderr).strip()
        return text.splitlines()[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not found"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def memory_gib():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return 0.0


def python_env():
    env = dict(os.environ)
    for name in PY_UNSET_ENV:
        env.pop(name, None)
    return env


def peer_versions():
    code = ("import json, numpy, dask, zarr, numexpr, threadpoolctl\n"
            "info = [i for i in threadpoolctl.threadpool_info() if i.get('user_api') == 'blas']\n"
            "blas = ', '.join(f\"{i['internal_api']} {i['version']} ({i.get('architecture')}, {i['num_threads']} threads)\" for i in info)\n"
            "print(json.dumps({'numpy': numpy.__version__, 'dask': dask.__version__, 'zarr': zarr.__version__,"
            " 'numexpr': numexpr.__version__, 'numpy_blas': blas}))")
    try:
        out = subprocess.run([VENV_PY, "-c", code], capture_output=True, text=True, timeout=120, env=python_env())
        return json.loads(out.stdout)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return {}


def dusk_blas():
    version = first_line(["dpkg-query", "-W", "-f=${Version}", "libopenblas0-pthread"])
    core = os.environ.get("OPENBLAS_CORETYPE")
    return f"Debian OpenBLAS {version}" + (f" (OPENBLAS_CORETYPE={core})" if core else "")


def git_revision():
    rev = first_line(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return rev + (" (work tree has uncommitted changes)" if dirty else "")


def machine_facts():
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory_gib(), 1),
        "os": f"{platform.system()} {platform.release()}",
        "swift": first_line(["swift", "--version"]),
        "python": platform.python_version(),
        "venv_python": first_line([VENV_PY, "--version"]),
        "dusk_blas": dusk_blas(),
        "git": git_revision(),
    }


def wait_for_idle(limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        load = os.getloadavg()[0]
        if load < 1.0:
            return
        log(f"waiting for an idle machine: 1-minute load average {load:.2f}")
        time.sleep(15)


# ---------------------------------------------------------------- preparation


def ensure_venv():
    requirements = os.path.join(BENCH, "requirements.txt")
    stamp = os.path.join(VENV, ".requirements")
    wanted = open(requirements).read()
    if os.path.exists(VENV_PY) and os.path.exists(stamp) and open(stamp).read() == wanted:
        return
    log("making bench/.venv with the pinned Python peers (pip)")
    if not os.path.exists(VENV_PY):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([VENV_PY, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", requirements],
                   check=True)
    with open(stamp, "w") as f:
        f.write(wanted)


def export_commit(rev):
    """Copies the sources of commit `rev` into bench/results/src (kept between runs, so a
    rebuild is incremental) and returns that directory. Files whose content changed are
    rewritten with a new modification time; unchanged files keep theirs."""
    export = os.path.join(RESULTS, "export")
    source = os.path.join(RESULTS, "src")
    shutil.rmtree(export, ignore_errors=True)
    os.makedirs(export)
    archive = subprocess.run(["git", "-C", ROOT, "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", export], input=archive, check=True)
    os.makedirs(source, exist_ok=True)
    subprocess.run(["rsync", "-r", "-l", "--checksum", "--delete", "--exclude", "/.build", f"{export}/", f"{source}/"],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(export, ignore_errors=True)
    return source


def build_dusk(args):
    """Builds Dusk in release; returns (binary path or None, a note)."""
    if args.dusk:
        if not os.path.exists(args.dusk):
            return None, f"no Dusk binary at {args.dusk}"
        return args.dusk, f"given binary {args.dusk}"
    root = ROOT
    if args.commit:
        root = export_commit(args.commit)
        revision = first_line(["git", "-C", ROOT, "rev-parse", "--short", args.commit])
        args.commit_note = f"commit {revision} built from bench/results/src"
        args.commit_revision = revision
    scratch = args.scratch_path or os.path.join(root, ".build")
    binary = os.path.join(scratch, "release", "dusk")
    if args.no_build:
        if not os.path.exists(binary):
            return None, f"no Dusk binary at {binary} (--no-build)"
        return binary, "not rebuilt (--no-build)"
    command = ["swift", "build", "-c", "release", "--product", "dusk"]
    if args.scratch_path:
        command += ["--scratch-path", args.scratch_path]
    log("building Dusk: " + " ".join(command))
    os.makedirs(RESULTS, exist_ok=True)
    started = time.time()
    with open(os.path.join(RESULTS, "build.log"), "w") as out:
        status = subprocess.run(command, cwd=root, stdout=out, stderr=subprocess.STDOUT).returncode
    took = time.time() - started
    if status != 0:
        text = open(os.path.join(RESULTS, "build.log")).read().splitlines()
        errors = [line for line in text if "error:" in line] or text[-1:] or ["?"]
        return None, f"build failed ({errors[0].strip()})"
    return binary, f"built in {took:.0f} s" + (f", {args.commit_note}" if args.commit else "")


def stream_bandwidth(quick):
    """Compiles and runs limits/stream_sum.c; returns {threads: GB/s} and the command."""
    source = os.path.join(BENCH, "limits", "stream_sum.c")
    binary = os.path.join(RESULTS, "stream_sum")
    os.makedirs(RESULTS, exist_ok=True)
    compile_cmd = ["cc", "-O3", "-march=native", "-pthread", "-o", binary, source]
    if subprocess.run(compile_cmd).returncode != 0:
        return {}, "stream_sum.c did not compile"
    out = subprocess.run([binary, "1", "3" if quick else "10"], capture_output=True, text=True)
    result = {}
    for line in out.stdout.splitlines():
        fields = dict(f.split("=", 1) for f in line.split() if "=" in f)
        if fields.get("ok") == "1":
            result[int(fields["threads"])] = float(fields["gbps_best"])
    return result, " ".join(compile_cmd[:4])


# ---------------------------------------------------------------- running


class Measurement:
    """What one system printed for one case."""

    def __init__(self):
        self.status = "ok"      # ok, failed, timeout, skipped, pending, unavailable
        self.message = ""
        self.times = []
        self.result = None
        self.extras = {}        # name -> list of floats
        self.rss_kib = None
        self.command = []
        self.check = ""         # "", "ok", or "mismatch"
        self.estimate = ""
        self.pending = ""       # why the system may not run this case yet (its error is in message)

    def median(self):
        return statistics.median(self.times) if self.times else None

    def to_json(self):
        return {k: v for k, v in vars(self).items()}


def error_line(stderr):
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    if not lines:
        return "no error message"
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1]
    for line in lines:
        if re.search(r"error", line, re.IGNORECASE):
            return line
    return lines[0]


def run_process(command, env, timeout):
    """Runs command in its own process group; returns (status, stdout, stderr, peak RSS KiB)."""
    out_path = os.path.join(RESULTS, "stdout.txt")
    err_path = os.path.join(RESULTS, "stderr.txt")
    with open(out_path, "w") as out, open(err_path, "w") as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=BENCH, start_new_session=True)
        timed_out = threading.Event()

        def stop():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, wait_status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(wait_status)
    status = "timeout" if timed_out.is_set() else ("ok" if proc.returncode == 0 else "failed")
    return status, open(out_path).read(), open(err_path).read(), usage.ru_maxrss


def parse_output(text, m):
    for line in text.splitlines():
        key, sep, value = line.strip().partition("=")
        if not sep:
            continue
        if key == "time":
            m.times.append(float(value))
        elif key == "result":
            m.result = float(value)
        elif key == "skip":
            m.status, m.message = "skipped", value
        elif re.fullmatch(r"[a-z_]+", key):
            try:
                m.extras.setdefault(key, []).append(float(value))
            except ValueError:
                pass


def command_for(system, case, warmup, runs, budget, dusk_binary, args_override=None):
    script = case.script(system)
    tail = [str(warmup), str(runs), str(budget)] + (args_override or case.args_for(system))
    if system == "dusk":
        return [dusk_binary, script] + tail
    return [VENV_PY, script] + tail


def measure(system, case, args, dusk_binary, dusk_note):
    m = Measurement()
    script = os.path.join(BENCH, case.script(system))
    if not os.path.exists(script):
        m.status, m.message = "unavailable", "no script"
        return m
    if system == "dusk" and dusk_binary is None:
        m.status, m.message = "failed", dusk_note
        return m
    warmup = args.warmup if case.warmup is None else case.warmup
    timeout = case.timeout.get(system, args.timeout)
    m.command = command_for(system, case, warmup, args.runs, args.budget, dusk_binary)
    env = dict(os.environ) if system == "dusk" else python_env()
    status, out, err, rss = run_process(m.command, env, timeout)
    m.rss_kib = rss
    parse_output(out, m)
    if m.status == "skipped":
        return m
    if status == "timeout":
        m.status = "timeout"
        m.message = f"did not finish in {timeout:.0f} s"
        if case.estimate:
            m.estimate = estimate(system, case, dusk_binary, env, timeout)
    elif status == "failed":
        m.status, m.message = "failed", error_line(err)
    elif not m.times or m.result is None:
        m.status, m.message = "failed", "printed no time= or result= line"
    if m.status != "ok" and system in case.pending:
        m.pending = case.pending[system]
        m.status = "pending"
    return m


def estimate(system, case, dusk_binary, env, timeout):
    spec = case.estimate
    command = command_for(system, case, 0, 1, 0, dusk_binary, [str(a) for a in spec["args"]])
    status, out, _, _ = run_process(command, env, timeout)
    probe = Measurement()
    parse_output(out, probe)
    if status != "ok" or not probe.times:
        return f"{spec['what']} did not finish in {timeout:.0f} s either"
    one = probe.times[0]
    return f"{spec['what']} takes {fmt_time(one)}, × {spec['scale']} ≈ {fmt_time(one * spec['scale'])}"


def check_results(case, measurements):
    """Marks each measurement ok or mismatch against the expected value or the reference system."""
    reference, ref_name = case.expected, "expected"
    if reference is None:
        for system in ["numpy", "dask", "numexpr", "cpython", "dusk"]:
            m = measurements.get(system)
            if m and m.status == "ok":
                reference, ref_name = m.result, LABEL[system]
                break
    for m in measurements.values():
        if m.status != "ok" or reference is None:
            continue
        scale = max(abs(reference), 1e-300)
        close = abs(m.result - reference) <= case.rel_tol * scale
        m.check = "ok" if close else "mismatch"
        if not close:
            m.message = f"result {m.result:.10g} ≠ {ref_name} {reference:.10g}"
    return reference, ref_name


# ---------------------------------------------------------------- formatting


def fmt_time(seconds):
    if seconds is None:
        return "—"
    if seconds >= 100:
        return f"{seconds:.0f} s"
    if seconds >= 1:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


class Footnotes:
    """Long messages (errors) collected under the table, one number per distinct text."""

    def __init__(self):
        self.texts = []

    def ref(self, text):
        if text not in self.texts:
            self.texts.append(text)
        return f"[{self.texts.index(text) + 1}]"


def fmt_range(m, runs, notes):
    if m.status != "ok" or m.check == "mismatch":
        return cell_problem(m, notes)
    text = f"{fmt_time(m.median())} ({fmt_time(min(m.times))}–{fmt_time(max(m.times))})"
    if len(m.times) < runs:
        text += f" n={len(m.times)}"
    return text


def cell_problem(m, notes):
    if m.check == "mismatch":
        return f"**mismatch**: {m.message}"
    if m.status == "timeout":
        text = f"not feasible: {m.message}"
        return text + (f"; {m.estimate}" if m.estimate else "")
    if m.status == "skipped":
        return m.message
    if m.status == "pending":
        return f"{m.pending} {notes.ref(m.message)}"
    if m.status == "unavailable":
        return "n/a"
    if len(m.message) <= 60:
        return f"failed ({m.message})"
    return f"failed {notes.ref(m.message)}"


def fmt_rss(m):
    if m is None or m.rss_kib is None or m.status not in ("ok", "timeout"):
        return "—"
    mib = m.rss_kib / 1024
    return f"{mib / 1024:.2g} GiB" if mib >= 1024 else f"{mib:.0f} MiB"


def ratio(a, b):
    if not a or not b or a.status != "ok" or b.status != "ok" or "mismatch" in (a.check, b.check):
        return "—"
    return f"{a.median() / b.median():.2g}×"


def notes_for(case, ms, bandwidth):
    notes = []
    dusk = ms.get("dusk")
    for system, m in ms.items():
        if m.status != "ok" or m.check == "mismatch":
            continue
        med = m.median()
        if "tasks" in m.extras:
            notes.append(f"{LABEL[system]} {med / m.extras['tasks'][0] * 1e6:.3g} µs/task")
        if "build" in m.extras:
            notes.append(f"{LABEL[system]} graph build {fmt_time(statistics.median(m.extras['build']))}")
        if "flops" in m.extras and system == "dusk":
            notes.append(f"Dusk {m.extras['flops'][0] / med / 1e9:.3g} GFLOP/s")
    if case.stream and bandwidth:
        limit = max(bandwidth.values())
        rates = []
        for system, m in ms.items():
            if m.status == "ok" and m.check != "mismatch" and "bytes" in m.extras:
                gbps = m.extras["bytes"][0] / m.median() / 1e9
                rates.append(f"{LABEL[system]} {gbps:.3g} GB/s = {gbps / limit:.0%}")
        if rates:
            notes.append(", ".join(rates) + f" of the stream bandwidth ({limit:.1f} GB/s)")
    elif dusk and dusk.status == "ok" and dusk.check != "mismatch" and "bytes" in dusk.extras:
        gbps = dusk.extras["bytes"][0] / dusk.median() / 1e9
        notes.append(f"Dusk {gbps:.3g} GB/s logical")
    if case.statistic:
        notes.append(f"checked: {case.statistic}, rel. tol. {case.rel_tol:g}")
    elif case.expected is None:
        reference = next(s for s in ["numpy", "dask", "cpython"] if s in case.systems)
        notes.append(f"checked against {LABEL[reference]}")
    return "; ".join(notes)


def is_interp(case):
    return "cpython" in case.systems


def render(facts, bandwidth, rows, args, systems_used, elapsed):
    lines = []
    interp_rows = [(case, ms) for case, ms in rows if is_interp(case)]
    rows = [(case, ms) for case, ms in rows if not is_interp(case)]
    systems_used = [s for s in systems_used if s != "cpython"]
    mode = "--quick" if args.quick else "full"
    lines.append(f"Run {facts['date']} ({mode}: up to {args.runs} timed runs after {args.warmup} warm-up, "
                 f"{args.budget:g} s budget per system and case), git {facts['git']}.")
    lines.append("")
    lines.append(f"- Machine: {facts['cpu']}, {facts['cores']} cores, {facts['memory_gib']} GiB, {facts['os']}; "
                 f"load average at start {facts['load_start']}, at end {facts['load_end']}")
    lines.append(f"- Dusk: {facts['swift']}; release build ({facts['dusk_build']}); BLAS: {facts['dusk_blas']}")
    peers = facts.get("peers", {})
    lines.append(f"- Python {facts['venv_python'].split()[-1] if facts['venv_python'] else '?'}: "
                 f"numpy {peers.get('numpy', '?')}, dask {peers.get('dask', '?')}, zarr {peers.get('zarr', '?')}, "
                 f"numexpr {peers.get('numexpr', '?')}; BLAS: {peers.get('numpy_blas', '?')}")
    if bandwidth:
        lines.append(f"- Memory bandwidth (limits/stream_sum.c, sum of 1 GiB float64): "
                     f"{bandwidth.get(1, 0):.1f} GB/s on 1 thread, {bandwidth.get(2, 0):.1f} GB/s on 2 "
                     "(a best run; the table's figures are medians, so they can exceed 100%)")
    lines.append(f"- Whole run: {elapsed:.0f} s. Times are medians (min–max) of the timed region only; "
                 "ratios < 1× mean Dusk is faster; RSS is the peak of the whole process.")
    footnotes = Footnotes()
    if rows:
        lines.append("")
        lines += render_table(rows, args, systems_used, bandwidth, footnotes)
    if interp_rows:
        lines.append("")
        lines += render_interp(interp_rows, args, facts, footnotes)
    if footnotes.texts:
        lines.append("")
        for number, text in enumerate(footnotes.texts, 1):
            lines.append(f"[{number}] `{text}`  ")
    return "\n".join(lines) + "\n"


def render_table(rows, args, systems_used, bandwidth, footnotes):
    """The array workloads: Dusk, Dask, NumPy (and numexpr) side by side."""
    lines = []
    extra = [s for s in systems_used if s not in ("dusk", "dask", "numpy")]
    header = ["Workload", "Dusk", "Dask", "NumPy"] + [LABEL[s] for s in extra] + [
        "Dusk/Dask", "Dusk/NumPy", "RSS Dusk", "RSS Dask", "RSS NumPy", "Notes"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(["---"] * len(header)) + "|")
    for case, ms in rows:
        cells = [f"{case.workload}: {case.label}"]
        for system in ["dusk", "dask", "numpy"] + extra:
            m = ms.get(system)
            cells.append(fmt_range(m, args.runs, footnotes) if m else "n/a")
        cells.append(ratio(ms.get("dusk"), ms.get("dask")))
        cells.append(ratio(ms.get("dusk"), ms.get("numpy")))
        for system in ["dusk", "dask", "numpy"]:
            cells.append(fmt_rss(ms.get(system)))
        cells.append(notes_for(case, ms, bandwidth))
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += render_curves(rows)
    return lines


def render_interp(rows, args, facts, footnotes):
    """The interpreter suite: each program in Dusk and in CPython, and their ratio."""
    python = facts["venv_python"].split()[-1] if facts.get("venv_python") else "?"
    lines = [f"Interpreter suite (bench/interp/): the same program in Dusk and in CPython {python}; "
             "Dusk/CPython < 1× means Dusk is faster.", ""]
    header = ["Program", "Dusk", "CPython", "Dusk/CPython", "RSS Dusk", "RSS CPython"]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(["---"] * len(header)) + "|")
    for case, ms in rows:
        cells = [case.label]
        for system in ["dusk", "cpython"]:
            m = ms.get(system)
            cells.append(fmt_range(m, args.runs, footnotes) if m else "n/a")
        cells.append(ratio(ms.get("dusk"), ms.get("cpython")))
        cells += [fmt_rss(ms.get("dusk")), fmt_rss(ms.get("cpython"))]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return lines


def replace_between(path, begin, end, body, append_heading=None):
    """Replaces the text between two marker lines; appends the markers if they are missing."""
    text = open(path).read() if os.path.exists(path) else ""
    block = f"{begin}\n{body.rstrip()}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + (append_heading + "\n\n" if append_heading else "") + block + "\n"
    with open(path, "w") as f:
        f.write(text)


def publish(report, argv):
    command = "bench/run" + "".join(f" {a}" for a in argv if a != "--publish")
    body = f"Command: `{command}`\n\n{report}"
    replace_between(os.path.join(BENCH, "README.md"), "<!-- results:begin -->", "<!-- results:end -->", body)
    readme_body = ("## Benchmarks\n\nDusk against Dask and NumPy on the tutorial's workloads, on one machine in one "
                   "run; how to run it, what each row measures and how results are checked: "
                   "[bench/README.md](bench/README.md).\n\n" + body)
    replace_between(os.path.join(ROOT, "README.md"), "<!-- bench:begin -->", "<!-- bench:end -->", readme_body)


def render_curves(rows):
    """For cases that are points of a curve (time against chunk size): a compact table with bars."""
    lines = []
    workloads = []
    for case, _ in rows:
        if case.curve and case.workload not in workloads:
            workloads.append(case.workload)
    for workload in workloads:
        points = [(case, ms) for case, ms in rows if case.workload == workload]
        medians = [m.median() for _, ms in points for m in ms.values()
                   if m.status == "ok" and m.check != "mismatch"]
        if not medians:
            continue
        top = max(medians)
        systems = [s for s in SYSTEMS if any(s in ms for _, ms in points)]
        lines += ["", f"Curve: {workload}, median time against {points[0][0].curve[0].rstrip('=')}"
                  " (bars to scale within this table)", ""]
        lines.append("| " + points[0][0].curve[0] + " | " + " | ".join(LABEL[s] for s in systems) + " |")
        lines.append("|---|" + "---|" * len(systems))
        for case, ms in points:
            cells = [case.curve[1]]
            for system in systems:
                m = ms.get(system)
                if m is None or m.status != "ok" or m.check == "mismatch":
                    cells.append("—")
                else:
                    bar = "█" * max(1, round(20 * m.median() / top))
                    cells.append(f"`{bar:<20}` {fmt_time(m.median())}")
            lines.append("| " + " | ".join(cells) + " |")
    return lines


# ---------------------------------------------------------------- main


def selects(pattern, case):
    """`--only` patterns: part of a workload name (`chunk_sizes`, `delayed`), or
    `WORKLOAD/TEXT` for the cases of that workload whose label contains TEXT."""
    workload, _, text = pattern.partition("/")
    return workload in case.workload and text in case.label


def main(argv):
    args = parse_args(argv)
    os.makedirs(os.path.join(RESULTS, "data"), exist_ok=True)
    all_cases = case_table.cases(args.quick, os.path.join(RESULTS, "data"))
    if args.only:
        all_cases = [c for c in all_cases if any(selects(w, c) for w in args.only)]
    if args.list:
        for c in all_cases:
            print(c.id)
        return 0
    if not all_cases:
        log("no case matches --only")
        return 2
    ensure_venv()
    binary, build_note = build_dusk(args) if "dusk" in args.systems else (None, "not run")
    if args.wait_idle:
        wait_for_idle(args.wait_idle)
    started = time.time()
    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    facts = machine_facts()
    facts["dusk_build"] = build_note
    if getattr(args, "commit_revision", None):
        facts["git"] = f"{args.commit_revision} (Dusk built from that commit, not from the work tree)"
    facts["peers"] = peer_versions()
    facts["load_start"] = load_start
    log(f"machine: {facts['cpu']}, {facts['cores']} cores, {facts['memory_gib']} GiB; load {load_start}")
    bandwidth = {}
    if any(c.stream for c in all_cases):
        bandwidth, _ = stream_bandwidth(args.quick)
        log(f"stream bandwidth: {bandwidth}")

    rows = []
    cache = {}   # identical commands (NumPy's shared chunk-size run) are measured once
    done_setup = set()
    for case in all_cases:
        if case.setup and tuple(map(str, case.setup)) not in done_setup:
            setup = [VENV_PY, os.path.join("workloads", case.setup[0])] + [str(a) for a in case.setup[1:]]
            subprocess.run(setup, cwd=BENCH, env=python_env(), check=True, stdout=subprocess.DEVNULL)
            done_setup.add(tuple(map(str, case.setup)))
        ms = {}
        for system in SYSTEMS:
            if system not in case.systems or system not in args.systems:
                continue
            if not os.path.exists(os.path.join(BENCH, case.script(system))):
                continue
            key = (system, case.script(system), tuple(case.args_for(system)), case.warmup)
            if key not in cache:
                log(f"{case.id} · {LABEL[system]} ...")
                cache[key] = measure(system, case, args, binary, build_note)
                m = cache[key]
                shown = fmt_time(m.median()) if m.status == "ok" else f"{m.status}: {m.message}"
                log(f"    {shown}")
            ms[system] = cache[key]
        check_results(case, ms)
        for path in case.cleanup:
            shutil.rmtree(path, ignore_errors=True)
        rows.append((case, ms))

    facts["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    systems_used = [s for s in SYSTEMS if any(s in ms for _, ms in rows)]
    report = render(facts, bandwidth, rows, args, systems_used, time.time() - started)
    print(report)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(report)
    if args.publish:
        publish(report, argv)
    if args.json:
        data = {
            "facts": facts,
            "bandwidth_gbps": bandwidth,
            "options": {k: v for k, v in vars(args).items()},
            "cases": [{"id": c.id, "workload": c.workload, "label": c.label, "expected": c.expected,
                       "rel_tol": c.rel_tol, "results": {s: m.to_json() for s, m in ms.items()}}
                      for c, ms in rows],
        }
        with open(args.json, "w") as f:
            json.dump(data, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
