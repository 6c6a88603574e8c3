import DuskArray
import Foundation
import Testing

/// One generated linear algebra case: two inputs, an operation, NumPy's result or error.
struct LinalgCase: Decodable {
    let op: String
    let a: Int
    let b: Int
    let axes: TensordotSpec?
    let resultDType: String?
    let resultShape: [Int]?
    let result: [String]?
    let error: String?
}

/// `tensordot`'s `axes` as the generator writes it: an int or a pair of lists.
enum TensordotSpec: Decodable {
    case count(Int)
    case pairs([[Int]])
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) { self = .count(n) } else { self = .pairs(try container.decode([[Int]].self)) }
    }
    var axes: TensordotAxes {
        switch self {
        case .count(let n): .count(n)
        case .pairs(let p): .pairs(p[0], p[1])
        }
    }
}

struct LinalgTable: Decodable {
    let inputs: [ReduceInput]
    let cases: [LinalgCase]

    static let shared: LinalgTable = try! JSONDecoder().decode(LinalgTable.self, from: Data(linalgCasesJSON.utf8))

    func array(_ index: Int) -> NDArray {
        let input = inputs[index]
        let base = MathTest.array(input.data, dtype: DType(numpyName: input.dtype)!, shape: input.baseShape)
        return MathTest.view(base, input.view)
    }
}

@Suite("Linear algebra against NumPy")
struct LinalgTableTests {
    @Test("every generated case of one operation", arguments: ["matmul", "dot", "tensordot", "inner", "outer", "vdot"])
    func matchesNumPy(_ op: String) {
        let table = LinalgTable.shared
        let cases = table.cases.filter { $0.op == op }
        #expect(cases.count >= 5)
        for c in cases {
            let (a, b) = (table.array(c.a), table.array(c.b))
            let label = "\(op)(\(a.dtype) \(a.shape) \(table.inputs[c.a].view), \(b.dtype) \(b.shape) \(table.inputs[c.b].view))"
            do {
                let r: NDArray
                switch op {
                case "matmul": r = try NDArray.matmul(a, b)
                case "dot": r = try NDArray.dot(a, b)
                case "tensordot": r = try NDArray.tensordot(a, b, axes: c.axes!.axes)
                case "inner": r = try NDArray.inner(a, b)
                case "outer": r = try NDArray.outer(a, b)
                default: r = try NDArray.vdot(a, b)
                }
                guard c.error == nil else {
                    Issue.record("\(label): expected error \(c.error!), got \(r.dtype) \(r.shape)")
                    continue
                }
                #expect(r.dtype.name == c.resultDType!, "\(label)")
                #expect(r.shape == c.resultShape!, "\(label)")
                let tolerance = r.dtype == .float32 ? 1e-5 : 1e-12
                if r.shape == c.resultShape! && r.count > 0 && !MathTest.matches(r, c.result!, tolerance: tolerance) {
                    Issue.record("\(label): got \(r.scalars.map(\.description)), NumPy \(c.result!)")
                }
            } catch {
                #expect(error.message == c.error, "\(label)")
            }
        }
    }
}
