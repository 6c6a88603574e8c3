/// Atoms: names, literals, parenthesized forms, list/dict/set displays and comprehensions.
extension Parser.Engine {
    /// ```
    /// atom: NAME | 'True' | 'False' | 'None' | '...' | NUMBER | strings
    ///     | tuple_or_group_or_genexp | list_or_listcomp | dict_or_set_or_dictcomp
    /// ```
    mutating func atom() throws(Parser.Failure) -> Expr {
        let token = current
        switch token.kind {
        case .name:
            advance()
            return Expr(.name(token.text), at: location(token))
        case .integer:
            advance()
            guard case .int(let value) = token.value else { return Expr(.int(0), at: location(token)) }
            return Expr(.int(value), at: location(token))
        case .float:
            advance()
            guard case .float(let value) = token.value else { return Expr(.float(0), at: location(token)) }
            return Expr(.float(value), at: location(token))
        case .string:
            return try strings()
        case .keyword(.none):
            advance()
            return Expr(.none, at: location(token))
        case .keyword(.true), .keyword(.false):
            advance()
            return Expr(.bool(token.kind == .keyword(.true)), at: location(token))
        case .ellipsis:
            advance()
            return Expr(.ellipsis, at: location(token))
        case .leftParen:
            return try parenthesized()
        case .leftBracket:
            return try listDisplay()
        case .leftBrace:
            return try braceDisplay()
        case .keyword(.yield), .keyword(.await), .keyword(.async):
            throw fail(.notSupported("'\(token.text)' is", at: location(token)))
        case .rightParen, .rightBracket, .rightBrace:
            throw fail(.unmatchedClosing(token.text, at: location(token)))
        case .newline where !openBrackets.isEmpty:
            // Only an unclosed bracket puts a line end here (see the lexer's recovery).
            let open = openBrackets[openBrackets.count - 1]
            if token.atEndOfInput { throw fail(.neverClosed(open.text, at: location(open))) }
            let close = open.kind == .leftParen ? ")" : open.kind == .leftBracket ? "]" : "}"
            throw fail(.expectedClosing(close, toClose: open.text, openedAt: location(open), at: location(token)))
        default:
            throw fail(.expectedExpression(found: token.description, at: location(token)))
        }
    }

    /// ```
    /// tuple_or_group_or_genexp: '(' ')'
    ///                         | '(' expression comprehension_clauses ')'
    ///                         | '(' star_expression ')'                          (a group)
    ///                         | '(' star_expression (',' star_expression)* [','] ')'
    /// ```
    mutating func parenthesized() throws(Parser.Failure) -> Expr {
        let open = advance()
        openBrackets.append(open)
        defer { openBrackets.removeLast() }
        if match(.rightParen) {
            return Expr(.tuple([]), at: span(from: open))
        }
        let first = try starExpression()
        if check(.for) {
            try rejectStarredElement(first)
            let clauses = try comprehensionClauses()
            try expectClosing(.rightParen, for: open)
            return Expr(.generator(first, clauses), at: span(from: open))
        }
        if match(.rightParen) {
            try rejectBareStarred(first)
            return first
        }
        var items = [first]
        while check(.comma) {
            advance()
            if check(.rightParen) { break }
            items.append(try starExpression())
        }
        try expectClosing(.rightParen, for: open)
        return Expr(.tuple(items), at: span(from: open))
    }

    /// `list_or_listcomp: '[' [star_expression (',' star_expression)* [',']] ']' | '[' expression comprehension_clauses ']'`
    mutating func listDisplay() throws(Parser.Failure) -> Expr {
        let open = advance()
        openBrackets.append(open)
        defer { openBrackets.removeLast() }
        if match(.rightBracket) {
            return Expr(.list([]), at: span(from: open))
        }
        let first = try starExpression()
        if check(.for) {
            try rejectStarredElement(first)
            let clauses = try comprehensionClauses()
            try expectClosing(.rightBracket, for: open)
            return Expr(.listComprehension(first, clauses), at: span(from: open))
        }
        var items = [first]
        while match(.comma) {
            if check(.rightBracket) { break }
            items.append(try starExpression())
        }
        try expectClosing(.rightBracket, for: open)
        return Expr(.list(items), at: span(from: open))
    }

    /// ```
    /// dict_or_set: '{' '}'
    ///            | '{' dict_item (',' dict_item)* [','] '}'
    ///            | '{' expression ':' expression comprehension_clauses '}'
    ///            | '{' star_expression (',' star_expression)* [','] '}'
    /// dict_item: expression ':' expression | '**' bitwise_or
    /// ```
    mutating func braceDisplay() throws(Parser.Failure) -> Expr {
        let open = advance()
        openBrackets.append(open)
        defer { openBrackets.removeLast() }
        if match(.rightBrace) {
            return Expr(.dict([]), at: span(from: open))
        }
        let firstItem: DictItem
        if match(.doubleStar) {
            firstItem = DictItem(key: nil, value: try bitwiseOr())
        } else {
            let first = try starExpression()
            if !check(.colon) {
                return try setDisplay(open: open, first: first)
            }
            try rejectBareStarred(first)
            advance()
            let value = try expression()
            if check(.for) {
                let clauses = try comprehensionClauses()
                try expectClosing(.rightBrace, for: open)
                return Expr(.dictComprehension(key: first, value: value, clauses), at: span(from: open))
            }
            firstItem = DictItem(key: first, value: value)
        }
        var items = [firstItem]
        while match(.comma) {
            if check(.rightBrace) { break }
            if match(.doubleStar) {
                items.append(DictItem(key: nil, value: try bitwiseOr()))
                continue
            }
            let key = try expression()
            if !check(.colon) {
                throw fail(.expectedColon(after: "dictionary key", at: location(current)))
            }
            advance()
            items.append(DictItem(key: key, value: try expression()))
        }
        try expectClosing(.rightBrace, for: open)
        return Expr(.dict(items), at: span(from: open))
    }

    /// The rest of `{a, b, *c}` once its first element is parsed.
    private mutating func setDisplay(open: Token, first: Expr) throws(Parser.Failure) -> Expr {
        if check(.for) {
            throw fail(.notSupported("set comprehensions are", at: location(current)))
        }
        var items = [first]
        while match(.comma) {
            if check(.rightBrace) { break }
            items.append(try starExpression())
        }
        try expectClosing(.rightBrace, for: open)
        return Expr(.set(items), at: span(from: open))
    }

    private mutating func rejectStarredElement(_ element: Expr) throws(Parser.Failure) {
        if case .starred = element.kind {
            report(.notSupported("iterable unpacking in a comprehension is", at: element.location))
            throw Parser.Failure()
        }
    }

    /// ```
    /// comprehension_clauses: ('for' star_targets 'in' disjunction ('if' disjunction)*)+
    /// ```
    mutating func comprehensionClauses() throws(Parser.Failure) -> [Comprehension] {
        var clauses: [Comprehension] = []
        while check(.for) {
            advance()
            let target = try targetList()
            if !match(.in) {
                throw fail(.expected("'in' after 'for' target", found: current.description, at: location(current)))
            }
            let iterable = try disjunction()
            var conditions: [Expr] = []
            while match(.if) {
                conditions.append(try disjunction())
            }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }
}
