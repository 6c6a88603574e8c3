#if canImport(Glibc)
import Glibc

/// glibc's `memmem` (a GNU extension the Glibc module does not export): a two-way
/// search, linear in the worst case.
@_silgen_name("memmem")
private func memmem(_ haystack: UnsafeRawPointer, _ haystackLength: Int,
                    _ needle: UnsafeRawPointer, _ needleLength: Int) -> UnsafeMutableRawPointer?
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's view of a string (a sequence of code points) over Swift's UTF-8 storage.
///
/// Positions in Dusk count code points, as in Python, while a Swift `String` is stored
/// as UTF-8. Every method here works on the bytes and converts positions only where an
/// answer needs them, so string methods stay linear in the length of the string:
/// nothing walks the string from its start once per character.
///
/// ASCII strings, the common case, need no conversion at all: a code point position is
/// a byte offset. `isASCII` tells them apart in O(1) (amortized) because Swift answers
/// `utf16.count` from the string's own ASCII flag (or its cached breadcrumbs), and
/// only an all-ASCII string has as many UTF-16 units as UTF-8 bytes.
extension String {
    /// True when every character is ASCII.
    /// - Complexity: O(1) for native strings (amortized O(1) for long non-ASCII ones).
    var isASCIIText: Bool { utf8.count == utf16.count }

    /// `len(s)`: the number of code points.
    var codePointCount: Int { isASCIIText ? utf8.count : unicodeScalars.count }

    /// Calls `body` with the string's UTF-8 bytes, contiguous.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var copy = self
        return try copy.withUTF8(body)
    }
}

/// Positions and searches over the UTF-8 bytes of a string.
///
/// Byte searches are exact for code point semantics: UTF-8 is self-synchronizing, so a
/// valid needle can only match at code point boundaries, and byte order is code point
/// order.
struct UTF8Text {
    let bytes: UnsafeBufferPointer<UInt8>
    let isASCII: Bool

    var count: Int { bytes.count }

    /// True for a byte that starts a code point (not a continuation byte).
    @inline(__always)
    static func isLead(_ b: UInt8) -> Bool { b & 0xC0 != 0x80 }

    /// The number of code points in `bytes[from..<to]`.
    func codePoints(from: Int, to: Int) -> Int {
        if isASCII { return to - from }
        var n = 0
        var i = from
        while i < to {
            if UTF8Text.isLead(bytes[i]) { n += 1 }
            i += 1
        }
        return n
    }

    /// The byte offset of code point `index` (0...codePointCount), counting from byte `from`
    /// (which is itself at a code point boundary).
    func byteOffset(ofCodePoint index: Int, from: Int = 0) -> Int {
        if isASCII { return from + index }
        var remaining = index
        var i = from
        while remaining > 0 && i < bytes.count {
            i += 1
            while i < bytes.count && !UTF8Text.isLead(bytes[i]) { i += 1 }
            remaining -= 1
        }
        return i
    }

    /// The first byte offset in `from..<to` where `needle` starts, if any.
    func firstIndex(of needle: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let n = needle.count
        if n == 0 { return from <= to ? from : nil }
        guard n <= to - from, let base = bytes.baseAddress, let needleBase = needle.baseAddress else { return nil }
        guard let found = memmem(base + from, to - from, needleBase, n) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The last byte offset in `from..<to` where `needle` starts (ending by `to`), if any.
    func lastIndex(of needle: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let n = needle.count
        if n == 0 { return from <= to ? to : nil }
        guard n <= to - from, let base = bytes.baseAddress, let needleBase = needle.baseAddress else { return nil }
        let first = needleBase[0]
        var i = to - n
        while i >= from {
            if base[i] == first && memcmp(base + i, needleBase, n) == 0 { return i }
            i -= 1
        }
        return nil
    }

    /// A string made of `bytes[from..<to]` (which start and end at code point boundaries).
    func string(from: Int, to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    /// The byte range of the Python slice window `start:end` given in code points.
    func window(start: Int, end: Int) -> (Int, Int) {
        let lo = byteOffset(ofCodePoint: start)
        return (lo, byteOffset(ofCodePoint: end - start, from: lo))
    }
}

extension String {
    /// Runs `body` with this string's bytes as a `UTF8Text`.
    func withText<R>(_ body: (UTF8Text) throws -> R) rethrows -> R {
        let ascii = isASCIIText
        return try withUTF8Bytes { try body(UTF8Text(bytes: $0, isASCII: ascii)) }
    }

    /// The code point at `index` (0..<codePointCount) as a one-character string.
    func codePoint(at index: Int) -> String {
        if isASCIIText {
            return String(Unicode.Scalar(utf8[utf8.index(utf8.startIndex, offsetBy: index)]))
        }
        return String(unicodeScalars[unicodeScalars.index(unicodeScalars.startIndex, offsetBy: index)])
    }

    /// Whether `needle` occurs in this string, comparing code points (`needle in s`).
    func containsCodePoints(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        return withText { text in
            needle.withUTF8Bytes { text.firstIndex(of: $0, from: 0, to: text.count) != nil }
        }
    }
}
