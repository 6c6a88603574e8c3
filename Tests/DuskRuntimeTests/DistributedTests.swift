@testable import DuskArray
@testable import DuskRuntime
import Foundation
import Testing

/// Computes on a real Dask.distributed `LocalCluster` of two worker processes, started once
/// for the suite through `python/dusk_bridge` (needs `scripts/setup`'s pinned dask[distributed]).
///
/// The client is made with `set_as_default=False` and named in each compute, so suites running
/// beside this one keep the threaded scheduler.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct DistributedTests {
    /// One session holding `cluster` and `client` for every test of the suite.
    static let shared: TestSession = {
        let test = TestSession()
        test.run("""
            import dask.array as da
            import numpy as np
            from dask.distributed import LocalCluster, Client, get_task_stream
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0")
            client = Client(cluster, set_as_default=False)
            """)
        return test
    }()

    @Test func sumRunsOnBothWorkersUnderDusksOpNames() {
        let output = Self.shared.run("""
            with get_task_stream(client) as ts:
                # Without optimize_graph=False, constant folding computes this sum of ones while
                # optimizing, and the cluster gets one task holding the value.
                total = (da.ones((1000, 1000), chunks=500) + 1).sum().compute(scheduler=client, optimize_graph=False)
            print(total)
            print(len(set(r['worker'] for r in ts.data)))
            print(sorted(set(r['prefix'] for r in ts.data)))
            """)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "2000000.0", "\(output)\n\(Self.shared.output.standardError)")
        #expect(lines.dropFirst().first == "2", "chunks on both workers: \(output)")
        // Each output chunk's chain is one Dask task, named as Dask names fused keys.
        #expect(lines.last == "['ones-add-sum', 'sum-aggregate']", "\(output)")
    }

    @Test func chunkFetchedBackHasIdenticalBytes() throws {
        Self.shared.run("""
            a = da.random.random((600, 500), chunks=(200, 250)) * 3 - 1
            remote = a.blocks[1, 1].compute(scheduler=client)
            local = a.blocks[1, 1].compute(scheduler='sync')
            """)
        let remote = try #require(Self.shared.value("remote").flatMap(Self.array))
        let local = try #require(Self.shared.value("local").flatMap(Self.array))
        #expect(remote.shape == [200, 250] && remote.dtype == local.dtype)
        #expect(try Self.bytes(remote) == Self.bytes(local))
    }

    @Test func everyDtypeAndLayoutRoundTrips() {
        let output = Self.shared.run("""
            x = np.arange(24).reshape(4, 6)
            for dt in ['bool', 'int8', 'uint16', 'int32', 'int64', 'uint64', 'float32', 'float64']:
                d = da.from_array(x.astype(dt), chunks=(3, 4))
                ok = np.array_equal(d.T[1:, ::2].compute(scheduler=client), x.astype(dt).T[1:, ::2])
                print(dt, ok)
            """)
        #expect(!output.contains("False") && output.split(separator: "\n").count == 8,
                "\(output)\(Self.shared.output.standardError)")
    }

    @Test func zarrSourcesAreReadOnTheWorkers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dusk-cluster-zarr-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = Self.shared.run("""
            x = np.arange(10000, dtype='int32').reshape(100, 100)
            da.to_zarr(da.from_array(x, chunks=30), '\(folder)')
            z = da.from_zarr('\(folder)')
            print((z * 2).sum().compute(scheduler=client), (x * 2).sum())
            print(np.array_equal(z[10:70, 5:95].compute(scheduler=client), x[10:70, 5:95]))
            """)
        #expect(output == "99990000 99990000\nTrue\n", "\(output)\(Self.shared.output.standardError)")
    }

    @Test func dashboardLinkServesDasksDashboard() throws {
        guard case .str(let link)? = Self.shared.value("client.dashboard_link") else {
            Issue.record("no dashboard link: \(Self.shared.output.standardError)")
            return
        }
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sL", "--max-time", "20", link]
        let pipe = Pipe()
        curl.standardOutput = pipe
        try curl.run()
        let page = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        #expect(page.contains("Dask Diagnostic UI"), "\(link): \(page.prefix(300))")
    }

    @Test func clientPrintsAsDaskPrintsIt() {
        let output = Self.shared.run("print(repr(client)); print(repr(cluster))")
        #expect(output.hasPrefix("<Client: 'tcp://127.0.0.1:"), "\(output)")
        #expect(output.contains("processes=2 threads=2"), "\(output)")
        #expect(output.contains("LocalCluster("), "\(output)")
    }

    @Test func explicitClientLeavesTheDefaultScheduler() {
        #expect(Self.shared.run("import dask\nprint(dask.config.get('scheduler'))") == "threads\n")
    }

    // MARK: Dusk functions on the workers

    /// Functions defined in the session travel as their source and the values they use: globals
    /// (other functions too, and themselves), closures, defaults, built-in modules.
    @Test func delayedDuskFunctionsRunOnTheWorkers() {
        let output = Self.shared.run("""
            from dask import delayed
            def inc(x, step=1):
                return x + step
            scale = 10
            def helper(x):
                return inc(x) - 1
            def scaled(x):
                return helper(x) * scale
            def fib(n):
                return n if n < 2 else fib(n - 1) + fib(n - 2)
            def adder(k):
                return lambda v: v + k
            def norm(v):
                return float(np.sqrt((v * v).sum()))
            print(delayed(sum)([delayed(inc)(i) for i in range(5)]).compute(scheduler=client))
            print(delayed(scaled)(3).compute(scheduler=client), delayed(fib)(15).compute(scheduler=client))
            print(delayed(adder(5))(1).compute(scheduler=client), delayed(inc)(1, step=41).compute(scheduler=client))
            print(delayed(norm)(da.ones(16, chunks=4) * 3).compute(scheduler=client))
            """)
        #expect(output == "15\n30 610\n6 42\n12.0\n", "\(output)\(Self.shared.output.standardError)")
    }

    @Test func mapBlocksWithDuskFunctionsRunsOnTheWorkers() {
        let output = Self.shared.run("""
            x = da.arange(12, chunks=4)
            def shift(b, k, block_id=None):
                return b * k + block_id[0]
            print(x.map_blocks(shift, 2, dtype='int64').compute(scheduler=client).tolist())
            print(da.map_blocks(lambda b: b[::-1], x).compute(scheduler=client).tolist())
            """)
        #expect(output == "[0, 2, 4, 6, 9, 11, 13, 15, 18, 20, 22, 24]\n[3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8]\n",
                "\(output)\(Self.shared.output.standardError)")
    }

    /// An error inside a user function on a worker is the Dusk error, located in the function.
    @Test func errorsInDuskFunctionsOnWorkersNameTheirSource() {
        let text = Self.shared.error("""
            from dask import delayed
            def ratio(a, b):
                return a // b
            delayed(ratio)(1, 0).compute(scheduler=client)
            """, name: "ratio.dsk")
        // Located in the function, as a local compute's error is, with the task that ran it.
        #expect(text.hasPrefix("ratio.dsk:3:14: error: integer division or modulo by zero\n 3 |     return a // b\n"), "\(text)")
        #expect(text.contains("on the cluster at ratio.dsk:4:1\n  in ratio at ratio.dsk:3:14\n"), "\(text)")
    }

    /// What cannot leave the process is refused with a message naming it, before anything runs.
    @Test func unshippableValuesAreRefusedClearly() {
        let text = Self.shared.error("""
            from dask import delayed
            def uses_client(x):
                return client
            delayed(uses_client)(1).compute(scheduler=client)
            """)
        #expect(text.contains("error: cannot send the function 'uses_client' to the cluster: its global 'client' is a 'Client' value, which cannot leave this process"),
                "\(text)")
        let lazy = Self.shared.error("""
            y = da.ones(4, chunks=2)
            delayed(lambda v: v + y.sum())(1).compute(scheduler=client)
            """)
        #expect(lazy.contains("is a lazy array"), "\(lazy)")
    }

    /// Dusk's own block functions travel as a description of their kernel and parameters.
    @Test func orderStatisticsAndHistogramsRunOnTheWorkers() {
        let output = Self.shared.run("""
            m = da.random.random((40, 30), chunks=(10, 15))
            checks = [da.median(m, axis=0), da.nanmedian(m, axis=1, keepdims=True), da.quantile(m, [0.25, 0.5], axis=0),
                      da.percentile(m[:, 0], [10, 50, 90]), da.histogram(m, bins=5, range=(0, 1))[0]]
            print([bool(np.allclose(c.compute(scheduler=client), c.compute(scheduler='sync'))) for c in checks])
            """)
        #expect(output == "[True, True, True, True, True]\n", "\(output)\(Self.shared.output.standardError)")
    }

    // MARK: Futures

    @Test func submitMapGatherAndFuturesAsArguments() {
        let output = Self.shared.run("""
            def double(x):
                return 2 * x
            f = client.submit(double, 21)
            print(f.result(), f.key.startswith('double-'), f.status, f.done())
            g = client.submit(double, f)
            fs = client.map(double, range(5))
            print(g.result(), client.gather(fs), client.gather({'a': f, 'b': [g, 3]}))
            print(client.submit(double, 21).key == f.key, client.submit(double, 21, pure=False).key == f.key)
            s = client.scatter(np.arange(5.0))
            print(client.submit(np.sum, s).result(), client.gather(client.scatter([1, 'two'])))
            c = client.compute(da.arange(6, chunks=2) * 2)
            print(type(c).__name__, c.result().tolist(), client.compute([da.ones(3, chunks=2).sum()], sync=True))
            print(repr(f).startswith('<Future: finished'), repr(f).endswith('key: ' + f.key + '>'))
            """)
        #expect(output == """
            42 True finished True
            84 [0, 2, 4, 6, 8] {'a': 42, 'b': [84, 3]}
            True False
            10.0 [1, 'two']
            Future [0, 2, 4, 6, 8, 10] [np.float64(3.0)]
            True True

            """, "\(output)\(Self.shared.output.standardError)")
    }

    @Test func waitAsCompletedAndFailedFutures() {
        let output = Self.shared.run("""
            from dask.distributed import wait, as_completed
            import time
            def slow(x):
                time.sleep(0.4 * x)
                return x
            fs = client.map(slow, [5, 0], pure=False)
            print([f.result() for f in as_completed(fs)])
            done, not_done = wait(fs)
            print(len(done), len(not_done))
            print(sorted(r for _, r in as_completed(client.map(slow, [1, 0]), with_results=True)))
            late = client.submit(slow, 10, pure=False)
            try:
                wait([late], timeout=0.2)
            except TimeoutError:
                print('timeout')
            late.cancel()
            def broken(x):
                return x // 0
            bad = client.submit(broken, 1)
            wait([bad])
            print(bad.status, type(bad.exception()).__name__)
            try:
                bad.result()
            except ZeroDivisionError as e:
                print('raised', e)
            """)
        #expect(output == """
            [0, 5]
            2 0
            [0, 1]
            timeout
            error ZeroDivisionError
            raised integer division or modulo by zero

            """, "\(output)\(Self.shared.output.standardError)")
    }

    /// Persisted values stay on the workers; later computes read them there (a local scheduler
    /// fetches them).
    @Test func persistKeepsResultsOnTheWorkers() {
        let output = Self.shared.run("""
            from dask import delayed
            from dask.distributed import progress
            y = client.persist(da.arange(12, chunks=4) * 2)
            print(y.chunks, (y + 1).sum().compute(scheduler=client), y.compute(scheduler=client).tolist())
            print(y[5:].compute(scheduler='threads').tolist())
            p = delayed(lambda v: v * 3)(5).persist(scheduler=client)
            print(p.compute(scheduler=client), client.persist([p])[0].compute(scheduler=client))
            progress(client.map(lambda v: v + 1, range(4)))
            """)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(3) == ["((4, 4, 4),) 144 [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]",
                                    "[10, 12, 14, 16, 18, 20, 22]", "15 15"], "\(output)\(Self.shared.output.standardError)")
        #expect(lines.count == 5 && lines[3].hasPrefix("[########################################] | 100% Completed |"),
                "\(output)")
    }

    static func array(_ value: Value) -> NDArray? {
        if case .object(let object as NDArrayObject) = value { return object.array }
        return nil
    }

    static func bytes(_ array: NDArray) throws -> [UInt8] {
        let contiguous = array.isContiguous ? array : try array.copy()
        let start = UnsafeRawPointer(contiguous.storage.base) + contiguous.offset * contiguous.dtype.itemSize
        return Array(UnsafeRawBufferPointer(start: start, count: contiguous.nbytes))
    }
}
