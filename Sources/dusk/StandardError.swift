#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the standard error stream (unbuffered), after flushing standard output
/// so that the two streams interleave in the order things happened.
enum StandardError {
    static func write(_ text: String) {
        fflush(nil)
        var text = text
        text.withUTF8 { writeAll($0, to: 2) }
    }
}

/// Writes every byte of `bytes` to the file descriptor, retrying short writes.
func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, base + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { break }
        offset += written
    }
}
