import DuskRuntime
import DuskSyntax
import Synchronization
import Testing

/// A library type plugged in through `RuntimeObject`, without touching the interpreter.
final class Meters: RuntimeObject {
    let value: Double
    init(_ value: Double) { self.value = value }

    var typeName: String { "Meters" }
    var repr: String { "Meters(\(Value.float(value).repr))" }
    var str: String { "\(Value.float(value).repr) m" }
    var doc: String? { "A length in meters." }
    var attributeNames: [String] { ["value", "to_feet"] }
    var plainValue: Value? { .float(value) }

    func truthiness() throws -> Bool { value != 0 }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "value": return .float(value)
        case "to_feet":
            let v = value
            return .builtin(Builtin("to_feet(digits=2)", doc: "The length in feet.") { args, _ in
                .float((v * 3.28084 * 100).rounded() / 100 + Double(try args.int(0)) * 0)
            })
        default: return nil
        }
    }

    func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        switch (op, other) {
        case (.add, .object(let o as Meters)): return .object(Meters(value + o.value))
        case (.multiply, _):
            guard let k = other.numericValue else { return nil }
            return .object(Meters(value * k))
        case (.subtract, .object(let o as Meters)):
            return .object(Meters(reflected ? o.value - value : value - o.value))
        default: return nil
        }
    }

    func unaryOperation(_ op: UnaryOperator, context: ExecutionContext) throws -> Value? {
        op == .negate ? .object(Meters(-value)) : nil
    }

    func compare(_ op: ComparisonOperator, _ other: Value, reflected: Bool, context: ExecutionContext) throws -> Value? {
        guard case .object(let o as Meters) = other else { return nil }
        switch op {
        case .less: return .bool(value < o.value)
        case .greater: return .bool(value > o.value)
        case .equal: return .bool(value == o.value)
        case .notEqual: return .bool(value != o.value)
        default: return nil
        }
    }

    func subscriptValue(_ index: Value, context: ExecutionContext) throws -> Value? {
        guard let i = index.intValue else { return nil }
        return .float(value / Double(i))
    }

    func makeIterator(context: ExecutionContext) throws -> ValueIterator? {
        var remaining = Int(value)
        return {
            guard remaining > 0 else { return nil }
            remaining -= 1
            return .int(remaining)
        }
    }

    func length() throws -> Int? { Int(value) }
    func hashKey() throws -> HashKey? { .custom("meters:\(value)") }
}

/// A context manager that logs enter and exit.
final class Recorder: RuntimeObject {
    let log = Mutex<[String]>([])
    var typeName: String { "Recorder" }
    var repr: String { "<Recorder>" }
    func enter(context: ExecutionContext) throws -> Value? {
        log.withLock { $0.append("enter") }
        return .str("resource")
    }
    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        log.withLock { $0.append("exit:" + (error?.message ?? "ok")) }
        return error?.type.name == "KeyError"
    }
}

@Suite struct RuntimeObjectTests {
    func session() -> TestSession {
        let t = TestSession()
        t.session.setValue(.builtin(Builtin("meters(v)", doc: "Makes a length.") { args, _ in
            .object(Meters(try args.double(0)))
        }), named: "meters")
        return t
    }

    @Test func operatorsAttributesAndReprComeFromTheObject() {
        let t = session()
        let out = t.run("""
        a = meters(2)
        b = meters(3.5)
        print(a + b, repr(a * 2), repr(3 * a), b - a, -a)
        print(a.value, a.to_feet(), a < b, a == meters(2), a != b, bool(meters(0)))
        print(b[2], list(meters(3)), len(b), {a: 1}[meters(2)], f"{a:.1f}", int(b), float(a))
        print(type(a).__name__, isinstance(a, object), str(a))
        """)
        #expect(out == """
        5.5 m Meters(4.0) Meters(6.0) 1.5 m -2.0 m
        2.0 6.56 True True True False
        1.75 [2, 1, 0] 3 1 2.0 3 2.0
        Meters True 2.0 m

        """)
    }

    @Test func unsupportedHooksGiveTheStandardErrors() {
        let t = session()
        #expect(t.error("meters(1) + 'x'\n").contains("unsupported operand type(s) for +: 'Meters' and 'str'"))
        #expect(t.error("meters(1).lenght\n").contains("'Meters' object has no attribute 'lenght'"))
        #expect(t.error("meters(1)(2)\n").contains("'Meters' object is not callable"))
        #expect(t.error("meters(1)['a']\n").contains("'Meters' object is not subscriptable"))
        #expect(t.error("~meters(1)\n").contains("bad operand type for unary ~: 'Meters'"))
        #expect(t.error("meters(1) <= meters(2)\n").contains("'<=' not supported between instances of 'Meters' and 'Meters'"))
    }

    @Test func completionAndHelpUseTheObjectsNames() {
        let t = session()
        _ = t.session.runCell("m = meters(1)")
        #expect(t.session.completions(for: "m.to", cursor: 4) == ["m.to_feet"])
        #expect(t.run("help(m)\n") == "Meters object\n  A length in meters.\n  attributes: value, to_feet\n")
    }

    @Test func withCallsEnterAndExit() {
        let t = TestSession()
        let recorder = Recorder()
        t.session.setValue(.object(recorder), named: "rec")
        let out = t.run("""
        with rec as r:
            print(r)
        try:
            with rec:
                raise ValueError("boom")
        except ValueError as e:
            print("propagated", e)
        with rec:
            {}["k"]
        print("suppressed")
        def early():
            for i in range(3):
                with rec:
                    return i
        print(early())
        """)
        #expect(out == "resource\npropagated boom\nsuppressed\n0\n")
        #expect(recorder.log.withLock { $0 } == ["enter", "exit:ok", "enter", "exit:boom", "enter", "exit:'k'", "enter", "exit:ok"])
        #expect(t.error("with 5:\n    pass\n").contains("'int' object does not support the context manager protocol"))
    }
}
