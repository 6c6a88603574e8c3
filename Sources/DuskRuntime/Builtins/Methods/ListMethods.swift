/// Methods of `list`.
enum ListMethods {
    static let constructor = Builtin("list(iterable=(), /)", doc: "A new list of the items of an iterable.") { args, ctx in
        .list(ListRef(try ctx.elements(of: args[0])))
    }

    static func list(_ args: Args) -> ListRef {
        guard case .list(let l) = args[0] else { preconditionFailure("list method on \(args[0].typeName)") }
        return l
    }

    static let all: [Builtin] = [
        Builtin("append(self, object, /)", doc: "Adds an item at the end.") { args, _ in
            list(args).append(args[1])
            return .none
        },
        Builtin("extend(self, iterable, /)", doc: "Adds the items of an iterable at the end.") { args, ctx in
            let items = try ctx.elements(of: args[1])
            list(args).withLock { $0.append(contentsOf: items) }
            return .none
        },
        Builtin("pop(self, index=-1, /)", doc: "Removes and returns the item at index (default: the last).") { args, _ in
            let index = try args.int(1)
            return try list(args).withLock { items in
                if items.isEmpty { throw DuskError(.indexError, "pop from empty list") }
                let i = index < 0 ? index + items.count : index
                guard i >= 0 && i < items.count else { throw DuskError(.indexError, "pop index out of range") }
                return items.remove(at: i)
            }
        },
        Builtin("insert(self, index, object, /)", doc: "Inserts an item before index.") { args, _ in
            let index = try args.int(1)
            list(args).withLock { items in
                var i = index < 0 ? index + items.count : index
                i = Swift.min(Swift.max(i, 0), items.count)
                items.insert(args[2], at: i)
            }
            return .none
        },
        Builtin("remove(self, value, /)", doc: "Removes the first occurrence of value.") { args, ctx in
            let l = list(args)
            let items = l.items
            guard let i = try items.firstIndex(where: { try ctx.equals($0, args[1]) }) else {
                throw DuskError(.valueError, "list.remove(x): x not in list")
            }
            l.withLock { if i < $0.count { $0.remove(at: i) } }
            return .none
        },
        Builtin("index(self, value, start=0, stop=None, /)", doc: "The first position of value (within start:stop).") { args, ctx in
            let items = list(args).items
            let (start, stop, _, _) = try Slicing.indices(SliceValue(lower: args[2], upper: args[3]), length: items.count)
            if start < stop {
                for i in start..<stop where try ctx.equals(items[i], args[1]) { return .int(i) }
            }
            throw DuskError(.valueError, "\(args[1].repr) is not in list")
        },
        Builtin("count(self, value, /)", doc: "The number of occurrences of value.") { args, ctx in
            .int(try list(args).items.filter { try ctx.equals($0, args[1]) }.count)
        },
        Builtin("sort(self, *, key=None, reverse=False)", doc: "Sorts the list in place (stable).") { args, ctx in
            let l = list(args)
            let sorted = try ctx.sorted(l.items, key: args[1].isNone ? nil : args[1], reverse: try args.bool(2))
            l.replaceAll(with: sorted)
            return .none
        },
        Builtin("reverse(self, /)", doc: "Reverses the list in place.") { args, _ in
            list(args).withLock { $0.reverse() }
            return .none
        },
        Builtin("copy(self, /)", doc: "A shallow copy of the list.") { args, _ in
            .list(ListRef(list(args).items))
        },
        Builtin("clear(self, /)", doc: "Removes every item.") { args, _ in
            list(args).withLock { $0.removeAll() }
            return .none
        },
    ]
}
