@testable import DuskRuntime
import Foundation
import Testing

/// Every name of the Python array API standard (2024.12, with its `linalg` and `fft`
/// extensions) that NumPy (resp. dask.array) has exists in Dusk's `np` (resp. `da`), and
/// its functions take the standard's parameters wherever NumPy's (Dask's) do: positional
/// ones by position, keyword ones by name (Cases/array_api_names.json, written by
/// `scripts/gen_array_api_names.py` from array_api_strict).
@Suite("Array API standard names")
struct ArrayAPINamesTests {
    /// Names the peer has and Dusk does not yet, per namespace: each must really be missing,
    /// so the lists shrink as functions land (README's coverage table counts the rest).
    static let missing: [String: Set<String>] = [
        "numpy": [
            "__array_api_version__", "__array_namespace_info__", "__version__",
            "complex64", "complex128", "from_dlpack",
            "fft", "fft.fft", "fft.ifft", "fft.fftn", "fft.ifftn", "fft.rfft", "fft.irfft", "fft.rfftn", "fft.irfftn",
            "fft.hfft", "fft.ihfft", "fft.fftfreq", "fft.rfftfreq", "fft.fftshift", "fft.ifftshift",
        ],
        "dask": [
            "complex64", "complex128", "nonzero", "searchsorted",
            "linalg", "linalg.cholesky", "linalg.inv", "linalg.qr", "linalg.solve", "linalg.svd",
            "fft", "fft.fft", "fft.ifft", "fft.fftn", "fft.ifftn", "fft.rfft", "fft.irfft", "fft.rfftn", "fft.irfftn",
            "fft.hfft", "fft.ihfft", "fft.fftfreq", "fft.rfftfreq", "fft.fftshift", "fft.ifftshift",
        ],
    ]

    /// Functions that lack a parameter of the standard's signature the peer takes (none today).
    /// Each listed must really lack it.
    static let signatureGaps: [String: Set<String>] = [:]

    struct NamesFile: Decodable {
        struct Parameter: Decodable {
            var name: String
            var kind: String
            var required: Bool
            var numpy: Bool
            var dask: Bool
        }

        struct Name: Decodable {
            var name: String
            var kind: String
            var parameters: [Parameter]?
            var numpy: Bool
            var dask: Bool
        }

        var names: [Name]

        static func load() throws -> NamesFile {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Cases/array_api_names.json")
            return try JSONDecoder().decode(NamesFile.self, from: Data(contentsOf: url))
        }
    }

    @Test(arguments: ["numpy", "dask"])
    func namesExist(peer: String) throws {
        let file = try NamesFile.load()
        let (sink, _) = OutputSink.capture()
        let session = Session(argv: ["names"], output: sink)
        let module = peer == "numpy" ? "np" : "da"
        try session.execute(try session.prepare("import numpy as np\nimport dask.array as da\n", name: "imports"))
        let expectedMissing = Self.missing[peer] ?? []
        var missing: Set<String> = []
        var gaps: Set<String> = []
        let expectedGaps = Self.signatureGaps[peer] ?? []
        var present = 0, total = 0
        for entry in file.names where peer == "numpy" ? entry.numpy : entry.dask {
            total += 1
            let value: Value
            do {
                try session.execute(try session.prepare("__name = \(module).\(entry.name)", name: "name"))
                value = session.value(named: "__name") ?? .none
            } catch {
                missing.insert(entry.name)
                continue
            }
            if let problem = Self.check(value, entry, peer: peer) {
                gaps.insert(entry.name)
                if !expectedGaps.contains(entry.name) { Issue.record(Comment(rawValue: "\(module).\(entry.name): \(problem)")) }
            }
            present += 1
        }
        for name in missing.subtracting(expectedMissing).sorted() {
            Issue.record(Comment(rawValue: "\(module).\(name) is missing"))
        }
        for name in expectedMissing.subtracting(missing).sorted() {
            Issue.record(Comment(rawValue: "\(module).\(name) exists now: remove it from ArrayAPINamesTests.missing"))
        }
        for name in expectedGaps.subtracting(gaps).sorted() {
            Issue.record(Comment(rawValue: "\(module).\(name) takes the standard's parameters now: remove it from ArrayAPINamesTests.signatureGaps"))
        }
        print("array API names in \(module): \(present) of the \(total) that \(peer) has, \(gaps.count) without a standard parameter")
    }

    /// Nil when `value` is what the standard's entry needs; otherwise what is wrong.
    static func check(_ value: Value, _ entry: NamesFile.Name, peer: String) -> String? {
        switch entry.kind {
        case "function":
            let signature: Signature
            switch value {
            case .builtin(let b): signature = b.signature
            case .function(let f): signature = f.signature
            case .type(let t):
                guard let constructor = t.constructor else { return "a type without a constructor" }
                signature = constructor.signature
            default: return "not callable (\(value.typeName))"
            }
            for (position, parameter) in (entry.parameters ?? []).enumerated()
            where peer == "numpy" ? parameter.numpy : parameter.dask {
                if let problem = takes(signature, parameter, position: position) { return "\(signature.text): \(problem)" }
            }
            return nil
        case "constant", "str":
            switch value {
            case .float, .none, .str: return nil
            default: return "a \(value.typeName), expected a constant"
            }
        case "module":
            if case .module = value { return nil }
            return "a \(value.typeName), expected a module"
        default:
            return nil
        }
    }

    /// Whether `signature` accepts the standard's `parameter` at `position` as the standard passes it.
    static func takes(_ signature: Signature, _ parameter: NamesFile.Parameter, position: Int) -> String? {
        let parameters = signature.parameters
        let byPosition = parameters.filter { $0.kind == .positionalOnly || $0.kind == .regular }
        let hasVariadic = parameters.contains { $0.kind == .variadic }
        switch parameter.kind {
        case "positional":
            return position < byPosition.count || hasVariadic ? nil : "no positional parameter \(position + 1) (\(parameter.name))"
        case "varargs":
            return hasVariadic ? nil : "no *\(parameter.name)"
        default:
            if parameters.contains(where: { $0.name == parameter.name && ($0.kind == .regular || $0.kind == .keywordOnly) })
                || parameters.contains(where: { $0.kind == .variadicKeywords }) {
                return nil
            }
            return "no keyword parameter \(parameter.name)"
        }
    }
}
