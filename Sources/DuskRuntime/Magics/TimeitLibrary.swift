/// `timeit` for programs: Python's `timeit.timeit` and `timeit.repeat` over a callable.
///
/// - `timeit.timeit(stmt, number=1000000)`: total seconds of `number` calls of `stmt`, a float.
/// - `timeit.repeat(stmt, repeat=5, number=1000000)`: a list of `repeat` such totals.
/// - The global `timeit(stmt, number=1000000, repeat=None)`: `timeit.timeit` without
///   `repeat`, `timeit.repeat` with it. It also carries the namespace's functions as
///   attributes, so `timeit.repeat(...)` works with or without `import timeit`.
///
/// Defaults are Python's; pass a small `number` for anything that computes arrays.
/// `stmt` must be callable (`lambda: x.sum().compute()`); Ctrl-C stops the loop.
public enum TimeitLibrary {
    public static func install(_ registry: inout Registry) {
        let namespace = "timeit"
        registry.addNamespace(namespace, doc: "Timing small pieces of code (Python's timeit, over callables).")
        let single = registry.register(
            in: namespace, "timeit(stmt, number=1000000)",
            doc: "Total seconds of number calls of stmt (a callable), as a float."
        ) { args, context in
            let number = try count(args, 1, "number")
            return .float(try measure(args[0], number: number, context: context))
        }
        let repeated = registry.register(
            in: namespace, "repeat(stmt, repeat=5, number=1000000)",
            doc: "A list of repeat totals, each the seconds of number calls of stmt (a callable)."
        ) { args, context in
            let repeatCount = try count(args, 1, "repeat")
            let number = try count(args, 2, "number")
            var totals: [Value] = []
            for _ in 0..<repeatCount { totals.append(.float(try measure(args[0], number: number, context: context))) }
            return .makeList(totals)
        }
        let timer = Builtin("default_timer()", module: namespace, doc: "The clock timeit uses: seconds on a monotonic clock.") { _, _ in
            .float(Stopwatch.wallSeconds())
        }
        registry.setValue(.builtin(timer), named: "default_timer", in: namespace)

        let global = Builtin(
            "timeit(stmt, number=1000000, repeat=None)",
            doc: "Seconds for number calls of stmt (a callable); with repeat=R, a list of R such totals (timeit.repeat)."
        ) { args, context in
            let number = try count(args, 1, "number")
            guard args.given(2) else { return .float(try measure(args[0], number: number, context: context)) }
            let repeatCount = try count(args, 2, "repeat")
            var totals: [Value] = []
            for _ in 0..<repeatCount { totals.append(.float(try measure(args[0], number: number, context: context))) }
            return .makeList(totals)
        }
        let function = TimeitFunction(function: global, members: [
            ("timeit", .builtin(single)), ("repeat", .builtin(repeated)), ("default_timer", .builtin(timer)),
        ])
        registry.setValue(.object(function), named: "timeit", global: true)
    }

    /// Seconds for `number` calls of `callee`, checking for Ctrl-C between calls.
    static func measure(_ callee: Value, number: Int, context: ExecutionContext) throws -> Double {
        if case .str = callee {
            throw DuskError(.typeError, "timeit() stmt must be a callable such as 'lambda: f(x)', not a string of code")
        }
        let start = Stopwatch.wallSeconds()
        for _ in 0..<number {
            try Interrupt.check()
            _ = try context.call(callee, Arguments())
        }
        return Stopwatch.wallSeconds() - start
    }

    private static func count(_ args: Args, _ index: Int, _ name: String) throws -> Int {
        let value = try args.int(index)
        if value < 0 { throw DuskError(.valueError, "timeit() \(name) must be non-negative, not \(value)") }
        return value
    }
}

/// The global `timeit`: callable, with the `timeit` namespace's functions as attributes.
final class TimeitFunction: RuntimeObject {
    let function: Builtin
    let members: [(String, Value)]

    init(function: Builtin, members: [(String, Value)]) {
        self.function = function
        self.members = members
    }

    var typeName: String { "builtin_function_or_method" }
    var repr: String { "<built-in function timeit>" }
    var doc: String? { function.doc }
    var callSignature: Signature? { function.signature }
    var attributeNames: [String] { members.map(\.0) }

    func call(_ arguments: Arguments, context: ExecutionContext) throws -> Value? {
        try function.invoke(arguments, context: context)
    }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        members.first { $0.0 == name }?.1
    }
}
