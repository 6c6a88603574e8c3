/// `sys` and the exit built-ins: `argv` (set per session), `exit`, recursion limit,
/// and the standard streams as objects `print(file=...)` accepts.
enum SystemLibrary {
    static func install(_ r: inout Registry) {
        let ns = "sys"
        r.addNamespace(ns, doc: "The interpreter's environment: argv, exit, recursion limit, standard streams.")
        let exit = Builtin("exit(code=None)", module: ns, doc: "Stops the script (or leaves the REPL) with an exit status.") { args, _ in
            throw DuskError.systemExit(args[0])
        }
        r.setValue(.builtin(exit), named: "exit", in: ns, global: true)
        r.register("quit(code=None)", doc: "Same as exit().") { args, _ in throw DuskError.systemExit(args[0]) }
        r.register(in: ns, "setrecursionlimit(limit, /)", doc: "Sets the maximum depth of nested function calls.") { args, ctx in
            let n = try args.int(0)
            if n < 1 { throw DuskError(.valueError, "recursion limit must be greater or equal than 1") }
            ctx.interpreter.setRecursionLimit(n)
            return .none
        }
        r.register(in: ns, "getrecursionlimit()", doc: "The maximum depth of nested function calls.") { _, ctx in
            .int(ctx.interpreter.recursionLimit)
        }
        r.setValue(.object(StreamObject(.standardOutput)), named: "stdout", in: ns)
        r.setValue(.object(StreamObject(.standardError)), named: "stderr", in: ns)
    }
}

extension DuskError {
    /// `exit(code)`: unwinds to the top level, where the session stops without an error report.
    static func systemExit(_ code: Value) -> DuskError {
        DuskError(exception: ExceptionValue(type: .systemExit, message: code.isNone ? "" : code.str, args: code.isNone ? [] : [code]))
    }

    /// The exit status a `SystemExit` asks for (0 for None, 1 for a message), nil for other errors.
    public var exitStatus: Int? {
        guard type.name == TypeObject.systemExit.name else { return nil }
        switch exception.args.first {
        case nil, .none?: return 0
        case .int(let i)?: return i
        case .bool(let b)?: return b ? 1 : 0
        default: return 1
        }
    }
}

/// `sys.stdout` and `sys.stderr`: writable streams of the session's output sink.
final class StreamObject: RuntimeObject {
    let stream: OutputSink.Stream
    init(_ stream: OutputSink.Stream) { self.stream = stream }

    var typeName: String { "TextIOWrapper" }
    var repr: String { stream == .standardOutput ? "<stdout>" : "<stderr>" }
    var attributeNames: [String] { ["write", "flush"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        let stream = self.stream
        switch name {
        case "write":
            return .builtin(Builtin("write(text, /)", doc: "Writes text to the stream.") { args, ctx in
                let text = try args.string(0)
                ctx.output.write(text, to: stream)
                return .int(text.unicodeScalars.count)
            })
        case "flush":
            return .builtin(Builtin("flush()", doc: "Flushes the stream.") { _, ctx in
                ctx.output.flush()
                return .none
            })
        default: return nil
        }
    }
}
