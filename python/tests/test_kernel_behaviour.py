"""The Dusk kernel as a notebook user meets it: output while a cell runs, interrupt,
a crash of the Dusk process, restart, rich output, completion positions, the progress bar."""

import os
import signal
import tempfile
import time
import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 30


def dusk_children(kernel_pid):
    """Pids of the processes whose parent is the kernel (its Dusk process)."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == kernel_pid:
            children.append(int(entry))
    return children


class KernelSession(unittest.TestCase):
    """One kernel per test class, with helpers that collect a cell's messages."""

    @classmethod
    def setUpClass(cls):
        # In a folder of its own: pictures are written where the kernel runs.
        cls.folder = tempfile.mkdtemp()
        cls.km, cls.kc = start_new_kernel(kernel_name="dusk", startup_timeout=60, cwd=cls.folder)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def start(self, code):
        """Sends a cell; returns its message id."""
        self.flush()
        return self.kc.execute(code)

    def flush(self):
        for channel in (self.kc.get_iopub_msg, self.kc.get_shell_msg):
            while True:
                try:
                    channel(timeout=0.05)
                except Exception:
                    break

    def ask(self, request, *args):
        """Sends a shell request (complete, inspect...); returns its reply's content."""
        self.flush()
        msg_id = request(*args)
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def finish(self, msg_id, timeout=TIMEOUT, on_output=None):
        """Waits for the reply and the cell's outputs up to its idle status.
        Returns (reply content, [(seconds since call, msg type, content)])."""
        began = time.monotonic()
        outputs = []
        deadline = began + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "status" and msg["content"]["execution_state"] == "idle":
                break
            if kind in ("status", "execute_input"):
                continue
            outputs.append((time.monotonic() - began, kind, msg["content"]))
            if on_output:
                on_output(kind, msg["content"])
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], outputs

    def run_cell(self, code, timeout=TIMEOUT):
        return self.finish(self.start(code), timeout)

    def result_text(self, code):
        reply, outputs = self.run_cell(code)
        self.assertEqual(reply["status"], "ok", outputs)
        results = [content for _, kind, content in outputs if kind == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        return results[0]["data"]["text/plain"]


class OutputTests(KernelSession):
    def test_first_line_streams_while_the_cell_runs(self):
        self.run_cell("import time")
        reply, outputs = self.run_cell('print("first")\ntime.sleep(3)\nprint("second")')
        self.assertEqual(reply["status"], "ok")
        streams = [(at, content["text"]) for at, kind, content in outputs if kind == "stream"]
        self.assertEqual("".join(text for _, text in streams), "first\nsecond\n")
        self.assertLess(streams[0][0], 1.0, "the first line arrived at the end, not while the cell ran")
        self.assertGreater(streams[-1][0], 2.5)

    def test_only_the_last_expression_is_shown(self):
        reply, outputs = self.run_cell("1 + 1\n2 + 2")
        results = [content["data"]["text/plain"] for _, kind, content in outputs if kind == "execute_result"]
        self.assertEqual(results, ["4"])
        reply, outputs = self.run_cell("y = 5")
        self.assertEqual([kind for _, kind, _ in outputs], [])

    def test_lazy_array_shows_dasks_html_summary(self):
        reply, outputs = self.run_cell("import dask.array as da\nda.ones((10000, 10000), chunks=(1000, 1000))")
        data = [content["data"] for _, kind, content in outputs if kind == "execute_result"][0]
        self.assertIn("<th> Dask graph </th>", data["text/html"])
        self.assertIn("100 chunks in 1 graph layer", data["text/html"])
        self.assertIn('<svg width="170" height="170"', data["text/html"])
        self.assertTrue(data["text/plain"].startswith("dusk.array<ones, shape=(10000, 10000)"))

    def test_visualize_shows_the_graph_as_svg(self):
        reply, outputs = self.run_cell("import dask.array as da\nda.ones((4, 4), chunks=2).sum().visualize()")
        self.assertEqual(reply["status"], "ok", outputs)
        data = [content["data"] for _, kind, content in outputs if kind == "execute_result"][0]
        self.assertIn("<svg", data["image/svg+xml"])
        self.assertIn("sum", data["image/svg+xml"])
        self.assertTrue(os.path.exists(os.path.join(self.folder, "mydask.png")))

    def test_explain_prints_preformatted_text(self):
        reply, outputs = self.run_cell("import dask.array as da\nexplain(da.ones((4, 4), chunks=2).sum())")
        self.assertEqual(reply["status"], "ok", outputs)
        self.assertEqual({kind for _, kind, _ in outputs}, {"stream"})
        text = "".join(content["text"] for _, _, content in outputs)
        self.assertIn("sum", text)
        self.assertGreater(text.count("\n"), 3)

    def test_error_shows_location_and_caret(self):
        reply, outputs = self.run_cell("def f(x):\n    return x / 0\nf(1)")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "ZeroDivisionError")
        errors = [content for _, kind, content in outputs if kind == "error"]
        self.assertEqual(len(errors), 1)
        traceback = "\n".join(errors[0]["traceback"])
        self.assertRegex(traceback, r"In\[\d+\]:2:14: error: division by zero")
        self.assertIn("^", traceback)
        self.assertIn("in f at", traceback)

    def test_magics(self):
        reply, outputs = self.run_cell("%time 6 * 7")
        texts = "".join(content.get("text", "") for _, kind, content in outputs if kind == "stream")
        self.assertIn("Wall time:", texts)
        self.assertIn("42", [c["data"]["text/plain"] for _, k, c in outputs if k == "execute_result"])
        reply, outputs = self.run_cell("%%timeit -n 2 -r 2\nx = 1 + 1")
        self.assertEqual(reply["status"], "ok")
        texts = "".join(content.get("text", "") for _, kind, content in outputs if kind == "stream")
        self.assertIn("per loop (mean ± std. dev. of 2 runs, 2 loops each)", texts)
        self.run_cell("who_a = 1\nwho_b = 'b'")
        reply, outputs = self.run_cell("%who")
        texts = "".join(content.get("text", "") for _, kind, content in outputs if kind == "stream")
        self.assertIn("who_a\t who_b\t", texts)

    def test_progress_bar_updates_one_display_in_place(self):
        self.run_cell("import time\nimport dask\nfrom dask import delayed\n"
                      "def slow(i):\n    time.sleep(0.3)\n    return i\n")
        reply, outputs = self.run_cell("sum(dask.compute(*[delayed(slow)(i) for i in range(8)], scheduler='sync'))")
        self.assertEqual(reply["status"], "ok")
        displays = [(kind, content) for _, kind, content in outputs if kind in ("display_data", "update_display_data")]
        self.assertGreaterEqual(len(displays), 2, outputs)
        self.assertEqual(displays[0][0], "display_data")
        display_id = displays[0][1]["transient"]["display_id"]
        for kind, content in displays[1:]:
            self.assertEqual(kind, "update_display_data")
            self.assertEqual(content["transient"]["display_id"], display_id)
        bars = [content["data"]["text/plain"] for _, content in displays[:-1]]
        self.assertTrue(all("% Completed |" in bar for bar in bars), bars)
        # Gone at the end, as the terminal's bar is erased.
        self.assertEqual(displays[-1][1]["data"]["text/plain"], "")
        self.assertEqual([c["data"]["text/plain"] for _, k, c in outputs if k == "execute_result"], ["28"])


