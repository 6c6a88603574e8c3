import Foundation
import Testing
import DuskArray
@testable import DuskGraph

/// `from_array` hashes the array's contents for its name; Ctrl-C stops that hashing.
///
/// Runs in `scripts/test`'s interrupt pass (the request is process-wide).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["DUSK_INTERRUPT_TESTS"] != nil))
struct FromArrayInterruptTests {
    /// 24 MiB of float64: three checks' worth of bytes.
    let large: NDArray

    init() throws {
        large = try NDArray.ones([3 * KernelCancellation.slabElements])
    }

    @Test func aRequestStopsTheHashing() throws {
        KernelCancellation.request()
        defer { KernelCancellation.clear() }
        let error = #expect(throws: GraphError.self) { try LazyArray.fromArray(large, chunks: .uniform(1 << 20)) }
        #expect(error?.kind == "KeyboardInterrupt")
    }

    @Test func withoutARequestTheNameIsTheContentsToken() throws {
        KernelCancellation.clear()
        var stopping = TokenBuilder()
        #expect(large.tokenize(into: &stopping, stopsOnRequest: true))
        #expect(stopping.finalize() == TokenBuilder(large).finalize())
        let a = try LazyArray.fromArray(large, chunks: .uniform(1 << 20))
        let b = try LazyArray.fromArray(try large.copy(), chunks: .uniform(1 << 20))
        #expect(a.expr.name == b.expr.name)
    }
}
