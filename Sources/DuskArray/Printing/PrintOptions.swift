import Synchronization

/// NumPy's print options: what `np.set_printoptions` sets and `np.get_printoptions` returns.
///
/// A value: pass one explicitly to `NDArray.repr(options:)`, or change the process-wide
/// default through `PrintOptions.current` / `PrintOptions.set(...)` (protected by a lock, so
/// threads may print while another sets options).
public struct PrintOptions: Sendable, Hashable {
    /// How the sign of positive values is shown: NumPy's `sign='-'`, `'+'` or `' '`.
    public enum Sign: String, Sendable, Hashable, CaseIterable {
        /// Only negative values carry a sign.
        case minus = "-"
        /// Positive values get `+`.
        case plus = "+"
        /// Positive values get a space where the sign would be.
        case space = " "
    }

    /// NumPy's `floatmode`: how many fractional digits floats get.
    public enum FloatMode: String, Sendable, Hashable, CaseIterable {
        /// Always `precision` digits.
        case fixed
        /// The shortest digits that identify each value; `precision` is ignored.
        case unique
        /// At most `precision` digits, fewer when shorter ones identify the value (the default).
        case maxprec
        /// At most `precision` digits, the same count for every element.
        case maxprecEqual = "maxprec_equal"
    }

    /// Digits after the decimal point (or after the first digit in scientific notation).
    public var precision: Int = 8
    /// Arrays with more elements than this are summarized with `...`.
    public var threshold: Int = 1000
    /// Items kept at each end of an axis when summarizing.
    public var edgeitems: Int = 3
    /// Characters per line before wrapping.
    public var linewidth: Int = 75
    /// Never use scientific notation for small values; print them as rounded positionals.
    public var suppress: Bool = false
    /// Text for not-a-number.
    public var nanstr: String = "nan"
    /// Text for infinity.
    public var infstr: String = "inf"
    /// Sign of positive values.
    public var sign: Sign = .minus
    /// Fractional digit policy for floats.
    public var floatmode: FloatMode = .maxprec

    /// NumPy's defaults: precision 8, threshold 1000, edgeitems 3, linewidth 75.
    public init() {}

    /// The defaults with some options replaced; `nil` keeps the default.
    public init(precision: Int? = nil, threshold: Int? = nil, edgeitems: Int? = nil,
                linewidth: Int? = nil, suppress: Bool? = nil, nanstr: String? = nil,
                infstr: String? = nil, sign: Sign? = nil, floatmode: FloatMode? = nil) {
        self.init()
        self = self.updating(precision: precision, threshold: threshold, edgeitems: edgeitems,
                             linewidth: linewidth, suppress: suppress, nanstr: nanstr,
                             infstr: infstr, sign: sign, floatmode: floatmode)
    }

    /// NumPy's default options.
    public static let numpyDefault = PrintOptions()

    /// A copy with the given options replaced; `nil` keeps the current value.
    public func updating(precision: Int? = nil, threshold: Int? = nil, edgeitems: Int? = nil,
                         linewidth: Int? = nil, suppress: Bool? = nil, nanstr: String? = nil,
                         infstr: String? = nil, sign: Sign? = nil, floatmode: FloatMode? = nil) -> PrintOptions {
        var copy = self
        if let precision { copy.precision = precision }
        if let threshold { copy.threshold = threshold }
        if let edgeitems { copy.edgeitems = edgeitems }
        if let linewidth { copy.linewidth = linewidth }
        if let suppress { copy.suppress = suppress }
        if let nanstr { copy.nanstr = nanstr }
        if let infstr { copy.infstr = infstr }
        if let sign { copy.sign = sign }
        if let floatmode { copy.floatmode = floatmode }
        return copy
    }

    /// Checks the options as NumPy does when it prints, with NumPy's messages.
    public func validated() throws(ArrayError) -> PrintOptions {
        if precision < 0 { throw .value("precision must be >= 0") }
        if edgeitems < 0 { throw .value("edgeitems must be >= 0") }
        if linewidth < 1 { throw .value("linewidth must be >= 1") }
        return self
    }

    /// The options as `np.get_printoptions()` lists them (the keys this type models).
    public var dictionary: [(key: String, value: String)] {
        [("edgeitems", String(edgeitems)), ("threshold", String(threshold)),
         ("floatmode", floatmode.rawValue), ("precision", String(precision)),
         ("suppress", suppress ? "True" : "False"), ("linewidth", String(linewidth)),
         ("nanstr", nanstr), ("infstr", infstr), ("sign", sign.rawValue)]
    }
}

// MARK: - The process-wide default and scoped overrides

extension PrintOptions {
    /// Options behind a lock, shared by every reader of one scope.
    final class Box: Sendable {
        let options: Mutex<PrintOptions>
        init(_ options: PrintOptions) { self.options = Mutex(options) }
    }

    private static let global = Box(PrintOptions())

    /// The innermost `withCurrent` scope of this task, if any (like NumPy 2's context variable).
    @TaskLocal private static var scoped: Box?

    private static var box: Box { scoped ?? global }

    /// The options `repr`, `str` and `description` use when none are passed: those of the
    /// innermost `withCurrent` scope of this task, else the process-wide ones. Setting it
    /// changes that same scope.
    public static var current: PrintOptions {
        get { box.options.withLock { $0 } }
        set { box.options.withLock { $0 = newValue } }
    }

    /// `np.set_printoptions(...)`: replaces the given options of `current`, keeping the others.
    ///
    /// Invalid values (a negative precision or edgeitems) throw and change nothing.
    public static func set(precision: Int? = nil, threshold: Int? = nil, edgeitems: Int? = nil,
                           linewidth: Int? = nil, suppress: Bool? = nil, nanstr: String? = nil,
                           infstr: String? = nil, sign: Sign? = nil, floatmode: FloatMode? = nil) throws(ArrayError) {
        try box.options.withLock { (options: inout PrintOptions) throws(ArrayError) in
            options = try options.updating(precision: precision, threshold: threshold, edgeitems: edgeitems,
                                           linewidth: linewidth, suppress: suppress, nanstr: nanstr,
                                           infstr: infstr, sign: sign, floatmode: floatmode).validated()
        }
    }

    /// Resets `current` to NumPy's defaults.
    public static func reset() {
        current = PrintOptions()
    }

    /// Runs `body` with `current` set to `options` for this task and its child tasks only
    /// (NumPy's `with np.printoptions(...)`); other tasks and threads keep theirs. `set`
    /// inside the scope changes the scope, not the process-wide options.
    public static func withCurrent<R>(_ options: PrintOptions, _ body: () throws -> R) rethrows -> R {
        try $scoped.withValue(Box(options), operation: body)
    }

    /// `withCurrent(_:_:)` for async work.
    public static func withCurrent<R>(_ options: PrintOptions, isolation: isolated (any Actor)? = #isolation,
                                      _ body: () async throws -> R) async rethrows -> R {
        try await $scoped.withValue(Box(options), operation: body, isolation: isolation)
    }
}
