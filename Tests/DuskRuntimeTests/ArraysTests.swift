import DuskRuntime
import DuskSyntax
import Foundation
import Testing

/// The array, lazy-array, delayed and scheduler bindings seen from a session: what the REPL
/// shows, Ctrl-C during a compute, and lazy results equal to eager ones on every scheduler.
@Suite struct ArraysTests {
    /// Runs `code` as a script in a fresh session; returns standard output and the errors.
    func run(_ code: String) -> (output: String, errors: [Diagnostic]) {
        let (sink, captured) = OutputSink.capture()
        let session = Session(argv: ["test.dsk"], output: sink)
        let result = session.runScript(SourceFile(name: "test.dsk", text: code), continueAfterErrors: true)
        return (captured.standardOutput, result.diagnostics)
    }

    @Test func replShowsTheSummaryTableAndChunkGrid() {
        let (sink, captured) = OutputSink.capture()
        let session = Session(interactive: true, output: sink)
        _ = session.runCell("import dask.array as da")
        _ = session.runCell("da.ones((4, 6), chunks=(2, 3))")
        let lines = captured.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "dusk.array<ones, shape=(4, 6), dtype=float64, chunksize=(2, 3), chunktype=ndarray>")
        // The summary table (DuskGraph's LazyArray.summary) beside the chunk grid.
        #expect(lines.contains { $0.hasPrefix("│ Bytes      │ 192 B  │ 48 B ") })
        #expect(lines.contains { $0.hasPrefix("│ Shape      │ (4, 6) │ (2, 3) ") })
        #expect(lines.contains { $0.hasPrefix("│ Dask graph │ 4 chunks in 1 graph layer │") })
        #expect(lines.contains { $0.hasPrefix("│ Data type  │ float64 ndarray ") })
        // Two block columns and two block rows: a grid with one inner line each way.
        #expect(lines.contains { $0.hasSuffix("├─────────────────┼─────────────────┤ 4") })
        #expect(lines.last?.trimmingCharacters(in: .whitespaces) == "6")
    }

    @Test func replShowsReprsOfArraysScalarsAndDelayed() {
        let (sink, captured) = OutputSink.capture()
        let session = Session(interactive: true, output: sink)
        _ = session.runCell("import numpy as np\nfrom dask import delayed")
        _ = session.runCell("np.ones(2)")
        _ = session.runCell("np.float64(3)")
        _ = session.runCell("def add(a, b):\n    return a + b\n")
        _ = session.runCell("delayed(add)")
        let lines = captured.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "array([1., 1.])")
        #expect(lines[1] == "np.float64(3.0)")
        #expect(lines[2].hasPrefix("Delayed('add-"))
    }

    /// The interrupt flag is process-wide and other tests run in parallel in this process, so
    /// this test runs only when asked: `DUSK_INTERRUPT_TESTS=1 swift test --filter ArraysTests`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["DUSK_INTERRUPT_TESTS"] != nil))
    func ctrlCCancelsARunningCompute() {
        // 64 blocks sleeping 0.1 s each on two workers: about 3 s unless cancelled.
        let code = """
            import time
            import dask.array as da
            def slow(block):
                time.sleep(0.1)
                return block
            x = da.ones((64,), chunks=1).map_blocks(slow, dtype=float)
            x.sum().compute(scheduler="threads", num_workers=2, progress=False)
            print("after")
            """
        let start = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { Interrupt.request() }
        let (output, errors) = run(code)
        let elapsed = Date().timeIntervalSince(start)
        Interrupt.reset()
        #expect(errors.count == 1)
        #expect(errors.first?.description.contains("KeyboardInterrupt") == true)
        #expect(output == "after\n")
        #expect(elapsed < 2.0)
    }

    /// Programs printing a lazy result and the same computed eagerly with NumPy.
    static let programs: [(lazy: String, eager: String)] = [
        ("(x + 1).sum(axis=0)", "(e + 1).sum(axis=0)"),
        ("np.sin(x) * x.T", "np.sin(e) * e.T"),
        ("x[1:, ::2] @ x[1:, ::2].T", "e[1:, ::2] @ e[1:, ::2].T"),
        ("x.mean(axis=1) - x.std()", "e.mean(axis=1) - e.std()"),
        ("da.where(x > 5, x, -x)", "np.where(e > 5, e, -e)"),
        ("da.concatenate([x, x[:2]], axis=0).sum(axis=1)", "np.concatenate([e, e[:2]], axis=0).sum(axis=1)"),
        ("x.map_blocks(lambda b: b * 2 + 1).argmax(axis=0)", "(e * 2 + 1).argmax(axis=0)"),
        ("x.rechunk((5, 1)).max(axis=0)", "e.max(axis=0)"),
        ("x.reshape((36,))[::5]", "e.reshape((36,))[::5]"),
    ]

    @Test(arguments: ["sync", "threads", "processes"])
    func lazyEqualsEagerOnEveryScheduler(_ scheduler: String) {
        for (lazy, eager) in Self.programs {
            let code = """
                import numpy as np
                import dask.array as da
                e = np.arange(36.0).reshape((6, 6))
                x = da.from_array(e, chunks=(4, 3))
                print(repr(np.asarray(\(eager))))
                print(repr((\(lazy)).compute(scheduler="\(scheduler)")))
                """
            let (output, errors) = run(code)
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(errors.isEmpty, "\(lazy): \(errors.map { $0.rendered() })")
            let half = lines.count / 2
            #expect(lines.count > 1 && lines[..<half].elementsEqual(lines[half..<(2 * half)]), "\(lazy) on \(scheduler):\n\(output)")
        }
    }
}
