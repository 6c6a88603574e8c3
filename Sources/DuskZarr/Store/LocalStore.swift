#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A Zarr store in a directory of the local filesystem: each key is a file below `root`.
///
/// Writes are atomic: the bytes go to a hidden temporary file in the same directory, which is
/// then renamed over the key, so a reader sees the old file or the new one, never part of
/// one, and a write that fails or is interrupted leaves the old file in place. Concurrent
/// writes of different keys are independent; of the same key, the last rename wins.
public struct LocalStore: Sendable {
    /// The directory, as given (without a trailing `/`).
    public let root: String

    public init(_ root: String) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// The file of `key` (`""` is the root itself).
    public func path(_ key: String) -> String {
        key.isEmpty ? root : root + "/" + key
    }

    private static let counter = Atomic<UInt64>(0)

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    // MARK: - Reading

    /// The whole file of `key`, or nil when there is none.
    func read(_ key: String) throws(ZarrError) -> ByteBuffer? {
        guard let file = try ReadableFile(path(key)) else { return nil }
        return try file.read(0..<file.size)
    }

    /// An open file of `key` for reads of parts of it (shards), or nil when there is none.
    func open(_ key: String) throws(ZarrError) -> ReadableFile? {
        try ReadableFile(path(key))
    }

    public func exists(_ key: String) -> Bool {
        var info = stat()
        return stat(path(key), &info) == 0
    }

    public func isDirectory(_ key: String) -> Bool {
        var info = stat()
        return stat(path(key), &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in the directory of `key`, sorted; empty when it is not a directory.
    public func list(_ key: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(key))) ?? []).sorted()
    }

    // MARK: - Writing

    /// Replaces the file of `key` with `bytes`, atomically, creating directories as needed.
    func write(_ key: String, _ bytes: UnsafeRawBufferPointer) throws(ZarrError) {
        let target = path(key)
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        let unique = LocalStore.counter.add(1, ordering: .relaxed).newValue
        let temporary = "\(directory)/.\(name).\(getpid())-\(unique).partial"
        var fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            try makeDirectory(directory)
            fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else {
            throw ZarrError(.io, "cannot write: \(LocalStore.errorText(errno))", path: target)
        }
        var written = 0
        while written < bytes.count {
            let result = Glibc.write(fd, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                Glibc.close(fd)
                unlink(temporary)
                throw ZarrError(.io, "cannot write: \(LocalStore.errorText(code))", path: target)
            }
            written += result
        }
        guard Glibc.close(fd) == 0 else {
            let code = errno
            unlink(temporary)
            throw ZarrError(.io, "cannot write: \(LocalStore.errorText(code))", path: target)
        }
        guard rename(temporary, target) == 0 else {
            let code = errno
            unlink(temporary)
            throw ZarrError(.io, "cannot write: \(LocalStore.errorText(code))", path: target)
        }
    }

    func write(_ key: String, text: String) throws(ZarrError) {
        let buffer = try ByteBuffer(count: text.utf8.count)
        UnsafeMutableRawBufferPointer(start: buffer.pointer, count: buffer.count).copyBytes(from: text.utf8)
        try write(key, buffer.bytes)
    }

    /// Removes the file of `key`; a missing file is not an error.
    func delete(_ key: String) throws(ZarrError) {
        if unlink(path(key)) != 0 && errno != ENOENT && errno != ENOTDIR {
            throw ZarrError(.io, "cannot delete: \(LocalStore.errorText(errno))", path: path(key))
        }
    }

    /// Removes `key` and everything below it.
    func deleteTree(_ key: String) throws(ZarrError) {
        guard exists(key) else { return }
        do {
            try FileManager.default.removeItem(atPath: path(key))
        } catch {
            throw ZarrError(.io, "cannot delete: \(error.localizedDescription)", path: path(key))
        }
    }

    func makeDirectory(_ directory: String) throws(ZarrError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ZarrError(.io, "cannot create the directory: \(error.localizedDescription)", path: directory)
        }
    }
}

/// A file open for reading parts of it; closed when released.
final class ReadableFile: Sendable {
    let path: String
    let descriptor: Int32
    let size: Int

    /// Opens `path`; nil when it does not exist.
    init?(_ path: String) throws(ZarrError) {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw ZarrError(.io, "cannot read: \(String(cString: strerror(errno)))", path: path)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw ZarrError(.io, "cannot read: \(String(cString: strerror(code)))", path: path)
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw ZarrError(.corruptChunk, "is a directory where a chunk file was expected", path: path)
        }
        self.path = path
        self.descriptor = fd
        self.size = Int(info.st_size)
    }

    /// The bytes in `range`; an error when the file is shorter.
    func read(_ range: Range<Int>) throws(ZarrError) -> ByteBuffer {
        let buffer = try ByteBuffer(count: range.count)
        var done = 0
        while done < range.count {
            let result = pread(descriptor, buffer.pointer + done, range.count - done, off_t(range.lowerBound + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw ZarrError(.io, "cannot read: \(String(cString: strerror(errno)))", path: path)
            }
            if result == 0 {
                throw ZarrError(.corruptChunk, "file ended after \(range.lowerBound + done) bytes, expected at least \(range.upperBound)",
                                path: path)
            }
            done += result
        }
        return buffer
    }

    deinit {
        Glibc.close(descriptor)
    }
}
