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
