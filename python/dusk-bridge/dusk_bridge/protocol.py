"""Messages between Dusk and the bridge: a JSON header, then raw buffers.

A message is the header's length (4 bytes, little-endian), the header (a UTF-8 JSON object),
then one raw buffer per entry of the header's ``"buffers"`` list (their byte lengths), back
to back. Array chunks travel as their bytes in C order: the header says their dtype and
shape, the bytes are read straight into a NumPy array, no copy.
"""

import json
import struct
import threading

import numpy as np

_LENGTH = struct.Struct("<I")


class Closed(Exception):
    """The other end closed the stream."""


class Channel:
    """One end of the stream: blocking reads, writes serialized by a lock."""

    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer
        self._lock = threading.Lock()

    def _read_exact(self, count):
        data = bytearray(count)
        view = memoryview(data)
        got = 0
        while got < count:
            n = self._reader.readinto(view[got:])
            if not n:
                raise Closed()
            got += n
        return data

    def receive(self):
        """The next message as (header, [buffers]); each buffer a writable bytearray."""
        (length,) = _LENGTH.unpack(self._read_exact(_LENGTH.size))
        header = json.loads(self._read_exact(length))
        buffers = [self._read_exact(size) for size in header.get("buffers", [])]
        return header, buffers

    def send(self, header, buffers=()):
        """Sends a header and buffers (bytes-like objects or C-contiguous NumPy arrays)."""
        views = [memoryview(b if b.flags.c_contiguous else b.copy(order="C")).cast("B")
                 if isinstance(b, np.ndarray) else memoryview(b).cast("B") for b in buffers]
        header = dict(header)
        header["buffers"] = [v.nbytes for v in views]
        text = json.dumps(header, separators=(",", ":")).encode()
        with self._lock:
            self._writer.write(_LENGTH.pack(len(text)) + text)
            for view in views:
                self._writer.write(view)
            self._writer.flush()
