/// Methods of `set`.
enum SetMethods {
    static let constructor = Builtin("set(iterable=(), /)", doc: "A new set of the items of an iterable.") { args, ctx in
        .set(try SetRef(try ctx.elements(of: args[0])))
    }

    static func set(_ args: Args) -> SetRef {
        guard case .set(let s) = args[0] else { preconditionFailure("set method on \(args[0].typeName)") }
        return s
    }

    static let all: [Builtin] = [
        Builtin("add(self, element, /)", doc: "Adds an element.") { args, _ in
            try set(args).insert(args[1])
            return .none
        },
        Builtin("remove(self, element, /)", doc: "Removes an element; KeyError when missing.") { args, _ in
            if !(try set(args).remove(args[1])) { throw DuskError.keyNotFound(args[1]) }
            return .none
        },
        Builtin("discard(self, element, /)", doc: "Removes an element if present.") { args, _ in
            try set(args).remove(args[1])
            return .none
        },
        Builtin("pop(self, /)", doc: "Removes and returns an element.") { args, _ in
            guard let v = set(args).popLast() else { throw DuskError(.keyError, "pop from an empty set") }
            return v
        },
        Builtin("clear(self, /)", doc: "Removes every element.") { args, _ in
            set(args).removeAll()
            return .none
        },
        Builtin("copy(self, /)", doc: "A shallow copy of the set.") { args, _ in .set(try SetRef(set(args).items)) },
        Builtin("union(self, *others)", doc: "A new set with the elements of the set and all others.") { args, ctx in
            var items = set(args).items
            for o in args.variadic { items += try ctx.elements(of: o) }
            return .set(try SetRef(items))
        },
        Builtin("intersection(self, *others)", doc: "A new set with the elements common to the set and all others.") { args, ctx in
            var items = set(args).items
            for o in args.variadic {
                let other = try SetRef(try ctx.elements(of: o))
                items = try items.filter { try other.contains($0) }
            }
            return .set(try SetRef(items))
        },
        Builtin("difference(self, *others)", doc: "A new set with the elements of the set that are in no other.") { args, ctx in
            var items = set(args).items
            for o in args.variadic {
                let other = try SetRef(try ctx.elements(of: o))
                items = try items.filter { try !other.contains($0) }
            }
            return .set(try SetRef(items))
        },
        Builtin("update(self, *others)", doc: "Adds the elements of all others.") { args, ctx in
            let s = set(args)
            for o in args.variadic { for v in try ctx.elements(of: o) { try s.insert(v) } }
            return .none
        },
        Builtin("issubset(self, other, /)", doc: "Whether every element is in other.") { args, ctx in
            let other = try SetRef(try ctx.elements(of: args[1]))
            return .bool(try set(args).items.allSatisfy { try other.contains($0) })
        },
        Builtin("issuperset(self, other, /)", doc: "Whether every element of other is in the set.") { args, ctx in
            let s = set(args)
            return .bool(try ctx.elements(of: args[1]).allSatisfy { try s.contains($0) })
        },
    ]
}
