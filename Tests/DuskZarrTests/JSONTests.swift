import Testing
@testable import DuskZarr

@Suite struct JSONTests {
    @Test func keepsOrderAndNumberKinds() throws {
        let value = try JSONValue.parse(#"{"b": 1, "a": 1.0, "c": [true, null, "x"], "d": 18446744073709551615}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "c", "d"])
        #expect(object["b"] == .int(1))
        #expect(object["a"] == .double(1.0))
        #expect(object["c"] == .array([.bool(true), .null, .string("x")]))
        #expect(object["d"] == .uint(UInt64.max))
    }

    @Test func readsPythonsNonFiniteNumbers() throws {
        let value = try JSONValue.parse("[NaN, Infinity, -Infinity, -0.5e-3]")
        let numbers = try #require(value.arrayValue).compactMap(\.doubleValue)
        #expect(numbers[0].isNaN)
        #expect(numbers[1] == .infinity)
        #expect(numbers[2] == -.infinity)
        #expect(numbers[3] == -0.0005)
    }

    @Test func stringsAndEscapes() throws {
        let value = try JSONValue.parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\né😀"))
        // Written back as Python's json.dumps does: non-ASCII escaped.
        #expect(JSONWriter.text(value) == #""a\"b\\c/d\n\u00e9\ud83d\ude00""#)
    }

    @Test func writesLikePythonJSONDumpsIndent2() throws {
        let value = JSONValue.object(JSONObject([("shape", .array([.int(7), .int(5)])), ("a", .object(JSONObject())),
                                                 ("b", .array([])), ("f", .double(0.5)), ("n", .double(.nan))]))
        #expect(value.prettyText == """
            {
              "shape": [
                7,
                5
              ],
              "a": {},
              "b": [],
              "f": 0.5,
              "n": NaN
            }
            """)
        #expect(value.description == #"{"shape": [7, 5], "a": {}, "b": [], "f": 0.5, "n": NaN}"#)
    }

    @Test(arguments: [
        ("", "unexpected end of JSON"),
        ("{", "expected a quoted key"),
        (#"{"a" 1}"#, "expected ':'"),
        ("[1,]", "unexpected character ']'"),
        ("[1 2]", "expected ',' or ']'"),
        (#""abc"#, "unterminated string"),
        ("01", "leading zero"),
        ("1.", "no digits after '.'"),
        ("tru", "expected 'true'"),
        ("{} x", "unexpected text after"),
        (#""\x""#, "invalid escape"),
    ])
    func syntaxErrorsSayWhere(text: String, message: String) {
        #expect {
            try JSONValue.parse(text)
        } throws: { error in
            guard let error = error as? ZarrError else { return false }
            return error.kind == .invalidMetadata && error.message.contains(message) && error.message.contains("line 1")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: ZarrError.self) { try JSONValue.parse(text) }
    }

    @Test func errorsGiveLineAndColumn() {
        #expect {
            try JSONValue.parse("{\n  \"a\": [1,\n  2,, 3]\n}")
        } throws: { error in
            (error as? ZarrError)?.message.contains("line 3, column 5") == true
        }
    }
}
