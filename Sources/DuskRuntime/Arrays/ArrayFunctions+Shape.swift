import DuskArray
import DuskGraph

/// Reshaping, permuting axes, joining: functions and methods of concrete and lazy arrays.
extension ArrayFunction {
    static let shapeFunctions: [ArrayFunction] = [
        ArrayFunction("reshape(a, /, shape=None, order='C', *, newshape=None, copy=None)",
                      "The same data in a new shape (one dimension may be -1).",
                      in: [.numpy, .dask, .global, .method], method: "reshape(self, *shape, order='C', merge_chunks=True)") { args, context in
            let shape: [Int]
            if args.takesVariadic {
                guard !args.variadic.isEmpty else { throw DuskError(.typeError, "reshape() takes exactly 1 argument (0 given)") }
                shape = try ArrayShapeOps.shapeArguments(args.variadic)
            } else if !args["shape"].isNone {
                shape = try ArrayConvert.shape(args["shape"])
            } else if !args["newshape"].isNone {
                shape = try ArrayConvert.shape(args["newshape"])
            } else {
                throw DuskError(.typeError, "reshape() missing required argument 'shape'")
            }
            return try ArrayShapeOps.reshape(args[0], shape, context: context)
        },
        ArrayFunction("transpose(a, axes=None)", "Axes reversed, or permuted as given.",
                      in: [.numpy, .dask, .global, .method], method: "transpose(self, *axes)") { args, context in
            let axes: [Int]?
            if args.takesVariadic {
                axes = args.variadic.isEmpty ? nil : try ArrayShapeOps.shapeArguments(args.variadic)
            } else {
                axes = args["axes"].isNone ? nil : try ArrayConvert.shape(args["axes"])
            }
            return try ArrayShapeOps.transpose(args[0], axes, context: context)
        },
        ArrayFunction("swapaxes(a, axis1, axis2)", "Two axes exchanged.", in: [.numpy, .dask, .global, .method]) { args, context in
            try ArrayShapeOps.swapaxes(args[0], try ArrayConvert.int(args["axis1"], "axis1"),
                                       try ArrayConvert.int(args["axis2"], "axis2"), context: context)
        },
        ArrayFunction("moveaxis(a, source, destination)", "Axes moved to new positions; the others keep their order.",
                      in: [.numpy, .dask, .global]) { args, context in
            try ArrayShapeOps.moveaxis(args[0], try ArrayConvert.shape(args["source"]),
                                       try ArrayConvert.shape(args["destination"]), context: context)
        },
        ArrayFunction("squeeze(a, axis=None)", "Axes of length one removed.", in: [.numpy, .dask, .global, .method]) { args, context in
            try ArrayShapeOps.squeeze(args[0], try ArrayConvert.axes(args["axis"]), context: context)
        },
        ArrayFunction("expand_dims(a, axis)", "New axes of length one inserted at the given positions.",
                      in: [.numpy, .dask, .global]) { args, context in
            try ArrayShapeOps.expandDims(args[0], try ArrayConvert.shape(args["axis"]), context: context)
        },
        ArrayFunction("broadcast_to(array, shape)", "A read-only view broadcast to shape.", in: [.numpy, .dask, .global]) { args, context in
            try ArrayShapeOps.broadcastTo(args[0], try ArrayConvert.shape(args["shape"]), context: context)
        },
        ArrayFunction("ravel(a)", "The elements as a 1-d array, row-major.", in: [.numpy, .dask, .global, .method]) { args, context in
            try ArrayShapeOps.ravel(args[0], context: context)
        },
        ArrayFunction("flatten(a)", "A 1-d copy of the elements in row-major order.", in: [.method],
                      eager: { a, _, _ in .object(NDArrayObject(try a.flattened())) },
                      lazy: { x, _, context in try ArrayShapeOps.ravel(LazyArrayObject.wrap(x), context: context) }),
        ArrayFunction("concatenate(arrays, axis=0)", "Arrays joined along an existing axis (axis=None: flattened first).",
                      in: [.numpy, .dask, .global], numpyAliases: ["concat"],
                      eagerArrays: { arrays, args, _ in
                          let axis = try ArrayConvert.axis(args["axis"])
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.concatenate(arrays, axis: axis) }))
                      },
                      lazyArrays: { arrays, args, context in
                          try ArrayShapeOps.concatenate(arrays.map(LazyArrayObject.wrap), axis: try ArrayConvert.axis(args["axis"]), context: context)
                      }),
        ArrayFunction("stack(arrays, axis=0)", "Same-shaped arrays joined along a new axis.", in: [.numpy, .dask, .global],
                      eagerArrays: { arrays, args, _ in
                          let axis = try ArrayConvert.int(args["axis"], "axis")
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.stack(arrays, axis: axis) }))
                      },
                      lazyArrays: { arrays, args, context in
                          let axis = try ArrayConvert.int(args["axis"], "axis")
                          return try ArrayFunction.lazyResult(context) { at throws(GraphError) in try LazyArray.stack(arrays, axis: axis, at: at) }
                      }),
        ArrayFunction("vstack(tup)", "Arrays stacked vertically (row-wise).", in: [.numpy, .dask],
                      eagerArrays: { arrays, _, _ in
                          .object(NDArrayObject(try arrayCall { () throws(ArrayError) in
                              try NDArray.concatenate(try arrays.map { (a) throws(ArrayError) -> NDArray in a.ndim == 1 ? try a.reshaped([1, a.count]) : a }, axis: 0)
                          }))
                      },
                      lazyArrays: { arrays, _, context in
                          try ArrayFunction.lazyResult(context) { at throws(GraphError) in
                              var rows: [LazyArray] = []
                              for a in arrays { rows.append(a.ndim == 1 ? try a.getitem([.newAxis, .all], at: at) : a) }
                              return try LazyArray.concatenate(rows, axis: 0, at: at)
                          }
                      }),
        ArrayFunction("hstack(tup)", "Arrays stacked horizontally (column-wise).", in: [.numpy, .dask],
                      eagerArrays: { arrays, _, _ in
                          let axis = (arrays.first?.ndim ?? 1) == 1 ? 0 : 1
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try NDArray.concatenate(arrays, axis: axis) }))
                      },
                      lazyArrays: { arrays, _, context in
                          let axis = (arrays.first?.ndim ?? 1) == 1 ? 0 : 1
                          return try ArrayFunction.lazyResult(context) { at throws(GraphError) in try LazyArray.concatenate(arrays, axis: axis, at: at) }
                      }),
        ArrayFunction("astype(x, dtype, /, *, copy=True, device=None)", "Elements cast to dtype.", in: [.numpy, .dask, .method],
                      method: "astype(self, dtype, copy=True)") { args, context in
            try Device.check(args["device"])   // None in the method form, which has no device=
            guard let dtype = try ArrayConvert.dtype(args["dtype"]) else { throw DuskError(.typeError, "astype() needs a dtype") }
            return try ArrayShapeOps.astype(args[0], dtype, context: context)
        },
    ]
}
