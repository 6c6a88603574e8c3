import Testing
import DuskArray

// Operation cases from scripts/gen_numpy_cases.py: inputs, NumPy's result or error, and
// the comparison of a Dusk result against them.

/// A case file: the input arrays once, then cases that refer to them by index.
struct OpCaseFile: Decodable {
    var arrays: [ArraySpec]
    var cases: [OpCase]

    /// The cases of one file grouped by operation name, in file order.
    static func grouped(_ name: String) -> (file: OpCaseFile?, ops: [String]) {
        guard let file = try? NumPyData.load(name, as: OpCaseFile.self) else { return (nil, []) }
        var seen = Set<String>()
        return (file, file.cases.map(\.op).filter { seen.insert($0).inserted })
    }
}

/// One call of a NumPy function and what NumPy answered.
struct OpCase: Decodable {
    var op: String
    var inputs: [OperandSpec]
    var result: Expected
    /// Reductions: `axis` (nil: all axes; an int is read as a one-element list).
    var axis: [Int]?
    var keepdims: Bool?
    var ddof: Int?
    var dtype: String?
    /// NumPy's warnings for each element alone, as letters: `d` divide by zero, `o` overflow,
    /// `i` invalid value (float_function_cases.json).
    var warnings: [String]?

    enum CodingKeys: String, CodingKey { case op, inputs, result, axis, keepdims, ddof, dtype, warnings }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        op = try container.decode(String.self, forKey: .op)
        inputs = try container.decode([OperandSpec].self, forKey: .inputs)
        result = try container.decode(Expected.self, forKey: .result)
        if let single = try? container.decodeIfPresent(Int.self, forKey: .axis) {
            axis = [single]
        } else {
            axis = try container.decodeIfPresent([Int].self, forKey: .axis)
        }
        keepdims = try container.decodeIfPresent(Bool.self, forKey: .keepdims)
        ddof = try container.decodeIfPresent(Int.self, forKey: .ddof)
        dtype = try container.decodeIfPresent(String.self, forKey: .dtype)
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings)
    }

    /// `op(shapes and dtypes, arguments)` for failure messages.
    func summary(_ file: OpCaseFile) -> String {
        let operands = inputs.map { input -> String in
            switch input {
            case .array(let index):
                let spec = file.arrays[index]
                return "\(spec.dtype)\(formatShape(spec.shape))" + (spec.values.map { " \($0.prefix(8))" } ?? "")
            case .python(let kind, let value):
                return "\(kind) \(value)"
            }
        }
        var arguments = operands
        if let axis { arguments.append("axis=\(axis)") }
        if let keepdims { arguments.append("keepdims=\(keepdims)") }
        if let ddof { arguments.append("ddof=\(ddof)") }
        if let dtype { arguments.append("dtype=\(dtype)") }
        return "\(op)(\(arguments.joined(separator: ", ")))"
    }
}

/// An input: an index into the file's arrays, or a Python scalar.
enum OperandSpec: Decodable {
    case array(Int)
    case python(kind: String, value: String)

    init(from decoder: any Decoder) throws {
        if let index = try? decoder.singleValueContainer().decode(Int.self) {
            self = .array(index)
            return
        }
        struct Python: Decodable { var python: String; var value: String }
        let scalar = try Python(from: decoder)
        self = .python(kind: scalar.python, value: scalar.value)
    }
}

/// NumPy's answer: an array, or the exception it raised.
enum Expected: Decodable {
    case array(ArraySpec)
    case error(kind: String, message: String)

    init(from decoder: any Decoder) throws {
        struct Failure: Decodable { var error: String; var message: String }
        if let failure = try? Failure(from: decoder) {
            self = .error(kind: failure.error, message: failure.message)
        } else {
            self = .array(try ArraySpec(from: decoder))
        }
    }
}

/// How close a Dusk float result must be to NumPy's.
struct Tolerance: CustomStringConvertible {
    /// Largest allowed distance in units in the last place of the result dtype (0: bit-exact,
    /// and the sign of a zero must match too unless `zeroSignFree`).
    var ulps: UInt64
    /// `0.0` and `-0.0` count as equal (for ops whose zero sign NumPy leaves unspecified).
    var zeroSignFree = false

    static let exact = Tolerance(ulps: 0)

    var description: String {
        (ulps == 0 ? "exact" : "\(ulps) ULP") + (zeroSignFree ? ", either zero sign" : "")
    }
}

