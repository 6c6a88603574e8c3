import DuskGraph
import DuskRuntime
import DuskSyntax
import Synchronization
import Foundation
import Testing

/// The Session API the REPL and the script runner use.
@Suite struct SessionTests {
    @Test func interactiveCellsEchoValuesAndBindUnderscore() {
        let t = TestSession(interactive: true)
        _ = t.session.runCell("1 + 2")
        #expect(t.output.standardOutput == "3\n")
        _ = t.session.runCell("_ * 10")
        #expect(t.output.standardOutput == "3\n30\n")
        _ = t.session.runCell("None\nprint('x')")
        #expect(t.output.standardOutput == "3\n30\nx\n")
        if case .int(30)? = t.session.value(named: "_") {} else { Issue.record("_ should be 30") }
    }

    @Test("dask.config.set({'optimization.fuse.active': False}) changes its own session only")
    func fuseSettingIsPerSession() {
        let (a, b) = (TestSession(), TestSession())
        let read = "import dask\nprint(dask.config.get('optimization.fuse.active'))\n"
        a.run("import dask\ndask.config.set({'optimization.fuse.active': False})\n")
        #expect(a.run(read) == "False\n")
        #expect(b.run(read) == "True\n")
        #expect(OptimizerOptions.fuseActive)
    }

    @Test func scriptsDoNotEcho() {
        let t = TestSession()
        #expect(t.run("1 + 2\n'text'\n") == "")
    }

    @Test func cellResultCarriesTheLastValue() {
        let t = TestSession()
        if case .int(7)? = t.value("x = 3\nx + 4") {} else { Issue.record("expected 7") }
        #expect(t.session.runCell("y = 1").value == nil)
    }

    @Test func globalsPersistAcrossCellsAndResetClearsThem() {
        let t = TestSession(interactive: true)
        _ = t.session.runCell("a = 1\ndef f():\n    return a + 1\n")
        _ = t.session.runCell("b = f()")
        #expect(t.session.globalNames == ["a", "f", "b"])
        if case .int(2)? = t.session.value(named: "b") {} else { Issue.record("b should be 2") }
        t.session.reset()
        #expect(t.session.globalNames.isEmpty)
        #expect(t.session.value(named: "len") != nil)
        #expect(t.session.value(named: "inc") != nil, "the prelude survives a reset")
    }

    @Test func runReturnsFalseAndReportsOnError() {
        let t = TestSession()
        let ok = t.session.run(file: SourceFile(name: "e.dsk", text: "print(1)\n1/0\nprint(2)\n"))
        #expect(!ok)
        #expect(t.output.standardOutput == "1\n")
        #expect(t.output.standardError.hasPrefix("e.dsk:2:2: error: division by zero"))
    }

    @Test func argvIsAvailable() {
        let (sink, captured) = OutputSink.capture()
        let session = Session(argv: ["script.dsk", "a", "b"], output: sink)
        _ = session.run(file: SourceFile(name: "s.dsk", text: "import sys\nprint(argv, sys.argv[1:])\n"))
        #expect(captured.standardOutput == "['script.dsk', 'a', 'b'] ['a', 'b']\n")
    }

    @Test func preludeFunctionsAreGlobalAndDocumented() {
        let t = TestSession()
        #expect(t.run("print(inc(1), dec(1), add(2, 3), square(4))\n") == "2 0 5 16\n")
        #expect(t.run("help(inc)\n") == "inc(x)\n    Returns x + 1: the tutorial's first teaching function.\n")
        #expect(t.run("def inc(x):\n    return x + 100\nprint(inc(1))\n") == "101\n", "user code may shadow the prelude")
    }

    @Test func magicsGoToTheHandlerInScriptsAndCells() {
        let t = TestSession()
        let seen = Mutex<[String]>([])
        t.session.magicHandler = { command, session in
            seen.withLock { $0.append("\(command.name)|\(command.arguments)|\(command.body ?? "-")|\(command.bodyFirstLine)") }
            if let body = command.body {
                let code = try session.prepare(body, name: command.location.file.name, firstLine: command.bodyFirstLine)
                try session.execute(code)
            }
        }
        let script = """
        x = 2
        %time x + 1
        %%timeit -r 1
        # a comment
        print(x * 10)

        print("after")
        """
        #expect(t.run(script, name: "m.dsk") == "20\nafter\n")
        #expect(seen.withLock { $0 } == ["time|x + 1|-|2", "timeit|-r 1|# a comment\nprint(x * 10)|4"])
    }

    @Test func errorsInsideCellMagicBodiesPointAtTheOriginalLines() {
        let t = TestSession()
        t.session.magicHandler = { command, session in
            if let body = command.body {
                try session.execute(try session.prepare(body, name: command.location.file.name, firstLine: command.bodyFirstLine))
            }
        }
        let text = t.error("y = 1\n%%time\ny = 2\ny / 0\n", name: "mm.dsk")
        #expect(text.hasPrefix("mm.dsk:4:3: error: division by zero"))
    }

