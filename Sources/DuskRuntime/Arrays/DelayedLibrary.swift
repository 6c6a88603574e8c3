import DuskArray
import DuskGraph
import DuskScheduler

/// `dask.delayed`, `dask.compute`, `dask.persist`, `dask.visualize` (also global:
/// `delayed`, `compute`, `persist`).
enum DelayedLibrary {
    static func install(_ r: inout Registry) {
        let ns = "dask"
        let delayedDoc = """
            Wraps a function (or a value) so that calling it records the call instead of running it:
            delayed(f)(x, y) is a Delayed; .compute() runs it. Also a decorator (@delayed).
            Options: pure=False gives a key that never merges; nout=n makes the result unpackable;
            name= sets the key.
            """
        let delayed = r.register(in: ns, global: true, "delayed(obj?, name=None, pure=None, nout=None, traverse=True)",
                                 doc: delayedDoc) { args, ctx in
            let name = try args.optionalString(1)
            let pure = args[2].isNone ? true : try args.bool(2)
            let nout = args[3].isNone ? nil : try ArrayConvert.int(args[3], "nout")
            guard args.has(0) else {
                // `@delayed(pure=True)`: a decorator with options.
                return .builtin(Builtin("delayed(obj)", module: ns, doc: delayedDoc) { inner, ctx in
                    .object(DelayedCalls.wrap(inner[0], name: name, pure: pure, nout: nout, interpreter: ctx.interpreter))
                })
            }
            if case .object(let o as DelayedObject) = args[0] { return .object(o) }
            return .object(DelayedCalls.wrap(args[0], name: name, pure: pure, nout: nout, interpreter: ctx.interpreter))
        }
        r.register(in: ns, global: true, "compute(*args, **kwargs)", doc: """
            Computes several lazy values together (shared work runs once) and returns a tuple of results.
            Delayed values and lazy arrays inside lists, tuples and dicts are computed too.
            Keywords: scheduler='threads'|'sync'|'processes', num_workers=N, progress=True|False.
            """) { args, ctx in
            let config = try ComputeRunner.configuration(args.extraKeywords)
            return .tuple(try compute(args.variadic, configuration: config, context: ctx))
        }
        r.register(in: ns, global: true, "persist(*args, **kwargs)", doc: """
            Computes lazy values and returns them as lazy values holding the results (a tuple when several).
            """) { args, ctx in
            let config = try ComputeRunner.configuration(args.extraKeywords)
            let results = try args.variadic.map { try persist($0, configuration: config, context: ctx) }
            return results.count == 1 ? results[0] : .tuple(results)
        }
        r.setValue(.builtin(Visualize.builtin("*args", module: ns) { args in args.variadic }), named: "visualize", in: ns)
        r.register("explain(*values, optimize_graph=True)", doc: Explain.doc) { args, ctx in
            try Explain.explain(args.variadic, optimize: try args.bool(1), context: ctx)
        }
        r.register(in: ns, "is_dask_collection(x)", doc: "Whether x is a lazy array or a Delayed.") { args, _ in
            if case .object(let o) = args[0] { return .bool(o is DelayedObject || o is LazyArrayObject) }
            return .false
        }
        r.setValue(.type(DelayedObject.type), named: "Delayed", in: "dask.delayed")
        r.setValue(.builtin(delayed), named: "delayed", in: "dask.delayed")
    }

    /// The lazy parts of `values` (traversing lists, tuples and dicts), computed together; the
    /// values rebuilt with results in their place.
    static func compute(_ values: [Value], configuration: SchedulerConfiguration, context: ExecutionContext) throws -> [Value] {
        var collector = DelayedCalls.Collector()
        let templates = values.map { collector.template($0) }
        if collector.inputs.isEmpty { return values }
        let outputs: [GraphOutput] = collector.inputs.map {
            switch $0 {
            case .array(let expr): return .array(LazyArray(expr))
            case .delayed(let node): return .delayed(node)
            }
        }
        let results = try ComputeRunner.run(outputs, configuration: configuration, context: context)
        return templates.map { $0.build(results) }
    }

    /// `persist(x)`: lazy arrays become lazy arrays over their computed blocks (same name and
    /// chunks); delayed values become delayed values holding their result; others stay.
    /// On a cluster (a Client is the scheduler) the results stay on the workers (`ClientSession.persist`).
    static func persist(_ value: Value, configuration: SchedulerConfiguration, context: ExecutionContext) throws -> Value {
        if let cluster = configuration.external?.scheduler as? DistributedScheduler {
            return try cluster.session.persist(value, context: context)
        }
        switch value {
        case .object(let o as LazyArrayObject):
            let result = try ComputeRunner.compute(o.array, configuration: configuration, context: context)
            let spec = ChunkSpec.perDimension(o.array.chunks.sizes.map { .explicit($0) })
            let name = o.array.name
            return LazyArrayObject.wrap(try graphCall { () throws(GraphError) in
                try LazyArray.fromArray(result, chunks: spec, name: name)
            })
        case .object(let o as DelayedObject):
            let result = try compute([value], configuration: configuration, context: context)[0]
            let stored = TaskValues.taskValue(result)
            let portable = PortableDelayedCall(work: .value(.value(result)), name: o.node.displayName,
                                               interpreter: context.interpreter)
            let node = DelayedNode(key: o.node.key, displayName: o.node.displayName, dependencies: [],
                                   portable: portable) { _ in stored }
            return .object(DelayedObject(node: node, nout: o.nout))
        default:
            return value
        }
    }
}
