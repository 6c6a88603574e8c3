import DuskArray
import DuskGraph
import DuskSyntax

/// Recording delayed calls: arguments are traversed (lists, tuples, dicts) for delayed values
/// and lazy arrays, which become the call's dependencies; everything else is captured as is.
enum DelayedCalls {
    /// An argument with its lazy parts replaced by dependency slots.
    indirect enum Template: Sendable {
        case value(Value)
        case dependency(Int)
        case tuple([Template])
        case list([Template])
        case dict([(Template, Template)])

        /// The argument with dependency slots filled from task values.
        func build(_ values: [TaskValue]) -> Value {
            switch self {
            case .value(let v): return v
            case .dependency(let i): return TaskValues.value(values[i])
            case .tuple(let items): return .tuple(items.map { $0.build(values) })
            case .list(let items): return .list(ListRef(items.map { $0.build(values) }))
            case .dict(let pairs):
                let d = DictRef()
                for (k, v) in pairs { try? d.set(k.build(values), v.build(values)) }
                return .dict(d)
            }
        }
    }

    /// Collects dependencies while templates are made.
    struct Collector {
        var inputs: [GraphInput] = []
        var positions: [String: Int] = [:]

        mutating func slot(_ input: GraphInput) -> Int {
            if let i = positions[input.name] { return i }
            positions[input.name] = inputs.count
            inputs.append(input)
            return inputs.count - 1
        }

        /// The template of `value`; `.value` when it holds nothing lazy.
        mutating func template(_ value: Value) -> Template {
            switch value {
            case .object(let o as DelayedObject): return .dependency(slot(.delayed(o.node)))
            case .object(let o as LazyArrayObject): return .dependency(slot(.array(o.array.expr)))
            case .object(let f as FutureObject): return .dependency(slot(.delayed(f.node)))
            case .tuple(let items):
                let parts = items.map { template($0) }
                return parts.allSatisfy(\.isPlain) ? .value(value) : .tuple(parts)
            case .list(let l):
                let parts = l.items.map { template($0) }
                return parts.allSatisfy(\.isPlain) ? .value(value) : .list(parts)
            case .dict(let d):
                let parts = d.entries.map { (template($0.key), template($0.value)) }
                return parts.allSatisfy({ $0.0.isPlain && $0.1.isPlain }) ? .value(value) : .dict(parts)
            default:
                return .value(value)
            }
        }
    }

    /// A delayed call of `callee` (a callable, or a delayed value whose result is called).
    static func call(_ callee: Value, name: String, identity: String, arguments: Arguments, pure: Bool,
                     keyName: String?, nout: Int?, context: ExecutionContext) throws -> Value {
        var collector = Collector()
        let work = Work.call(callee: collector.template(callee), positional: arguments.positional.map { collector.template($0) },
                             keywords: arguments.keywords.map { ($0.name, collector.template($0.value)) })
        let interpreter = context.interpreter
        let function = work.taskFunction(interpreter: interpreter)
        let portable = PortableDelayedCall(work: work, name: name, interpreter: interpreter)
        let location = currentCallLocation(context)
        let node: DelayedNode
        if let keyName {
            node = DelayedNode(key: keyName, displayName: name, dependencies: collector.inputs, location: location,
                               portable: portable, function: function)
        } else {
            let token = pure ? identity + "|" + CallToken.token(of: arguments) : nil
            node = DelayedNode(displayName: name, token: token, dependencies: collector.inputs, location: location,
                               portable: portable, function: function)
        }
        return .object(DelayedObject(node: node, nout: nout))
    }

    /// What a delayed node does with its dependencies' values: call a function, or build a value.
    enum Work: Sendable {
        case call(callee: Template, positional: [Template], keywords: [(String, Template)])
        case value(Template)

        func taskFunction(interpreter: Interpreter) -> TaskFunction {
            switch self {
            case .call(let callee, let positional, let keywords):
                return { values in
                    let target = callee.build(values)
                    let args = Arguments(positional.map { $0.build(values) },
                                         keywords: keywords.map { Arguments.Keyword($0.0, $0.1.build(values)) })
                    return TaskValues.taskValue(try interpreter.call(target, args))
                }
            case .value(let template):
                return { values in TaskValues.taskValue(template.build(values)) }
            }
        }
    }

    /// The node `client.compute` submits for a lazy value: a delayed value's own node, or for a
    /// lazy array a `finalize` node whose value is the whole array (as Dask's key); nil for
    /// anything else.
    static func finalize(_ value: Value, interpreter: Interpreter) -> DelayedNode? {
        switch value {
        case .object(let o as DelayedObject): return o.node
        case .object(is LazyArrayObject):
            var collector = Collector()
            let work = Work.value(collector.template(value))
            return DelayedNode(displayName: "finalize", token: CallToken.token(value), dependencies: collector.inputs,
                               portable: PortableDelayedCall(work: work, name: "finalize", interpreter: interpreter),
                               function: work.taskFunction(interpreter: interpreter))
        default: return nil
        }
    }

