import Testing
@testable import DuskArray

// Hand-written printing cases; the expected text is what NumPy 2.4 prints for the same input.

/// A float64 array from values and a shape.
private func float64(_ values: [Double], _ shape: [Int]? = nil) -> NDArray {
    try! NDArray(values, shape: shape ?? [values.count])
}

@Suite("Printing: hand cases")
struct PrintHandTests {
    @Test func issueExamples() throws {
        let ones = float64([1, 1, 1, 1], [2, 2])
        #expect(ones.repr(options: .numpyDefault) == "array([[1., 1.],\n       [1., 1.]])")
        #expect(ones.str(options: .numpyDefault) == "[[1. 1.]\n [1. 1.]]")
        let int32 = try NDArray([Int32(1), 2, 3])
        #expect(int32.repr(options: .numpyDefault) == "array([1, 2, 3], dtype=int32)")
        let empty = try NDArray(zeros: .float64, shape: [0, 3])
        #expect(empty.repr(options: .numpyDefault) == "array([], shape=(0, 3), dtype=float64)")
        #expect(empty.str(options: .numpyDefault) == "[]")
        let five = try NDArray(scalar: .float64(5))
        #expect(five.repr(options: .numpyDefault) == "array(5.)")
        #expect(five.str(options: .numpyDefault) == "5.0")
    }

    @Test func emptyArraysNameTheirShapeUnlessOneDimensional() throws {
        #expect(try NDArray(zeros: .float64, shape: [2, 0]).repr(options: .numpyDefault) == "array([], shape=(2, 0), dtype=float64)")
        #expect(try NDArray(zeros: .int8, shape: [0]).repr(options: .numpyDefault) == "array([], dtype=int8)")
        #expect(try NDArray(zeros: .bool, shape: [0]).repr(options: .numpyDefault) == "array([], dtype=bool)")
    }

    @Test func scalarReprAndStr() {
        #expect(Scalar.float64(0.8414709848078965).repr == "np.float64(0.8414709848078965)")
        #expect(Scalar.float64(0.8414709848078965).str == "0.8414709848078965")
        #expect(Scalar.int64(3).repr == "np.int64(3)")
        #expect(Scalar.bool(true).repr == "np.True_")
        #expect(Scalar.bool(false).str == "False")
        #expect(Scalar.float(1.5, .float32).repr == "np.float32(1.5)")
        #expect(Scalar.float(.nan, .float64).repr == "np.float64(nan)")
        #expect(Scalar.float(-0.0, .float64).str == "-0.0")
        #expect(Scalar.float(1e16, .float64).str == "1e+16")
        #expect(Scalar.uint(UInt64.max, .uint64).repr == "np.uint64(18446744073709551615)")
    }

    @Test func roundingIsExactAndHalfToEven() throws {
        let values = float64([0.125, 0.375, 2.5, 0.005])
        #expect(values.repr(options: PrintOptions(precision: 2)) == "array([0.12, 0.38, 2.5 , 0.01])")
        #expect(float64([0.5, 1.5, 2.5]).repr(options: PrintOptions(precision: 0)) == "array([0., 2., 2.])")
    }

