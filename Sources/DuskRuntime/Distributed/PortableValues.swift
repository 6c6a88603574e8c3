import DuskArray
import DuskGraph
import DuskScheduler
import DuskSyntax
import DuskZarr
import Synchronization

/// Dusk values as bytes another process (a Dask worker's kernel library) turns back into values,
/// user functions included, as cloudpickle sends Python functions to Dask.
///
/// A function travels as the source text it was written in, where its `def` or `lambda` starts,
/// and the values it uses: the globals its code names, the variables it closed over and its
/// defaults, each taken when the bytes are made. The receiver compiles the source and picks
/// the function's code at that place, so errors on the worker name the user's file, line and
/// column. Built-in functions, types and modules travel by name.
///
/// Layout: the magic `DPV`, a version byte, the *function section* (a byte run: the source
/// files, then each function) and the *root* (a byte run: what the caller wrote). Values refer
/// to functions by their index in the section, so a recursive function, or two functions that
/// call each other, travel once. A receiver decodes each distinct section once (`PortableDecoder`).
struct PortableEncoder {
    static let version: UInt8 = 1

    let interpreter: Interpreter
    private var files: [SourceFile] = []
    private var fileIndex: [ObjectIdentifier: Int] = [:]
    private var functions: [Function] = []
    private var functionIndex: [ObjectIdentifier: Int] = [:]
    /// For each function, the path where it was first met (its own errors are named from there).
    private var functionPaths: [[String]] = []
    /// What is being written, outermost first: the message when something cannot travel.
    private var path: [String] = []

    init(interpreter: Interpreter) { self.interpreter = interpreter }

    /// Writes `value` into `w`; `label` names it in errors ("the function 'f'", "argument 1").
    mutating func write(_ value: Value, as label: String, to w: inout TransferWriter) throws(GraphError) {
        path.append(label)
        defer { path.removeLast() }
        try write(value, to: &w)
    }

    /// The whole message: the function section, then `root`.
    mutating func finish(root: TransferWriter) throws(GraphError) -> [UInt8] {
        var section = TransferWriter()
        var written = 0
        var definitions = TransferWriter()
        while written < functions.count {
            path = functionPaths[written]
            try define(functions[written], to: &definitions)
            written += 1
        }
        path = []
        PortableSources.remember(files)
        section.write(files.count)
        for file in files {
            section.write(file.name)
            section.write(file.text)
        }
        section.write(functions.count)
        var message = TransferWriter()
        for byte in "DPV".utf8 { message.write(byte) }
        message.write(PortableEncoder.version)
        message.write(bytes: section.bytes() + definitions.bytes())
        message.write(bytes: root.bytes())
        return message.bytes()
    }

    // MARK: Values

    private enum Tag: UInt8 {
        case plain = 0, tuple, list, dict, set, function, builtin, module, type, boundMethod
    }

