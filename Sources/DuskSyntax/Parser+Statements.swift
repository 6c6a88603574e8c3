/// Statements: dispatch, simple statements, assignment and its targets.
extension Parser.Engine {
    /// A statement; after an error, nothing, with the stream synchronized.
    mutating func statementRecovering() -> [Stmt] {
        do {
            return try statement()
        } catch {
            synchronize()
            return []
        }
    }

    /// `statement: compound_stmt | simple_stmts`
    mutating func statement() throws(Parser.Failure) -> [Stmt] {
        switch current.kind {
        case .indent:
            advance()
            report(.unexpectedIndent(at: location(current)))
            // Parse the stray block so its own errors are reported too.
            while !check(.dedent) && !check(.endOfFile) {
                _ = statementRecovering()
            }
            _ = match(.dedent)
            return []
        case .dedent, .newline:
            advance()
            return []
        case .keyword(.if): return [try ifStatement()]
        case .keyword(.while): return [try whileStatement()]
        case .keyword(.for): return [try forStatement()]
        case .keyword(.def), .at: return [try functionDefinition()]
        case .keyword(.try): return [try tryStatement()]
        case .keyword(.with): return [try withStatement()]
        case .keyword(.class):
            throw fail(.notSupported("'class' definitions are", at: location(current)))
        default:
            return try simpleStatements()
        }
    }

    /// `simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE`
    mutating func simpleStatements() throws(Parser.Failure) -> [Stmt] {
        var statements = [try simpleStatement()]
        while match(.semicolon) {
            if check(.newline) || check(.endOfFile) { break }
            statements.append(try simpleStatement())
        }
        try expectEndOfLine()
        return statements
    }

    mutating func expectEndOfLine() throws(Parser.Failure) {
        if match(.newline) || check(.endOfFile) { return }
        switch current.kind {
        case .rightParen, .rightBracket, .rightBrace:
            throw fail(.unmatchedClosing(current.text, at: location(current)))
        default:
            throw fail(.expectedEndOfStatement(found: current.description, at: location(current)))
        }
    }

    /// `simple_stmt: assignment | expression_stmt | return_stmt | import_stmt | ...`
    mutating func simpleStatement() throws(Parser.Failure) -> Stmt {
        let start = current
        switch start.kind {
        case .keyword(.pass):
            advance()
            return Stmt(.pass, at: location(start))
        case .keyword(.break):
            advance()
            if loopDepth == 0 { report(.outside("break", "loop", at: location(start))) }
            return Stmt(.break, at: location(start))
        case .keyword(.continue):
            advance()
            if loopDepth == 0 { report(.outside("continue", "loop", at: location(start))) }
            return Stmt(.continue, at: location(start))
        case .keyword(.return): return try returnStatement()
        case .keyword(.import): return try importStatement()
        case .keyword(.from): return try fromImportStatement()
        case .keyword(.del): return try deleteStatement()
        case .keyword(.assert): return try assertStatement()
        case .keyword(.global), .keyword(.nonlocal): return try scopeStatement()
        case .keyword(.raise): return try raiseStatement()
        case .keyword(.yield):
            throw fail(.notSupported("'yield' is", at: location(start)))
        case .keyword(.async), .keyword(.await):
            throw fail(.notSupported("'\(start.text)' is", at: location(start)))
        default:
            return try expressionStatement()
        }
    }

    // MARK: - Assignment

    /// ```
    /// expression_stmt: star_expressions
    ///                | (star_targets '=')+ star_expressions
    ///                | single_target augassign star_expressions
    /// ```
    mutating func expressionStatement() throws(Parser.Failure) -> Stmt {
        let start = current
        let first = try starExpressions()
        if case .name(let name) = first.kind, name == "print" || name == "exec", startsExpression(current) {
            throw fail(.missingParentheses(name, at: first.location))
        }
        if case .augmentedAssign(let op) = current.kind {
            try validateAugmentedTarget(first)
            advance()
            let value = try starExpressions()
            try rejectBareStarred(value)
            return Stmt(.augmentedAssign(target: first, op, value: value), at: location(start))
        }
        if check(.equal) {
            var chain = [first]
            while match(.equal) {
                let next = try starExpressions()
                chain.append(next)
            }
            let value = chain.removeLast()
            for target in chain {
                try validateTarget(target)
            }
            try rejectBareStarred(value)
            return Stmt(.assign(targets: chain, value: value), at: location(start))
        }
        try rejectBareStarred(first)
        return Stmt(.expression(first), at: location(start))
    }

    /// A lone `*x` is only valid inside a tuple, list, call or target.
    mutating func rejectBareStarred(_ expression: Expr) throws(Parser.Failure) {
        if case .starred = expression.kind {
            report(.starredNotAllowed(at: expression.location))
            throw Parser.Failure()
        }
    }

