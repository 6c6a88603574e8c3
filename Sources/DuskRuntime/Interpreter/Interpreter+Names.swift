import DuskSyntax

/// Loading, storing and deleting names by their resolved scope.
extension ExecutionContext {
    func load(_ name: String, in frame: Frame) throws -> Value {
        // Plain locals are the common case: a name found in the frame's table is local.
        if let v = frame.locals[name] { return v }
        switch frame.scope.resolve(name) {
        case .local:
            if let v = frame.locals[name] { return v }
            throw DuskError.unboundLocal(name)
        case .cell:
            if let v = frame.cells[name]?.value { return v }
            if frame.scope.cellLocals.contains(name) { throw DuskError.unboundLocal(name) }
            throw DuskError.unboundFree(name)
        case .global:
            if let v = frame.globals[name] ?? interpreter.builtins[name] { return v }
            throw DuskError.undefinedName(name, candidates: visibleNames(in: frame))
        }
    }

    func store(_ name: String, _ value: Value, in frame: Frame) {
        if frame.scope.storesAreLocal { frame.locals[name] = value; return }
        switch frame.scope.resolve(name) {
        case .local: frame.locals[name] = value
        case .cell:
            if let cell = frame.cells[name] { cell.set(value) } else { frame.cells[name] = Cell(value) }
        case .global: frame.globals.set(name, value)
        }
    }

    func delete(_ name: String, in frame: Frame) throws {
        switch frame.scope.resolve(name) {
        case .local:
            if frame.locals.removeValue(forKey: name) == nil { throw DuskError.unboundLocal(name) }
        case .cell:
            guard let cell = frame.cells[name], cell.value != nil else { throw DuskError.unboundLocal(name) }
            cell.set(nil)
        case .global:
            if frame.globals.remove(name) == nil {
                throw DuskError.undefinedName(name, candidates: visibleNames(in: frame))
            }
        }
    }

    /// Every name visible from a frame (for suggestions).
    func visibleNames(in frame: Frame) -> [String] {
        Array(frame.locals.keys) + frame.cells.compactMap { $0.value.value == nil ? nil : $0.key }
            + frame.globals.names + interpreter.builtins.names
    }
}