    private mutating func write(_ value: Value, to w: inout TransferWriter) throws(GraphError) {
        switch value {
        case .tuple(let items):
            w.write(Tag.tuple.rawValue)
            try writeItems(items, to: &w)
        case .list(let list):
            w.write(Tag.list.rawValue)
            try writeItems(list.items, to: &w)
        case .set(let set):
            w.write(Tag.set.rawValue)
            try writeItems(set.items, to: &w)
        case .dict(let dict):
            w.write(Tag.dict.rawValue)
            let entries = dict.entries
            w.write(entries.count)
            for entry in entries {
                try write(entry.key, to: &w)
                try write(entry.value, to: &w)
            }
        case .function(let function):
            if case .function(let known)? = interpreter.builtins[function.name], known === function {
                w.write(Tag.builtin.rawValue)
                w.write("g:" + function.name)
                return
            }
            w.write(Tag.function.rawValue)
            w.write(index(of: function))
        case .builtin(let builtin):
            w.write(Tag.builtin.rawValue)
            w.write(try builtinPath(builtin))
        case .module(let namespace):
            guard interpreter.modules[namespace.name] === namespace else {
                throw refusal("the module '\(namespace.name)', which is not one of Dusk's built-in modules")
            }
            w.write(Tag.module.rawValue)
            w.write(namespace.name)
        case .type(let type):
            guard case .type(let known)? = interpreter.builtins[type.name], known === type else {
                throw refusal("the type '\(type.name)', which is not a built-in type")
            }
            w.write(Tag.type.rawValue)
            w.write(type.name)
        case .boundMethod(let method):
            w.write(Tag.boundMethod.rawValue)
            path.append("the object of the method '\(method.name)'")
            try write(method.receiver, to: &w)
            path.removeLast()
            w.write(method.name)
        case .object(let object as LazyArrayObject):
            throw refusal("a lazy array (\(object.array.name)); pass it as an argument of the call instead")
        case .object(is DelayedObject):
            throw refusal("a Delayed value; pass it as an argument of the call instead")
        default:
            var leaf = TransferWriter()
            do {
                try DuskValueBox.write(value, to: &leaf)
            } catch {
                throw refusal("a '\(value.typeName)' value, which cannot leave this process")
            }
            w.write(Tag.plain.rawValue)
            w.write(bytes: leaf.bytes())
        }
    }

    private mutating func writeItems(_ items: [Value], to w: inout TransferWriter) throws(GraphError) {
        w.write(items.count)
        for item in items { try write(item, to: &w) }
    }

    /// The error for a value that cannot travel, naming where it was met.
    private func refusal(_ what: String) -> GraphError {
        let outer = path.first ?? "a value"
        let inner = path.dropFirst().joined(separator: ", ")
        return GraphError(kind: "TypeError", message:
            "cannot send \(outer) to the cluster: \(inner.isEmpty ? "it" : inner) is \(what)")
    }

    // MARK: Functions

    private mutating func index(of function: Function) -> Int {
        if let known = functionIndex[ObjectIdentifier(function)] { return known }
        functionIndex[ObjectIdentifier(function)] = functions.count
        functions.append(function)
        functionPaths.append(path)
        return functions.count - 1
    }

    /// A function's record: where its code is, then its defaults, captured variables and globals.
    private mutating func define(_ function: Function, to w: inout TransferWriter) throws(GraphError) {
        let code = function.code
        let file = code.location.file
        if fileIndex[ObjectIdentifier(file)] == nil {
            fileIndex[ObjectIdentifier(file)] = files.count
            files.append(file)
        }
        w.write(fileIndex[ObjectIdentifier(file)]!)
        w.write(code.name == "<lambda>")
        w.write(code.location.line)
        w.write(code.location.column)
        w.write(function.defaults.count)
        for (i, value) in function.defaults.enumerated() {
            w.write(value != nil)
            if let value {
                path.append("the default of '\(code.parameters[i].name)'")
                try write(value, to: &w)
                path.removeLast()
            }
        }
        let captured = function.closure.compactMap { name, cell in cell.value.map { (name, $0) } }
            .sorted { $0.0 < $1.0 }
        let globals = code.scope.globalNames.sorted().compactMap { name in function.globals[name].map { (name, $0) } }
        for (kind, pairs) in [("variable", captured), ("global", globals)] {
            w.write(pairs.count)
            for (name, value) in pairs {
                w.write(name)
                path.append("its \(kind) '\(name)'")
                try write(value, to: &w)
                path.removeLast()
            }
        }
    }

    // MARK: Built-ins

