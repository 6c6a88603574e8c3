"""Dusk's kernel library (``libDuskKernels.so``) through ctypes.

The library takes NumPy buffers by pointer and never traps: every entry point returns a
status, errors come back as JSON. Arrays cross without copies both ways: an input is read in
place (described by ``[kind, dtype, ndim, data, nbytes, *shape, *strides]`` words), and a
result array is the library's own buffer wrapped as a NumPy array that releases it when the
last view of it goes.
"""

import ctypes
import json
import os
import threading
import weakref

import numpy as np

LIBRARY_NAME = "libDuskKernels.so"
ENVIRONMENT = "DUSK_KERNELS_LIBRARY"

_ARRAY, _VALUE, _ERROR = 0, 1, 2
_MAX_WORDS = 5 + 2 * 64


class DuskValue:
    """A Dusk value that is not an array (a list, a reduction's partial sums...), in Dusk's
    own encoding: workers hold and pass it along without looking inside."""

    __slots__ = ("data",)

    def __init__(self, data):
        self.data = bytes(data)

    def __sizeof__(self):
        return len(self.data) + 48

    def __reduce__(self):
        return (DuskValue, (self.data,))

    def __repr__(self):
        return f"<DuskValue: {len(self.data)} bytes>"


class DuskTaskError(Exception):
    """A Dusk error raised by a task: its type, message and where the expression was written."""

    def __init__(self, info):
        super().__init__(info.get("message", "task failed"))
        self.info = info

    def __reduce__(self):
        return (DuskTaskError, (self.info,))

    def __str__(self):
        return f"{self.info.get('type', 'Error')}: {self.info.get('message', '')}"


def default_path():
    """Where the library is: $DUSK_KERNELS_LIBRARY, else inside this package."""
    path = os.environ.get(ENVIRONMENT)
    if path:
        return path
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), LIBRARY_NAME)


class Library:
    """The loaded library."""

    def __init__(self, path=None):
        self.path = path or default_path()
        if not os.path.exists(self.path):
            raise ImportError(
                f"Dusk's kernel library is not at {self.path}: set {ENVIRONMENT} or copy "
                f"{LIBRARY_NAME} into the dusk_bridge package (scripts/build-kernels does)")
        lib = ctypes.CDLL(self.path)
        lib.dusk_version.restype = ctypes.c_char_p
        lib.dusk_abi_version.restype = ctypes.c_int32
        lib.dusk_dtype_name.restype = ctypes.c_char_p
        lib.dusk_dtype_name.argtypes = [ctypes.c_int32]
        lib.dusk_task_run.restype = ctypes.c_int32
        lib.dusk_task_run.argtypes = [ctypes.c_char_p, ctypes.c_int64, ctypes.c_int64,
                                      ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.dusk_result_describe.restype = ctypes.c_int64
        lib.dusk_result_describe.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64]
        lib.dusk_result_release.restype = None
        lib.dusk_result_release.argtypes = [ctypes.c_void_p]
        lib.dusk_cancel.restype = None
        lib.dusk_cancel.argtypes = [ctypes.c_int32]
        self._lib = lib
        self.version = lib.dusk_version().decode()
        self.abi = lib.dusk_abi_version()
        names = []
        while True:
            name = lib.dusk_dtype_name(len(names))
            if not name:
                break
            names.append(name.decode())
        self._dtypes = [np.dtype(n) for n in names]
        self._dtype_codes = {d: i for i, d in enumerate(self._dtypes)}

    # -- inputs --------------------------------------------------------------------------

    def _describe(self, value, keep):
        if isinstance(value, DuskValue):
            data = ctypes.c_char_p(value.data)
            keep.append(data)
            return [_VALUE, 0, 0, ctypes.cast(data, ctypes.c_void_p).value or 0, len(value.data)]
        array = np.asarray(value)
        code = self._dtype_codes.get(array.dtype)
        if code is None or not array.flags.aligned or not array.dtype.isnative:
            native = array.astype(array.dtype.newbyteorder("="), copy=True)
            code = self._dtype_codes.get(native.dtype)
            if code is None:
                raise TypeError(f"Dusk has no dtype {array.dtype}")
            array = native
        keep.append(array)
        return ([_ARRAY, code, array.ndim, array.ctypes.data, array.nbytes]
                + list(array.shape) + list(array.strides))

    # -- results -------------------------------------------------------------------------

    def _result(self, handle):
        words = (ctypes.c_int64 * _MAX_WORDS)()
        self._lib.dusk_result_describe(handle, words, _MAX_WORDS)
        kind, code, ndim, data, nbytes = words[0], words[1], words[2], words[3], words[4]
        if kind != _ARRAY:
            try:
                payload = ctypes.string_at(data, nbytes) if nbytes else b""
            finally:
                self._lib.dusk_result_release(handle)
            if kind == _VALUE:
                return DuskValue(payload)
            raise DuskTaskError(json.loads(payload))
        shape = tuple(words[5 + i] for i in range(ndim))
        strides = tuple(words[5 + ndim + i] for i in range(ndim))
        dtype = self._dtypes[code]
        if nbytes == 0:
            self._lib.dusk_result_release(handle)
            return np.empty(shape, dtype)
        raw = (ctypes.c_uint8 * nbytes).from_address(data)
        weakref.finalize(raw, self._lib.dusk_result_release, ctypes.c_void_p(handle))
        flat = np.frombuffer(raw, dtype=np.uint8)
        return np.lib.stride_tricks.as_strided(flat.view(dtype), shape=shape, strides=strides)

    # -- entry points --------------------------------------------------------------------

    def run(self, spec, inputs):
        """Runs one task's bytes on its input values; returns an array or a DuskValue, or
        raises DuskTaskError."""
        keep = []
        words = []
        for value in inputs:
            words += self._describe(value, keep)
        descriptor = np.array(words, dtype=np.int64)
        handle = ctypes.c_void_p()
        self._lib.dusk_task_run(spec, len(spec), len(inputs), descriptor.ctypes.data, ctypes.byref(handle))
        return self._result(handle.value)

    def cancel(self, on):
        """Sets or clears the cancellation flag kernels check between tiles."""
        self._lib.dusk_cancel(1 if on else 0)


_loaded = None
_lock = threading.Lock()


def load():
    """The process's library, loaded once."""
    global _loaded
    with _lock:
        if _loaded is None:
            _loaded = Library()
        return _loaded
