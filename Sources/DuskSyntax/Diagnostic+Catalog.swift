/// Every syntax diagnostic message, in one place.
///
/// Messages are lower-case, have no final period, and quote source text.
extension Diagnostic {
    // MARK: - Lexical

    static func invalidCharacter(_ c: Unicode.Scalar, at location: SourceLocation) -> Diagnostic {
        let invisible = c.properties.isWhitespace || c.value < 32 || c.value == 127
            || c.properties.generalCategory == .format
        let hex = String(c.value, radix: 16, uppercase: true)
        let shown = invisible ? "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex : String(c)
        return Diagnostic(.error, "invalid character '\(shown)'", at: location)
    }

    static func integerTooLarge(_ text: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "integer literal '\(text)' is too large", at: location)
    }

    static func invalidNumber(_ kind: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "invalid \(kind) literal", at: location)
    }

    static func leadingZeros(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "leading zeros in decimal integer literals are not permitted; use '0o' for octal", at: location)
    }

    static func imaginaryLiteral(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "imaginary literals are not supported", at: location)
    }

    static func bytesLiteral(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "bytes literals are not supported", at: location)
    }

    static func unterminatedString(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "unterminated string literal", at: location)
    }

    static func unterminatedTripleQuotedString(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "unterminated triple-quoted string literal", at: location)
    }

    static func invalidEscape(_ escape: String, width: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "invalid '\(escape)' escape: expected \(width) hexadecimal digits", at: location)
    }

    static func invalidUnicodeEscape(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "invalid unicode escape: not a unicode scalar value", at: location)
    }

    static func namedEscapeUnsupported(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "'\\N{...}' escapes are not supported", at: location)
    }

    static func backslashAtEndOfInput(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "unexpected end of input after line continuation character", at: location)
    }

    static func unexpectedCharacterAfterContinuation(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "unexpected character after line continuation character", at: location)
    }

    static func unindentMismatch(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "unindent does not match any outer indentation level", at: location)
    }

    static func inconsistentTabs(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "inconsistent use of tabs and spaces in indentation", at: location)
    }

    static func missingParentheses(_ name: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "missing parentheses in call to '\(name)'; did you mean \(name)(...)?", at: location)
    }

    static func tooManyIndentationLevels(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "too many levels of indentation (the limit is \(Lexer.maximumIndentationDepth))", at: location)
    }

    // MARK: - F-strings

    static func fStringSingleCloseBrace(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "f-string: single '}' is not allowed; write '}}' for a literal brace", at: location)
    }

    static func fStringExpectedCloseBrace(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "f-string: expected '}' to close '{'", at: location)
    }

    static func fStringEmptyExpression(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "f-string: empty expression not allowed", at: location)
    }

    static func fStringInvalidConversion(_ found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "f-string: invalid conversion character '\(found)': expected 's', 'r', or 'a'", at: location)
    }

    static func fStringComment(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "f-string: expression part cannot include '#'", at: location)
    }

    static func fStringNestedTooDeeply(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "f-string: f-strings are nested too deeply (the limit is \(Lexer.maximumFStringNesting) levels)", at: location)
    }

    static func fStringNestedFormatField(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "f-string: nested replacement fields in a format spec are not supported", at: location)
    }

    // MARK: - Layout

    static func unexpectedIndent(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "unexpected indent", at: location)
    }

    static func expectedIndentedBlock(after statement: String, line: Int, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected an indented block after \(statement) on line \(line)", at: location)
    }

    // MARK: - Expected tokens

    static func expected(_ what: String, found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected \(what), found \(found)", at: location)
    }

    static func expectedExpression(found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected an expression, found \(found)", at: location)
    }

    static func expectedClosing(_ close: String, toClose open: String, openedAt opening: SourceLocation,
                                at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected '\(close)' to close '\(open)' at \(opening.line):\(opening.column)", at: location)
    }

    /// The input ended inside brackets: the caret goes under the opening one, as Python's does.
    static func neverClosed(_ open: String, at opening: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "'\(open)' was never closed", at: opening)
    }

    static func expectedColon(after what: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected ':' after \(what)", at: location)
    }

    static func expectedEndOfStatement(found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected end of statement, found \(found)", at: location)
    }

    static func unmatchedClosing(_ close: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "unmatched '\(close)'", at: location)
    }

    static func expectedElse(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected 'else' after 'if' expression", at: location)
    }

    static func nestedTooDeeply(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expression is nested too deeply (the limit is \(Parser.maximumNestingDepth) levels)", at: location)
    }

    // MARK: - Targets

    static func cannotAssign(to what: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "cannot assign to \(what)", at: location)
    }

    static func cannotDelete(_ what: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "cannot delete \(what)", at: location)
    }

    static func illegalAugmentedTarget(_ what: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "\(what) is an illegal target for augmented assignment", at: location)
    }

    static func multipleStarredTargets(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "multiple starred expressions in assignment", at: location)
    }

    static func starredTargetAlone(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "starred assignment target must be in a list or tuple", at: location)
    }

    static func starredNotAllowed(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "starred expression is not allowed here", at: location)
    }

    // MARK: - Arguments and parameters

    static func positionalAfterKeyword(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "positional argument follows keyword argument", at: location)
    }

    static func positionalAfterKeywordUnpacking(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "positional argument follows keyword argument unpacking", at: location)
    }

    static func iterableUnpackingAfterKeywordUnpacking(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "iterable argument unpacking follows keyword argument unpacking", at: location)
    }

    static func repeatedKeyword(_ name: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "keyword argument repeated: '\(name)'", at: location)
    }

    static func invalidKeywordArgument(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expression cannot be a keyword argument name; did you mean '=='?", at: location)
    }

    static func unparenthesizedGenerator(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "generator expression must be parenthesized", at: location)
    }

    static func duplicateParameter(_ name: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "duplicate parameter '\(name)' in function definition", at: location)
    }

    static func parameterWithoutDefault(_ name: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "parameter '\(name)' without a default follows a parameter with a default", at: location)
    }

    static func bareStarWithoutNames(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "named parameters must follow bare '*'", at: location)
    }

    static func parameterAfterKeywordVariadic(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "parameters cannot follow '**' parameter", at: location)
    }

    static func duplicateStarParameter(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "'*' parameter can appear only once", at: location)
    }

    static func variadicDefault(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "variadic parameter cannot have a default value", at: location)
    }

    // MARK: - Statements in the wrong place

    static func outside(_ keyword: String, _ place: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "'\(keyword)' outside \(place)", at: location)
    }

    static func nonlocalAtModuleLevel(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "nonlocal declaration not allowed at module level", at: location)
    }

    static func notSupported(_ what: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "\(what) not supported in Dusk", at: location)
    }

    static func tryWithoutHandlers(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected 'except' or 'finally' block", at: location)
    }

    static func bareExceptNotLast(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "default 'except:' must be last", at: location)
    }

    static func decoratorWithoutFunction(found: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected 'def' after decorator, found \(found)", at: location)
    }

    static func relativeImport(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "relative imports are not supported", at: location)
    }

    static func expectedExpressionAtEnd(at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, "expected an expression, found end of input", at: location)
    }
}
