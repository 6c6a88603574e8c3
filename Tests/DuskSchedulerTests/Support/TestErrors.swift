import Foundation
import Synchronization

/// The error tasks throw in failure tests.
struct Boom: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Seconds since some fixed point, for timing.
func now() -> Double { Date.timeIntervalSinceReferenceDate }

/// Counts tasks that started, finished, and are running now.
final class ActivityCounter: Sendable {
    let started = Atomic<Int>(0)
    let running = Atomic<Int>(0)

    func enter() {
        started.add(1, ordering: .relaxed)
        running.add(1, ordering: .relaxed)
    }

    func leave() { running.subtract(1, ordering: .relaxed) }

    var startedCount: Int { started.load(ordering: .relaxed) }
    var runningCount: Int { running.load(ordering: .relaxed) }
}

/// A moment recorded by one thread and read by another.
final class TimeStamp: Sendable {
    private let bits = Atomic<UInt64>(0)

    func record() { bits.store(now().bitPattern, ordering: .releasing) }
    var seconds: Double { Double(bitPattern: bits.load(ordering: .acquiring)) }
}
