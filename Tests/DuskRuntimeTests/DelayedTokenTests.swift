import DuskRuntime
import Testing

/// Delayed keys come from what the code says, so a script prints the same keys
/// whatever path it is run from, and different code gives different keys.
@Suite struct DelayedTokenTests {
    static let script = """
    from dask import delayed
    def add(a, b):
        return a + b
    print(delayed(add)(1, 2))
    """

    @Test func keysDoNotDependOnTheScriptPath() {
        let first = TestSession().run(Self.script, name: "examples/a.dsk")
        let second = TestSession().run(Self.script, name: "/elsewhere/b.dsk")
        #expect(first.hasPrefix("Delayed('add-"))
        #expect(first == second)
    }

    @Test func differentCodeGivesDifferentKeys() {
        let first = TestSession().run(Self.script)
        let second = TestSession().run(Self.script.replacingOccurrences(of: "a + b", with: "a - b"))
        #expect(first.hasPrefix("Delayed('add-"))
        #expect(first != second)
    }
}
