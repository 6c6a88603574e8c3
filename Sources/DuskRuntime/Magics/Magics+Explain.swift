import DuskSyntax

/// `%explain EXPR`.
extension Magics {
    /// `%explain EXPR`: evaluates the expression and explains its lazy value, as `explain(EXPR)`.
    static func explain(_ command: MagicCommand, _ session: Session) throws {
        let expression = command.arguments
        guard !expression.allSatisfy(\.isWhitespace) else {
            throw DuskError(.usageError, "%explain needs a lazy value, as in '%explain x.sum()'", at: command.location)
        }
        try locatingErrors(of: expression, in: command) {
            let code = try session.prepare(expression, name: command.location.file.name, firstLine: command.bodyFirstLine)
            guard let value = try session.execute(code) else {
                throw DuskError(.usageError, "%explain needs an expression, not a statement", at: command.location)
            }
            let context = session.interpreter.makeContext()
            _ = try Explain.explain([value], context: context)
        }
    }
}
