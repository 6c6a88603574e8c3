"""The bridge process: ``python -m dusk_bridge.server``, started by Dusk.

Reads requests from Dusk on stdin and answers on stdout (``protocol``). It holds the Dask
clusters and clients Dusk made, turns Dusk's task graphs into Dask graphs of
``dusk_bridge.worker.run`` tasks, submits them with ``client.get(dsk, keys, sync=False)`` and
sends back the results, progress and errors. Ctrl-C never reaches it (Dusk starts it in its
own process group and asks it to cancel); it ends when Dusk closes stdin.
"""

import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback

from . import PROTOCOL, __version__, protocol


class BridgeError(Exception):
    """An error to report to Dusk as it is, with its Dusk exception type."""

    def __init__(self, kind, message, **extra):
        super().__init__(message)
        self.kind = kind
        self.extra = extra


def _key(value):
    """A Dask key from its JSON form: ``["sum-3f2a", 0, 1]`` is ``("sum-3f2a", 0, 1)``."""
    return tuple(value) if isinstance(value, list) else value


def _key_json(key):
    return list(key) if isinstance(key, tuple) else key


def _name(key):
    """The name Dusk holds a future by: its key, or a tuple key's repr (``"('x-3f2a', 0, 1)"``)."""
    return key if isinstance(key, str) else str(key)


def _erred_on(key, dask_scheduler=None):
    """Runs on the scheduler: the worker a failed task ran on."""
    task = dask_scheduler.tasks.get(key)
    blame = task.exception_blame if task is not None and task.exception_blame is not None else task
    workers = sorted(getattr(blame, "erred_on", None) or [])
    return workers[-1] if workers else None


def _error_info(error):
    if isinstance(error, BridgeError):
        info = {"type": error.kind, "message": str(error)}
        info.update(error.extra)
        return info
    return {"type": type(error).__name__, "message": str(error),
            "traceback": "".join(traceback.format_exception(error))}


class Compute:
    """One graph being computed: its futures and whether Dusk asked to cancel it."""

    def __init__(self, token):
        self.token = token
        self.cancelled = threading.Event()
        self.futures = []


