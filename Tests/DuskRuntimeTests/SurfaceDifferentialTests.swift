import DuskArray
import DuskGraph
@testable import DuskRuntime
import Foundation
import Testing

/// The array surface against NumPy and Dask (Cases/surface_cases.json, written by
/// `scripts/gen_surface_cases.py`): every case's expression runs in a Dusk session twice,
/// on NumPy-style arrays (NumPy's result: values, dtype, shape) and on lazy arrays cut as
/// Dask cut them (Dask's result, and the chunks of the lazy result).
@Suite("The array surface matches NumPy and Dask")
struct SurfaceDifferentialTests {
    static let file: SurfaceFile? = try? SurfaceFile.load()

    @Test func caseFileLoads() throws {
        let file = try SurfaceFile.load()
        #expect(file.cases.count > 300)
    }

    @Test(arguments: [false, true])
    func cases(lazy: Bool) throws {
        let file = try #require(Self.file)
        let runner = try SurfaceRunner(file, lazy: lazy)
        var failures: [String] = []
        var ran = 0
        for item in file.cases {
            guard let expected = lazy ? item.lazy : item.eager else { continue }
            ran += 1
            if let problem = runner.check(item, expected: expected, fallback: lazy ? item.eager : nil) {
                failures.append("\(lazy ? "lazy" : "eager") \(item.expr): \(problem)")
            }
        }
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
        print("surface \(lazy ? "lazy" : "eager"): \(ran - failures.count) of \(ran) cases agree")
    }
}

/// The generated file.
struct SurfaceFile: Decodable {
    struct Input: Decodable {
        var name: String
        var build: String
        var chunks: String
    }

    struct Case: Decodable {
        var expr: String
        var eager: Expected?
        var lazy: Expected?
        var tolerance: Double?
        var abs_tolerance: Double?
        var zero_sign_free: Bool?
        var sorted: Bool?
        var message_free: Bool?
    }

    var inputs: [Input]
    var cases: [Case]

    static func load() throws -> SurfaceFile {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases/surface_cases.json")
        return try JSONDecoder().decode(SurfaceFile.self, from: Data(contentsOf: url))
    }
}

/// An expected result.
indirect enum Expected: Decodable {
    struct ArrayValue: Decodable {
        var dtype: String
        var shape: [Int]
        var values: [String]
    }

    case array(ArrayValue, chunks: [[Int?]]?, scalar: Bool, computedByNumPy: Bool)
    case python(kind: String, value: String)
    case tuple([Expected])
    case error(type: String, message: String)

    var isError: Bool { if case .error = self { true } else { false } }

    private enum Keys: String, CodingKey {
        case array, chunks, scalar, computed_by_numpy, python, value, tuple, error, message
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if let array = try c.decodeIfPresent(ArrayValue.self, forKey: .array) {
            self = .array(array, chunks: try c.decodeIfPresent([[Int?]].self, forKey: .chunks),
                          scalar: try c.decodeIfPresent(Bool.self, forKey: .scalar) ?? false,
                          computedByNumPy: try c.decodeIfPresent(Bool.self, forKey: .computed_by_numpy) ?? false)
        } else if let kind = try c.decodeIfPresent(String.self, forKey: .python) {
            self = .python(kind: kind, value: try c.decode(String.self, forKey: .value))
        } else if let items = try c.decodeIfPresent([Expected].self, forKey: .tuple) {
            self = .tuple(items)
        } else {
            self = .error(type: try c.decode(String.self, forKey: .error), message: try c.decode(String.self, forKey: .message))
        }
    }
}

/// A result as Dusk gave it: a value, a lazy array (its chunks, and its computed value), or a tuple.
indirect enum Got {
    case value(Value)
    case lazy(chunks: [[Int]], computed: Value)
    case tuple([Got])
}

/// A session holding the inputs (eager or lazy) that evaluates cases and compares results.
struct SurfaceRunner {
    let session: Session
    let lazy: Bool

