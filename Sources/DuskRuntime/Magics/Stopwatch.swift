#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock and CPU clocks, read the way `%time` and `%timeit` need them.
public enum Stopwatch {
    /// Seconds on a monotonic clock (only differences are meaningful).
    public static func wallSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// User and system CPU seconds used so far by this process, all threads together.
    public static func cpuSeconds() -> (user: Double, system: Double) {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }

    /// The wall time of `number` calls of `body`, in seconds.
    public static func time(number: Int, _ body: () throws -> Void) rethrows -> Double {
        let start = wallSeconds()
        for _ in 0..<number { try body() }
        return wallSeconds() - start
    }

    /// The first power of ten (1, 10, 100, ...) whose loop lasts at least `minimum` seconds,
    /// as IPython's `%timeit` chooses it; at most 10^9.
    public static func autorange(minimum: Double = 0.2, _ body: () throws -> Void) rethrows -> Int {
        var number = 1
        for index in 0..<10 {
            number = power10(index)
            if try time(number: number, body) >= minimum { break }
        }
        return number
    }

    /// `repeat` measurements of `number` loops each: the total seconds of each (Python's `timeit.repeat`).
    public static func repeatTimes(repeat count: Int, number: Int, _ body: () throws -> Void) rethrows -> [Double] {
        var totals: [Double] = []
        totals.reserveCapacity(count)
        for _ in 0..<count { totals.append(try time(number: number, body)) }
        return totals
    }

    private static func power10(_ exponent: Int) -> Int {
        var value = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}

/// What `%timeit` measured: `repeat` runs of `loops` loops each.
public struct TimeitResult: Sendable, CustomStringConvertible {
    /// Loops per run.
    public var loops: Int
    /// The total seconds of each run.
    public var allRuns: [Double]
    /// Significant digits printed.
    public var precision: Int

    public init(loops: Int, allRuns: [Double], precision: Int = 3) {
        self.loops = loops
        self.allRuns = allRuns
        self.precision = precision
    }

    public var repeatCount: Int { allRuns.count }
    /// Seconds per loop in each run.
    public var timings: [Double] { allRuns.map { $0 / Double(max(loops, 1)) } }
    public var best: Double { timings.min() ?? 0 }
    public var worst: Double { timings.max() ?? 0 }
    public var average: Double { timings.isEmpty ? 0 : timings.reduce(0, +) / Double(timings.count) }
    /// Population standard deviation of the per-loop times.
    public var standardDeviation: Double {
        guard !timings.isEmpty else { return 0 }
        let mean = average
        return (timings.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(timings.count)).squareRoot()
    }

    /// `1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)`.
    public var description: String {
        let mean = TimeFormatting.duration(average, precision: precision)
        let std = TimeFormatting.duration(standardDeviation, precision: precision)
        let runs = repeatCount == 1 ? "1 run" : "\(repeatCount) runs"
        let loopText = "\(TimeFormatting.grouped(loops)) loop" + (loops == 1 ? "" : "s")
        return "\(mean) ± \(std) per loop (mean ± std. dev. of \(runs), \(loopText) each)"
    }

    /// IPython's caching warning, when the slowest run took over four times the fastest.
    public var cachingWarning: String? {
        let best = self.best, worst = self.worst
        guard worst > 4 * best, best > 0, worst > 1e-6 else { return nil }
        return "The slowest run took \(TimeFormatting.fixed(worst / best, digits: 2)) times longer than the fastest. "
            + "This could mean that an intermediate result is being cached."
    }
}
