import Testing
import DuskArray

/// Reductions against NumPy (Data/reduction_cases.json): every op with axis None, 0, -1 and
/// a tuple, keepdims, ddof and dtype, on float, int, bool, empty, 0-d and NaN-holding inputs.
@Suite("Reductions match NumPy")
struct DifferentialReductionTests {
    static let data = OpCaseFile.grouped("reduction_cases.json")

    /// Allowed error per op. Sums, cumulative ops, extrema and arg-reductions must be
    /// bit-exact (Dusk groups float sums as NumPy's pairwise summation does). `prod` may
    /// differ in the last bits: NumPy multiplies in SIMD lanes whose count depends on the
    /// CPU, so its order is not portable. Mean, var and std come from a one-pass moment
    /// merge rather than NumPy's two passes.
    static func tolerance(_ op: String) -> Tolerance {
        switch op {
        case "prod": Tolerance(ulps: 4)
        case "mean", "nanmean": Tolerance(ulps: 2)
        case "var", "std": Tolerance(ulps: 4)
        default: .exact
        }
    }

    /// Dusk's function for a NumPy reduction name; nil when Dusk has none yet.
    static func reduction(_ op: String) -> ((NDArray, OpCase) throws -> NDArray)? {
        switch op {
        case "sum": { a, c in try a.sum(axes: c.axis, keepdims: c.keepdims ?? false, dtype: c.dtype.flatMap(DType.init(numpyName:))) }
        case "prod": { a, c in try a.prod(axes: c.axis, keepdims: c.keepdims ?? false, dtype: c.dtype.flatMap(DType.init(numpyName:))) }
        case "mean": { a, c in try a.mean(axes: c.axis, keepdims: c.keepdims ?? false, dtype: c.dtype.flatMap(DType.init(numpyName:))) }
        case "min": { a, c in try a.amin(axes: c.axis, keepdims: c.keepdims ?? false) }
        case "max": { a, c in try a.amax(axes: c.axis, keepdims: c.keepdims ?? false) }
        case "var": { a, c in try a.variance(axes: c.axis, keepdims: c.keepdims ?? false, ddof: Double(c.ddof ?? 0)) }
        case "std": { a, c in try a.std(axes: c.axis, keepdims: c.keepdims ?? false, ddof: Double(c.ddof ?? 0)) }
        case "any": { a, c in try a.any(axes: c.axis, keepdims: c.keepdims ?? false) }
        case "all": { a, c in try a.all(axes: c.axis, keepdims: c.keepdims ?? false) }
        case "argmin": { a, c in try a.argmin(axis: c.axis?.first, keepdims: c.keepdims ?? false) }
        case "argmax": { a, c in try a.argmax(axis: c.axis?.first, keepdims: c.keepdims ?? false) }
        case "cumsum": { a, c in try a.cumsum(axis: c.axis?.first) }
        case "cumprod": { a, c in try a.cumprod(axis: c.axis?.first) }
        case "nansum": { a, c in try a.nansum(axes: c.axis, keepdims: c.keepdims ?? false, dtype: c.dtype.flatMap(DType.init(numpyName:))) }
        case "nanmean": { a, c in try a.nanmean(axes: c.axis, keepdims: c.keepdims ?? false) }
        case "nanmax": { a, c in try a.nanmax(axes: c.axis, keepdims: c.keepdims ?? false) }
        case "nanmin": { a, c in try a.nanmin(axes: c.axis, keepdims: c.keepdims ?? false) }
        default: nil
        }
    }

    @Test func caseFileLoads() throws {
        let file = try NumPyData.load("reduction_cases.json", as: OpCaseFile.self)
        #expect(file.cases.count > 1000)
    }

    @Test(arguments: data.ops)
    func reduction(_ op: String) throws {
        let file = try #require(Self.data.file)
        let function = Self.reduction(op)
        let (ran, skipped) = Differential.check(op: op, in: file, tolerance: Self.tolerance(op)) { item, arrays in
            guard let function, let input = arrays.first ?? nil else { return nil }
            return Result { try function(input, item) }
        }
        Differential.reportSkipped(skipped, of: ran + skipped, op: op, reason: "no Dusk reduction named '\(op)' yet")
    }
}