class CompletionTests(KernelSession):
    def test_positions_count_code_points(self):
        self.run_cell("import dask.array as da")
        code = 'name = "naïve 🙂"\nda.from_ar'
        reply = self.ask(self.kc.complete, code, len(code))
        self.assertEqual(reply["matches"], ["from_array"])
        self.assertEqual(reply["cursor_end"], len(code))
        self.assertEqual(reply["cursor_start"], len(code) - len("from_ar"))

    def test_keyword_arguments_and_inspection(self):
        self.run_cell("import dask.array as da")
        code = "da.ones((3, 3), chu"
        self.assertIn("chunks=", self.ask(self.kc.complete, code, len(code))["matches"])
        code = "da.ones((3, 3), "
        reply = self.ask(self.kc.inspect, code, len(code))
        self.assertTrue(reply["found"])
        self.assertTrue(reply["data"]["text/plain"].startswith("ones(shape"), reply)


class InterruptTests(KernelSession):
    def test_interrupt_stops_a_sleep_and_keeps_variables(self):
        self.run_cell("import time\nkept = 41")
        msg_id = self.start("time.sleep(30)")
        time.sleep(1)
        began = time.monotonic()
        self.km.interrupt_kernel()
        reply, outputs = self.finish(msg_id, timeout=10)
        self.assertLess(time.monotonic() - began, 3.0)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        self.assertEqual(self.result_text("kept + 1"), "42")

    def test_interrupt_stops_a_compute(self):
        self.run_cell("import dask.array as da\nx = da.random.random((8000, 8000), chunks=(1000, 1000))")
        msg_id = self.start("(x @ x.T).sum().compute()")
        time.sleep(1)
        began = time.monotonic()
        self.km.interrupt_kernel()
        reply, _ = self.finish(msg_id, timeout=10)
        # The bound for the Stop button on a running compute.
        self.assertLess(time.monotonic() - began, 2.0)
        self.assertEqual(reply["ename"], "KeyboardInterrupt")
        self.assertEqual(self.result_text("x.shape"), "(8000, 8000)")


