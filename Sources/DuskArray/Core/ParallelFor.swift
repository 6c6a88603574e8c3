import Dispatch

/// Runs `body(i)` for every `i` in `0..<iterations` on Dispatch's worker threads and
/// returns when all have finished; one iteration runs inline.
///
/// The body may capture unsafe pointers: each iteration must write memory no other
/// iteration reads or writes (the caller's invariant, as for any parallel kernel here).
/// Warnings go to the caller's sink.
func parallelFor(_ iterations: Int, _ body: (Int) -> Void) {
    if iterations <= 1 {
        if iterations == 1 { body(0) }
        return
    }
    let warnings = Warnings.current
    withoutActuallyEscaping(body) { escapable in
        let shared = UncheckedSendable(escapable)
        DispatchQueue.concurrentPerform(iterations: iterations) { i in
            Warnings.$current.withValue(warnings) { shared.value(i) }
        }
    }
}

/// A value handed to other threads under the caller's guarantee that they use it safely.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
