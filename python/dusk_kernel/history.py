"""The kernel's input history, answered to Jupyter's `history_request` as IPython answers it.

The history lives as long as the kernel (a Dusk process that is restarted after a crash
keeps it; a kernel restart starts afresh): one session, numbered 1, whose lines are the
execution counts of the cells run with `store_history`. With `output`, each entry carries
the `text/plain` of the cell's result, or None.
"""

from fnmatch import fnmatchcase

SESSION = 1


class History:
    def __init__(self):
        self.entries = []  # (line, input, output or None), in execution order

    def record(self, line, code, output):
        self.entries.append((line, code, output))

    def record_output(self, line, output):
        """Sets the result of the last entry, when it is that line's."""
        if self.entries and self.entries[-1][0] == line:
            self.entries[-1] = (line, self.entries[-1][1], output)

    def reply(self, hist_access_type, output=False, session=None, start=None, stop=None, n=None,
              pattern=None, unique=False):
        """The content of a `history_reply`."""
        if hist_access_type == "tail":
            chosen = self.entries[-n:] if n else list(self.entries)
        elif hist_access_type == "range":
            chosen = self._range(session, start, stop)
        elif hist_access_type == "search":
            chosen = self._search(pattern or "*", n, unique)
        else:
            return {"status": "error", "ename": "ValueError",
                    "evalue": f"unknown history access type {hist_access_type!r}", "traceback": [],
                    "history": []}
        return {"status": "ok",
                "history": [(SESSION, line, (code, result) if output else code)
                            for line, code, result in chosen]}

    def _range(self, session, start, stop):
        # Session 0 (or none) is the current one, as in IPython; there is no other.
        if session not in (None, 0, SESSION):
            return []
        start = 1 if start is None else start
        return [entry for entry in self.entries
                if entry[0] >= start and (stop is None or entry[0] < stop)]

    def _search(self, pattern, n, unique):
        # A glob on the whole input, as IPython's (SQLite's GLOB); the newest n matches.
        found = [entry for entry in self.entries if fnmatchcase(entry[1], pattern)]
        if unique:
            last = {}
            for entry in found:
                last[entry[1]] = entry
            found = sorted(last.values(), key=lambda entry: entry[0])
        return found[-n:] if n else found
