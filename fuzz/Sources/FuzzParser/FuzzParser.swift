import DuskSyntax

/// libFuzzer's entry point: lexes and parses the input as a file, as a REPL cell and as a
/// standalone expression. Every input must end in a module or in diagnostics that point
/// into the input; anything else (a trap, a hang, a memory error) is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = SourceFile(name: "<fuzz>", text: text)
    switch Parser.parse(file) {
    case .success(let module):
        _ = ASTPrinter.module(module)
    case .failure(let diagnostics):
        guard !diagnostics.isEmpty else { fatalError("a failed parse without diagnostics") }
        for diagnostic in diagnostics {
            if let location = diagnostic.location, location.line < 1 || location.line > file.lines.count + 1 {
                fatalError("diagnostic outside the input: \(diagnostic.rendered())")
            }
            _ = diagnostic.rendered()
        }
    }
    _ = Parser.isIncomplete(text)
    if case .success(let expression) = Parser.parseExpression(file) { _ = ASTPrinter.expression(expression) }
    return 0
}