    @Test func viewsPrintTheirOwnElements() {
        let base = float64((0..<12).map(Double.init), [3, 4])
        let reversed = NDArray(dtype: .float64, shape: [3, 4], strides: [4, -1], offset: 3, storage: base.storage)
        #expect(reversed.repr(options: .numpyDefault) == """
            array([[ 3.,  2.,  1.,  0.],
                   [ 7.,  6.,  5.,  4.],
                   [11., 10.,  9.,  8.]])
            """)
        let row = try! NDArray([Int64(0), 1, 2])
        let broadcast = NDArray(dtype: .int64, shape: [2, 3], strides: [0, 1], offset: 0, storage: row.storage)
        #expect(broadcast.repr(options: .numpyDefault) == "array([[0, 1, 2],\n       [0, 1, 2]])")
    }

    @Test func array2stringUsesPrefixForIndentOnly() {
        let grid = float64((0..<12).map(Double.init), [3, 4])
        #expect(grid.array2string(options: .numpyDefault, separator: ",", prefix: "x = ") == """
            [[ 0., 1., 2., 3.],
                 [ 4., 5., 6., 7.],
                 [ 8., 9.,10.,11.]]
            """)
    }

    @Test func descriptionIsStrAndDebugDescriptionIsRepr() {
        PrintOptions.withCurrent(PrintOptions()) {
            let values = float64([1.5, -2])
            #expect(values.description == "[ 1.5 -2. ]")
            #expect(values.debugDescription == "array([ 1.5, -2. ])")
            #expect("\(values)" == "[ 1.5 -2. ]")
        }
    }
}

@Suite("Print options")
struct PrintOptionsTests {
    @Test func defaultsAreNumPys() {
        let options = PrintOptions()
        #expect(options.precision == 8)
        #expect(options.threshold == 1000)
        #expect(options.edgeitems == 3)
        #expect(options.linewidth == 75)
        #expect(options.suppress == false)
        #expect(options.sign == .minus)
        #expect(options.floatmode == .maxprec)
    }

    // These tests change options only inside `withCurrent` scopes, so tests running at the
    // same time (and printing with the process-wide options) never see the changes.

    @Test func setChangesOnlyTheGivenOptionsAndResetRestores() throws {
        try PrintOptions.withCurrent(PrintOptions()) {
            try PrintOptions.set(precision: 3, suppress: true)
            #expect(PrintOptions.current.precision == 3)
            #expect(PrintOptions.current.suppress)
            #expect(PrintOptions.current.linewidth == 75)
            #expect(float64([Double.pi, 1e-10]).repr == "array([3.142, 0.   ])")
            PrintOptions.reset()
            #expect(PrintOptions.current == PrintOptions())
        }
    }

    @Test func invalidOptionsThrowAndChangeNothing() {
        PrintOptions.withCurrent(PrintOptions(linewidth: 50)) {
            #expect(throws: ArrayError.value("precision must be >= 0")) { try PrintOptions.set(precision: -1) }
            #expect(throws: ArrayError.value("edgeitems must be >= 0")) { try PrintOptions.set(edgeitems: -2) }
            #expect(PrintOptions.current == PrintOptions(linewidth: 50))
        }
    }

    @Test func withCurrentIsScopedToTheTask() async throws {
        let outside = PrintOptions.current
        let inside = PrintOptions.withCurrent(PrintOptions(threshold: 4, edgeitems: 1)) {
            try! NDArray((0..<10).map(Int64.init)).repr
        }
        #expect(inside == "array([0, ..., 9], shape=(10,))")
        #expect(PrintOptions.current == outside)
        // Child tasks inherit the scope; `set` inside it stays inside it.
        try await PrintOptions.withCurrent(PrintOptions(precision: 2)) {
            try PrintOptions.set(linewidth: 30)
            let seen = await Task { PrintOptions.current }.value
            #expect(seen == PrintOptions(precision: 2, linewidth: 30))
        }
        #expect(PrintOptions.current == outside)
    }

    @Test func concurrentReadersSeeWholeOptions() async {
        let a = PrintOptions(precision: 2, linewidth: 40)
        let b = PrintOptions(precision: 5, linewidth: 90)
        await PrintOptions.withCurrent(a) {
            await withTaskGroup(of: Bool.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        var consistent = true
                        for j in 0..<500 {
                            if (i + j) % 2 == 0 { PrintOptions.current = (j % 3 == 0) ? a : b }
                            let seen = PrintOptions.current
                            consistent = consistent && (seen == a || seen == b)
                        }
                        return consistent
                    }
                }
                for await consistent in group { #expect(consistent) }
            }
        }
    }

    @Test func dictionaryListsNumPysKeys() {
        let keys = PrintOptions().dictionary.map(\.key)
        #expect(keys == ["edgeitems", "threshold", "floatmode", "precision", "suppress", "linewidth", "nanstr", "infstr", "sign"])
    }
}

@Suite("Float digits")
struct FloatDigitsTests {
    @Test(arguments: [
        ("1.0", [UInt8(1)], 0), ("0.1", [1], -1), ("1e-05", [1], -5), ("-123.4500", [1, 2, 3, 4, 5], 2),
        ("5e-324", [5], -324), ("1.5e+16", [1, 5], 16), ("0.000", [], 0), ("100.0", [1], 2),
    ])
    func parsesDecimalText(_ text: String, _ digits: [UInt8], _ exponent: Int) {
        let parsed = DecimalDigits(parsing: text)
        #expect(parsed.digits == digits)
        #expect(parsed.exponent == exponent)
        #expect(parsed.isNegative == text.hasPrefix("-"))
    }

    @Test func shortestDigitsOfFloat32AreFloat32s() {
        #expect(DecimalDigits(shortest: Float(0.1)).digits == [1])
        #expect(DecimalDigits(shortest: Double(Float(0.1))).digits.count == 17)
    }

    @Test func exactRoundingUsesTheBinaryValue() {
        // 0.005 is slightly above 5/1000 in binary, 0.015 slightly below 15/1000.
        #expect(DecimalDigits(0.005, fractionDigits: 2).digits == [1])
        #expect(DecimalDigits(0.015, fractionDigits: 2).digits == [1])
        #expect(DecimalDigits(0.125, fractionDigits: 2).digits == [1, 2])
        #expect(DecimalDigits(9.996, significantDigits: 3).exponent == 1)
    }

    @Test func scientificPadsExponentsToTwoDigitsAtLeast() {
        let text = FloatText(precision: 8)
        #expect(text.scientific(1e-5, isFloat32: false) == "1.e-05")
        #expect(text.scientific(-1.5e100, isFloat32: false) == "-1.5e+100")
        #expect(FloatText(precision: nil, trim: .zerosAndPoint).scientific(1e16, isFloat32: false) == "1e+16")
    }
}

@Suite("Printing: unusual options")
struct PrintUnusualOptionsTests {
    @Test func negativeValuesSetFieldByFieldDoNotTrap() {
        var options = PrintOptions(threshold: 2)
        options.edgeitems = -1
        options.precision = -3
        #expect(try! NDArray([1.25, 2.5, 3.75]).repr(options: options) == "array([..., 4.], shape=(3,))")  // as NumPy with edgeitems=0, precision=0
    }

    @Test func tinyLineWidthPutsOneElementPerLine() {
        // NumPy: np.array2string(np.arange(4), max_line_width=1)
        #expect(try! NDArray([Int64(0), 1, 2, 3]).array2string(options: PrintOptions(linewidth: 1)) == "[0\n 1\n 2\n 3]")
    }
}
