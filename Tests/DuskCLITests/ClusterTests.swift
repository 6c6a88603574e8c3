import Foundation
import Testing

/// Dusk on a real Dask.distributed cluster, as a user meets it in the REPL: a task's error with
/// the worker's traceback, Ctrl-C during a long kernel, a kernel that crashes its worker, and
/// workers that lack `dusk_bridge`. Faults are injected into the workers' kernel library with
/// `DUSK_KERNELS_FAULT` (see `Sources/DuskKernels/FaultInjection.swift`).
@Suite(.serialized, .timeLimit(.minutes(5)))
struct ClusterTests {
    @Test func errorsCtrlCAndACrashingWorkerInTheREPL() throws {
        let terminal = try PseudoTerminal(environment: ["DUSK_KERNELS_FAULT": "error:sin,slow:neg,trap:cos"])
        #expect(terminal.waitFor(">>> "))
        var mark = terminal.mark()
        terminal.type("import time, dask.array as da\r")
        terminal.type("from dask.distributed import LocalCluster, Client\r")
        terminal.type("client = Client(LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=':0'))\r")
        terminal.type("print('ready')\r")
        try #require(terminal.waitFor("\nready\n>>> ", after: mark, timeout: 180), "\(terminal.plainOutput)")

        // A Dusk error in a task: its message, where the expression was written, the worker's traceback.
        mark = terminal.mark()
        terminal.type("x = da.arange(4.0, chunks=2)\r")
        terminal.type("da.sin(x).sum().compute()\r")
        #expect(terminal.waitFor("Python traceback", after: mark, timeout: 60), "\(terminal.plainOutput)")
        #expect(terminal.waitFor("\n>>> ", after: mark, timeout: 10))
        let errorText = String(decoding: terminal.plainOutput.utf8.dropFirst(mark), as: UTF8.self)
        #expect(errorText.contains("injected fault in task ('sum-"), "\(errorText)")  // sin, fused into the chunk's sum
        #expect(errorText.contains("on the cluster at"), "\(errorText)")

        // Ctrl-C during a 20 s kernel: the prompt within 2 s, the workers idle within 2 s.
        mark = terminal.mark()
        terminal.type("(-x).sum().compute()\r")
        usleep(3_000_000)
        let interrupted = Date()
        terminal.type("\u{3}")
        #expect(terminal.waitFor("KeyboardInterrupt", after: mark, timeout: 10), "\(terminal.plainOutput)")
        #expect(terminal.waitFor(">>> ", after: mark, timeout: 10))
        let promptAfter = Date().timeIntervalSince(interrupted)
        #expect(promptAfter < 2, "prompt after \(promptAfter) s")
        mark = terminal.mark()
        terminal.type("t = time.time()\r")
        terminal.type("while any(len(v) for v in client.processing().values()) and time.time() - t < 10: time.sleep(0.05)\r\r")
        terminal.type("print('idle', time.time() - t < 2)\r")
        #expect(terminal.waitFor("idle True", after: mark, timeout: 30), "\(terminal.plainOutput)")

        // A kernel that traps kills its worker: a Dusk error within 30 s, and the cluster works after.
        mark = terminal.mark()
        let trapped = Date()
        terminal.type("da.cos(x).sum().compute()\r")
        #expect(terminal.waitFor("a Dask worker died while running task", after: mark, timeout: 30), "\(terminal.plainOutput)")
        #expect(Date().timeIntervalSince(trapped) < 30)
        mark = terminal.mark()
        terminal.type("(x + 1).sum().compute()\r")
        #expect(terminal.waitFor("np.float64(10.0)\n>>> ", after: mark, timeout: 120), "\(terminal.plainOutput)")

        // Ctrl-C while waiting for a future: the prompt within 2 s; the future itself goes on.
        mark = terminal.mark()
        terminal.type("f = client.submit(lambda s: time.sleep(s) or s, 20)\r")
        terminal.type("f.result()\r")
        usleep(2_000_000)
        let waiting = Date()
        terminal.type("\u{3}")
        #expect(terminal.waitFor("KeyboardInterrupt", after: mark, timeout: 10), "\(terminal.plainOutput)")
        #expect(terminal.waitFor(">>> ", after: mark, timeout: 10))
        #expect(Date().timeIntervalSince(waiting) < 2, "prompt after \(Date().timeIntervalSince(waiting)) s")
        mark = terminal.mark()
        terminal.type("print(f.status)\r")
        #expect(terminal.waitFor("pending\n>>> ", after: mark, timeout: 10), "\(terminal.plainOutput)")
        terminal.type("\u{4}")
        #expect(terminal.waitForExit(timeout: 30) == 0)
    }

    @Test func workersWithoutTheBridgeAreReportedWithinTenSeconds() throws {
        let port = 20_000 + Int(getpid() % 20_000)
        let scheduler = try Self.python(["-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                         "--port", "\(port)", "--dashboard-address", ":0"])
        // A worker on which `import dusk_bridge` fails, as on a machine without the package.
        let worker = try Self.python(["-c", """
            import sys
            sys.modules['dusk_bridge'] = None
            sys.argv = ['dask-worker', 'tcp://127.0.0.1:\(port)', '--nthreads', '1', '--no-dashboard', '--no-nanny']
            from distributed.cli.dask_worker import main
            main()
            """])
        defer {
            // SIGKILL: Dask's command-line scheduler may linger on SIGTERM.
            kill(worker.processIdentifier, SIGKILL)
            kill(scheduler.processIdentifier, SIGKILL)
            worker.waitUntilExit()
            scheduler.waitUntilExit()
        }
        let script = """
            import time
            import dask.array as da
            from dask.distributed import Client
            t = time.time()
            try:
                client = Client('tcp://127.0.0.1:\(port)')
                client.wait_for_workers(1, timeout=60)
                t = time.time()
                (da.arange(4, chunks=2) + 1).sum().compute()
            except RuntimeError as error:
                print(error)
            print('within 10 s:', time.time() - t < 10)
            """
        let result = try DuskProcess.run(["-c", script], timeout: 120)
        #expect(result.stdout.contains("these Dask workers cannot run Dusk tasks"), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("dusk_bridge is not installed"), "\(result.stdout)")
        #expect(result.stdout.contains("within 10 s: True"), "\(result.stdout)")
    }

    /// Starts `python3 arguments...` with its output discarded.
    static func python(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
