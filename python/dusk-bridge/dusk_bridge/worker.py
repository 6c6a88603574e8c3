"""What runs on a Dask worker: Dusk's tasks, the pre-flight probe, cancellation.

Every Dask task of a Dusk graph is ``run(spec, compute, *inputs)``: ``spec`` is the task as
bytes (Dusk's task encoding), ``compute`` names the compute it belongs to (so cancelling one
compute stops its kernels only), ``inputs`` are the values of its dependencies.
"""

import os
import sys
import threading

from . import PROTOCOL, __version__
from . import library
from .library import DuskTaskError, DuskValue  # noqa: F401  (unpickled on clients)


class Cancelled(Exception):
    """The task's compute was cancelled."""


_state = threading.Lock()
_running = {}        # compute -> tasks of it running now
_cancelled = []      # computes cancelled, most recent last
_CANCELLED_KEPT = 256


def probe():
    """Pre-flight: the bridge and library versions this worker runs, and how it was started."""
    import multiprocessing
    info = {"bridge": __version__, "protocol": PROTOCOL, "python": sys.version.split()[0],
            "pid": os.getpid(), "start_method": multiprocessing.get_start_method(allow_none=True)}
    try:
        lib = library.load()
        info["library"] = lib.version
        info["abi"] = lib.abi
        info["library_path"] = lib.path
    except Exception as error:  # reported to Dusk, which refuses to run graphs here
        info["library_error"] = f"{type(error).__name__}: {error}"
    return info


def run(spec, compute, *inputs):
    """Runs one Dusk task."""
    lib = library.load()
    with _state:
        if compute in _cancelled:
            raise Cancelled(compute)
        _running[compute] = _running.get(compute, 0) + 1
    try:
        return lib.run(spec, inputs)
    finally:
        with _state:
            _running[compute] -= 1
            if not _running[compute]:
                del _running[compute]
            if not any(c in _cancelled for c in _running):
                lib.cancel(False)


def cancel(compute):
    """Stops the kernels of a compute: its running tasks stop at their next tile, its queued
    ones refuse to start."""
    lib = library.load()
    with _state:
        if compute not in _cancelled:
            _cancelled.append(compute)
            del _cancelled[:-_CANCELLED_KEPT]
        if compute in _running:
            lib.cancel(True)
    return True
