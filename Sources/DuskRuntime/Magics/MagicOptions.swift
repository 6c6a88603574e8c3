/// Leading `-x VALUE` options of a magic's arguments, then the rest verbatim.
///
/// `%timeit -n 10 -r3 -q x + 1` gives options `n: "10"`, `r: "3"`, `q: ""` and the
/// statement `x + 1`. Options come first, as with getopt; the first word that is not
/// a known option starts the statement (so `%timeit -x` times the expression `-x`).
struct MagicOptions {
    /// Option letters with their values (empty for flags).
    var values: [Character: String] = [:]
    /// The text after the options, unchanged.
    var rest: String

    /// Parses `text`, where `valued` letters take a value and `flags` do not.
    init(parsing text: String, valued: Set<Character>, flags: Set<Character> = []) throws {
        var remaining = Substring(text)
        while true {
            remaining = remaining.drop { $0 == " " || $0 == "\t" }
            guard remaining.first == "-", remaining.count >= 2 else { break }
            let letter = remaining[remaining.index(after: remaining.startIndex)]
            let afterLetter = remaining.dropFirst(2)
            if flags.contains(letter), afterLetter.isEmpty || afterLetter.first == " " || afterLetter.first == "\t" {
                values[letter] = ""
                remaining = afterLetter
                continue
            }
            guard valued.contains(letter) else { break }
            var value: Substring
            if let first = afterLetter.first, first != " " && first != "\t" {
                value = afterLetter.prefix { $0 != " " && $0 != "\t" }
                remaining = afterLetter.dropFirst(value.count)
            } else {
                let trimmed = afterLetter.drop { $0 == " " || $0 == "\t" }
                value = trimmed.prefix { $0 != " " && $0 != "\t" }
                if value.isEmpty { throw MagicOptionError.missingValue(letter) }
                remaining = trimmed.dropFirst(value.count)
            }
            values[letter] = String(value)
        }
        rest = String(remaining)
    }

    /// The positive integer given for `letter`, or nil if absent.
    func positiveInteger(_ letter: Character) throws -> Int? {
        guard let text = values[letter] else { return nil }
        guard let value = Int(text), value > 0 else { throw MagicOptionError.notPositive(letter, text) }
        return value
    }

    func has(_ letter: Character) -> Bool { values[letter] != nil }
}

/// A malformed magic option.
enum MagicOptionError: Error, CustomStringConvertible {
    case missingValue(Character)
    case notPositive(Character, String)

    var description: String {
        switch self {
        case .missingValue(let letter): "option -\(letter) requires a value"
        case .notPositive(let letter, let text): "option -\(letter) needs a positive integer, not '\(text)'"
        }
    }
}
