import Foundation
import Testing

/// The `dusk` command: modes, arguments and exit status (0 ok, 1 program error, 2 usage).
@Suite struct CommandLineTests {
    @Test func codeOptionRunsAProgram() throws {
        let result = try DuskProcess.run(["-c", "print(1 + 1)"])
        #expect(result.stdout == "2\n")
        #expect(result.stderr == "")
        #expect(result.status == 0)
    }

    @Test func codeOptionDoesNotEchoExpressions() throws {
        let result = try DuskProcess.run(["-c", "1 + 1"])
        #expect(result.stdout == "")
        #expect(result.status == 0)
    }

    @Test func codeOptionPassesArguments() throws {
        let result = try DuskProcess.run(["-c", "print(argv)", "a", "--flag", "b"])
        #expect(result.stdout == "['-c', 'a', '--flag', 'b']\n")
    }

    @Test func scriptSeesItsPathAndArguments() throws {
        let directory = DuskProcess.temporaryDirectory()
        let script = directory.appendingPathComponent("args.dsk")
        try "print(argv)\nprint(len(argv))\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try DuskProcess.run([script.path, "one", "-x", "--two"])
        #expect(result.stdout == "['\(script.path)', 'one', '-x', '--two']\n4\n")
        #expect(result.status == 0)
    }

    @Test func dashReadsTheScriptFromStandardInput() throws {
        let result = try DuskProcess.run(["-", "x"], input: "print(argv)\n1 + 1\nprint('done')\n")
        #expect(result.stdout == "['-', 'x']\ndone\n")
        #expect(result.status == 0)
    }

    @Test func missingFileIsAUsageError() throws {
        let result = try DuskProcess.run(["no_such_file.dsk"])
        #expect(result.status == 2)
        #expect(result.stderr == "dusk: can't open file 'no_such_file.dsk': No such file or directory\n")
        #expect(result.stdout == "")
    }

    @Test func directoryIsAUsageError() throws {
        let result = try DuskProcess.run(["/"])
        #expect(result.status == 2)
        #expect(result.stderr == "dusk: can't open file '/': Is a directory\n")
    }

    @Test(arguments: [["--bogus"], ["-x"], ["-c"]])
    func badOptionsAreUsageErrors(arguments: [String]) throws {
        let result = try DuskProcess.run(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try DuskProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Dusk 0."))
    }

    @Test func helpShowsUsageAndExamples() throws {
        let result = try DuskProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:"))
        #expect(result.stdout.contains("EXAMPLES:"))
        #expect(result.stdout.contains("dusk -c"))
    }

    @Test func scriptErrorExitsWithOneAndPointsAtTheSource() throws {
        let directory = DuskProcess.temporaryDirectory()
        let script = directory.appendingPathComponent("broken.dsk")
        try "x = 1\nprint('before')\ny = x + undefined_name\nprint('after')\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try DuskProcess.run(["broken.dsk"], directory: directory)
        #expect(result.status == 1)
        #expect(result.stdout == "before\n")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("broken.dsk:3:9: error: ") == true)
        #expect(lines.first?.contains("undefined_name") == true)
        #expect(lines.count >= 3)
        if lines.count >= 3 {
            #expect(lines[1] == " 3 | y = x + undefined_name")
            #expect(lines[2].hasPrefix("   |         ^"))
        }
    }

    @Test func syntaxErrorExitsWithOne() throws {
        let result = try DuskProcess.run(["-c", "x = (1, 2"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<string>:1:"))
        #expect(result.stderr.contains("error:"))
    }

    @Test func interactiveFlagRunsTheScriptThenTheREPL() throws {
        let directory = DuskProcess.temporaryDirectory()
        let script = directory.appendingPathComponent("setup.dsk")
        try "answer = 6 * 7\nprint('setup done')\n".write(to: script, atomically: true, encoding: .utf8)
        let result = try DuskProcess.run(["-i", script.path], input: "answer\nanswer + 1\n")
        #expect(result.stdout == "setup done\n42\n43\n")
        #expect(result.status == 0)
    }

    @Test func interactiveFlagWithCode() throws {
        let result = try DuskProcess.run(["-i", "-c", "x = 5"], input: "x * 2\n")
        #expect(result.stdout == "10\n")
    }
}

/// `exit()` and `quit()` end the program with a status.
@Suite struct ExitTests {
    @Test(arguments: [("exit()", Int32(0)), ("exit(3)", 3), ("quit(0)", 0), ("print('bye')\nexit(4)\nprint('never')", 4)])
    func exitStatus(program: String, status: Int32) throws {
        let result = try DuskProcess.run(["-c", program])
        #expect(result.status == status)
        #expect(!result.stdout.contains("never"))
    }

    @Test func exitWithAMessage() throws {
        let result = try DuskProcess.run(["-c", "exit('giving up')"])
        #expect(result.status == 1)
        #expect(result.stderr == "giving up\n")
    }

    @Test func exitLeavesThePipedREPL() throws {
        let result = try DuskProcess.run([], input: "1\nexit()\n2\n")
        #expect(result.stdout == "1\n")
        #expect(result.status == 0)
    }
}

/// SIGINT (Ctrl-C) stops a running script: the runtime reports the interrupt, exit status 130.
@Suite struct ScriptInterruptTests {
    @Test func interruptStopsALoopingScript() throws {
        let process = Process()
        process.executableURL = DuskProcess.executable
        process.arguments = ["-c", "print('started', flush=True)\nwhile True:\n    pass\n"]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Wait until the loop runs, then interrupt it.
        let started = output.fileHandleForReading.availableData
        #expect(String(decoding: started, as: UTF8.self) == "started\n")
        usleep(200_000)
        process.interrupt()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("nterrupt"))
    }
}
