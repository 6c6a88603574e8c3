"""jupyter_kernel_test's checks of the protocol, run against the installed `dusk` kernel."""

import unittest

import jupyter_kernel_test


class DuskKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "dusk"
    language_name = "dusk"
    file_extension = ".dsk"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'import sys\nprint("something went wrong", file=sys.stderr)'

    # The kernel starts with nothing imported: modules complete by their full names.
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "dask.array.from_ar", "matches": {"from_array"}},
        {"text": "%tim", "matches": {"time", "timeit"}},
    ]

    complete_code_samples = ["1 + 1", "x = 2", "print('a')", "if True:\n    x = 1\n\n", "%time 1 + 1", "%%timeit\nx = 1\n\n"]
    incomplete_code_samples = ["if True:", "x = (1,", "def f(x):\n    return x", "%%timeit\nx = 1", 'x = """abc']
    invalid_code_samples = ["x = )", "1 +", "def (x):"]

    code_inspect_sample = "dask.array.ones"
    code_page_something = "dask.array.ones?"
    code_clear_output = "from IPython.display import clear_output\nclear_output()"

    code_generate_error = "1 / 0"

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "x = 3*"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "x = 3\nx ** 2", "result": "9"},
        {"code": "import dask.array as da\nda.ones((4, 4), chunks=2)", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": "import dask.array as da\ndisplay(da.ones((4, 4), chunks=2))", "mime": "text/html"},
        {"code": "from IPython.display import SVG\nimport dask.array as da\n"
                 "display(SVG(da.ones((4, 4), chunks=2).to_svg()))", "mime": "image/svg+xml"},
    ]


if __name__ == "__main__":
    unittest.main()
