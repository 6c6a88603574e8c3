import DuskRuntime
import DuskSyntax
import Foundation
import Synchronization
import Testing

/// User functions called from several threads at once (as delayed tasks are):
/// per-call frames, shared immutable closures, locked containers, no global lock.
@Suite struct ConcurrencyTests {
    /// Runs `body(i)` on `count` threads at once and waits for all.
    func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for i in 0..<count {
            group.enter()
            let thread = Thread {
                body(i)
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
    }

    @Test func oneFunctionOnManyThreadsGivesEachCallItsOwnFrame() throws {
        let t = TestSession()
        t.run("""
        offset = 1000
        def work(n):
            total = 0
            for i in range(n):
                total += i
            helper = lambda v: v + offset
            return helper(total)
        """)
        let work = try #require(t.session.value(named: "work"))
        let interpreter = t.session.interpreter
        let results = ResultTable(count: 8)
        onThreads(8) { i in
            let n = 2000 + i
            let value = try? interpreter.call(work, Arguments([.int(n)]))
            results.set(i, value?.intValue)
        }
        for i in 0..<8 {
            let n = 2000 + i
            #expect(results.get(i) == n * (n - 1) / 2 + 1000)
        }
    }

    @Test func closuresSharedAcrossThreadsUpdateTheirCellsSafely() throws {
        let t = TestSession()
        t.run("""
        def make():
            count = 0
            items = []
            def tick(v):
                nonlocal count
                count += 1
                items.append(v)
                return count
            def state():
                return len(items)
            return tick, state
        tick, state = make()
        """)
        let tick = try #require(t.session.value(named: "tick"))
        let state = try #require(t.session.value(named: "state"))
        let interpreter = t.session.interpreter
        onThreads(4) { i in
            for k in 0..<250 { _ = try? interpreter.call(tick, Arguments([.int(i * 1000 + k)])) }
        }
        // Appends to the shared list are each atomic: none is lost.
        #expect(try interpreter.call(state, Arguments()).intValue == 1000)
    }

    @Test func sleepingFunctionsRunInParallel() throws {
        let t = TestSession()
        t.run("import time\ndef nap(v):\n    time.sleep(0.3)\n    return v + 1\n")
        let nap = try #require(t.session.value(named: "nap"))
        let interpreter = t.session.interpreter
        let results = ResultTable(count: 8)
        let start = Date()
        onThreads(8) { i in results.set(i, (try? interpreter.call(nap, Arguments([.int(i)])))?.intValue) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < 1.2, "8 sleeps of 0.3 s took \(elapsed) s: they did not overlap")
        for i in 0..<8 { #expect(results.get(i) == i + 1) }
    }

    @Test func errorsComeBackWithTheirTraceback() throws {
        let t = TestSession()
        t.run("def bad(x):\n    return x[10]\n", name: "w.dsk")
        let bad = try #require(t.session.value(named: "bad"))
        let error = #expect(throws: DuskError.self) {
            try t.session.interpreter.call(bad, Arguments([.makeList([.int(1)])]))
        }
        #expect(error?.message == "list index out of range")
        #expect(error?.location?.line == 2)
        #expect(error?.traceback.first?.function == "bad")
    }

    @Test func globalsAreSharedBehindTheirLock() throws {
        let t = TestSession()
        t.run("def put(k, v):\n    global last\n    last = v\n    table[k] = v\ntable = {}\n")
        let put = try #require(t.session.value(named: "put"))
        let interpreter = t.session.interpreter
        onThreads(4) { i in
            for k in 0..<100 { _ = try? interpreter.call(put, Arguments([.int(i * 100 + k), .int(k)])) }
        }
        #expect(t.run("print(len(table))\n") == "400\n")
    }
}

/// A fixed-size table of optional ints written from several threads.
final class ResultTable: Sendable {
    private let slots: Mutex<[Int?]>
    init(count: Int) { slots = Mutex([Int?](repeating: nil, count: count)) }
    func set(_ i: Int, _ v: Int?) { slots.withLock { $0[i] = v } }
    func get(_ i: Int) -> Int? { slots.withLock { $0[i] } }
}
