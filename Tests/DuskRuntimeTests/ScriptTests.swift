import Testing

/// Every script under `Tests/Scripts` behaves as its `# expect` comments say.
@Suite struct ScriptTests {
    @Test(arguments: ScriptRunner.allScripts())
    func script(_ path: String) throws {
        let problems = try ScriptRunner.check(path)
        #expect(problems.isEmpty, Comment(rawValue: "\(path):\n" + problems.joined(separator: "\n")))
    }

    @Test func thereAreScripts() {
        #expect(ScriptRunner.allScripts().count > 20)
    }
}
