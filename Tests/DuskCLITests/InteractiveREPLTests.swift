import Foundation
import Testing

/// The REPL on a pseudo-terminal: banner, prompts, echo of values, Ctrl-C and Ctrl-D.
///
/// Each test waits for the next `>>> ` before typing on: keys typed while code runs
/// reach a terminal in cooked mode, where Ctrl-D is not a key but an end-of-file.
@Suite(.serialized) struct InteractiveREPLTests {
    @Test func bannerPromptAndExpressionValue() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor("Dusk 0.1 (lazy chunked arrays)"))
        #expect(terminal.waitFor(">>> "))
        terminal.type("6 * 7\r")
        #expect(terminal.waitFor("\n42\n>>> "))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func multiLineBlockUsesTheContinuationPrompt() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        terminal.type("for i in range(2):\r")
        #expect(terminal.waitFor("... "))
        terminal.type("    print(i + 10)\r")
        terminal.type("\r")
        #expect(terminal.waitFor("\n11\n>>> "))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func blockLinesStartIndented() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        terminal.type("def seven():\r")
        #expect(terminal.waitFor("...     "))
        terminal.type("return 7\r\r")
        terminal.type("seven()\r")
        #expect(terminal.waitFor("\n7\n>>> "))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func ctrlCAbandonsTheLineAndCtrlDExits() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        terminal.type("this is not finished")
        #expect(terminal.waitFor("not finished"))
        let mark = terminal.mark()
        terminal.type("\u{3}")
        #expect(terminal.waitFor("KeyboardInterrupt\n>>> ", after: mark))
        terminal.type("1 + 2\r")
        #expect(terminal.waitFor("\n3\n>>> ", after: mark))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func ctrlCAbandonsABlockBeingTyped() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        terminal.type("if True:\r")
        #expect(terminal.waitFor("... "))
        let mark = terminal.mark()
        terminal.type("\u{3}")
        #expect(terminal.waitFor("KeyboardInterrupt\n>>> ", after: mark))
        terminal.type("'fresh'\r")
        #expect(terminal.waitFor("'fresh'\n>>> ", after: mark))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func ctrlCStopsRunningCode() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        let start = terminal.mark()
        terminal.type("while True:\r    pass\r\r")
        usleep(500_000)
        // Still running: no fresh prompt yet.
        #expect(!terminal.waitFor("\n>>> ", after: start, timeout: 0.2, expected: false))
        let mark = terminal.mark()
        terminal.type("\u{3}")
        // The runtime reports the interrupt as an error ("KeyboardInterrupt" or "interrupted").
        #expect(terminal.waitFor("nterrupt", after: mark, timeout: 10))
        #expect(terminal.waitFor(">>> ", after: mark))
        terminal.type("'alive'\r")
        #expect(terminal.waitFor("'alive'\n>>> ", after: mark))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func tabCompletesNames() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        terminal.type("unique_variable_name = 5\r")
        terminal.type("unique_var\t")
        #expect(terminal.waitFor("unique_variable_name"))
        let mark = terminal.mark()
        terminal.type("\r")
        #expect(terminal.waitFor("\n5\n>>> ", after: mark))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func historyIsSavedAndReloaded() throws {
        let directory = DuskProcess.temporaryDirectory()
        let history = directory.appendingPathComponent("history").path
        do {
            let terminal = try PseudoTerminal(environment: ["DUSK_HISTORY": history])
            #expect(terminal.waitFor(">>> "))
            terminal.type("first = 1\r")
            terminal.type("first = 1\r")
            terminal.type("   \r")
            terminal.type("second = 2\r")
            #expect(terminal.waitFor(">>> second = 2\n>>> "))
            terminal.type("\u{4}")
            #expect(terminal.waitForExit() == 0)
        }
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.split(separator: "\n") == ["first = 1", "second = 2"])

        let terminal = try PseudoTerminal(environment: ["DUSK_HISTORY": history])
        #expect(terminal.waitFor(">>> "))
        terminal.type("\u{1B}[A\r")   // Up arrow recalls the last line
        #expect(terminal.waitFor(">>> second = 2\n>>> "))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }
}

/// Ctrl-C inside one long kernel: a 9000² matrix product (about 1.5·10¹² operations, ten
/// seconds or more) is cut into BLAS calls of about 0.2 s, so the interrupt answers between
/// two of them, eagerly and inside a lazy compute's task, and the session's variables survive.
@Suite(.serialized) struct KernelInterruptREPLTests {
    @Test func ctrlCStopsALargeMatrixProduct() throws {
        let terminal = try PseudoTerminal()
        #expect(terminal.waitFor(">>> "))
        var mark = terminal.mark()
        terminal.type("import numpy as np, dask.array as da\r")
        #expect(terminal.waitFor(">>> ", after: mark))
        mark = terminal.mark()
        terminal.type("a = np.ones((9000, 9000)); x = da.ones((9000, 9000), chunks=9000).persist()\r")
        #expect(terminal.waitFor(">>> ", after: mark, timeout: 120))
        for statement in ["b = a @ a", "c = (x @ x).compute()"] {
            mark = terminal.mark()
            terminal.type(statement + "\r")
            usleep(800_000)
            let pressed = Date()
            terminal.type("\u{3}")
            #expect(terminal.waitFor("KeyboardInterrupt", after: mark, timeout: 20))
            // Within a second on an idle machine (bench/README.md); generous here, since the
            // test suite runs other tests on the same cores.
            let waited = Date().timeIntervalSince(pressed)
            #expect(waited < 3, "\(statement): Ctrl-C took \(waited) s")
            #expect(terminal.waitFor(">>> ", after: mark))
        }
        mark = terminal.mark()
        terminal.type("a.shape, 'b' in dir(), 'c' in dir()\r")
        #expect(terminal.waitFor("((9000, 9000), False, False)\n>>> ", after: mark))
        terminal.type("\u{4}")
        #expect(terminal.waitForExit() == 0)
    }
}
