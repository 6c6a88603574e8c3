// matmul (`@`): NumPy's gufunc `(n?,k),(k,m?)->(n?,m?)` with broadcast batch dimensions.

extension NDArray {
    /// NumPy's `matmul` (`a @ b`): matrix products over the last two axes, broadcasting the
    /// axes before them; a 1-D operand is a row (left) or column (right) vector whose axis is
    /// removed from the result. `float32`/`float64` go through OpenBLAS (transposed views are
    /// passed with transpose flags, other layouts are packed); integers and booleans use a
    /// cache-blocked Swift kernel with NumPy's wrapping arithmetic.
    public static func matmul(_ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
        try matmul(a, b, flopsPerCall: nil)
    }

    /// `matmul` with BLAS calls of at most `flopsPerCall` operations (see `GemmPanels`; nil:
    /// sized from the measured speed).
    static func matmul(_ a: NDArray, _ b: NDArray, flopsPerCall: Double?) throws(ArrayError) -> NDArray {
        for (index, operand) in [a, b].enumerated() where operand.ndim == 0 {
            throw .value("matmul: Input operand \(index) does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
        }
        let dtype = DType.promote(a.dtype, b.dtype)
        // 1-D operands become (1, k) and (k, 1); those axes leave the result at the end.
        let left = a.ndim == 1 ? a.matrixView(rows: 1) : a
        let right = b.ndim == 1 ? b.matrixView(rows: b.count) : b
        let (n, k) = (left.shape[left.ndim - 2], left.shape[left.ndim - 1])
        let (k2, m) = (right.shape[right.ndim - 2], right.shape[right.ndim - 1])
        guard k == k2 else {
            throw .value("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size \(k2) is different from \(k))")
        }
        let leftBatch = Array(left.shape.dropLast(2)), rightBatch = Array(right.shape.dropLast(2))
        let batch: [Int]
        do {
            batch = try broadcastShapes(leftBatch, rightBatch)
        } catch {
            func remapped(_ x: NDArray) -> String {
                "(" + (x.shape.dropLast(2).map(String.init) + ["newaxis", "newaxis"]).joined(separator: ",") + ")"
            }
            throw .value("operands could not be broadcast together with remapped shapes [original->remapped]: \(compactShape(a.shape))->\(remapped(left)) \(compactShape(b.shape))->\(remapped(right))  and requested shape \(compactShape([n, m]))")
        }
        let x = try left.converted(to: dtype), y = try right.converted(to: dtype)
        let result = try NDArray(uninitialized: dtype, shape: batch + [n, m])
        let products = batchProducts(x, y, batch: batch, into: result)
        if !products.isEmpty && !dtype.dispatchMath(MatmulKernel(products: products, flopsPerCall: flopsPerCall)) { throw .interrupted }
        var shape = batch
        if a.ndim > 1 { shape.append(n) }
        if b.ndim > 1 { shape.append(m) }
        return result.reshapedContiguous(shape)
    }

    /// A 1-D array seen as a 2-D matrix with `rows` rows (a row vector or a column vector).
    func matrixView(rows: Int) -> NDArray {
        let cols = rows == 1 ? count : 1
        let stride = strides[0]
        return NDArray(dtype: dtype, shape: [rows, cols], strides: rows == 1 ? [0, stride] : [stride, 0],
                       offset: offset, storage: storage)
    }

    /// One `MatrixProduct` per batch index: operand matrices found through broadcast strides,
    /// output matrices in C order.
    static func batchProducts(_ x: NDArray, _ y: NDArray, batch: [Int], into result: NDArray) -> [MatrixProduct] {
        let (n, k, m) = (x.shape[x.ndim - 2], x.shape[x.ndim - 1], y.shape[y.ndim - 1])
        let total = batch.reduce(1, *)
        if total == 0 || n == 0 || m == 0 { return [] }
        let xBatch = NDArray(dtype: x.dtype, shape: Array(x.shape.dropLast(2)), strides: Array(x.strides.dropLast(2)),
                             offset: x.offset, storage: x.storage).broadcastStrides(to: batch)!
        let yBatch = NDArray(dtype: y.dtype, shape: Array(y.shape.dropLast(2)), strides: Array(y.strides.dropLast(2)),
                             offset: y.offset, storage: y.storage).broadcastStrides(to: batch)!
        let size = x.dtype.itemSize
        let xBase = x.storage.base + x.offset * size, yBase = y.storage.base + y.offset * size
        let (xr, xc) = (x.strides[x.ndim - 2], x.strides[x.ndim - 1])
        let (yr, yc) = (y.strides[y.ndim - 2], y.strides[y.ndim - 1])
        var products: [MatrixProduct] = []
        products.reserveCapacity(total)
        var index = [Int](repeating: 0, count: batch.count)
        for flat in 0..<total {
            var xOffset = 0, yOffset = 0
            for d in batch.indices { xOffset += index[d] * xBatch[d]; yOffset += index[d] * yBatch[d] }
            products.append(MatrixProduct(
                a: MatrixView(base: xBase + xOffset * size, rows: n, cols: k, rowStride: xr, colStride: xc),
                b: MatrixView(base: yBase + yOffset * size, rows: k, cols: m, rowStride: yr, colStride: yc),
                c: result.storage.base + flat * n * m * size))
            var d = batch.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < batch[d] { break }
                index[d] = 0
                d -= 1
            }
        }
        return products
    }
}
