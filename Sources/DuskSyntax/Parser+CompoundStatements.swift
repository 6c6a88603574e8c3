/// Compound statements: blocks, `if`, `while`, `for`, `def`, `try`, `with`.
extension Parser.Engine {
    /// ```
    /// block: NEWLINE INDENT statement+ DEDENT
    ///      | simple_stmts
    /// ```
    /// `owner` names the header in diagnostics ("'if' statement").
    mutating func block(after owner: String, headerLine: Int) throws(Parser.Failure) -> [Stmt] {
        if stack.isLow { throw fail(.nestedTooDeeply(at: location(current))) }
        guard match(.newline) else {
            return try simpleStatements()
        }
        guard match(.indent) else {
            throw fail(.expectedIndentedBlock(after: owner, line: headerLine, at: location(current)))
        }
        var body: [Stmt] = []
        while !check(.dedent) && !check(.endOfFile) {
            body += statementRecovering()
        }
        _ = match(.dedent)
        return body
    }

    /// `if_stmt: 'if' expression ':' block ('elif' expression ':' block)* ['else' ':' block]`
    ///
    /// An `elif` becomes an `if` nested in the `orelse` of the one before.
    mutating func ifStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        let test = try expression()
        try expectColon(after: "'\(keyword.text)' condition")
        let body = try block(after: "'\(keyword.text)' statement", headerLine: keyword.line)
        var orelse: [Stmt] = []
        if check(.elif) {
            orelse = [try ifStatement()]
        } else if check(.else) {
            orelse = try elseClause()
        }
        return Stmt(.if(test: test, body: body, orelse: orelse), at: location(keyword))
    }

    /// `else_block: 'else' ':' block`
    mutating func elseClause() throws(Parser.Failure) -> [Stmt] {
        let keyword = advance()
        try expectColon(after: "'else'")
        return try block(after: "'else' statement", headerLine: keyword.line)
    }

    /// `while_stmt: 'while' expression ':' block ['else' ':' block]`
    mutating func whileStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        let test = try expression()
        try expectColon(after: "'while' condition")
        let body = try loopBody(after: "'while' statement", headerLine: keyword.line)
        let orelse = check(.else) ? try elseClause() : []
        return Stmt(.while(test: test, body: body, orelse: orelse), at: location(keyword))
    }

    /// `for_stmt: 'for' star_targets 'in' star_expressions ':' block ['else' ':' block]`
    mutating func forStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        let target = try targetList()
        if !match(.in) {
            throw fail(.expected("'in' after 'for' target", found: current.description, at: location(current)))
        }
        let iterable = try starExpressions()
        try expectColon(after: "'for' iterable")
        let body = try loopBody(after: "'for' statement", headerLine: keyword.line)
        let orelse = check(.else) ? try elseClause() : []
        return Stmt(.for(target: target, iterable: iterable, body: body, orelse: orelse), at: location(keyword))
    }

    /// A block in which `break` and `continue` are allowed.
    mutating func loopBody(after owner: String, headerLine: Int) throws(Parser.Failure) -> [Stmt] {
        loopDepth += 1
        defer { loopDepth -= 1 }
        return try block(after: owner, headerLine: headerLine)
    }

    /// `star_targets: star_target (',' star_target)* [',']`, validated as assignable.
    mutating func targetList() throws(Parser.Failure) -> Expr {
        let start = current
        let first = try starTarget()
        var result = first
        if check(.comma) {
            var items = [first]
            while match(.comma) {
                if !startsExpression(current) { break }
                items.append(try starTarget())
            }
            result = Expr(.tuple(items), at: span(from: start))
        }
        try validateTarget(result)
        return result
    }

    /// `star_target: ['*'] bitwise_or`
    mutating func starTarget() throws(Parser.Failure) -> Expr {
        if check(.star) {
            let star = advance()
            let inner = try bitwiseOr()
            return Expr(.starred(inner), at: span(from: star))
        }
        return try bitwiseOr()
    }

    // MARK: - Functions

    /// ```
    /// function_def: decorator* 'def' NAME '(' [parameters] ')' ['->' expression] ':' block
    /// decorator: '@' expression NEWLINE
    /// ```
    /// Parameter and return annotations are accepted and ignored.
    mutating func functionDefinition() throws(Parser.Failure) -> Stmt {
        var decorators: [Expr] = []
        while check(.at) {
            advance()
            decorators.append(try expression())
            try expectEndOfLine()
        }
        let keyword = current
        guard match(.def) else {
            if check(.class) { throw fail(.notSupported("'class' definitions are", at: location(current))) }
            throw fail(.decoratorWithoutFunction(found: current.description, at: location(current)))
        }
        let name = try expectName("a function name after 'def'")
        let open = try expect(.leftParen, "'(' after function name")
        let parameters = try parameterList(closing: .rightParen, annotations: true)
        try expectClosing(.rightParen, for: open)
        if match(.arrow) { _ = try expression() }
        try expectColon(after: "function signature")

        let savedLoopDepth = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoopDepth
            functionDepth -= 1
        }
        let body = try block(after: "function definition", headerLine: keyword.line)
        var docstring: String?
        if case .expression(let first)? = body.first?.kind, case .string(let text) = first.kind {
            docstring = text
        }
        let definition = FunctionDef(name: name.text, parameters: parameters, body: body,
                                     decorators: decorators, docstring: docstring)
        return Stmt(.functionDef(definition), at: location(keyword))
    }

    /// ```
    /// parameters: parameter (',' parameter)* [',']
    /// parameter: NAME [':' expression] ['=' expression]
    ///          | '*' [NAME [':' expression]]
    ///          | '**' NAME [':' expression]
    /// ```
    /// Shared by `def` (closing `)`, annotations allowed) and `lambda` (closing `:`).
    mutating func parameterList(closing: TokenKind, annotations: Bool) throws(Parser.Failure) -> Parameters {
        var parameters: Parameters = []
        var seenDefault = false
        var seenStar: Token?
        var seenDoubleStar = false
        var names: Set<String> = []

        func annotation(_ engine: inout Parser.Engine) throws(Parser.Failure) {
            if annotations && engine.match(.colon) { _ = try engine.expression() }
        }

        while !check(closing) {
            if seenDoubleStar {
                throw fail(.parameterAfterKeywordVariadic(at: location(current)))
            }
            let start = current
            var parameter: Parameter
            if match(.star) {
                if seenStar != nil { throw fail(.duplicateStarParameter(at: location(start))) }
                seenStar = start
                if check(.name) {
                    let name = advance()
                    try annotation(&self)
                    parameter = Parameter(name: name.text, kind: .variadic, at: location(name))
                } else {
                    if !match(.comma) || check(closing) { throw fail(.bareStarWithoutNames(at: location(start))) }
                    continue
                }
            } else if match(.doubleStar) {
                let name = try expectName("a parameter name after '**'")
                try annotation(&self)
                parameter = Parameter(name: name.text, kind: .variadicKeywords, at: location(name))
                seenDoubleStar = true
            } else if check(.slash) {
                throw fail(.notSupported("positional-only parameters ('/') are", at: location(current)))
            } else {
                let name = try expectName("a parameter name")
                try annotation(&self)
                parameter = Parameter(name: name.text, kind: seenStar == nil ? .regular : .keywordOnly,
                                      at: location(name))
            }
            if check(.equal) {
                if parameter.kind == .variadic || parameter.kind == .variadicKeywords {
                    throw fail(.variadicDefault(at: location(current)))
                }
                advance()
                parameter.defaultValue = try expression()
                if parameter.kind == .regular { seenDefault = true }
            } else if parameter.kind == .regular && seenDefault {
                report(.parameterWithoutDefault(parameter.name, at: parameter.location))
            }
            if names.contains(parameter.name) {
                report(.duplicateParameter(parameter.name, at: parameter.location))
            }
            names.insert(parameter.name)
            parameters.append(parameter)
            if !match(.comma) { break }
        }
        if let star = seenStar, star.kind == .star,
           !parameters.contains(where: { $0.kind == .variadic || $0.kind == .keywordOnly }) {
            report(.bareStarWithoutNames(at: location(star)))
        }
        return parameters
    }

    // MARK: - try and with

    /// ```
    /// try_stmt: 'try' ':' block except_block+ ['else' ':' block] ['finally' ':' block]
    ///         | 'try' ':' block 'finally' ':' block
    /// except_block: 'except' [expression ['as' NAME]] ':' block
    /// ```
    mutating func tryStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        try expectColon(after: "'try'")
        let body = try block(after: "'try' statement", headerLine: keyword.line)
        var handlers: [ExceptHandler] = []
        while check(.except) {
            let except = advance()
            if let last = handlers.last, last.type == nil {
                report(.bareExceptNotLast(at: last.location))
            }
            var type: Expr?
            var name: String?
            if !check(.colon) {
                type = try expression()
                if check(.comma) {
                    throw fail(.expected("':' (write several exception types as a tuple in parentheses)",
                                         found: "','", at: location(current)))
                }
                if match(.as) { name = try expectName("a name after 'as'").text }
            }
            try expectColon(after: "'except' clause")
            let handlerBody = try block(after: "'except' statement", headerLine: except.line)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, at: location(except)))
        }
        var orelse: [Stmt] = []
        if !handlers.isEmpty && check(.else) {
            orelse = try elseClause()
        }
        var finally: [Stmt] = []
        if check(.finally) {
            let finallyKeyword = advance()
            try expectColon(after: "'finally'")
            finally = try block(after: "'finally' statement", headerLine: finallyKeyword.line)
        } else if handlers.isEmpty {
            throw fail(.tryWithoutHandlers(at: location(current)))
        }
        return Stmt(.try(body: body, handlers: handlers, orelse: orelse, finally: finally), at: location(keyword))
    }

    /// `with_stmt: 'with' with_item (',' with_item)* ':' block`, `with_item: expression ['as' star_target]`
    mutating func withStatement() throws(Parser.Failure) -> Stmt {
        let keyword = advance()
        var items: [WithItem] = []
        repeat {
            let context = try expression()
            var target: Expr?
            if match(.as) {
                let t = try starTarget()
                try validateTarget(t)
                target = t
            }
            items.append(WithItem(context: context, target: target))
        } while match(.comma)
        try expectColon(after: "'with' items")
        let body = try block(after: "'with' statement", headerLine: keyword.line)
        return Stmt(.with(items: items, body: body), at: location(keyword))
    }
}
