/// Primaries: an atom followed by attribute access, calls and subscripts.
extension Parser.Engine {
    /// ```
    /// primary: atom ('.' NAME | '(' [arguments] ')' | '[' slices ']')*
    /// ```
    /// Each postfix node spans from the atom's first token to its closing token.
    mutating func primary() throws(Parser.Failure) -> Expr {
        let start = current
        var value = try atom()
        while true {
            switch current.kind {
            case .dot:
                advance()
                let name = try expectName("an attribute name after '.'")
                value = Expr(.attribute(value, name.text), at: span(from: start))
            case .leftParen:
                let arguments = try callArguments()
                value = Expr(.call(value, arguments), at: span(from: start))
            case .leftBracket:
                let open = advance()
                openBrackets.append(open)
                defer { openBrackets.removeLast() }
                let index = try slices()
                try expectClosing(.rightBracket, for: open)
                value = Expr(.subscript(value, index: index), at: span(from: start))
            default:
                return value
            }
        }
    }

    // MARK: - Calls

    /// ```
    /// arguments: argument (',' argument)* [',']
    /// argument: NAME '=' expression | '*' expression | '**' expression
    ///         | expression [comprehension_clauses]    (a generator only as the sole argument)
    /// ```
    mutating func callArguments() throws(Parser.Failure) -> [Argument] {
        let open = advance()
        openBrackets.append(open)
        defer { openBrackets.removeLast() }
        var arguments: [Argument] = []
        var seenKeyword = false
        var seenKeywordUnpacking = false
        var keywords: Set<String> = []
        while !check(.rightParen) {
            let start = current
            if match(.star) {
                let value = try expression()
                if seenKeywordUnpacking {
                    report(.iterableUnpackingAfterKeywordUnpacking(at: location(start)))
                }
                arguments.append(.unpack(value))
            } else if match(.doubleStar) {
                arguments.append(.unpackKeywords(try expression()))
                seenKeywordUnpacking = true
            } else if check(.name) && peek(1).kind == .equal {
                let name = advance()
                advance()
                let value = try expression()
                if keywords.contains(name.text) {
                    report(.repeatedKeyword(name.text, at: location(name)))
                }
                keywords.insert(name.text)
                arguments.append(.keyword(name.text, value))
                seenKeyword = true
            } else {
                var value = try expression()
                if check(.equal) {
                    throw fail(.invalidKeywordArgument(at: value.location))
                }
                if check(.for) {
                    let clauses = try comprehensionClauses()
                    value = Expr(.generator(value, clauses), at: span(from: start))
                    if !arguments.isEmpty || !(check(.rightParen) || (check(.comma) && peek(1).kind == .rightParen)) {
                        report(.unparenthesizedGenerator(at: value.location))
                    }
                }
                if seenKeywordUnpacking {
                    report(.positionalAfterKeywordUnpacking(at: value.location))
                } else if seenKeyword {
                    report(.positionalAfterKeyword(at: value.location))
                }
                arguments.append(.positional(value))
            }
            if !match(.comma) { break }
        }
        try expectClosing(.rightParen, for: open)
        return arguments
    }

    // MARK: - Subscripts

    /// `slices: slice (',' slice)* [',']`; a tuple index when there is a comma.
    mutating func slices() throws(Parser.Failure) -> Expr {
        let start = current
        let first = try slice()
        guard check(.comma) else { return first }
        var items = [first]
        while match(.comma) {
            if check(.rightBracket) { break }
            items.append(try slice())
        }
        return Expr(.tuple(items), at: span(from: start))
    }

    /// `slice: [expression] ':' [expression] [':' [expression]] | star_expression`
    mutating func slice() throws(Parser.Failure) -> Expr {
        let start = current
        var lower: Expr?
        if !check(.colon) {
            let value = try starExpression()
            guard check(.colon) else { return value }
            if case .starred = value.kind { throw fail(.starredNotAllowed(at: value.location)) }
            lower = value
        }
        advance() // ':'
        let upper = endsSlicePart ? nil : try expression()
        var step: Expr?
        if match(.colon) {
            step = endsSlicePart ? nil : try expression()
        }
        return Expr(.slice(lower: lower, upper: upper, step: step), at: span(from: start))
    }

    private var endsSlicePart: Bool {
        switch current.kind {
        case .colon, .comma, .rightBracket: true
        default: false
        }
    }
}