    init(_ file: SurfaceFile, lazy: Bool) throws {
        let (sink, _) = OutputSink.capture()
        session = Session(argv: ["surface"], output: sink)
        self.lazy = lazy
        var setup = "import numpy as np\nimport dask.array as da\n"
        for input in file.inputs {
            setup += "\(input.name) = \(input.build)\n"
            if lazy { setup += "\(input.name) = da.from_array(\(input.name), chunks=\(input.chunks))\n" }
        }
        try session.execute(try session.prepare(setup, name: "inputs"))
    }

    /// Nil when the case agrees; otherwise what differs. A lazy case that Dask cannot run
    /// may instead give NumPy's answer (`fallback`): Dusk is allowed to do better than Dask.
    func check(_ item: SurfaceFile.Case, expected: Expected, fallback: Expected?) -> String? {
        let got: Got
        do {
            try session.execute(try session.prepare("__result = " + item.expr, name: "case"))
            // Lazy results are computed here: errors of the computation count as the case's.
            got = try computed(session.value(named: "__result") ?? .none)
        } catch let error as SessionError {
            guard case .runtime(let e) = error else { return "syntax: \(error.rendered)" }
            // Dask failing where NumPy fails too: NumPy's error is as good as Dask's.
            if case .error(let type, _) = expected, e.type.name != type, case .error(let eagerType, _)? = fallback,
               e.type.name == eagerType {
                return nil
            }
            if case .error(let type, let message) = expected {
                if e.type.name != type { return "raised \(e.type.name), expected \(type)" }
                let firstLine = e.message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                if item.message_free != true && !message.isEmpty && firstLine != message {
                    return "message '\(e.message)', expected '\(message)'"
                }
                return nil
            }
            return "raised \(e.type.name): \(e.message)"
        } catch {
            return "failed: \(error)"
        }
        if case .error(let type, _) = expected {
            if let fallback, !fallback.isError { return compare(got, fallback, item, checkChunks: false) }
            return "no error, expected \(type)"
        }
        return compare(got, expected, item, checkChunks: true)
    }

    /// The value with every lazy array in it (in a tuple too) computed in the session.
    private func computed(_ value: Value) throws -> Got {
        switch value {
        case .object(let o as LazyArrayObject):
            session.setValue(value, named: "__lazy")
            try session.execute(try session.prepare("__computed = __lazy.compute()", name: "compute"))
            return .lazy(chunks: o.array.chunks.sizes, computed: session.value(named: "__computed") ?? .none)
        case .tuple(let items):
            return .tuple(try items.map(computed))
        case .list(let l):
            return .tuple(try l.items.map(computed))
        case .object(let o as NamedTupleObject):
            return .tuple(try o.values.map(computed))
        default:
            return .value(value)
        }
    }