    /// How a receiver finds a built-in function: `m:<module>:<name>`, `g:<name>` (a global) or
    /// `op:<name>` (the operators delayed values record).
    private func builtinPath(_ builtin: Builtin) throws(GraphError) -> String {
        if let module = builtin.module, case .builtin(let found)? = interpreter.modules[module]?.member(builtin.name),
           found === builtin {
            return "m:\(module):\(builtin.name)"
        }
        if case .builtin(let found)? = interpreter.builtins[builtin.name], found === builtin {
            return "g:\(builtin.name)"
        }
        if let found = DelayedCalls.operators[builtin.name], found === builtin {
            return "op:\(builtin.name)"
        }
        for (name, namespace) in interpreter.modules.sorted(by: { $0.key < $1.key }) {
            for member in namespace.memberNames {
                if case .builtin(let found)? = namespace.member(member), found === builtin { return "m:\(name):\(member)" }
            }
        }
        throw refusal("the built-in '\(builtin.qualifiedName)', which Dusk cannot name in another process")
    }
}

/// Rebuilds what `PortableEncoder` wrote, in a process with its own interpreter.
struct PortableDecoder {
    let interpreter: Interpreter
    private let functions: [Function]
    private var root: TransferReader

    init(_ bytes: [UInt8], interpreter: Interpreter) throws {
        var message = try TransferReader(bytes: bytes)
        guard try message.readUInt8() == UInt8(ascii: "D"), try message.readUInt8() == UInt8(ascii: "P"),
              try message.readUInt8() == UInt8(ascii: "V") else {
            throw DuskError(.runtimeError, "not Dusk code from another process")
        }
        let version = try message.readUInt8()
        guard version == PortableEncoder.version else {
            throw DuskError(.runtimeError, "Dusk code of version \(version); this Dusk reads version \(PortableEncoder.version)")
        }
        let section = try message.readBytes()
        self.interpreter = interpreter
        self.functions = try PortableFunctions.cached(section, interpreter: interpreter)
        self.root = try TransferReader(bytes: try message.readBytes())
    }

    /// The next value of the root.
    mutating func value() throws -> Value {
        let functions = self.functions
        return try PortableNode.read(&root).value(function: { index in
            guard functions.indices.contains(index) else { throw TransferError.malformed("function index") }
            return functions[index]
        }, interpreter: interpreter)
    }

    mutating func readInt() throws -> Int { try root.readInt() }
    mutating func readUInt8() throws -> UInt8 { try root.readUInt8() }
    mutating func readBool() throws -> Bool { try root.readBool() }
    mutating func readString() throws -> String { try root.readString() }
    mutating func readCount() throws -> Int { try root.readCount() }
}

/// A value as read, before functions exist: functions are made after every record is read,
/// since a value may name a function whose record comes later.
private indirect enum PortableNode {
    case plain(Value)
    case tuple([PortableNode]), list([PortableNode]), set([PortableNode]), dict([(PortableNode, PortableNode)])
    case function(Int)
    case builtin(String), module(String), type(String)
    case boundMethod(PortableNode, String)

    static func read(_ r: inout TransferReader) throws -> PortableNode {
        func items(_ r: inout TransferReader) throws -> [PortableNode] {
            var out: [PortableNode] = []
            for _ in 0..<(try r.readCount()) { out.append(try read(&r)) }
            return out
        }
        switch try r.readUInt8() {
        case 0:
            var leaf = try TransferReader(bytes: try r.readBytes())
            return .plain(try DuskValueBox.read(from: &leaf))
        case 1: return .tuple(try items(&r))
        case 2: return .list(try items(&r))
        case 3:
            let flat = try items(&r)
            guard flat.count % 2 == 0 else { throw TransferError.malformed("dict") }
            return .dict(stride(from: 0, to: flat.count, by: 2).map { (flat[$0], flat[$0 + 1]) })
        case 4: return .set(try items(&r))
        case 5: return .function(try r.readInt())
        case 6: return .builtin(try r.readString())
        case 7: return .module(try r.readString())
        case 8: return .type(try r.readString())
        case 9:
            let receiver = try read(&r)
            return .boundMethod(receiver, try r.readString())
        default: throw TransferError.malformed("value tag")
        }
    }

    /// The value, with `function(i)` giving the section's function `i`.
    func value(function: (Int) throws -> Function, interpreter: Interpreter) throws -> Value {
        func items(_ nodes: [PortableNode]) throws -> [Value] { try nodes.map { try $0.value(function: function, interpreter: interpreter) } }
        switch self {
        case .plain(let v): return v
        case .tuple(let nodes): return .tuple(try items(nodes))
        case .list(let nodes): return .list(ListRef(try items(nodes)))
        case .set(let nodes): return .set(try SetRef(try items(nodes)))
        case .dict(let pairs):
            return try Value.makeDict(try pairs.map {
                (try $0.0.value(function: function, interpreter: interpreter), try $0.1.value(function: function, interpreter: interpreter))
            })
        case .function(let index): return .function(try function(index))
        case .builtin(let path): return try PortableFunctions.builtin(path, interpreter: interpreter)
        case .module(let name):
            guard let namespace = interpreter.modules[name] else {
                throw DuskError(.importError, "this Dusk has no module '\(name)'")
            }
            return .module(namespace)
        case .type(let name):
            guard case .type(let type)? = interpreter.builtins[name] else {
                throw DuskError(.nameError, "this Dusk has no type '\(name)'")
            }
            return .type(type)
        case .boundMethod(let receiver, let name):
            return try interpreter.makeContext().attribute(of: try receiver.value(function: function, interpreter: interpreter), name)
        }
    }
}