    /// `delayed(value)`: a delayed value; containers holding delayed values collect them.
    static func wrap(_ value: Value, name: String?, pure: Bool, nout: Int?, interpreter: Interpreter) -> DelayedObject {
        var collector = Collector()
        let work = Work.value(collector.template(value))
        let identity: (name: String, token: String)
        switch value {
        case .function, .builtin, .boundMethod, .type: identity = CallToken.identity(of: value)
        default: identity = (value.typeName, CallToken.token(value))
        }
        let function = work.taskFunction(interpreter: interpreter)
        let portable = PortableDelayedCall(work: work, name: name ?? identity.name, interpreter: interpreter)
        let node: DelayedNode
        if let name {
            node = DelayedNode(key: name, displayName: name, dependencies: collector.inputs, portable: portable,
                               function: function)
        } else {
            node = DelayedNode(displayName: identity.name, token: pure ? identity.token : nil,
                               dependencies: collector.inputs, portable: portable, function: function)
        }
        let isCallable: Bool
        switch value {
        case .function, .builtin, .boundMethod, .type: isCallable = true
        case .object(let o): isCallable = o.callSignature != nil || o is DelayedObject
        default: isCallable = false
        }
        return DelayedObject(node: node, literal: isCallable ? value : nil, nout: nout, pure: pure)
    }

    // MARK: - Operators as built-in functions

    /// A delayed operator or accessor call (`add`, `getitem`, `getattr`...).
    static func operation(_ function: Builtin, _ operands: [Value], context: ExecutionContext) throws -> Value {
        try call(.builtin(function), name: function.name, identity: "op|" + function.name,
                 arguments: Arguments(operands), pure: true, keyName: nil, nout: nil, context: context)
    }

    static let binary: [BinaryOperator: Builtin] = {
        var table: [BinaryOperator: Builtin] = [:]
        let names: [BinaryOperator: String] = [
            .add: "add", .subtract: "sub", .multiply: "mul", .divide: "truediv", .floorDivide: "floordiv",
            .modulo: "mod", .power: "pow", .matmul: "matmul", .leftShift: "lshift", .rightShift: "rshift",
            .bitAnd: "and_", .bitOr: "or_", .bitXor: "xor",
        ]
        for (op, name) in names {
            table[op] = Builtin("\(name)(a, b, /)", module: "operator", doc: "a \(op.rawValue) b") { args, ctx in
                try ctx.binary(op, args[0], args[1])
            }
        }
        return table
    }()

    static let unary: [UnaryOperator: Builtin] = {
        var table: [UnaryOperator: Builtin] = [:]
        for (op, name) in [(UnaryOperator.negate, "neg"), (.plus, "pos"), (.invert, "invert")] {
            table[op] = Builtin("\(name)(a, /)", module: "operator", doc: "\(op.rawValue)a") { args, ctx in
                try ctx.unary(op, args[0])
            }
        }
        return table
    }()

    static let comparison: [ComparisonOperator: Builtin] = {
        var table: [ComparisonOperator: Builtin] = [:]
        let names: [ComparisonOperator: String] = [
            .less: "lt", .lessEqual: "le", .greater: "gt", .greaterEqual: "ge", .equal: "eq", .notEqual: "ne",
        ]
        for (op, name) in names {
            table[op] = Builtin("\(name)(a, b, /)", module: "operator", doc: "a \(op.rawValue) b") { args, ctx in
                try ctx.compare(op, args[0], args[1])
            }
        }
        return table
    }()

    static let getitem = Builtin("getitem(obj, index, /)", module: "operator", doc: "obj[index]") { args, ctx in
        try ctx.subscriptValue(args[0], args[1])
    }

    static let getattr = Builtin("getattr(obj, name, /)", doc: "obj.name") { args, ctx in
        guard case .str(let name) = args[1] else { throw DuskError(.typeError, "attribute name must be a string") }
        return try ctx.attribute(of: args[0], name)
    }

    /// Every operator above by name, for a process that receives a delayed call of one.
    static let operators: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        for builtin in Array(binary.values) + Array(unary.values) + Array(comparison.values) + [getitem, getattr] {
            table[builtin.name] = builtin
        }
        return table
    }()
}

extension DelayedCalls.Template {
    var isPlain: Bool { if case .value = self { return true } else { return false } }
}
