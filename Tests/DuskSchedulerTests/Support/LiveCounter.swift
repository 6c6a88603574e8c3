import DuskGraph
import Synchronization

/// Counts values alive at once: each `Token` is one live intermediate.
final class LiveCounter: Sendable {
    private let live = Atomic<Int>(0)
    private let peakValue = Atomic<Int>(0)

    /// The most tokens alive at any moment so far.
    var peak: Int { peakValue.load(ordering: .relaxed) }
    var current: Int { live.load(ordering: .relaxed) }

    /// A new live value wrapped for a task graph.
    func value(_ number: Int) -> TaskValue { .object(Token(number, counter: self)) }

    fileprivate func increment() {
        let now = live.add(1, ordering: .relaxed).newValue
        var seen = peakValue.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peakValue.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
    }

    fileprivate func decrement() { live.subtract(1, ordering: .relaxed) }
}

/// A value that registers itself with a `LiveCounter` while it exists.
final class Token: Sendable {
    let number: Int
    let counter: LiveCounter

    init(_ number: Int, counter: LiveCounter) {
        self.number = number
        self.counter = counter
        counter.increment()
    }

    deinit { counter.decrement() }
}

extension TaskValue {
    /// The number inside an `.object(Token)` or `.object(Int)` value.
    var number: Int {
        switch self {
        case .object(let token as Token): token.number
        case .object(let number as Int): number
        default: fatalError("not a number value: \(self)")
        }
    }
}
