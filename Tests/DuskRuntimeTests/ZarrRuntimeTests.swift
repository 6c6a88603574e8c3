import DuskRuntime
import Foundation
import Testing

/// Zarr through the language: failures while computing name the chunk file and the task,
/// and a write interrupted by a failing task leaves every chunk whole.
@Suite struct ZarrRuntimeTests {
    private func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "dusk-zarr-runtime-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aCorruptChunkNamesItsFileAndTask() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = TestSession()
        session.run("""
            import numpy as np
            import zarr
            z = zarr.open('\(directory)/a.zarr', mode='w', shape=(6, 4), chunks=(2, 2), dtype='i4')
            z[:] = np.arange(24).reshape(6, 4)
            """)
        try Data([1, 2, 3, 4, 5]).write(to: URL(fileURLWithPath: directory + "/a.zarr/c/1/0"))
        let error = session.error("""
            import dask.array as da
            x = da.from_zarr('\(directory)/a.zarr')
            total = x.sum().compute()
            """)
        #expect(error.contains("\(directory)/a.zarr/c/1/0: not a valid zstd stream (5 bytes)"), "\(error)")
        #expect(error.contains("('from-zarr-"), "\(error)")
        #expect(error.contains(", 1, 0)"), "\(error)")
        #expect(error.contains("test.dsk:3:"), "\(error)")
        // The other chunks still read, eagerly and lazily.
        #expect(session.run("print(z[:2], x[4:, 2:].sum().compute())") == "[[0 1 2 3]\n [4 5 6 7]] 82\n")
    }

    @Test func aFailedTaskLeavesEveryChunkWhole() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = TestSession()
        let error = session.error("""
            import numpy as np
            import dask.array as da
            import zarr
            z = zarr.open('\(directory)/b.zarr', mode='w', shape=(12,), chunks=(2,), dtype='i4')
            z[:] = np.arange(12)
            def tenfold(block, block_id=None):
                if block_id[0] == 3:
                    raise ValueError('task failed')
                return block * 10
            da.from_zarr(z).map_blocks(tenfold, dtype='i4').to_zarr(z)
            """)
        #expect(error.contains("task failed"))
        // Each chunk holds its old values or its new ones, never a mixture or garbage.
        let output = session.run("""
            import os
            values = z[:]
            print(all(v == i or v == 10 * i for i, v in enumerate(values.tolist())), values[6], values[7])
            print(len([name for name in os.listdir('\(directory)/b.zarr/c') if name.startswith('.')]))
            """)
        #expect(output == "True 6 7\n0\n", "\(output)")
    }
}
