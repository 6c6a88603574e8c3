#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads program text from files and standard input (no Foundation, for a fast start).
enum SourceReader {
    /// A file that could not be read, with the system's reason (`No such file or directory`).
    struct Failure: Error {
        var code: Int32
        var reason: String { String(cString: strerror(code)) }
    }

    /// The whole text of the file at `path`, decoded as UTF-8 (invalid bytes replaced).
    static func contents(ofFile path: String) throws(Failure) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(code: errno) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(code: EISDIR) }
        guard let bytes = readAll(fd) else { throw Failure(code: errno) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Everything on standard input, decoded as UTF-8.
    static func standardInputContents() -> String {
        String(decoding: readAll(0) ?? [], as: UTF8.self)
    }

    private static func readAll(_ fd: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
