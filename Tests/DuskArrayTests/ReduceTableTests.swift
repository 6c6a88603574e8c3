import DuskArray
import Foundation
import Testing

/// One generated case: an input, an operation, NumPy's result or error.
struct ReduceCase: Decodable {
    let op: String
    let input: Int
    let axes: [Int]?
    let keepdims: Bool
    let ddof: Double
    let resultDType: String?
    let resultShape: [Int]?
    let result: [String]?
    let error: String?
}

struct ReduceInput: Decodable {
    let dtype: String
    let baseShape: [Int]
    let view: String
    let data: [String]
}

struct ReduceTable: Decodable {
    let inputs: [ReduceInput]
    let cases: [ReduceCase]

    static let shared: ReduceTable = try! JSONDecoder().decode(ReduceTable.self, from: Data(reduceCasesJSON.utf8))

    func array(_ index: Int) -> NDArray {
        let input = inputs[index]
        let base = MathTest.array(input.data, dtype: DType(numpyName: input.dtype)!, shape: input.baseShape)
        return MathTest.view(base, input.view)
    }
}

/// Runs one named reduction as the Dusk runtime would.
func runReduction(_ op: String, _ x: NDArray, _ c: ReduceCase) throws(ArrayError) -> NDArray {
    let axes = c.axes, axis = c.axes?.first, keepdims = c.keepdims
    switch op {
    case "sum": return try x.sum(axes: axes, keepdims: keepdims)
    case "prod": return try x.prod(axes: axes, keepdims: keepdims)
    case "min": return try x.amin(axes: axes, keepdims: keepdims)
    case "max": return try x.amax(axes: axes, keepdims: keepdims)
    case "mean": return try x.mean(axes: axes, keepdims: keepdims)
    case "var": return try x.variance(axes: axes, keepdims: keepdims, ddof: c.ddof)
    case "std": return try x.std(axes: axes, keepdims: keepdims, ddof: c.ddof)
    case "any": return try x.any(axes: axes, keepdims: keepdims)
    case "all": return try x.all(axes: axes, keepdims: keepdims)
    case "nansum": return try x.nansum(axes: axes, keepdims: keepdims)
    case "nanmean": return try x.nanmean(axes: axes, keepdims: keepdims)
    case "nanmin": return try x.nanmin(axes: axes, keepdims: keepdims)
    case "nanmax": return try x.nanmax(axes: axes, keepdims: keepdims)
    case "nanvar": return try x.nanvar(axes: axes, keepdims: keepdims, ddof: c.ddof)
    case "nanstd": return try x.nanstd(axes: axes, keepdims: keepdims, ddof: c.ddof)
    case "argmin": return try x.argmin(axis: axis, keepdims: keepdims)
    case "argmax": return try x.argmax(axis: axis, keepdims: keepdims)
    case "cumsum": return try x.cumsum(axis: axis)
    case "cumprod": return try x.cumprod(axis: axis)
    default: fatalError("unknown op \(op)")
    }
}

@Suite("Reductions against NumPy")
struct ReduceTableTests {
    static let operations = ["sum", "prod", "min", "max", "mean", "var", "std", "any", "all",
                             "nansum", "nanmean", "nanmin", "nanmax", "nanvar", "nanstd",
                             "argmin", "argmax", "cumsum", "cumprod"]

    @Test("every generated case of one operation", arguments: operations)
    func matchesNumPy(_ op: String) {
        let table = ReduceTable.shared
        let cases = table.cases.filter { $0.op == op }
        #expect(cases.count > 50)
        for c in cases {
            let x = table.array(c.input)
            let input = table.inputs[c.input]
            let label = "\(op)(\(input.dtype) \(x.shape) \(input.view), axes: \(String(describing: c.axes)), keepdims: \(c.keepdims), ddof: \(c.ddof))"
            do {
                let r = try runReduction(op, x, c)
                guard c.error == nil else {
                    Issue.record("\(label): expected error \(c.error!), got \(r.dtype) \(r.shape)")
                    continue
                }
                #expect(r.dtype.name == c.resultDType!, "\(label)")
                #expect(r.shape == c.resultShape!, "\(label)")
                let tolerance = r.dtype == .float32 ? 2e-6 : 1e-12
                if r.shape == c.resultShape! && r.count > 0 && !MathTest.matches(r, c.result!, tolerance: tolerance) {
                    Issue.record("\(label): got \(r.scalars.map(\.description)), NumPy \(c.result!)")
                }
            } catch {
                #expect(error.message == c.error, "\(label)")
            }
        }
    }
}
