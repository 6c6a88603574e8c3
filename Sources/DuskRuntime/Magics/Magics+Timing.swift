import DuskSyntax

/// `%time`, `%%time`, `%timeit` and `%%timeit`.
extension Magics {
    /// `%time STMT`: runs once, prints CPU and wall times, then the value of an expression.
    static func timeLine(_ command: MagicCommand, _ session: Session) throws {
        let statement = command.arguments
        guard !statement.allSatisfy(\.isWhitespace) else {
            throw DuskError(.usageError, "%time needs a statement to time, as in '%time f(x)'", at: command.location)
        }
        let value = try locatingErrors(of: statement, in: command) {
            let code = try session.prepare(statement, name: command.location.file.name, firstLine: command.bodyFirstLine)
            return try timed(session) { try session.execute(code) }
        }
        show(value, in: session)
    }

    /// `%%time`: runs the cell once, prints CPU and wall times, then its last expression's value.
    static func timeCell(_ command: MagicCommand, _ session: Session) throws {
        let code = try session.prepare(command.body ?? "", name: command.location.file.name, firstLine: command.bodyFirstLine)
        let value = try timed(session) { try session.execute(code) }
        show(value, in: session)
    }

    /// Runs `body`, then prints `CPU times: user …, sys: …, total: …` and `Wall time: …`
    /// (also when `body` fails, as IPython does not; the error then follows).
    private static func timed(_ session: Session, _ body: () throws -> Value?) throws -> Value? {
        let cpuStart = Stopwatch.cpuSeconds()
        let wallStart = Stopwatch.wallSeconds()
        var outcome: Result<Value?, any Error>
        do { outcome = .success(try body()) } catch { outcome = .failure(error) }
        let wall = Stopwatch.wallSeconds() - wallStart
        let cpuEnd = Stopwatch.cpuSeconds()
        let user = max(0, cpuEnd.user - cpuStart.user)
        let system = max(0, cpuEnd.system - cpuStart.system)
        let format = { (seconds: Double) in TimeFormatting.duration(seconds) }
        session.output.write("CPU times: user \(format(user)), sys: \(format(system)), total: \(format(user + system))\n")
        session.output.write("Wall time: \(format(wall))\n")
        return try outcome.get()
    }

    /// Shows a value as the REPL would (not `None`), binding `_`, in interactive sessions.
    private static func show(_ value: Value?, in session: Session) {
        guard session.interactive, let value else { return }
        session.show(value)
    }

    /// `%timeit [-n N] [-r R] [-q] [-o] [-p P] STMT` and `%%timeit [options]` + cell.
    ///
    /// Without `-n`, N is the first power of ten whose loop lasts at least 0.2 s (that
    /// calibration run also warms up). R defaults to 7. Prints IPython's line:
    /// `1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)`.
    /// `-o` binds the result object to `_` (and shows it); `-q` prints nothing.
    static func timeit(_ command: MagicCommand, _ session: Session) throws {
        let options = try MagicOptions(parsing: command.arguments, valued: ["n", "r", "p"], flags: ["q", "o"])
        let source: String
        let firstLine: Int
        if let body = command.body {
            // `%%timeit` options stand alone on the first line; a statement there is setup code.
            if !options.rest.allSatisfy(\.isWhitespace) {
                let setup = try session.prepare(options.rest, name: command.location.file.name, firstLine: command.location.line)
                try session.execute(setup)
            }
            source = body
            firstLine = command.bodyFirstLine
        } else {
            source = options.rest
            firstLine = command.bodyFirstLine
        }
        guard !source.allSatisfy(\.isWhitespace) else {
            throw DuskError(.usageError, "%timeit needs a statement to time, as in '%timeit f(x)'", at: command.location)
        }
        let repeatCount = try options.positiveInteger("r") ?? 7
        let precision = try options.positiveInteger("p") ?? 3
        let (loops, runs) = try locatingErrors(of: command.isCell ? "" : source, in: command) {
            let code = try session.prepare(source, name: command.location.file.name, firstLine: firstLine)
            let runOnce: () throws -> Void = {
                try Interrupt.check()
                _ = try session.execute(code)
            }
            let loops = try options.positiveInteger("n") ?? Stopwatch.autorange(runOnce)
            return (loops, try Stopwatch.repeatTimes(repeat: repeatCount, number: loops, runOnce))
        }
        let result = TimeitResult(loops: loops, allRuns: runs, precision: precision)
        if !options.has("q") {
            if let warning = result.cachingWarning { session.output.write(warning + "\n") }
            session.output.write(result.description + "\n")
        }
        if options.has("o") {
            let value = Value.object(TimeitResultObject(result))
            session.setValue(value, named: "_")
            if session.interactive { session.show(value) }
        }
    }
}

/// What `%timeit -o` returns: IPython's `TimeitResult` with `best`, `worst`, `average`,
/// `stdev`, `all_runs`, `timings`, `loops` and `repeat`.
final class TimeitResultObject: RuntimeObject {
    let result: TimeitResult
    init(_ result: TimeitResult) { self.result = result }

    var typeName: String { "TimeitResult" }
    var repr: String { "<TimeitResult : \(result.description)>" }
    var attributeNames: [String] { ["all_runs", "average", "best", "loops", "repeat", "stdev", "timings", "worst"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "all_runs": .makeList(result.allRuns.map { .float($0) })
        case "timings": .makeList(result.timings.map { .float($0) })
        case "average": .float(result.average)
        case "stdev": .float(result.standardDeviation)
        case "best": .float(result.best)
        case "worst": .float(result.worst)
        case "loops": .int(result.loops)
        case "repeat": .int(result.repeatCount)
        default: nil
        }
    }
}
