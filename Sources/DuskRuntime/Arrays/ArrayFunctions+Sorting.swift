import DuskArray
import DuskGraph

/// Sorting, distinct values and binary search: `sort`, `argsort`, `unique` and the array API
/// standard's `unique_*`, `searchsorted`.
extension ArrayFunction {
    static let sortingFunctions: [ArrayFunction] = [
        ArrayFunction("sort(a, axis=-1, kind=None, order=None, *, stable=None)",
                      "A sorted copy along an axis (axis=None: flattened); NaN last, equal elements in their order.",
                      in: [.numpy],
                      eager: { a, args, _ in
                          try checkSortOptions(args)
                          let axis = try ArrayConvert.axis(args["axis"])
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.sorted(axis: axis) }))
                      }, lazy: nil),
        ArrayFunction("sort(self, axis=-1, kind=None, order=None, *, stable=None)", "Sorts the array in place along an axis.",
                      in: [.method], eager: { a, args, _ in
                          try checkSortOptions(args)
                          let axis = try ArrayConvert.int(args["axis"], "axis")
                          let sorted = try arrayCall { () throws(ArrayError) in try a.sorted(axis: axis) }
                          try arrayCall { () throws(ArrayError) in try a.setSubscript([.ellipsis], value: .array(sorted)) }
                          return .none
                      }, lazy: nil),
        ArrayFunction("argsort(a, axis=-1, kind=None, order=None, *, stable=None)",
                      "The indices that sort the array along an axis (a stable order).", in: [.numpy, .method],
                      eager: { a, args, _ in
                          try checkSortOptions(args)
                          let axis = try ArrayConvert.axis(args["axis"])
                          return .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.argsort(axis: axis) }))
                      }, lazy: nil),
        ArrayFunction("unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, sorted=True)",
                      "The sorted distinct elements; with return_index/return_inverse/return_counts also a tuple of those.",
                      in: [.numpy],
                      eager: { a, args, _ in
                          let (index, inverse, counts) = (try args.bool(named: "return_index"), try args.bool(named: "return_inverse"),
                                                          try args.bool(named: "return_counts"))
                          let axis = try ArrayConvert.axis(args["axis"])
                          let equalNaN = try args.bool(named: "equal_nan")
                          let result = try arrayCall { () throws(ArrayError) in
                              try a.unique(axis: axis, equalNaN: equalNaN, returnIndex: index, returnInverse: inverse, returnCounts: counts)
                          }
                          let parts = [result.values, result.indices, result.inverse, result.counts].compactMap { $0 }
                          if parts.count == 1 { return .object(NDArrayObject(result.values)) }
                          return .tuple(parts.map { .object(NDArrayObject($0)) })
                      }, lazy: nil),
        ArrayFunction("unique_values(x, /)", "The distinct elements (sorted here; NumPy leaves integers unordered). NaNs are distinct.",
                      in: [.numpy], eager: { a, _, _ in
                          .object(NDArrayObject(try arrayCall { () throws(ArrayError) in try a.unique(equalNaN: false).values }))
                      }, lazy: nil),
        ArrayFunction("unique_counts(x, /)", "The distinct elements and how often each occurs (values, counts).",
                      in: [.numpy], eager: { a, _, _ in
                          let r = try arrayCall { () throws(ArrayError) in try a.unique(equalNaN: false, returnCounts: true) }
                          return .object(NamedTupleObject("UniqueCountsResult", ["values": wrap(r.values), "counts": wrap(r.counts)]))
                      }, lazy: nil),
        ArrayFunction("unique_inverse(x, /)", "The distinct elements and, for each element, the index of its value (values, inverse_indices).",
                      in: [.numpy], eager: { a, _, _ in
                          let r = try arrayCall { () throws(ArrayError) in try a.unique(equalNaN: false, returnInverse: true) }
                          return .object(NamedTupleObject("UniqueInverseResult", ["values": wrap(r.values), "inverse_indices": wrap(r.inverse)]))
                      }, lazy: nil),
        ArrayFunction("unique_all(x, /)", "The distinct elements with first indices, inverse indices and counts.",
                      in: [.numpy], eager: { a, _, _ in
                          let r = try arrayCall { () throws(ArrayError) in
                              try a.unique(equalNaN: false, returnIndex: true, returnInverse: true, returnCounts: true)
                          }
                          return .object(NamedTupleObject("UniqueAllResult", [
                              "values": wrap(r.values), "indices": wrap(r.indices), "inverse_indices": wrap(r.inverse),
                              "counts": wrap(r.counts),
                          ]))
                      }, lazy: nil),
        ArrayFunction("searchsorted(a, v, side='left', sorter=None)",
                      "Indices where the values v would be inserted into the sorted 1-d array a to keep it sorted.",
                      in: [.numpy, .method], method: "searchsorted(self, v, side='left', sorter=None)",
                      eager: { a, args, context in
                          let side = try args.string(named: "side")
                          guard side == "left" || side == "right" else {
                              throw DuskError(.valueError, "search side must be 'left' or 'right' (got '\(side)')")
                          }
                          let values = try ArrayConvert.ndarray(args["v"], context: context)
                          let sorter = args["sorter"].isNone ? nil : try ArrayConvert.ndarray(args["sorter"], context: context)
                          return ArrayConvert.wrap(try arrayCall { () throws(ArrayError) in
                              try a.searchSorted(values, right: side == "right", sorter: sorter)
                          })
                      }, lazy: nil),
    ]

    private static func wrap(_ array: NDArray?) -> Value {
        array.map { .object(NDArrayObject($0)) } ?? .none
    }

    /// `kind=` is accepted as NumPy's names (every sort here is stable); `order=` needs structured arrays.
    private static func checkSortOptions(_ args: Args) throws {
        if !args["order"].isNone { throw DuskError(.valueError, "Cannot specify order when the array has no fields.") }
        if !args["kind"].isNone {
            let kind = try args.string(named: "kind")
            guard ["quicksort", "mergesort", "heapsort", "stable"].contains(kind) else {
                throw DuskError(.valueError, "sort kind must be one of 'quick', 'heap', or 'stable' (got '\(kind)')")
            }
        }
    }
}
