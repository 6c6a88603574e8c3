import DuskRuntime
import DuskSyntax

/// A session whose output is captured, for tests.
struct TestSession {
    let session: Session
    let output: CapturedOutput

    init(interactive: Bool = false) {
        let (sink, captured) = OutputSink.capture()
        session = Session(argv: ["test"], interactive: interactive, output: sink)
        output = captured
    }

    /// Runs a script; returns its standard output.
    @discardableResult
    func run(_ code: String, name: String = "test.dsk") -> String {
        output.clear()
        _ = session.run(file: SourceFile(name: name, text: code))
        return output.standardOutput
    }

    /// Runs a script expected to fail; returns the rendered error text.
    func error(_ code: String, name: String = "test.dsk") -> String {
        output.clear()
        _ = session.run(file: SourceFile(name: name, text: code))
        return output.standardError
    }

    /// Evaluates an expression cell and returns its value.
    func value(_ expression: String) -> Value? {
        session.runCell(expression).value
    }
}