enum Differential {
    /// Compares a Dusk outcome with NumPy's; returns a description of the first difference.
    static func mismatch(_ outcome: Result<NDArray, any Error>, expected: Expected, tolerance: Tolerance) -> String? {
        switch (outcome, expected) {
        case (.success(let array), .array(let spec)):
            return mismatch(array, spec, tolerance: tolerance)
        case (.success(let array), .error(let kind, let message)):
            return "NumPy raised \(kind): \(message); Dusk returned \(array.dtype)\(formatShape(array.shape))"
        case (.failure(let error), .array(let spec)):
            return "Dusk threw \(error); NumPy returned \(spec.dtype)\(formatShape(spec.shape))"
        case (.failure(let error), .error(let kind, let message)):
            guard let error = error as? ArrayError else { return "Dusk threw \(error), NumPy \(kind): \(message)" }
            let numpyKind = kind == "UFuncTypeError" ? "TypeError" : kind
            if error.kind != numpyKind || error.message != message {
                return "Dusk threw \(error.kind): \(error.message); NumPy \(kind): \(message)"
            }
            return nil
        }
    }

    static func mismatch(_ array: NDArray, _ spec: ArraySpec, tolerance: Tolerance) -> String? {
        guard array.dtype.name == spec.dtype else { return "dtype \(array.dtype), NumPy \(spec.dtype)" }
        guard array.shape == spec.shape else { return "shape \(formatShape(array.shape)), NumPy \(formatShape(spec.shape))" }
        let expected: NDArray
        do { expected = try spec.build() } catch { return "bad case: \(error)" }
        let actual = Element.all(of: array)
        let wanted = Element.all(of: expected)
        for (index, (a, b)) in zip(actual, wanted).enumerated() where !close(a, b, dtype: array.dtype, tolerance: tolerance) {
            return "element \(index): \(a), NumPy \(b) (\(tolerance))"
        }
        return nil
    }

    /// Equal values (NaN equals NaN), or floats within `tolerance`.
    static func close(_ a: Element, _ b: Element, dtype: DType, tolerance: Tolerance) -> Bool {
        guard case .float(let x) = a, case .float(let y) = b else { return a == b }
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
        if tolerance.ulps == 0 { return x == y && (x.sign == y.sign || tolerance.zeroSignFree) }
        if x == y { return true }
        if x.isInfinite || y.isInfinite { return false }
        return ulpDistance(x, y, float32: dtype == .float32) <= tolerance.ulps
    }

    /// Floats between `x` and `y`, counted in the dtype's own precision.
    static func ulpDistance(_ x: Double, _ y: Double, float32: Bool) -> UInt64 {
        func ordered(_ bits: UInt64, signBit: UInt64) -> Int64 {
            bits & signBit != 0 ? -Int64(bitPattern: bits & ~signBit) : Int64(bitPattern: bits)
        }
        let (p, q) = float32
            ? (ordered(UInt64(Float(x).bitPattern), signBit: 1 << 31), ordered(UInt64(Float(y).bitPattern), signBit: 1 << 31))
            : (ordered(x.bitPattern, signBit: 1 << 63), ordered(y.bitPattern, signBit: 1 << 63))
        return p.subtractingReportingOverflow(q).partialValue.magnitude
    }

    /// Runs every case of `op`: records an issue per difference from NumPy, and returns how
    /// many ran. `call` gets the input arrays (nil where the input is a Python scalar) and
    /// returns nil when Dusk has no such operation yet.
    static func check(op: String, in file: OpCaseFile, tolerance: Tolerance,
                      call: (OpCase, [NDArray?]) -> Result<NDArray, any Error>?) -> (ran: Int, skipped: Int) {
        var ran = 0, skipped = 0, differing = 0
        defer { print("differential \(op): \(ran - differing) passed, \(differing) differ, \(skipped) skipped") }
        for item in file.cases where item.op == op {
            let arrays: [NDArray?]
            do {
                arrays = try item.inputs.map { input -> NDArray? in
                    guard case .array(let index) = input else { return nil }
                    return try file.arrays[index].build()
                }
            } catch {
                Issue.record("bad case \(item.summary(file)): \(error)")
                continue
            }
            guard let outcome = call(item, arrays) else {
                skipped += 1
                continue
            }
            ran += 1
            if let difference = mismatch(outcome, expected: item.result, tolerance: tolerance) {
                differing += 1
                Issue.record("\(item.summary(file)): \(difference)")
            }
        }
        return (ran, skipped)
    }

    /// Reports skipped cases as a known issue: visible in the test output, never a silent pass.
    static func reportSkipped(_ skipped: Int, of total: Int, op: String, reason: String) {
        guard skipped > 0 else { return }
        withKnownIssue("\(op): \(skipped) of \(total) NumPy cases skipped: \(reason)") {
            Issue.record("\(op): \(skipped) of \(total) NumPy cases skipped: \(reason)")
        }
    }
}

extension Element: CustomStringConvertible {
    var description: String {
        switch self {
        case .bool(let value): value ? "True" : "False"
        case .int(let value): String(value)
        case .uint(let value): String(value)
        case .float(let value): String(value)
        }
    }
}
