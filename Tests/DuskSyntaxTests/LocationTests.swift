import Testing
@testable import DuskSyntax

/// Nodes point back at the source: first token, or the operator for operators;
/// postfix forms (calls, subscripts, attributes) span their whole text on the line.
struct LocationTests {
    /// `line:column+length` of a location.
    static func at(_ location: DuskSyntax.SourceLocation) -> String {
        "\(location.line):\(location.column)+\(location.length)"
    }

    static func firstStatement(_ source: String) -> Stmt? {
        Parser.parse(SourceFile(name: "t", text: source)).module?.body.first
    }

    static func assignedValue(_ source: String) -> Expr? {
        guard case .assign(_, let value)? = firstStatement(source)?.kind else { return nil }
        return value
    }

    @Test func operatorsPointAtTheOperator() throws {
        let value = try #require(Self.assignedValue("y = sin(x) * onse((3, 3))"))
        guard case .binary(.multiply, let left, let right) = value.kind else {
            Issue.record("expected a product")
            return
        }
        #expect(Self.at(value.location) == "1:12+1")
        #expect(Self.at(left.location) == "1:5+6")
        guard case .call(let callee, let arguments) = right.kind, case .positional(let tuple)? = arguments.first else {
            Issue.record("expected a call")
            return
        }
        #expect(Self.at(callee.location) == "1:14+4")
        #expect(Self.at(right.location) == "1:14+12")
        #expect(Self.at(tuple.location) == "1:19+6")
    }

    @Test func comparisonsLogicalAndConditional() throws {
        let value = try #require(Self.assignedValue("r = a if b and c else d"))
        guard case .conditional(let test, _, _) = value.kind else {
            Issue.record("expected a conditional")
            return
        }
        #expect(Self.at(value.location) == "1:7+2")
        #expect(Self.at(test.location) == "1:12+3")
        let compare = try #require(Self.assignedValue("r = a not in b is not c"))
        guard case .compare(_, let comparisons) = compare.kind else {
            Issue.record("expected a comparison")
            return
        }
        #expect(Self.at(compare.location) == "1:7+6")
        #expect(comparisons.map { Self.at($0.location) } == ["1:7+6", "1:16+6"])
    }

    @Test func postfixFormsSpanTheirText() throws {
        let value = try #require(Self.assignedValue("v = data.values[1:2, ::3]"))
        #expect(Self.at(value.location) == "1:5+21")
        guard case .subscript(let base, let index) = value.kind, case .tuple(let items) = index.kind else {
            Issue.record("expected a subscript with a tuple index")
            return
        }
        #expect(Self.at(base.location) == "1:5+11")
        #expect(items.map { Self.at($0.location) } == ["1:17+3", "1:22+3"])
    }

    @Test func multiLineNodesAreClippedToTheirFirstLine() throws {
        let value = try #require(Self.assignedValue("x = f(1,\n      2)\n"))
        #expect(Self.at(value.location) == "1:5+4")
    }

    @Test func fStringFieldsPointInsideTheString() throws {
        let value = try #require(Self.assignedValue("s = f'ab {x + y!r} {z = }'"))
        guard case .fstring(let parts) = value.kind else {
            Issue.record("expected an f-string")
            return
        }
        var locations: [String] = []
        for case .interpolation(let e, _, _, _) in parts { locations.append(Self.at(e.location)) }
        #expect(locations == ["1:13+1", "1:21+1"])
        let multiline = try #require(Self.assignedValue("s = f'''\n  {\n    name}'''"))
        guard case .fstring(let lines) = multiline.kind, case .interpolation(let e, _, _, _)? = lines.last else {
            Issue.record("expected an f-string")
            return
        }
        #expect(Self.at(e.location) == "3:5+4")
    }

    @Test func statementsPointAtTheirFirstToken() throws {
        let source = "if a:\n    pass\nelif b:\n    x += 1\n"
        let statement = try #require(Self.firstStatement(source))
        guard case .if(_, _, let orelse) = statement.kind, let elif = orelse.first,
              case .if(_, let body, _) = elif.kind else {
            Issue.record("expected if/elif")
            return
        }
        #expect(Self.at(statement.location) == "1:1+2")
        #expect(Self.at(elif.location) == "3:1+4")
        #expect(body.map { Self.at($0.location) } == ["4:5+1"])
    }

    @Test func parametersAndImportsHaveLocations() throws {
        let def = try #require(Self.firstStatement("def f(a, *b, c=1, **d): pass"))
        guard case .functionDef(let function) = def.kind else {
            Issue.record("expected a function")
            return
        }
        #expect(function.parameters.map { Self.at($0.location) } == ["1:7+1", "1:11+1", "1:14+1", "1:21+1"])
        let imports = try #require(Self.firstStatement("import dask.array as da, numpy"))
        guard case .import(let names) = imports.kind else {
            Issue.record("expected an import")
            return
        }
        #expect(names.map { Self.at($0.location) } == ["1:8+16", "1:26+5"])
    }

    @Test func diagnosticsInsideFStringsPointAtTheExpression() {
        let found = diagnostics("s = f'{a +* b}'").map { "\($0.location.map(Self.at) ?? "?") \($0.message)" }
        #expect(found == ["1:11+1 expected an expression, found '*'"])
    }
}