    private func compare(_ got: Got, _ expected: Expected, _ item: SurfaceFile.Case, checkChunks: Bool) -> String? {
        switch expected {
        case .error(let type, _):
            return "no error, expected \(type)"
        case .tuple(let items):
            guard case .tuple(let elements) = got else { return "not a tuple, expected a tuple of \(items.count)" }
            guard elements.count == items.count else { return "\(elements.count) results, expected \(items.count)" }
            for (i, (element, wanted)) in zip(elements, items).enumerated() {
                if let problem = compare(element, wanted, item, checkChunks: checkChunks) { return "[\(i)] \(problem)" }
            }
            return nil
        case .python(let kind, let text):
            guard case .value(let value) = got else { return "a lazy array, expected \(kind) \(text)" }
            let shown: String
            switch value {
            case .int(let i): shown = String(i)
            case .bool(let b): shown = b ? "True" : "False"
            case .float(let d): shown = Value.float(d).repr
            case .str(let s): shown = s
            case .object(let o as DTypeObject): shown = o.dtype.name
            case .type: shown = (try? ArrayConvert.dtype(value))??.name ?? value.repr
            default: shown = value.repr
            }
            return shown == text ? nil : "\(shown) (\(value.typeName)), expected \(kind) \(text)"
        case .array(let spec, let chunks, let scalar, _):
            let value: Value
            switch got {
            case .lazy(let lazyChunks, let computedValue):
                if !lazy { return "a lazy array, expected an ndarray" }
                // Dusk keeps some NumPy functions lazy that Dask computes (with a warning): allowed.
                if checkChunks, let chunks, lazyChunks.map({ $0.map(Optional.some) }) != chunks {
                    return "chunks \(Chunks(lazyChunks)), expected \(chunks)"
                }
                value = computedValue
            case .value(let v):
                if checkChunks && chunks != nil { return "a \(v.typeName), expected a lazy array" }
                value = v
            case .tuple:
                return "a tuple, expected an array"
            }
            let array: NDArray
            switch value {
            case .object(let o as NDArrayObject):
                if scalar && chunks == nil { return "an ndarray, expected a NumPy scalar" }
                array = o.array
            case .object(let o as NumPyScalar):
                if !scalar && chunks == nil { return "a scalar \(o.repr), expected an array" }
                do { array = try NDArray(scalar: o.scalar) } catch { return "\(error)" }
            case .int(let i): do { array = try NDArray(scalar: .int64(Int64(i))) } catch { return "\(error)" }
            case .float(let d): do { array = try NDArray(scalar: .float64(d)) } catch { return "\(error)" }
            case .bool(let b): do { array = try NDArray(scalar: .bool(b)) } catch { return "\(error)" }
            default: return "a \(value.typeName), expected an array"
            }
            do { return try compareArray(array, spec, item) } catch { return "comparison failed: \(error)" }
        }
    }

    private func compareArray(_ array: NDArray, _ spec: Expected.ArrayValue, _ item: SurfaceFile.Case) throws -> String? {
        if array.dtype.name != spec.dtype { return "dtype \(array.dtype.name), expected \(spec.dtype)" }
        if array.shape != spec.shape { return "shape \(array.shape), expected \(spec.shape)" }
        var got = try array.contiguous().scalars
        var want = spec.values
        if item.sorted == true {
            got = try array.flattened().sorted(axis: nil).scalars
            want = zip(want, want.indices).sorted { a, b in
                let (x, y) = (Double(a.0) ?? 0, Double(b.0) ?? 0)
                return x < y || (x.isNaN ? false : y.isNaN)
            }.map(\.0)
        }
        for (i, (g, w)) in zip(got, want).enumerated() {
            if !SurfaceRunner.agree(g, w, dtype: array.dtype, tolerance: item.tolerance ?? 0,
                                    absoluteTolerance: item.abs_tolerance ?? 0, zeroSignFree: item.zero_sign_free ?? false) {
                return "element \(i): \(g.str), expected \(w)"
            }
        }
        return nil
    }

    /// Whether Dusk's element agrees with the peer's text: exactly (the float32 rounding of it
    /// for float32), or within `tolerance` relative plus `absoluteTolerance` (which also lets
    /// a zero's sign differ: LAPACK's zeros up to rounding).
    static func agree(_ scalar: Scalar, _ text: String, dtype: DType, tolerance: Double, absoluteTolerance: Double = 0,
                      zeroSignFree: Bool) -> Bool {
        switch scalar {
        case .bool(let b): return text == (b ? "True" : "False")
        case .int(let v, _): return Int64(text) == v
        case .uint(let v, _): return UInt64(text) == v
        case .float(let v, _):
            guard let w = Double(text) else { return false }
            if v.isNaN || w.isNaN { return v.isNaN && w.isNaN }
            if v == w { return zeroSignFree || absoluteTolerance > 0 || v.sign == w.sign || v != 0 }
            if tolerance > 0 || absoluteTolerance > 0 {
                return abs(v - w) <= tolerance * Swift.max(abs(w), 1e-300) + absoluteTolerance
            }
            let tiny = dtype == .float32 ? Double(Float(w)) : w
            return v == tiny
        }
    }
}
