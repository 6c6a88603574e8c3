#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskRuntime

/// `exit()` and `quit()`: leave Dusk from a program or the REPL.
///
/// They end the process at once with the given status (after flushing output; the REPL's
/// history is already on disk, written line by line). A string argument is printed to
/// standard error and the status is 1, as Python does. Typed without parentheses at the
/// REPL, they tell how to leave, as Python's do.
enum ExitLibrary {
    static func install(_ registry: inout Registry) {
        for name in ["exit", "quit"] {
            let builtin = Builtin("\(name)(code=None)", doc: "Leaves Dusk with exit status code (0 by default); Ctrl-D also leaves the REPL.") { args, _ in
                let status: Int32
                switch args[0] {
                case .none: status = 0
                case .int(let code): status = Int32(truncatingIfNeeded: code)
                case .bool(let flag): status = flag ? 1 : 0
                case let other:
                    StandardError.write(other.str + "\n")
                    status = 1
                }
                fflush(nil)
                exit(status)
            }
            registry.setValue(.object(ExitFunction(builtin)), named: name, global: true)
        }
    }
}

/// `exit` as a value: callable, and its repr is the hint Python's REPL gives.
final class ExitFunction: RuntimeObject {
    let builtin: Builtin
    init(_ builtin: Builtin) { self.builtin = builtin }

    var typeName: String { "Quitter" }
    var repr: String { "Use \(builtin.name)() or Ctrl-D (i.e. EOF) to exit" }
    var doc: String? { builtin.doc }
    var callSignature: Signature? { builtin.signature }

    func call(_ arguments: Arguments, context: ExecutionContext) throws -> Value? {
        try builtin.invoke(arguments, context: context)
    }
}
