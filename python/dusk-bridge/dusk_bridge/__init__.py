"""The Python side of Dusk's cluster support.

Dusk starts ``python -m dusk_bridge.server`` as a child process and talks to it over
stdin/stdout (``dusk_bridge.protocol``). The server holds the ``distributed.Client`` and
submits Dusk's task graphs; on every Dask worker, ``dusk_bridge.worker`` runs each task by
calling Dusk's kernel library (``libDuskKernels.so``) through ctypes.
"""

__version__ = "0.1.0"

#: Bumped whenever the messages between Dusk and the bridge, or the task bytes between the
#: bridge and the kernel library, change. Dusk, the bridge and every worker must agree.
PROTOCOL = 2