    /// Checks that `target` can be assigned to: a name, attribute, subscript, or a
    /// tuple/list of targets with at most one starred item.
    mutating func validateTarget(_ target: Expr, starredAllowed: Bool = false) throws(Parser.Failure) {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple(let items), .list(let items):
            let starred = items.filter { if case .starred = $0.kind { true } else { false } }
            if starred.count > 1 {
                report(.multipleStarredTargets(at: starred[1].location))
                throw Parser.Failure()
            }
            for item in items {
                try validateTarget(item, starredAllowed: true)
            }
        case .starred(let inner):
            if !starredAllowed {
                report(.starredTargetAlone(at: target.location))
                throw Parser.Failure()
            }
            try validateTarget(inner)
        default:
            report(.cannotAssign(to: Parser.Engine.describe(target), at: target.location))
            throw Parser.Failure()
        }
    }

    mutating func validateAugmentedTarget(_ target: Expr) throws(Parser.Failure) {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple, .list, .starred:
            report(.illegalAugmentedTarget("'\(Parser.Engine.describe(target))'", at: target.location))
            throw Parser.Failure()
        default:
            report(.cannotAssign(to: Parser.Engine.describe(target), at: target.location))
            throw Parser.Failure()
        }
    }

    /// What an expression is called in "cannot assign to ..." messages.
    static func describe(_ expression: Expr) -> String {
        switch expression.kind {
        case .int, .float, .string: "literal"
        case .fstring: "f-string expression"
        case .bool(let value): value ? "True" : "False"
        case .none: "None"
        case .ellipsis: "ellipsis"
        case .name: "name"
        case .tuple: "tuple"
        case .list: "list"
        case .dict: "dict literal"
        case .set: "set display"
        case .starred: "starred"
        case .unary, .binary, .logical: "expression"
        case .compare: "comparison"
        case .conditional: "conditional expression"
        case .lambda: "lambda"
        case .call: "function call"
        case .attribute: "attribute"
        case .subscript: "subscript"
        case .slice: "slice"
        case .listComprehension: "list comprehension"
        case .generator: "generator expression"
        case .dictComprehension: "dict comprehension"
        }
    }

    // MARK: - Simple statements

    /// `return_stmt: 'return' [star_expressions]`
    mutating func returnStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        if functionDepth == 0 { report(.outside("return", "function", at: location(keyword))) }
        let value = startsExpression(current) ? try starExpressions() : nil
        if let value { try rejectBareStarred(value) }
        return Stmt(.return(value), at: location(keyword))
    }

    /// `import_stmt: 'import' dotted_as_name (',' dotted_as_name)*`
    mutating func importStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        var names: [ImportName] = []
        repeat {
            let start = current
            let module = try dottedName()
            var alias: String?
            if match(.as) { alias = try expectName("a name after 'as'").text }
            names.append(ImportName(module: module, alias: alias, at: span(from: start)))
        } while match(.comma)
        return Stmt(.import(names), at: location(keyword))
    }

    /// `dotted_name: NAME ('.' NAME)*`
    mutating func dottedName() throws(Parser.Failure) -> [String] {
        var parts = [try expectName("a module name").text]
        while match(.dot) {
            parts.append(try expectName("a name after '.'").text)
        }
        return parts
    }

    /// ```
    /// from_stmt: 'from' dotted_name 'import' ('*' | '(' import_as_names [','] ')' | import_as_names)
    /// ```
    mutating func fromImportStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        if check(.dot) || check(.ellipsis) {
            throw fail(.relativeImport(at: location(current)))
        }
        let module = try dottedName()
        try expect(.keyword(.import), "'import'")
        if match(.star) {
            return Stmt(.fromImport(module: module, names: [], star: true), at: location(keyword))
        }
        var names: [ImportAlias] = []
        if check(.leftParen) {
            let open = advance()
            repeat {
                if check(.rightParen) && !names.isEmpty { break }
                names.append(try importAlias())
            } while match(.comma)
            try expectClosing(.rightParen, for: open)
        } else {
            repeat {
                names.append(try importAlias())
            } while match(.comma)
        }
        return Stmt(.fromImport(module: module, names: names, star: false), at: location(keyword))
    }

    /// `import_as_name: NAME ['as' NAME]`
    mutating func importAlias() throws(Parser.Failure) -> ImportAlias {
        let name = try expectName("a name to import")
        var alias: String?
        if match(.as) { alias = try expectName("a name after 'as'").text }
        return ImportAlias(name: name.text, alias: alias, at: span(from: name))
    }

    /// `del_stmt: 'del' del_target (',' del_target)* [',']`
    mutating func deleteStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        var targets: [Expr] = []
        repeat {
            if !targets.isEmpty && !startsExpression(current) { break }
            let target = try bitwiseOr()
            try validateDeleteTarget(target)
            targets.append(target)
        } while match(.comma)
        return Stmt(.delete(targets), at: location(keyword))
    }

    mutating func validateDeleteTarget(_ target: Expr) throws(Parser.Failure) {
        switch target.kind {
        case .name, .attribute, .subscript:
            return
        case .tuple(let items), .list(let items):
            for item in items { try validateDeleteTarget(item) }
        default:
            report(.cannotDelete(Parser.Engine.describe(target), at: target.location))
            throw Parser.Failure()
        }
    }

    /// `assert_stmt: 'assert' expression [',' expression]`
    mutating func assertStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        let test = try expression()
        let message = match(.comma) ? try expression() : nil
        return Stmt(.assert(test: test, message: message), at: location(keyword))
    }

    /// `global_stmt: 'global' NAME (',' NAME)*`, and the same for `nonlocal`.
    mutating func scopeStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        var names: [String] = []
        repeat {
            names.append(try expectName("a name").text)
        } while match(.comma)
        if keyword.kind == .keyword(.global) {
            return Stmt(.global(names), at: location(keyword))
        }
        if functionDepth == 0 { report(.nonlocalAtModuleLevel(at: location(keyword))) }
        return Stmt(.nonlocal(names), at: location(keyword))
    }

    /// `raise_stmt: 'raise' [expression]`
    mutating func raiseStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        let value = startsExpression(current) ? try expression() : nil
        if check(.from) {
            throw fail(.notSupported("'raise ... from' is", at: location(current)))
        }
        return Stmt(.raise(value), at: location(keyword))
    }
}
