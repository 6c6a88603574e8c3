"""Notebooks run headless with `jupyter nbconvert --execute` on the Dusk kernel: the
tutorial runs through, and a notebook with a failing cell makes the command fail."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

REPOSITORY = os.environ.get("DUSK_REPOSITORY", os.path.join(os.path.dirname(__file__), "..", ".."))


def execute(notebook, timeout=600):
    """Runs `jupyter nbconvert --to notebook --execute` on a copy of the notebook in a folder of
    its own (the files it writes go there); returns (completed process, output notebook)."""
    folder = tempfile.mkdtemp()
    copy = shutil.copy(notebook, folder)
    out = os.path.join(folder, "out")
    process = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=300", "--output-dir", out, copy],
        capture_output=True, text=True, timeout=timeout, cwd=folder)
    path = os.path.join(out, os.path.basename(notebook))
    executed = None
    if os.path.exists(path):
        with open(path, encoding="utf-8") as file:
            executed = json.load(file)
    return process, executed


def outputs_of(cell):
    return cell.get("outputs", [])


class NotebookTests(unittest.TestCase):
    def test_tutorial_runs_headless(self):
        process, notebook = execute(os.path.join(REPOSITORY, "examples", "tutorial.ipynb"))
        self.assertEqual(process.returncode, 0, process.stderr[-3000:])
        code_cells = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
        for cell in code_cells:
            if "raises-exception" in cell["metadata"].get("tags", []):
                continue
            for output in outputs_of(cell):
                self.assertNotEqual(output["output_type"], "error", "".join(cell["source"]))

        def cell_with(text):
            return next(cell for cell in code_cells if text in "".join(cell["source"]))

        def text(value):
            return "".join(value) if isinstance(value, list) else value

        # Values, streams, rich summaries and timings show where the tutorial has them.
        self.assertEqual(text(outputs_of(cell_with("# returns 3"))[0]["data"]["text/plain"]), "3")
        self.assertEqual(text(outputs_of(cell_with("print(a)"))[0]["text"]), "3\n")
        summary = outputs_of(cell_with("im_da = da.ones((10000, 10000)"))[0]["data"]
        self.assertIn("<svg", text(summary["text/html"]))
        self.assertIn("100 chunks in 1 graph layer", text(summary["text/html"]))
        computed = text(outputs_of(cell_with("im_da_result[:5, :5].compute()"))[0]["data"]["text/plain"])
        self.assertTrue(computed.startswith("array([[0.84147098"), computed)
        for source in ("delayed_result.visualize(", "dask.visualize(im_da_normalized"):
            self.assertIn("<svg", text(outputs_of(cell_with(source))[-1]["data"]["image/svg+xml"]))
        error = outputs_of(cell_with("im_zarr * 2"))[0]
        self.assertEqual((error["output_type"], error["ename"]), ("error", "TypeError"))
        zarr_summary = text(outputs_of(cell_with("im_da = da.from_zarr(im_zarr)"))[0]["data"]["text/html"])
        self.assertIn("100 chunks in 2 graph layers", zarr_summary)
        self.assertIn("int32 ndarray", zarr_summary)
        # The tutorial's 8 TB cube: folded to one value while optimizing, so it runs as written.
        cube = outputs_of(cell_with("da.ones([10000] * 3, chunks=[2000] * 3).T.sum().compute()"))
        self.assertEqual(text(cube[-1]["data"]["text/plain"]), "np.float64(1000000000000.0)")
        plan = "".join(text(o.get("text", "")) for o in outputs_of(cell_with("explain(da.ones([10000] * 3")))
        self.assertIn("sum-aggregate () is full of 1000000000000.0: computed once", plan)
        self.assertIn("2 tasks, reading 8 B of inputs", plan)
        for cell in code_cells:
            if "".join(cell["source"]).startswith("%%timeit"):
                self.assertIn("per loop", "".join(text(o.get("text", "")) for o in outputs_of(cell)))

    def test_broken_notebook_fails(self):
        process, _ = execute(os.path.join(os.path.dirname(__file__), "notebooks", "broken.ipynb"))
        self.assertNotEqual(process.returncode, 0)
        self.assertIn("CellExecutionError", process.stderr)
        self.assertIn("In[2]:1:9: error: name 'undefined_name' is not defined", process.stderr)


if __name__ == "__main__":
    unittest.main()