class CrashTests(KernelSession):
    def test_crash_is_reported_and_the_next_cell_runs(self):
        self.run_cell("import time\nlost = 1")
        kernel_pid = self.km.provisioner.process.pid
        [dusk] = dusk_children(kernel_pid)
        msg_id = self.start("time.sleep(30)")
        time.sleep(1)
        # What the kernel sees when the system kills Dusk (out of memory) or Dusk crashes.
        os.kill(dusk, signal.SIGKILL)
        reply, outputs = self.finish(msg_id, timeout=10)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "DuskProcessDied")
        errors = [content for _, kind, content in outputs if kind == "error"]
        self.assertEqual(len(errors), 1)
        self.assertIn("was killed by SIGKILL", errors[0]["traceback"][0])
        self.assertIn("A new Dusk process has started", errors[0]["traceback"][-1])
        self.assertEqual(self.result_text("2 + 2"), "4")
        reply, _ = self.run_cell("lost")
        self.assertEqual(reply["ename"], "NameError")
        self.assertNotIn(dusk, dusk_children(kernel_pid))
        # The history belongs to the kernel: the cells before the crash are in it, with results.
        history = self.ask(lambda: self.kc.history(output=True, hist_access_type="tail", n=5))["history"]
        self.assertEqual([entry[2] for entry in history][-4:],
                         [["import time\nlost = 1", None], ["time.sleep(30)", None], ["2 + 2", "4"], ["lost", None]])

    def test_exit_is_reported_and_the_next_cell_runs(self):
        reply, outputs = self.run_cell("exit(3)")
        self.assertEqual(reply["ename"], "DuskProcessDied")
        self.assertIn("exited with status 3", reply["traceback"][0])
        self.assertEqual(self.result_text("5 * 5"), "25")


class RestartTests(KernelSession):
    def test_restart_clears_state(self):
        self.assertEqual(self.result_text("before = 7\nbefore"), "7")
        kernel_pid = self.km.provisioner.process.pid
        old_dusk = dusk_children(kernel_pid)
        self.km.restart_kernel(now=False)
        self.kc.wait_for_ready(timeout=60)
        reply, _ = self.run_cell("before")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "NameError")
        history = self.ask(lambda: self.kc.history(hist_access_type="tail", n=10))["history"]
        self.assertEqual([entry[2] for entry in history], ["before"])
        for pid in old_dusk:
            self.assertFalse(os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().split()[2] != "Z",
                             "the old Dusk process is still running")


if __name__ == "__main__":
    unittest.main()