class Bridge:
    def __init__(self, channel):
        self.channel = channel
        self.clusters = {}
        self.clients = {}
        self.futures = {}
        self.computes = {}
        self.next_id = 1
        self.lock = threading.Lock()

    # -- plumbing ------------------------------------------------------------------------

    def new_id(self):
        with self.lock:
            self.next_id += 1
            return self.next_id

    def reply(self, rid, fields=None, buffers=()):
        message = {"id": rid, "ok": True}
        message.update(fields or {})
        self.channel.send(message, buffers)

    def fail(self, rid, error):
        self.channel.send({"id": rid, "ok": False, "error": _error_info(error)})

    def serve(self):
        while True:
            try:
                header, buffers = self.channel.receive()
            except protocol.Closed:
                return
            op = header.get("op")
            handler = getattr(self, "op_" + str(op), None)
            if handler is None:
                self.fail(header.get("id"), BridgeError("RuntimeError", f"unknown request {op!r}"))
                continue
            if op in ("cancel", "release"):
                self.handle(handler, header, buffers)
            else:
                threading.Thread(target=self.handle, args=(handler, header, buffers), daemon=True).start()

    def handle(self, handler, header, buffers):
        rid = header.get("id")
        try:
            result = handler(header, buffers)
            if result is not None:
                fields, out = result if isinstance(result, tuple) else (result, ())
                self.reply(rid, fields, out)
        except Exception as error:  # every failure goes back to Dusk as an error reply
            try:
                self.fail(rid, error)
            except protocol.Closed:
                pass

    def shutdown(self):
        for client in list(self.clients.values()):
            try:
                client.close(timeout=5)
            except Exception:
                pass
        for cluster in list(self.clusters.values()):
            try:
                cluster.close(timeout=5)
            except Exception:
                pass

    def client(self, header):
        client = self.clients.get(header.get("client"))
        if client is None:
            raise BridgeError("RuntimeError", "this Client is closed")
        return client

    def describe(self, cid):
        client = self.clients[cid]
        info = client.scheduler_info(n_workers=-1)
        workers = info.get("workers", {})
        return {
            "client": cid,
            "repr": repr(client),
            "address": client.scheduler.address,
            "dashboard_link": client.dashboard_link if getattr(client, "dashboard_link", None) else None,
            "workers": len(workers),
            "threads": sum(w.get("nthreads", 0) for w in workers.values()),
            "memory": sum(w.get("memory_limit", 0) or 0 for w in workers.values()),
        }

    # -- requests ------------------------------------------------------------------------

    def op_hello(self, header, buffers):
        import dask
        import distributed
        return {"bridge": __version__, "protocol": PROTOCOL, "python": sys.version.split()[0],
                "dask": dask.__version__, "distributed": distributed.__version__, "pid": os.getpid()}

    def op_cluster(self, header, buffers):
        """Starts a LocalCluster: scheduler and worker processes (spawned, never forked)."""
        import dask
        from distributed import LocalCluster
        kwargs = dict(header.get("kwargs", {}))
        kwargs.setdefault("dashboard_address", ":8787")
        # A task whose worker dies is retried once, not three times: a crashing kernel is
        # reported in seconds instead of killing every worker in turn.
        with dask.config.set({"distributed.worker.multiprocessing-method": "spawn",
                              "distributed.scheduler.allowed-failures": 1}):
            cluster = LocalCluster(**kwargs)
        kid = self.new_id()
        self.clusters[kid] = cluster
        return {"cluster": kid, "repr": repr(cluster), "address": cluster.scheduler_address,
                "dashboard_link": cluster.dashboard_link if kwargs.get("dashboard_address") else None,
                "workers": len(cluster.workers)}

    def op_cluster_info(self, header, buffers):
        cluster = self.clusters.get(header.get("cluster"))
        if cluster is None:
            raise BridgeError("RuntimeError", "this LocalCluster is closed")
        return {"repr": repr(cluster), "workers": len(cluster.workers)}

    def op_cluster_close(self, header, buffers):
        cluster = self.clusters.pop(header.get("cluster"), None)
        if cluster is not None:
            cluster.close(timeout=10)
        return {}

    def op_cluster_scale(self, header, buffers):
        cluster = self.clusters.get(header.get("cluster"))
        if cluster is None:
            raise BridgeError("RuntimeError", "this LocalCluster is closed")
        cluster.scale(int(header["n"]))
        return {"repr": repr(cluster)}

    def op_client(self, header, buffers):
        """Connects a Client to a cluster Dusk started, or to a scheduler's address."""
        from distributed import Client
        timeout = header.get("timeout", 10)
        if header.get("cluster") is not None:
            cluster = self.clusters.get(header["cluster"])
            if cluster is None:
                raise BridgeError("RuntimeError", "this LocalCluster is closed")
            client = Client(cluster, set_as_default=False, timeout=timeout)
        else:
            address = header["address"]
            try:
                client = Client(address, set_as_default=False, timeout=timeout)
            except OSError as error:
                raise BridgeError("OSError", f"cannot reach a Dask scheduler at {address}: {error}")
        cid = self.new_id()
        self.clients[cid] = client
        try:
            client.get_task_stream(count=0)  # starts the scheduler's task stream recording
        except Exception:
            pass
        return self.describe(cid)

    def op_client_info(self, header, buffers):
        self.client(header)
        return self.describe(header["client"])

    def op_client_close(self, header, buffers):
        client = self.clients.pop(header.get("client"), None)
        if client is not None:
            client.close(timeout=10)
        return {}

    def op_time(self, header, buffers):
        return {"time": time.time()}

    def op_task_stream(self, header, buffers):
        """The scheduler's task stream since ``start`` (what the dashboard's Task Stream shows)."""
        from distributed.utils import key_split
        client = self.client(header)
        records = client.get_task_stream(start=header.get("start"))
        return {"records": [{"key": _key_json(r["key"]), "prefix": key_split(r["key"]),
                             "worker": r.get("worker"), "status": r.get("status")} for r in records]}

    def op_wait_for_workers(self, header, buffers):
        client = self.client(header)
        try:
            client.wait_for_workers(int(header.get("n", 1)), timeout=header.get("timeout"))
        except TimeoutError as error:
            raise BridgeError("TimeoutError", str(error))
        return self.describe(header["client"])

    def op_processing(self, header, buffers):
        client = self.client(header)
        return {"workers": {w: [_key_json(k) for k in keys] for w, keys in client.processing().items()}}

    def op_has_what(self, header, buffers):
        client = self.client(header)
        return {"workers": {w: [_key_json(k) for k in keys] for w, keys in client.has_what().items()}}

    def op_preflight(self, header, buffers):
        """Checks that every worker imports dusk_bridge at this version and loads the library
        Dusk expects, within a time limit: a worker without the package must be reported, not
        wait forever (or die unpickling a task)."""
        client = self.client(header)
        limit = float(header.get("timeout", 10))
        expected = header.get("library")
        deadline = time.monotonic() + limit
        result = {}

        def probe():
            # eval is a builtin: unpickling it needs nothing the worker may lack.
            result["answers"] = client.run(eval, "__import__('dusk_bridge.worker').worker.probe()",
                                           on_error="return")

        thread = threading.Thread(target=probe, daemon=True)
        thread.start()
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            raise BridgeError("RuntimeError", f"the Dask workers did not answer the pre-flight check "
                                              f"within {limit:g} s")
        problems = []
        answers = result.get("answers", {})
        if not answers:
            raise BridgeError("RuntimeError", "the Dask cluster has no workers")
        for address, answer in sorted(answers.items()):
            if isinstance(answer, BaseException):
                if isinstance(answer, ModuleNotFoundError):
                    problems.append(f"{address}: dusk_bridge is not installed "
                                    f"(pip install dusk-bridge on that machine)")
                else:
                    problems.append(f"{address}: {type(answer).__name__}: {answer}")
                continue
            if answer.get("protocol") != PROTOCOL or answer.get("bridge") != __version__:
                problems.append(f"{address}: dusk_bridge {answer.get('bridge')} (protocol "
                                f"{answer.get('protocol')}), Dusk needs {__version__} (protocol {PROTOCOL})")
            elif "library_error" in answer:
                problems.append(f"{address}: {answer['library_error']}")
            elif expected and answer.get("library") != expected:
                problems.append(f"{address}: Dusk kernel library {answer.get('library')}, "
                                f"this Dusk is {expected}")
        if problems:
            raise BridgeError("RuntimeError", "these Dask workers cannot run Dusk tasks:\n  "
                              + "\n  ".join(problems))
        return {"workers": len(answers)}

    def op_cancel(self, header, buffers):
        compute = self.computes.get(header.get("compute"))
        if compute is not None:
            compute.cancelled.set()
        return None

    def op_release(self, header, buffers):
        """Forgets futures Dusk no longer holds (one reference each: a key Dusk holds twice is
        released twice)."""
        with self.lock:
            for key in header.get("keys", []):
                key = _key(key)
                entry = self.futures.get(key)
                if entry is not None:
                    entry[1] -= 1
                    if entry[1] <= 0:
                        del self.futures[key]
        return None

    def hold(self, key, future):
        """Keeps ``future`` for Dusk, counting Dusk's references to its key."""
        with self.lock:
            entry = self.futures.get(key)
            if entry is None:
                self.futures[key] = [future, 1]
            else:
                entry[0] = future
                entry[1] += 1

    def held(self, key):
        with self.lock:
            entry = self.futures.get(key)
        if entry is None:
            raise BridgeError("RuntimeError", f"the cluster no longer holds {key!r} (its future was released)")
        return entry[0]

    # -- graphs --------------------------------------------------------------------------

    def graph(self, header, buffers, token):
        """The Dask graph of a Dusk request: ``run`` tasks, data, and futures Dusk holds (a
        ``Future`` is a ``TaskRef``, so tasks reading one keep it alive)."""
        import numpy as np
        from dask.task_spec import DataNode, Task, TaskRef

        from . import worker

        keys = []
        refs = []
        dsk = {}
        for entry in header["tasks"]:
            key = _key(entry[0])
            kind = entry[1]
            keys.append(key)
            if kind == "future":
                refs.append(self.held(key))
                continue
            refs.append(TaskRef(key))
            if kind == "run":
                spec = bytes(buffers[entry[2]])
                dsk[key] = Task(key, worker.run, spec, token, *[refs[d] for d in entry[3]])
            elif kind == "array":
                dtype, shape = entry[3], tuple(entry[4])
                value = np.frombuffer(buffers[entry[2]], dtype=dtype).reshape(shape)
                dsk[key] = DataNode(key, value)
            elif kind == "value":
                dsk[key] = DataNode(key, worker.DuskValue(buffers[entry[2]]))
            else:
                raise BridgeError("RuntimeError", f"unknown task kind {kind!r}")
        return dsk, keys, refs

    def op_compute(self, header, buffers):
        """Runs a Dusk task graph; answers with the output values."""
        client = self.client(header)
        token = header["compute"]
        compute = Compute(token)
        self.computes[token] = compute
        try:
            futures = self.submit_graph(client, header, buffers, token)
            with self.lock:
                held = {id(entry[0]) for entry in self.futures.values()}
            compute.futures = [f for f in futures if id(f) not in held]  # Ctrl-C leaves held futures
            values = self.wait(header["id"], client, compute, futures)
            return self.encode(values)
        finally:
            self.computes.pop(token, None)

    def submit_graph(self, client, header, buffers, token):
        """Submits a request's graph; the futures of its outputs (an output that is a future
        Dusk holds is that future)."""
        dsk, keys, refs = self.graph(header, buffers, token)
        outputs = [keys[i] for i in header["outputs"]]
        todo = [key for key in outputs if key in dsk]
        futures = dict(zip(todo, client.get(dsk, todo, sync=False))) if todo else {}
        return [futures[keys[i]] if keys[i] in futures else refs[i] for i in header["outputs"]]

    def op_submit(self, header, buffers):
        """Submits a Dusk task graph and answers at once: the cluster computes its outputs and
        keeps them, as futures, until Dusk releases them."""
        client = self.client(header)
        futures = self.submit_graph(client, header, buffers, header["compute"])
        names = [_name(future.key) for future in futures]
        for name, future in zip(names, futures):
            self.hold(name, future)
        return {"keys": names}

    def op_scatter(self, header, buffers):
        """Sends values to the workers (``client.scatter``) under Dusk's keys."""
        import numpy as np

        from . import worker
        client = self.client(header)
        data = {}
        for entry in header["values"]:
            key = _key(entry[0])
            if entry[1] == "array":
                data[key] = np.frombuffer(buffers[entry[2]], dtype=entry[3]).reshape(tuple(entry[4]))
            else:
                data[key] = worker.DuskValue(buffers[entry[2]])
        futures = client.scatter(data, broadcast=bool(header.get("broadcast")), hash=False)
        for key, future in futures.items():
            self.hold(_name(key), future)
        return {"keys": [_name(key) for key in futures]}

    def op_status(self, header, buffers):
        """Each future's status (pending, finished, error, cancelled, lost) and its result's type."""
        answers = []
        for key in header.get("keys", []):
            with self.lock:
                entry = self.futures.get(_key(key))
            if entry is None:
                answers.append({"status": "released"})
                continue
            future = entry[0]
            answer = {"status": future.status}
            kind = getattr(future, "type", None)
            if kind is not None and kind.__name__ != "DuskValue":  # Dusk's own values: no Python type to show
                answer["type"] = f"{kind.__module__}.{kind.__name__}" if kind.__module__ != "builtins" else kind.__name__
            answers.append(answer)
        return {"futures": answers}

    def op_wait(self, header, buffers):
        """Waits until all (or the first) of some futures are done, or ``timeout`` seconds; answers
        with the indices of those done. Cancelling the request stops the waiting, not the futures."""
        from distributed import wait as dask_wait
        token = header["compute"]
        compute = Compute(token)
        self.computes[token] = compute
        try:
            futures = [self.held(_key(key)) for key in header.get("keys", [])]
            first = header.get("return_when") == "FIRST_COMPLETED"
            timeout = header.get("timeout")
            deadline = None if timeout is None else time.monotonic() + float(timeout)
            while True:
                done = [i for i, f in enumerate(futures) if f.done()]
                if (first and done) or len(done) == len(futures):
                    return {"done": done}
                if compute.cancelled.is_set():
                    raise BridgeError("KeyboardInterrupt", "the wait was interrupted")
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    if header.get("raise_timeout"):
                        raise BridgeError("TimeoutError", f"{len(futures) - len(done)} of {len(futures)} futures "
                                                          f"not done after {float(timeout):g} s")
                    return {"done": done}
                try:
                    dask_wait(futures, timeout=min(0.1, left) if left is not None else 0.1,
                              return_when="FIRST_COMPLETED" if first else "ALL_COMPLETED")
                except Exception:  # the timeout: loop to check cancellation
                    pass
        finally:
            self.computes.pop(token, None)

    def op_gather(self, header, buffers):
        """The values of futures Dusk holds (waiting for them, with progress); a failed one's error."""
        client = self.client(header)
        token = header["compute"]
        compute = Compute(token)
        self.computes[token] = compute
        try:
            futures = [self.held(_key(key)) for key in header.get("keys", [])]
            values = self.wait(header["id"], client, compute, futures, cancel_futures=False)
            return self.encode(values)
        finally:
            self.computes.pop(token, None)

    def op_error(self, header, buffers):
        """The error of a failed future, as a compute reports it."""
        client = self.client(header)
        future = self.held(_key(header["key"]))
        if future.status != "error":
            return {"failed": False}
        raise self.task_error(client, future)

    def op_cancel_futures(self, header, buffers):
        """Cancels futures, one at a time (see ``cancel``)."""
        for key in header.get("keys", []):
            with self.lock:
                entry = self.futures.get(_key(key))
            if entry is not None:
                try:
                    entry[0].cancel()
                except Exception:
                    pass
        return {}

    def wait(self, rid, client, compute, futures, cancel_futures=True):
        """Waits for futures, sending progress and watching for cancellation (which cancels the
        futures too unless ``cancel_futures`` is false); returns their values or raises the
        first task's error."""
        from distributed import wait as dask_wait

        total = len(futures)
        last = -1
        while True:
            done = sum(f.done() for f in futures)
            if done != last:
                self.channel.send({"id": rid, "event": "progress", "done": done, "total": total})
                last = done
            if compute.cancelled.is_set():
                if cancel_futures:
                    self.cancel(client, compute)
                raise BridgeError("KeyboardInterrupt", "the compute was cancelled")
            erred = [f for f in futures if f.status == "error"]
            if erred:
                raise self.task_error(client, erred[0])
            if done == total:
                break
            try:
                dask_wait(futures, timeout=0.1, return_when="FIRST_EXCEPTION")
            except Exception:  # the timeout: loop to report progress and check cancellation
                pass
        try:
            return client.gather(futures)
        except Exception:
            erred = [f for f in futures if f.status == "error"]
            if erred:
                raise self.task_error(client, erred[0])
            raise

    def cancel(self, client, compute):
        """Stops a compute in the background (Dusk gets its answer at once): the compute's
        kernels on every worker stop at their next tile, then its futures are cancelled one at
        a time (distributed asserts in stimulus_cancel when one call names a key another
        depends on)."""
        from . import worker

        def stop():
            try:
                client.run(worker.cancel, compute.token)
            except Exception:
                pass
            for future in compute.futures:
                try:
                    future.cancel()
                except Exception:
                    pass

        threading.Thread(target=stop, daemon=True).start()

    def task_error(self, client, future):
        from distributed.client import FutureCancelledError  # noqa: F401
        from .library import DuskTaskError
        error = future.exception()
        remote = future.traceback()
        python_traceback = "".join(traceback.format_tb(remote)) if remote is not None else ""
        if isinstance(error, DuskTaskError):
            info = dict(error.info)
        else:
            name = type(error).__name__
            if name == "KilledWorker":
                info = {"type": "RuntimeError", "message": str(error), "died": True}
                if getattr(error, "task", None) is not None:
                    info["key"] = _key_json(error.task)
            else:
                info = {"type": name, "message": str(error)}
        info.setdefault("key", _key_json(future.key))
        info["worker_traceback"] = python_traceback
        try:
            info["worker"] = client.run_on_scheduler(_erred_on, _key(info["key"]))
        except Exception:
            pass
        return BridgeError(info.pop("type"), info.pop("message"), **info)

    def encode(self, values):
        import numpy as np
        from .library import DuskValue
        results = []
        out = []
        for value in values:
            if isinstance(value, DuskValue):
                results.append({"kind": "value"})
                out.append(value.data)
            else:
                array = np.asarray(value)
                if not array.flags.c_contiguous:
                    array = array.copy(order="C")
                results.append({"kind": "array", "dtype": array.dtype.name, "shape": list(array.shape)})
                out.append(array)
        return {"results": results}, out


def main():
    # The protocol gets private descriptors; fd 0 and 1 are pointed away from Dusk so that
    # nothing else (a library's print, a spawned worker) can write into the stream.
    reader = os.fdopen(os.dup(0), "rb")
    writer = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    multiprocessing.set_start_method("spawn", force=True)
    bridge = Bridge(protocol.Channel(reader, writer))
    try:
        bridge.serve()
    finally:
        bridge.shutdown()


if __name__ == "__main__":
    main()
