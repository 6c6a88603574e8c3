import Foundation

/// The `os` and `tempfile` namespaces, as far as scripts that write files need them
/// (Zarr stores): the working directory, listing and joining paths, temporary directories.
enum FileSystemLibrary {
    static func install(_ r: inout Registry) {
        r.addNamespace("os", doc: "The working directory and file listings (a small part of Python's os module).")
        r.addNamespace("os.path", doc: "Joining and testing paths (a small part of Python's os.path).")
        r.addNamespace("tempfile", doc: "Temporary directories (Python's tempfile module).")
        r.register(in: "os", "getcwd()", doc: "The working directory.") { _, _ in
            .str(FileManager.default.currentDirectoryPath)
        }
        r.register(in: "os", "chdir(path)", doc: "Changes the working directory.") { args, _ in
            let path = try args.string(0)
            guard FileManager.default.changeCurrentDirectoryPath(path) else {
                throw DuskError(.fileNotFoundError, "No such file or directory: '\(path)'")
            }
            return .none
        }
        r.register(in: "os", "listdir(path='.')", doc: "The names in a directory, sorted.") { args, _ in
            let path = try args.string(0)
            do {
                return .makeList(try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { .str($0) })
            } catch {
                throw DuskError(.fileNotFoundError, "No such file or directory: '\(path)'")
            }
        }
        r.register(in: "os.path", "join(path, *paths)", doc: "Paths joined with '/' (an absolute part restarts).") { args, _ in
            var result = try args.string(0)
            for part in args.variadic {
                guard case .str(let text) = part else { throw DuskError(.typeError, "join() arguments must be str") }
                if text.hasPrefix("/") { result = text } else if result.isEmpty || result.hasSuffix("/") { result += text } else { result += "/" + text }
            }
            return .str(result)
        }
        r.register(in: "os.path", "exists(path)", doc: "Whether a file or directory is at path.") { args, _ in
            .bool(FileManager.default.fileExists(atPath: try args.string(0)))
        }
        r.register(in: "os.path", "isdir(path)", doc: "Whether a directory is at path.") { args, _ in
            var directory: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: try args.string(0), isDirectory: &directory) && directory.boolValue)
        }
        r.register(in: "tempfile", "gettempdir()", doc: "The directory for temporary files.") { _, _ in
            .str(temporaryRoot)
        }
        r.register(in: "tempfile", "mkdtemp(suffix='', prefix='tmp', dir=None)", doc: "Makes a new temporary directory and returns its path.") { args, _ in
            .str(try makeDirectory(suffix: try args.string(0), prefix: try args.string(1), in: try args.optionalString(2)))
        }
        r.register(in: "tempfile", "TemporaryDirectory(suffix='', prefix='tmp', dir=None)", doc: """
            A new temporary directory, removed by cleanup(), at the end of a with block, or when the value is freed. \
            Its path is .name (what `with ... as d` binds).
            """) { args, _ in
            .object(TemporaryDirectoryObject(path: try makeDirectory(suffix: try args.string(0), prefix: try args.string(1),
                                                                    in: try args.optionalString(2))))
        }
    }

    static var temporaryRoot: String {
        var root = NSTemporaryDirectory()
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        return root
    }

    static func makeDirectory(suffix: String, prefix: String, in parent: String?) throws -> String {
        let base = parent ?? temporaryRoot
        for _ in 0..<100 {
            let name = prefix + String(UUID().uuidString.prefix(8)).lowercased() + suffix
            let path = base + "/" + name
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                return path
            } catch {
                if !FileManager.default.fileExists(atPath: path) {
                    throw DuskError(.osError, "cannot create a temporary directory in '\(base)'")
                }
            }
        }
        throw DuskError(.fileExistsError, "no usable temporary directory name found in '\(base)'")
    }
}

/// `tempfile.TemporaryDirectory()`: a directory removed with everything in it when done.
final class TemporaryDirectoryObject: RuntimeObject {
    let path: String

    init(path: String) { self.path = path }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    var typeName: String { "TemporaryDirectory" }
    var repr: String { "<TemporaryDirectory '\(path)'>" }
    var attributeNames: [String] { ["name", "cleanup"] }

    func attribute(_ name: String, context: ExecutionContext) throws -> Value? {
        switch name {
        case "name": return .str(path)
        case "cleanup":
            return .builtin(Builtin("cleanup()", doc: "Removes the directory and everything in it.") { [path] _, _ in
                try? FileManager.default.removeItem(atPath: path)
                return .none
            })
        default: return nil
        }
    }

    func enter(context: ExecutionContext) throws -> Value? { .str(path) }

    func exit(error: DuskError?, context: ExecutionContext) throws -> Bool {
        try? FileManager.default.removeItem(atPath: path)
        return false
    }
}
