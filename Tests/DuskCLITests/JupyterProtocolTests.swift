import Foundation
import Testing
@testable import dusk

/// `dusk --jupyter-protocol` through its pipes: JSON requests in, JSON events and replies out.
@Suite struct JupyterProtocolTests {
    /// Runs the requests (one JSON object each) and returns every message Dusk wrote.
    static func exchange(_ requests: [[String: Any]]) throws -> (messages: [[String: Any]], stderr: String) {
        let input = try requests.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) + "\n" }
            .joined()
        let result = try DuskProcess.run(["--jupyter-protocol"], input: input)
        #expect(result.status == 0)
        var messages: [[String: Any]] = []
        for line in result.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let message = object as? [String: Any] else {
                Issue.record("not a JSON object on stdout: \(line)")
                continue
            }
            messages.append(message)
        }
        return (messages, result.stderr)
    }

    /// The messages after `ready`, split at each reply: one group per request.
    static func answers(_ requests: [[String: Any]]) throws -> [[[String: Any]]] {
        let messages = try exchange(requests).messages
        #expect(messages.first?["event"] as? String == "ready")
        var groups: [[[String: Any]]] = []
        var current: [[String: Any]] = []
        for message in messages.dropFirst() {
            current.append(message)
            if message["event"] as? String == "reply" {
                groups.append(current)
                current = []
            }
        }
        #expect(current.isEmpty)
        #expect(groups.count == requests.count)
        return groups
    }

    static func execute(_ code: String, _ count: Int = 1, silent: Bool = false) -> [String: Any] {
        ["request": "execute", "code": code, "execution_count": count, "silent": silent]
    }

    @Test func readyTellsTheLanguage() throws {
        let ready = try Self.exchange([]).messages[0]
        let info = try #require(ready["language_info"] as? [String: Any])
        #expect(info["name"] as? String == "dusk")
        #expect(info["file_extension"] as? String == ".dsk")
        #expect(info["mimetype"] as? String == "text/x-dusk")
        #expect(info["pygments_lexer"] as? String == "python")
        #expect(ready["protocol_version"] as? String == "5.3")
    }

    @Test func cellsStreamShowTheLastValueAndReportErrors() throws {
        let groups = try Self.answers([
            Self.execute("print('a')\nprint('b', end='')\nx = 2\nx * 3\nx * 4", 1),
            Self.execute("def f():\n    return 1 / 0\nf()", 2),
            Self.execute("x", 3, silent: true),
            Self.execute("%who", 4),
        ])
        #expect(groups[0].map { $0["event"] as? String } == ["stream", "stream", "execute_result", "reply"])
        #expect(groups[0][0]["text"] as? String == "a\n")
        #expect(groups[0][1]["text"] as? String == "b")
        #expect((groups[0][2]["data"] as? [String: String])?["text/plain"] == "8")
        #expect(groups[0][3]["status"] as? String == "ok")

        #expect(groups[1].map { $0["event"] as? String } == ["error", "reply"])
        let reply = groups[1][1]
        #expect(reply["status"] as? String == "error")
        #expect(reply["ename"] as? String == "ZeroDivisionError")
        #expect(reply["evalue"] as? String == "division by zero")
        #expect(reply["traceback"] as? [String] == [
            "In[2]:2:14: error: division by zero", " 2 |     return 1 / 0", "   |              ^",
            "traceback (most recent call last):", "  in <module> at In[2]:3:1", "  in f at In[2]:2:14",
        ])

        // Silent: nothing but the reply.
        #expect(groups[2].map { $0["event"] as? String } == ["reply"])
        #expect(groups[3].first?["text"] as? String == "f\t x\t \n")
    }

    @Test func syntaxErrorsAndRichViews() throws {
        let groups = try Self.answers([
            Self.execute("x = )", 1),
            Self.execute("import dask.array as da\nda.ones((4, 4), chunks=2)", 2),
            Self.execute("display(1, da.ones(3))", 3),
        ])
        #expect(groups[0][0]["ename"] as? String == "SyntaxError")
        let data = try #require(groups[1][0]["data"] as? [String: String])
        #expect(data["text/plain"]?.hasPrefix("dusk.array<ones, shape=(4, 4)") == true)
        #expect(data["text/html"]?.contains("<svg width=\"170\" height=\"170\"") == true)
        #expect(groups[2].map { $0["event"] as? String } == ["display_data", "display_data", "reply"])
        #expect((groups[2][1]["data"] as? [String: String])?["text/html"] != nil)
    }

    @Test func helpGoesToThePagerAndClearOutputClears() throws {
        let groups = try Self.answers([
            Self.execute("len?\nprint('after')", 1),
            Self.execute("from IPython.display import clear_output\nprint('a')\nclear_output(wait=True)", 2),
            Self.execute("1 + 1", 3),
        ])
        #expect(groups[0].map { $0["event"] as? String } == ["stream", "reply"])
        let payload = try #require(groups[0][1]["payload"] as? [[String: Any]])
        #expect(payload.count == 1)
        #expect(payload.first?["source"] as? String == "page")
        #expect((payload.first?["data"] as? [String: String])?["text/plain"]?.hasPrefix("len(obj, /)") == true)
        #expect(groups[1].map { $0["event"] as? String } == ["stream", "clear_output", "reply"])
        #expect(groups[1][1]["wait"] as? Bool == true)
        // The pager text belongs to its cell only.
        #expect((groups[2].last?["payload"] as? [Any])?.isEmpty == true)
    }

    @Test func completionInspectionAndCompleteness() throws {
        let code = "s = 'é🙂'\nimport dask.array as da\nda.fr"
        let groups = try Self.answers([
            Self.execute("import dask.array as da"),
            ["request": "complete", "code": code, "cursor_pos": code.unicodeScalars.count],
            ["request": "complete", "code": "x = 1\n%tim", "cursor_pos": 10],
            ["request": "inspect", "code": "da.ones", "cursor_pos": 4],
            ["request": "inspect", "code": "nothing_here", "cursor_pos": 3],
            ["request": "is_complete", "code": "for i in range(3):"],
            ["request": "nonsense"],
        ])
        let completion = groups[1][0]
        let matches = try #require(completion["matches"] as? [String])
        #expect(matches.contains("from_array") && matches.contains("from_delayed"))
        #expect(matches.allSatisfy { $0.hasPrefix("from") })
        #expect(completion["cursor_end"] as? Int == code.unicodeScalars.count)
        #expect(completion["cursor_start"] as? Int == code.unicodeScalars.count - 2)
        #expect(groups[2][0]["matches"] as? [String] == ["time", "timeit"])
        #expect(groups[2][0]["cursor_start"] as? Int == 7)
        #expect(groups[3][0]["found"] as? Bool == true)
        #expect((groups[3][0]["data"] as? [String: String])?["text/plain"]?.hasPrefix("ones(") == true)
        #expect(groups[4][0]["found"] as? Bool == false)
        #expect(groups[5][0]["status"] as? String == "incomplete")
        #expect(groups[5][0]["indent"] as? String == "    ")
        #expect(groups[6][0]["ename"] as? String == "ProtocolError")
    }

    @Test(arguments: [
        ("1 + 1", "complete"), ("", "complete"), ("if x:", "incomplete"), ("x = [1,", "incomplete"),
        ("def f():\n    return 1", "incomplete"), ("def f():\n    return 1\n", "complete"),
        ("%%timeit\nx = 1", "incomplete"), ("%%timeit\nx = 1\n", "complete"), ("%time f(x)", "complete"),
        ("%time f(x)\nif y:", "incomplete"), ("x = )", "invalid"), ("s = '''abc", "incomplete"),
        ("da.ones?", "complete"), ("x = 1\n??f", "complete"), ("?x?", "invalid"),
    ])
    func isComplete(code: String, status: String) {
        #expect(KernelLanguage.isComplete(code)["status"] == .string(status))
    }

    @Test func codePointsAndUTF8Offsets() {
        let text = "aé🙂b"
        #expect(KernelLanguage.utf8Offset(ofCodePoint: 0, in: text) == 0)
        #expect(KernelLanguage.utf8Offset(ofCodePoint: 2, in: text) == 3)
        #expect(KernelLanguage.utf8Offset(ofCodePoint: 3, in: text) == 7)
        #expect(KernelLanguage.utf8Offset(ofCodePoint: 4, in: text) == 8)
        #expect(KernelLanguage.utf8Offset(ofCodePoint: 99, in: text) == 8)
        #expect(KernelLanguage.utf8Offset(ofCodePoint: nil, in: text) == 8)
        #expect(KernelLanguage.codePointOffset(ofUTF8: 7, in: Array(text.utf8)) == 3)
    }

    @Test func kernelSpecNamesAbsolutePathsAndSignalInterrupts() throws {
        let data = try JupyterInstall.kernelSpec(python: "/usr/bin/python3", dusk: "/opt/dusk/bin/dusk")
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(spec["argv"] as? [String] == ["/usr/bin/python3", "-Xfrozen_modules=off", "-m", "dusk_kernel", "-f", "{connection_file}"])
        #expect(spec["interrupt_mode"] as? String == "signal")
        #expect(spec["language"] as? String == "dusk")
        #expect((spec["env"] as? [String: String])?["DUSK_EXECUTABLE"] == "/opt/dusk/bin/dusk")
    }
}
