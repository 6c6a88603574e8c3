/// Expressions, from the loosest-binding rule to the tightest:
/// lambda < conditional < `or` < `and` < `not` < comparisons < `|` < `^` < `&`
/// < shifts < `+ -` < `* / // % @` < unary `+ - ~` < `**` < primary.
extension Parser.Engine {
    /// `star_expressions: star_expression (',' star_expression)* [',']`; a tuple when there is a comma.
    mutating func starExpressions() throws(Parser.Failure) -> Expr {
        let start = current
        let first = try starExpression()
        guard check(.comma) else { return first }
        var items = [first]
        while match(.comma) {
            if !startsExpression(current) { break }
            items.append(try starExpression())
        }
        return Expr(.tuple(items), at: span(from: start))
    }

    /// `star_expression: '*' bitwise_or | expression`
    mutating func starExpression() throws(Parser.Failure) -> Expr {
        if check(.star) {
            let star = advance()
            let inner = try bitwiseOr()
            return Expr(.starred(inner), at: span(from: star))
        }
        return try expression()
    }

    /// `expression: lambda | disjunction ['if' disjunction 'else' expression]`
    mutating func expression() throws(Parser.Failure) -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        if check(.lambda) { return try lambda() }
        let body = try disjunction()
        guard check(.if) else { return body }
        let keyword = advance()
        let test = try disjunction()
        guard match(.else) else {
            throw fail(.expectedElse(at: location(current)))
        }
        let orelse = try expression()
        return Expr(.conditional(test: test, body: body, orelse: orelse), at: location(keyword))
    }

    /// `lambda: 'lambda' [parameters] ':' expression`
    mutating func lambda() throws(Parser.Failure) -> Expr {
        let keyword = advance()
        let parameters = try parameterList(closing: .colon, annotations: false)
        try expectColon(after: "lambda parameters")
        let body = try expression()
        return Expr(.lambda(parameters, body: body), at: location(keyword))
    }

    /// `disjunction: conjunction ('or' conjunction)*`
    mutating func disjunction() throws(Parser.Failure) -> Expr {
        var left = try conjunction()
        while check(.or) {
            let op = advance()
            let right = try conjunction()
            left = Expr(.logical(.or, left, right), at: location(op))
        }
        return left
    }

    /// `conjunction: inversion ('and' inversion)*`
    mutating func conjunction() throws(Parser.Failure) -> Expr {
        var left = try inversion()
        while check(.and) {
            let op = advance()
            let right = try inversion()
            left = Expr(.logical(.and, left, right), at: location(op))
        }
        return left
    }

    /// `inversion: 'not' inversion | comparison`
    mutating func inversion() throws(Parser.Failure) -> Expr {
        guard check(.not) else { return try comparison() }
        let op = advance()
        try enterNesting()
        defer { depth -= 1 }
        let operand = try inversion()
        return Expr(.unary(.not, operand), at: location(op))
    }

    /// ```
    /// comparison: bitwise_or (compare_op bitwise_or)*
    /// compare_op: '<' | '<=' | '>' | '>=' | '==' | '!=' | 'in' | 'not' 'in' | 'is' | 'is' 'not'
    /// ```
    /// Chained: `a < b < c` keeps every operator with its right operand.
    mutating func comparison() throws(Parser.Failure) -> Expr {
        let first = try bitwiseOr()
        var comparisons: [Comparison] = []
        while let (op, opStart) = comparisonOperator() {
            let right = try bitwiseOr()
            comparisons.append(Comparison(op, right, at: opStart))
        }
        guard let head = comparisons.first else { return first }
        return Expr(.compare(first, comparisons), at: head.location)
    }

    /// Consumes a comparison operator (one or two tokens) and returns it with its location.
    mutating func comparisonOperator() -> (ComparisonOperator, SourceLocation)? {
        let start = current
        let op: ComparisonOperator
        switch start.kind {
        case .less: op = .less
        case .lessEqual: op = .lessEqual
        case .greater: op = .greater
        case .greaterEqual: op = .greaterEqual
        case .equalEqual: op = .equal
        case .notEqual: op = .notEqual
        case .keyword(.in): op = .in
        case .keyword(.is):
            advance()
            if match(.not) { return (.isNot, span(from: start)) }
            return (.is, span(from: start))
        case .keyword(.not):
            guard peek(1).kind == .keyword(.in) else { return nil }
            advance()
            advance()
            return (.notIn, span(from: start))
        default:
            return nil
        }
        advance()
        return (op, location(start))
    }

    /// `bitwise_or: bitwise_xor ('|' bitwise_xor)*`
    mutating func bitwiseOr() throws(Parser.Failure) -> Expr {
        var left = try bitwiseXor()
        while check(.pipe) {
            let op = advance()
            left = Expr(.binary(.bitOr, left, try bitwiseXor()), at: location(op))
        }
        return left
    }

    /// `bitwise_xor: bitwise_and ('^' bitwise_and)*`
    mutating func bitwiseXor() throws(Parser.Failure) -> Expr {
        var left = try bitwiseAnd()
        while check(.caret) {
            let op = advance()
            left = Expr(.binary(.bitXor, left, try bitwiseAnd()), at: location(op))
        }
        return left
    }

    /// `bitwise_and: shift_expr ('&' shift_expr)*`
    mutating func bitwiseAnd() throws(Parser.Failure) -> Expr {
        var left = try shiftExpression()
        while check(.ampersand) {
            let op = advance()
            left = Expr(.binary(.bitAnd, left, try shiftExpression()), at: location(op))
        }
        return left
    }

    /// `shift_expr: sum (('<<' | '>>') sum)*`
    mutating func shiftExpression() throws(Parser.Failure) -> Expr {
        var left = try sum()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .leftShift: op = .leftShift
            case .rightShift: op = .rightShift
            default: return left
            }
            let token = advance()
            left = Expr(.binary(op, left, try sum()), at: location(token))
        }
    }

    /// `sum: term (('+' | '-') term)*`
    mutating func sum() throws(Parser.Failure) -> Expr {
        var left = try term()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            let token = advance()
            left = Expr(.binary(op, left, try term()), at: location(token))
        }
    }

    /// `term: factor (('*' | '/' | '//' | '%' | '@') factor)*`
    mutating func term() throws(Parser.Failure) -> Expr {
        var left = try factor()
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            case .doubleSlash: op = .floorDivide
            case .percent: op = .modulo
            case .at: op = .matmul
            default: return left
            }
            let token = advance()
            left = Expr(.binary(op, left, try factor()), at: location(token))
        }
    }

    /// `factor: ('+' | '-' | '~') factor | power`
    mutating func factor() throws(Parser.Failure) -> Expr {
        let op: UnaryOperator
        switch current.kind {
        case .plus: op = .plus
        case .minus: op = .negate
        case .tilde: op = .invert
        default: return try power()
        }
        let token = advance()
        try enterNesting()
        defer { depth -= 1 }
        let operand = try factor()
        return Expr(.unary(op, operand), at: location(token))
    }

    /// `power: primary ['**' factor]` (right-associative; `-2**2` is `-(2**2)`, `2**-1` works)
    mutating func power() throws(Parser.Failure) -> Expr {
        let base = try primary()
        guard check(.doubleStar) else { return base }
        let op = advance()
        try enterNesting()
        defer { depth -= 1 }
        let exponent = try factor()
        return Expr(.binary(.power, base, exponent), at: location(op))
    }

    /// Whether `token` can begin an expression (used to allow trailing commas).
    func startsExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .name, .integer, .float, .string, .error, .leftParen, .leftBracket, .leftBrace,
             .minus, .plus, .tilde, .star, .ellipsis:
            return true
        case .keyword(let keyword):
            return keyword == .not || keyword == .lambda || keyword == .none || keyword == .true
                || keyword == .false || keyword == .await
        default:
            return false
        }
    }
}
