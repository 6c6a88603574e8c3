import Testing
@testable import DuskArray

@Suite("Core: buffer pool")
struct CoreBufferPoolTests {
    @Test func releasedLargeBuffersAreReusedBySizeClass() throws {
        let pool = BufferPool(limit: 64 << 20)
        let size = 3 << 20
        let first = try pool.allocate(byteCount: size)
        first.storeBytes(of: 42, as: Int.self)
        pool.release(first, byteCount: size)
        let second = try pool.allocate(byteCount: size - 1000)
        #expect(second == first)
        #expect(pool.statistics.hits == 1 && pool.statistics.misses == 1)
        pool.release(second, byteCount: size - 1000)
        pool.drain()
        #expect(pool.statistics.idleBytes == 0)
    }

    @Test func idleMemoryStaysUnderTheLimitEvictingTheOldest() throws {
        let size = 1 << 20
        let pool = BufferPool(limit: 2 * size)
        let buffers = try (0..<3).map { _ in try pool.allocate(byteCount: size) }
        for buffer in buffers { pool.release(buffer, byteCount: size) }
        #expect(pool.statistics.idleBytes == 2 * size)
        #expect(pool.statistics.evictions == 1)
        // The most recently released buffer comes back first.
        #expect(try pool.allocate(byteCount: size) == buffers[2])
        pool.drain()
    }

    @Test func buffersAreAlignedAndSmallOnesBypassThePool() throws {
        let pool = BufferPool(limit: 1 << 30)
        for size in [1, 100, 4096, BufferPool.largeThreshold, 5 << 20] {
            let pointer = try pool.allocate(byteCount: size)
            #expect(UInt(bitPattern: pointer) % 64 == 0)
            pool.release(pointer, byteCount: size)
        }
        #expect(pool.statistics.misses == 2)
        pool.drain()
    }

    @Test func sizeClassesWasteAtMostAQuarter() {
        for size in [BufferPool.largeThreshold, 300_000, 1_000_000, 2 << 20, (5 << 20) + 1, 80_000_000] {
            let rounded = BufferPool.sizeClass(size)
            #expect(rounded >= size && Double(rounded) <= Double(size) * 1.25 + 4096)
        }
    }

    @Test func concurrentUseIsSafe() async throws {
        let pool = BufferPool(limit: 32 << 20)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for round in 0..<50 {
                        let size = (1 + (task + round) % 4) << 20
                        let buffer = try pool.allocate(byteCount: size)
                        buffer.storeBytes(of: round, as: Int.self)
                        pool.release(buffer, byteCount: size)
                    }
                }
            }
        }
        let statistics = pool.statistics
        #expect(statistics.hits + statistics.misses == 400)
        #expect(statistics.idleBytes <= 32 << 20)
        pool.drain()
    }

    @Test func warningsAreDedupedAcrossThreads() async {
        let warnings = Warnings()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { warnings.emit(.divideByZero, in: "divide") }
            }
        }
        #expect(warnings.drain() == ["RuntimeWarning: divide by zero encountered in divide"])
        #expect(warnings.drain().isEmpty)
    }
}