/// The functions of a function section: compiled from their sources and kept, so tasks that
/// send the same functions compile them once per process.
private enum PortableFunctions {
    private static let cache = Mutex<[[UInt8]: [Function]]>([:])
    /// Sections kept at most; the cache is emptied when full (a worker sees few distinct ones).
    private static let capacity = 64

    static func cached(_ section: [UInt8], interpreter: Interpreter) throws -> [Function] {
        if let known = cache.withLock({ $0[section] }) { return known }
        let made = try make(section, interpreter: interpreter)
        cache.withLock { table in
            if table.count >= capacity { table.removeAll() }
            table[section] = made
        }
        return made
    }

    private struct Record {
        var file: Int
        var lambda: Bool
        var line: Int
        var column: Int
        var defaults: [PortableNode?]
        var captured: [(String, PortableNode)]
        var globals: [(String, PortableNode)]
    }

    private static func make(_ section: [UInt8], interpreter: Interpreter) throws -> [Function] {
        var r = try TransferReader(bytes: section)
        var files: [SourceFile] = []
        for _ in 0..<(try r.readCount()) {
            let name = try r.readString()
            files.append(SourceFile(name: name, text: try r.readString()))
        }
        var records: [Record] = []
        for _ in 0..<(try r.readCount()) {
            let file = try r.readInt()
            guard files.indices.contains(file) else { throw TransferError.malformed("source file index") }
            var record = Record(file: file, lambda: try r.readBool(), line: try r.readInt(), column: try r.readInt(),
                                defaults: [], captured: [], globals: [])
            for _ in 0..<(try r.readCount()) { record.defaults.append(try r.readBool() ? try PortableNode.read(&r) : nil) }
            for _ in 0..<(try r.readCount()) { record.captured.append((try r.readString(), try PortableNode.read(&r))) }
            for _ in 0..<(try r.readCount()) { record.globals.append((try r.readString(), try PortableNode.read(&r))) }
            records.append(record)
        }
        guard r.isAtEnd else { throw TransferError.malformed("function section") }

        // Each file compiled once against its own globals table, shared by its functions.
        var compiled: [Int: (globals: Globals, codes: FunctionCodeTable)] = [:]
        func codes(of file: Int) throws -> (globals: Globals, codes: FunctionCodeTable) {
            if let known = compiled[file] { return known }
            let module: Module
            switch Parser.parse(files[file]) {
            case .success(let m): module = m
            case .failure(let diagnostics):
                throw DuskError(.syntaxError, "the source of a function sent from Dusk does not parse here: "
                                + (diagnostics.first?.message ?? "?"))
            }
            let globals = Globals()
            let table = FunctionCodeTable()
            _ = try Compiler.compile(module.body, globals: globals, builtins: interpreter.builtins, functionCodes: table)
            compiled[file] = (globals, table)
            return (globals, table)
        }

        // Functions are made on first use (a default may name another function of the section);
        // captured variables and globals are set once all exist, so functions that name each
        // other, or themselves, work.
        var made: [Int: Function] = [:]
        var making: Set<Int> = []
        var cells: [Int: [String: Cell]] = [:]
        func function(_ index: Int) throws -> Function {
            if let known = made[index] { return known }
            guard records.indices.contains(index) else { throw TransferError.malformed("function index") }
            guard making.insert(index).inserted else {
                throw DuskError(.valueError, "a function sent from Dusk is its own default value")
            }
            let record = records[index]
            let (globals, table) = try codes(of: record.file)
            let location = SourceLocation(file: files[record.file], line: record.line, column: record.column)
            guard let code = table.code(at: ScopeKey(record.lambda ? .lambda : .def, location)) else {
                throw DuskError(.runtimeError, "no function starts at \(location) in the source sent from Dusk")
            }
            guard record.defaults.count == code.parameters.count else { throw TransferError.malformed("defaults") }
            let defaults = try record.defaults.map { try $0?.value(function: function, interpreter: interpreter) }
            let free = code.scope.cellNames.dropFirst(code.scope.ownCellCount)
            let closure = free.map { _ in Cell() }
            cells[index] = Dictionary(uniqueKeysWithValues: zip(free, closure))
            let result = Function(code: code, defaults: defaults, globals: globals, closure: closure)
            made[index] = result
            return result
        }
        let functions = try records.indices.map { try function($0) }
        for (index, record) in records.enumerated() {
            for (name, node) in record.captured {
                cells[index]?[name]?.set(try node.value(function: function, interpreter: interpreter))
            }
            let globals = try codes(of: record.file).globals
            for (name, node) in record.globals { globals.set(name, try node.value(function: function, interpreter: interpreter)) }
        }
        return functions
    }

