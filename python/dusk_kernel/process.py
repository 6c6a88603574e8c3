"""One `dusk --jupyter-protocol` child process and its pipes."""

import collections
import json
import os
import signal
import subprocess
import sys
import threading


class DuskProcess:
    """Starts `dusk --jupyter-protocol`, writes requests to it and reads its messages.

    The child runs in a session of its own, so a signal Jupyter sends to the kernel's
    process group reaches only the kernel, which forwards one SIGINT (`interrupt`). Its
    standard error goes to a pipe that a thread copies to the kernel's log, keeping the
    last lines for a crash report; the kernel's `sys.stderr` is not a file, and Dusk
    reports its errors through the protocol anyway.
    """

    def __init__(self, executable):
        self.process = subprocess.Popen(
            [executable, "--jupyter-protocol"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.stderr_tail = collections.deque(maxlen=200)
        self._stderr_thread = threading.Thread(target=self._copy_stderr, daemon=True)
        self._stderr_thread.start()
        # The first message is `ready`, with the kernel info.
        self.info = self.read()

    def _copy_stderr(self):
        log = sys.__stderr__
        for raw in iter(self.process.stderr.readline, b""):
            line = raw.decode("utf-8", "replace")
            self.stderr_tail.append(line.rstrip("\n"))
            if log is not None:
                log.write("[dusk] " + line)
                log.flush()

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def send(self, request):
        """Writes one request; False when the process is gone."""
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
            self.process.stdin.flush()
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def read(self):
        """The next message, or None when the process closed its output (it ended)."""
        line = self.process.stdout.readline()
        if not line:
            return None
        return json.loads(line)

    def interrupt(self):
        """Sends one SIGINT: Dusk stops the running cell with KeyboardInterrupt."""
        if self.alive():
            try:
                os.kill(self.process.pid, signal.SIGINT)
            except ProcessLookupError:
                pass

    def ending(self):
        """How the process ended, in words (waits for it)."""
        status = self.process.wait()
        # Let the last lines of standard error arrive.
        self._stderr_thread.join(timeout=1)
        if status < 0:
            try:
                name = signal.Signals(-status).name
            except ValueError:
                name = f"signal {-status}"
            return f"was killed by {name}"
        return f"exited with status {status}"

    def last_words(self):
        """What Dusk last wrote on standard error that explains its end: the headline of a
        crash report (a backtrace is long) or a fatal error, else the last few lines."""
        lines = [line for line in self.stderr_tail if line.strip()]
        key = [line for line in lines
               if "Program crashed" in line or "Fatal error" in line or "KeyboardInterrupt" in line]
        return key or lines[-10:]

    def stop(self, timeout=2.0):
        """Closes Dusk's input (it then exits) and waits; kills it if it does not."""
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
