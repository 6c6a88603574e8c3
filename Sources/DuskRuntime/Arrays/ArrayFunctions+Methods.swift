import DuskArray
import DuskGraph
import DuskScheduler

/// Methods without a NumPy function of the same meaning: copying, conversion to Python
/// values, and the lazy array's own (`compute`, `persist`, `rechunk`, `map_blocks`).
extension ArrayFunction {
    static let arrayMethods: [ArrayFunction] = [
        ArrayFunction("copy(a)", "A copy with its own data (lazy arrays are immutable: the same array).", in: [.numpy, .method],
                      eager: { a, _, _ in .object(NDArrayObject(try a.copy())) },
                      lazy: { x, _, _ in LazyArrayObject.wrap(x) }),
        ArrayFunction("to_device(self, device, /, *, stream=None)", "The array on device (Dusk has only \"cpu\": the array itself).",
                      in: [.method], eager: { a, args, _ in
                          try Device.checkTarget(args["device"])
                          return .object(NDArrayObject(a))
                      }, lazy: nil),
        ArrayFunction("tolist(self)", "The elements as nested lists of Python numbers.", in: [.method],
                      eager: { a, _, _ in try ArrayConvert.toList(a) }, lazy: nil),
        ArrayFunction("item(self, *args)", "One element as a Python number (the only one, or at a flat or full index).",
                      in: [.method], eager: { a, args, _ in try item(a, args.variadic) }, lazy: nil),
        ArrayFunction("fill(self, value)", "Sets every element to value, in place.", in: [.method],
                      eager: { a, args, context in
                          let operand = try ArrayConvert.requireOperand(args["value"], "fill", context: context)
                          try arrayCall { () throws(ArrayError) in try a.setSubscript([.ellipsis], value: operand) }
                          return .none
                      }, lazy: nil),
        ArrayFunction("compute(self, **kwargs)", """
            Runs the graph and returns an ndarray (an ndarray is already computed: returns it). Keywords: \
            scheduler='threads'|'sync'|'processes', num_workers=N, progress=True|False.
            """, in: [.method],
                      eager: { a, _, _ in .object(NDArrayObject(a)) },
                      lazy: { x, args, context in
                          let config = try ComputeRunner.configuration(args.extraKeywords)
                          return ArrayConvert.wrap(try ComputeRunner.compute(x, configuration: config, context: context))
                      }),
        ArrayFunction("persist(self, **kwargs)", "Computes the array and returns a lazy array over the results (same chunks).",
                      in: [.method], eager: nil, lazy: { x, args, context in
                          let config = try ComputeRunner.configuration(args.extraKeywords)
                          return try DelayedLibrary.persist(LazyArrayObject.wrap(x), configuration: config, context: context)
                      }),
        ArrayFunction("rechunk(x, chunks='auto', threshold=None, block_size_limit=None)", "The same values in new chunks.",
                      in: [.dask, .method], eager: nil, lazy: { x, args, context in
                          let spec = try ChunkArgument.spec(args["chunks"])
                          let threshold = args["threshold"].isNone ? nil : try ArrayConvert.double(args["threshold"], "threshold")
                          let limit = args["block_size_limit"].isNone ? nil : try ArrayConvert.int(args["block_size_limit"], "block_size_limit")
                          let at = currentCallLocation(context)
                          return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                              try x.rechunk(spec, threshold: threshold, blockSizeLimit: limit, at: at)
                          })
                      }),
        ArrayFunction("map_blocks(self, func, *args, dtype=None, chunks=None, name=None, **kwargs)",
                      "func applied to every block (see da.map_blocks).", in: [.method], eager: nil, lazy: { x, args, context in
                          try MapBlocks.call(function: args["func"], arrays: [LazyArrayObject.wrap(x)] + args.variadic,
                                             dtype: args["dtype"], chunks: args["chunks"], name: args["name"],
                                             keywords: args.extraKeywords, context: context)
                      }),
        ArrayFunction("to_svg(self, size=500)", "The SVG drawing of the chunk grid, as a notebook shows it beside the summary.",
                      in: [.method], eager: nil, lazy: { x, args, _ in
                          let size = try ArrayConvert.int(args["size"], "size")
                          guard size > 0 && size <= 100_000 else { throw DuskError(.valueError, "size must be between 1 and 100000 pixels") }
                          guard let svg = ChunkGridSVG(size: size).draw(x.chunks) else {
                              throw DuskError(.notImplementedError, x.ndim == 0
                                  ? "Can't generate SVG with 0 dimensions" : "Can't generate SVG with 0-length dimensions")
                          }
                          return .str(svg)
                      }),
        ArrayFunction("visualize(self, \(Visualize.parameterText))", Visualize.doc, in: [.method],
                      eager: nil, lazy: { x, args, context in
                          try Visualize.visualize([LazyArrayObject.wrap(x)], request: try Visualize.Request(args), context: context)
                      }),
        ArrayFunction("explain(self, optimize_graph=True)", Explain.doc, in: [.method], eager: nil, lazy: { x, args, context in
                          try Explain.explain([LazyArrayObject.wrap(x)], optimize: try args.bool(1), context: context)
                      }),
    ]

    /// `a.item()`, `a.item(flat)`, `a.item(i, j)`.
    private static func item(_ a: NDArray, _ index: [Value]) throws -> Value {
        let scalar: Scalar
        if index.isEmpty {
            guard a.count == 1 else { throw DuskError(.valueError, "can only convert an array of size 1 to a Python scalar") }
            scalar = try arrayCall { () throws(ArrayError) in try a.reshaped([]).item() }
        } else if index.count == 1, case .int(let given) = index[0] {
            let flat = given < 0 ? given + a.count : given
            guard flat >= 0 && flat < a.count else {
                // NumPy names the axis of a one-dimensional array.
                let place = a.ndim == 1 ? "axis 0 with size" : "size"
                throw DuskError(.indexError, "index \(given) is out of bounds for \(place) \(a.count)")
            }
            scalar = try a.contiguous().scalars[flat]
        } else {
            let position = try (index.count == 1 ? ArrayConvert.shape(index[0]) : index.map { try ArrayConvert.int($0, "index") })
            scalar = try arrayCall { () throws(ArrayError) in try a.element(at: position) }
        }
        return ArrayConvert.pythonValue(scalar)
    }
}
