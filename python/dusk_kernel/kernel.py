"""The Dusk kernel: an ipykernel `Kernel` that relays to `dusk --jupyter-protocol`.

Dusk does the language work: it runs cells, builds the MIME bundles, answers completion,
inspection and `is_complete`. Each request goes to Dusk as one JSON line; Dusk answers
with events (`stream`, `display_data`, `execute_result`, `error`...), each the content of
the IOPub message of that type, then a `reply`, the content of the shell reply. This
class publishes the events as they come and returns the reply. It also keeps the input
history (`history.py`), which belongs to the kernel rather than to one Dusk process.
"""

import os
import shutil
import signal

from ipykernel.kernelbase import Kernel

from . import __version__
from .history import History
from .process import DuskProcess


def find_dusk():
    """The Dusk executable: $DUSK_EXECUTABLE (the kernelspec sets it), else `dusk` on PATH."""
    return os.environ.get("DUSK_EXECUTABLE") or shutil.which("dusk") or "dusk"


class DuskKernel(Kernel):
    implementation = "dusk"
    implementation_version = __version__
    # Replaced by what Dusk says when it starts.
    language_info = {
        "name": "dusk",
        "mimetype": "text/x-dusk",
        "file_extension": ".dsk",
        "pygments_lexer": "python",
        "codemirror_mode": "python",
    }
    banner = "Dusk"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.executable = find_dusk()
        self.dusk = None
        self.start_error = None
        self.history = History()
        self._start()

    # -- the Dusk process -------------------------------------------------------------

    def _start(self):
        try:
            self.dusk = DuskProcess(self.executable)
        except OSError as error:
            self.dusk = None
            self.start_error = f"cannot start {self.executable}: {error.strerror or error}"
            return
        info = self.dusk.info or {}
        if info.get("event") != "ready":
            ending = self.dusk.ending()
            tail = "; ".join(self.dusk.last_words())
            self.start_error = f"{self.executable} --jupyter-protocol {ending}" + (f": {tail}" if tail else "")
            self.dusk = None
            return
        self.start_error = None
        self.language_info = info.get("language_info", self.language_info)
        self.banner = info.get("banner", self.banner)

    def _ensure_running(self):
        """Starts a new Dusk if the last one ended; returns a note saying so, or None."""
        if self.dusk is not None and self.dusk.alive():
            return None
        note = None
        if self.dusk is not None:
            note = f"The Dusk process {self.dusk.ending()}; this cell runs in a new one (variables are lost)."
        self._start()
        return note

    # -- interrupts -------------------------------------------------------------------

    def pre_handler_hook(self):
        # ipykernel turns SIGINT into KeyboardInterrupt while a request is handled; here it
        # goes to Dusk instead, once per signal (Dusk does not see the group's signal).
        self.saved_sigint_handler = signal.signal(signal.SIGINT, self._forward_interrupt)

    def post_handler_hook(self):
        signal.signal(signal.SIGINT, self.saved_sigint_handler)

    def _forward_interrupt(self, signum, frame):
        if self.dusk is not None:
            self.dusk.interrupt()

    # -- requests ---------------------------------------------------------------------

    async def do_execute(self, code, silent, store_history=True, user_expressions=None,
                         allow_stdin=False, **kwargs):
        note = self._ensure_running()
        if self.dusk is None:
            return self._error_reply("DuskNotStarted", self.start_error, [self.start_error], silent)
        if note and not silent:
            self.send_response(self.iopub_socket, "stream", {"name": "stderr", "text": note + "\n"})
        request = {"request": "execute", "code": code, "silent": silent,
                   "execution_count": self.execution_count}
        if store_history and not silent:
            self.history.record(self.execution_count, code, None)
        if not self.dusk.send(request):
            return self._crash_reply(silent)
        while True:
            message = self.dusk.read()
            if message is None:
                return self._crash_reply(silent)
            event = message.pop("event", None)
            if event == "reply":
                message["execution_count"] = self.execution_count
                return message
            if silent:
                continue
            if event == "execute_result":
                message["execution_count"] = self.execution_count
                if store_history:
                    self.history.record_output(self.execution_count, message["data"].get("text/plain"))
            self.send_response(self.iopub_socket, event, message)

    async def do_complete(self, code, cursor_pos):
        return self._ask({"request": "complete", "code": code, "cursor_pos": cursor_pos},
                         {"status": "ok", "matches": [], "cursor_start": cursor_pos,
                          "cursor_end": cursor_pos, "metadata": {}})

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        return self._ask({"request": "inspect", "code": code, "cursor_pos": cursor_pos,
                          "detail_level": detail_level},
                         {"status": "ok", "found": False, "data": {}, "metadata": {}})

    async def do_is_complete(self, code):
        return self._ask({"request": "is_complete", "code": code}, {"status": "unknown"})

    async def do_history(self, hist_access_type, output, raw, session=None, start=None, stop=None,
                         n=None, pattern=None, unique=False):
        return self.history.reply(hist_access_type, output=output, session=session, start=start,
                                  stop=stop, n=n, pattern=pattern, unique=unique)

    async def do_shutdown(self, restart):
        if self.dusk is not None:
            self.dusk.stop()
            self.dusk = None
        return {"status": "ok", "restart": restart}

    # -- helpers ----------------------------------------------------------------------

    def _ask(self, request, fallback):
        """A request without output: send it, return Dusk's reply (the fallback if Dusk
        is not there; a crash is reported by the next cell)."""
        self._ensure_running()
        if self.dusk is None or not self.dusk.send(request):
            return fallback
        while True:
            message = self.dusk.read()
            if message is None:
                return fallback
            if message.pop("event", None) == "reply":
                return message

    def _crash_reply(self, silent):
        """The cell's Dusk process died: say how, with its last words, and start another."""
        ending = self.dusk.ending()
        tail = self.dusk.last_words()
        self._start()
        lines = [f"The Dusk process {ending} while running this cell; its variables are lost."]
        if tail:
            lines += ["Its last messages on standard error:"] + ["  " + line for line in tail]
        if self.dusk is not None:
            lines.append("A new Dusk process has started for the next cell.")
        else:
            lines.append(f"No new Dusk process could start: {self.start_error}")
        return self._error_reply("DuskProcessDied", f"the Dusk process {ending}", lines, silent)

    def _error_reply(self, ename, evalue, traceback, silent):
        content = {"ename": ename, "evalue": evalue, "traceback": traceback}
        if not silent:
            self.send_response(self.iopub_socket, "error", content)
        return {"status": "error", "execution_count": self.execution_count, **content}