    /// A built-in by the path `PortableEncoder` wrote.
    static func builtin(_ path: String, interpreter: Interpreter) throws -> Value {
        let parts = path.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        var found: Value?
        switch (parts.first, parts.count) {
        case ("m", 3): found = interpreter.modules[parts[1]]?.member(parts[2])
        case ("g", 2): found = interpreter.builtins[parts[1]]
        case ("op", 2): found = DelayedCalls.operators[parts[1]].map { .builtin($0) }
        default: break
        }
        guard let found else { throw DuskError(.nameError, "this Dusk has no built-in '\(path)'") }
        return found
    }
}

extension TransferReader {
    /// A count of items (each item's read fails at the end of the message, so a wrong count
    /// cannot loop long).
    mutating func readCount() throws -> Int {
        let n = try readInt()
        guard n >= 0 else { throw TransferError.malformed("negative count") }
        return n
    }
}

/// The sources whose functions this process sent to workers, by content digest: an error on a
/// worker names its place by digest, and is shown here with the line and caret of the source.
enum PortableSources {
    private static let files = Mutex<[UInt64: SourceFile]>([:])
    /// Sources kept at most (REPL cells are small; the table is emptied when full).
    private static let capacity = 4096

    static func remember(_ sent: [SourceFile]) {
        files.withLock { table in
            if table.count + sent.count > capacity { table.removeAll() }
            for file in sent { table[file.contentDigest] = file }
        }
    }

    /// The location a worker's error JSON `place` describes, if its source is one this process sent.
    static func location(_ place: JSONObject?) -> SourceLocation? {
        guard let place, let digest = place["digest"]?.stringValue.flatMap({ UInt64($0, radix: 16) }),
              let file = files.withLock({ $0[digest] }), file.name == place["file"]?.stringValue,
              let line = place["line"]?.intValue, let column = place["column"]?.intValue else { return nil }
        return SourceLocation(file: file, line: line, column: column, length: place["length"]?.intValue ?? 1)
    }
}