    @Test func magicsWithoutAHandlerAreAnError() {
        let t = TestSession()
        #expect(t.error("%timeit 1\n", name: "n.dsk").hasPrefix("n.dsk:1:1: error: magics are not available here: '%timeit'"))
    }

    @Test func helpListsANamespaceWithSignatures() {
        let t = TestSession()
        let text = t.run("import math\nhelp(math)\n")
        #expect(text.hasPrefix("module math: Mathematical functions"))
        #expect(text.contains("  sqrt(x, /)\n      The square root of x."))
        #expect(text.contains("  pi = 3.141592653589793"))
        #expect(t.run("help(round)\n") == "round(number, ndigits=None)\n    Rounds to ndigits decimals (half to even); an int when ndigits is None.\n")
        #expect(t.run("help([].append)\n").hasPrefix("append(self, object, /)"))
        #expect(t.run("help()\n").contains("built-in functions:"))
    }

    @Test func dirListsAttributes() {
        let t = TestSession()
        #expect(t.run("print('append' in dir([]), 'upper' in dir(''), dir(5) == sorted(dir(5)))\n") == "True True True\n")
    }

    @Test func recursionLimitIsConfigurable() {
        let (sink, captured) = OutputSink.capture()
        let session = Session(output: sink, recursionLimit: 50)
        _ = session.run(file: SourceFile(name: "r.dsk", text: "def f(n):\n    return 0 if n == 0 else f(n - 1)\nprint(f(40))\nf(60)\n"))
        #expect(captured.standardOutput == "0\n")
        #expect(captured.standardError.contains("maximum recursion depth exceeded"))
    }

    @Test func deepRecursionOnASmallStackThreadIsAnErrorNotACrash() async throws {
        let t = TestSession()
        t.run("def f(n):\n    return f(n + 1) + 1\n")
        let f = try #require(t.session.value(named: "f"))
        let interpreter = t.session.interpreter
        let message = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let thread = Thread {
                do {
                    _ = try interpreter.call(f, Arguments([.int(0)]))
                    continuation.resume(returning: "no error")
                } catch {
                    continuation.resume(returning: DuskError.from(error).message)
                }
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        #expect(message == "maximum recursion depth exceeded")
    }

    @Test func runtimeWarningsStayInTheSessionThatRaisedThem() async {
        // Two sessions at once: each prints its own warnings, never the other's.
        let programs = ["import numpy as np\nfor i in range(200):\n    np.log(np.array([-1.0]))\n",
                        "import numpy as np\nfor i in range(200):\n    np.divide(np.array([1.0]), 0)\n"]
        let errors = await withTaskGroup(of: (Int, String).self) { group in
            for (i, program) in programs.enumerated() {
                group.addTask {
                    let (sink, captured) = OutputSink.capture()
                    _ = Session(output: sink).run(file: SourceFile(name: "w\(i).dsk", text: program))
                    return (i, captured.standardError)
                }
            }
            var result = ["", ""]
            for await (i, text) in group { result[i] = text }
            return result
        }
        #expect(errors[0] == String(repeating: "RuntimeWarning: invalid value encountered in log\n", count: 200))
        #expect(errors[1] == String(repeating: "RuntimeWarning: divide by zero encountered in divide\n", count: 200))
    }

    @Test func deeplyNestedDataStructuresPrint() {
        let t = TestSession()
        #expect(t.run("x = []\nfor i in range(200):\n    x = [x]\nprint(len(repr(x)))\n") == "402\n")
    }

    @Test func exitStopsTheScriptWithAStatus() {
        let t = TestSession()
        let result = t.session.runScript(SourceFile(name: "x.dsk", text: "print(1)\nexit(3)\nprint(2)\n"))
        #expect(result.exitStatus == 3)
        #expect(!result.succeeded)
        #expect(t.output.standardOutput == "1\n")
        #expect(t.output.standardError.isEmpty)
        let clean = t.session.runScript(SourceFile(name: "y.dsk", text: "import sys\nsys.exit()\n"))
        #expect(clean.exitStatus == 0 && clean.succeeded)
        let message = t.session.runScript(SourceFile(name: "z.dsk", text: "exit('bye')\n"))
        #expect(message.exitStatus == 1)
        #expect(t.output.standardError == "bye\n")
    }

    @Test func printToStandardErrorAndRecursionLimitThroughSys() {
        let t = TestSession()
        let out = t.run("import sys\nprint('err', file=sys.stderr)\nsys.stdout.write('out\\n')\nsys.setrecursionlimit(77)\nprint(sys.getrecursionlimit())\n")
        #expect(out == "out\n77\n")
        #expect(t.output.standardError == "err\n")
        #expect(t.session.interpreter.recursionLimit == 77)
    }

    @Test func hugeRepetitionIsAMemoryErrorNotACrash() {
        let t = TestSession()
        #expect(t.error("x = 'a' * (10 ** 12)\n").contains("repetition result too large"))
        #expect(t.error("x = [0] * (2 ** 40)\n").contains("repetition result too large"))
    }
}
