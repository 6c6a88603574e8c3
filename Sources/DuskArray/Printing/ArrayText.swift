/// Lays out an array's elements as nested bracketed rows: NumPy's `array2string`.
///
/// Works on any view (strides may be negative or zero). Line breaking follows NumPy 2:
/// rows wrap before `linewidth`, continuation lines are indented to line up after the
/// opening brackets, and arrays past `threshold` elements keep `edgeitems` at each end of
/// every axis with `...` between.
struct ArrayText {
    let array: NDArray
    let options: PrintOptions
    let separator: String
    let summarize: Bool
    let format: ElementFormat

    /// `prefix` is the text before the first `[` (`array(` for repr); `suffix` the text after
    /// the last `]` that must still fit in the line width.
    static func render(_ array: NDArray, options: PrintOptions, separator: String,
                       prefix: String, suffix: String) -> String {
        var options = options
        // `set` rejects these; options built field by field may still hold them.
        options.edgeitems = Swift.max(options.edgeitems, 0)
        options.precision = Swift.max(options.precision, 0)
        options.linewidth -= suffix.count
        if array.count == 0 { return "[]" }
        let summarize = array.count > options.threshold
        let data = shownElements(of: array, edgeItems: summarize ? options.edgeitems : nil)
        let format = ElementFormat(dtype: array.dtype, data: data, isZeroDimensional: array.ndim == 0, options: options)
        let text = ArrayText(array: array, options: options, separator: separator, summarize: summarize, format: format)
        return text.rows(index: [], hangingIndent: " " + String(repeating: " ", count: prefix.count),
                         width: options.linewidth)
    }

    /// The elements NumPy's `_leading_trailing` keeps (all of them when `edgeItems` is nil), in C order.
    static func shownElements(of array: NDArray, edgeItems: Int?) -> [PrintValue] {
        let kept: [[Int]] = array.shape.map { size in
            guard let edge = edgeItems, size > 2 * edge else { return Array(0..<size) }
            // NumPy slices `[-0:]` for edgeitems 0, which is the whole axis.
            return Array(0..<edge) + Array((edge == 0 ? 0 : size - edge)..<size)
        }
        var values: [PrintValue] = []
        values.reserveCapacity(kept.reduce(1) { $0 * $1.count })
        let base = UnsafeRawPointer(array.storage.base)
        func visit(axis: Int, position: Int) {
            if axis == array.ndim {
                values.append(PrintValue(dtype: array.dtype, base: base, position: position))
                return
            }
            for i in kept[axis] { visit(axis: axis + 1, position: position + i * array.strides[axis]) }
        }
        visit(axis: 0, position: array.offset)
        return values
    }

    private func element(at index: [Int]) -> String {
        var position = array.offset
        for (axis, i) in index.enumerated() { position += i * array.strides[axis] }
        return format.format(PrintValue(dtype: array.dtype, base: UnsafeRawPointer(array.storage.base), position: position))
    }

    /// NumPy's `_formatArray` recursion for the sub-array at `index`.
    private func rows(index: [Int], hangingIndent: String, width: Int) -> String {
        let axis = index.count
        let axesLeft = array.ndim - axis
        if axesLeft == 0 { return element(at: index) }

        let nextHangingIndent = hangingIndent + " "
        let nextWidth = width - 1
        let length = array.shape[axis]
        let edge = options.edgeitems
        let showSummary = summarize && 2 * edge < length
        let leading = showSummary ? edge : 0
        let trailing = showSummary ? edge : length
        var s = ""

        if axesLeft == 1 {
            let elementWidth = width - Swift.max(rstrip(separator).count, 1)
            var line = hangingIndent
            for i in 0..<leading {
                let word = rows(index: index + [i], hangingIndent: nextHangingIndent, width: nextWidth)
                extend(&s, &line, word, elementWidth, hangingIndent)
                line += separator
            }
            if showSummary {
                extend(&s, &line, "...", elementWidth, hangingIndent)
                line += separator
            }
            if trailing > 1 {
                for i in stride(from: trailing, to: 1, by: -1) {
                    let word = rows(index: index + [length - i], hangingIndent: nextHangingIndent, width: nextWidth)
                    extend(&s, &line, word, elementWidth, hangingIndent)
                    line += separator
                }
            }
            let word = rows(index: index + [length - 1], hangingIndent: nextHangingIndent, width: nextWidth)
            extend(&s, &line, word, elementWidth, hangingIndent)
            s += line
        } else {
            let lineSeparator = rstrip(separator) + String(repeating: "\n", count: axesLeft - 1)
            for i in 0..<leading {
                s += hangingIndent + rows(index: index + [i], hangingIndent: nextHangingIndent, width: nextWidth) + lineSeparator
            }
            if showSummary {
                s += hangingIndent + "..." + lineSeparator
            }
            if trailing > 1 {
                for i in stride(from: trailing, to: 1, by: -1) {
                    s += hangingIndent
                        + rows(index: index + [length - i], hangingIndent: nextHangingIndent, width: nextWidth)
                        + lineSeparator
                }
            }
            s += hangingIndent + rows(index: index + [length - 1], hangingIndent: nextHangingIndent, width: nextWidth)
        }
        return "[" + s.dropFirst(hangingIndent.count) + "]"
    }

    /// NumPy's `_extendLine`: starts a new line when `word` would pass `width`, unless the
    /// line holds nothing but its indent (wrapping would not help).
    private func extend(_ s: inout String, _ line: inout String, _ word: String, _ width: Int, _ nextLinePrefix: String) {
        var needsWrap = line.count + word.count > width
        if line.count <= nextLinePrefix.count { needsWrap = false }
        if needsWrap {
            s += rstrip(line) + "\n"
            line = nextLinePrefix
        }
        line += word
    }
}

/// The string without trailing whitespace (Python's `rstrip()`).
private func rstrip(_ text: String) -> String {
    var end = text.endIndex
    while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
    return String(text[..<end])
}
