import Foundation

/// The `time` namespace: clocks and an interruptible `sleep`.
enum TimeLibrary {
    static func install(_ r: inout Registry) {
        let ns = "time"
        r.addNamespace(ns, doc: "Clocks and sleeping (Python's time module).")
        r.register(in: ns, "sleep(secs, /)", doc: "Pauses this thread for secs seconds (other tasks keep running; Ctrl-C interrupts).") { args, _ in
            let seconds = try args.double(0)
            if seconds < 0 { throw DuskError(.valueError, "sleep length must be non-negative") }
            if !seconds.isFinite { throw DuskError(.overflowError, "sleep length is too large") }
            try sleep(seconds)
            return .none
        }
        r.register(in: ns, "time()", doc: "Seconds since the Unix epoch, as a float.") { _, _ in
            .float(Date().timeIntervalSince1970)
        }
        r.register(in: ns, "perf_counter()", doc: "A high-resolution clock for measuring durations, in seconds.") { _, _ in
            .float(monotonicSeconds())
        }
        r.register(in: ns, "monotonic()", doc: "A clock that never goes backwards, in seconds.") { _, _ in
            .float(monotonicSeconds())
        }
        r.register(in: ns, "perf_counter_ns()", doc: "perf_counter() in integer nanoseconds.") { _, _ in
            .int(Int(DispatchTime.now().uptimeNanoseconds))
        }
        r.register(in: ns, "time_ns()", doc: "time() in integer nanoseconds.") { _, _ in
            .int(Int(Date().timeIntervalSince1970 * 1e9))
        }
    }

    static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// Sleeps in short slices, holding no lock, checking the interrupt flag between slices.
    static func sleep(_ seconds: Double) throws {
        let deadline = monotonicSeconds() + seconds
        while true {
            try Interrupt.check()
            let remaining = deadline - monotonicSeconds()
            if remaining <= 0 { return }
            let slice = min(remaining, 0.02)
            var request = timespec(tv_sec: Int(slice), tv_nsec: Int((slice - Double(Int(slice))) * 1e9))
            var left = timespec()
            _ = nanosleep(&request, &left)
        }
    }
}
