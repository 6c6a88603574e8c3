#if canImport(Glibc)
import Glibc
#endif
import DuskScheduler
import Foundation

/// `wait`, `as_completed` and `progress` of `dask.distributed`, on Dask futures.
enum FuturesLibrary {
    static func install(_ r: inout Registry, in namespace: String) {
        r.register(in: namespace, "wait(fs, timeout=None, return_when='ALL_COMPLETED')", doc: """
            Waits until the futures are done (return_when='FIRST_COMPLETED': until one is); returns \
            DoneAndNotDoneFutures(done, not_done), two sets. TimeoutError after timeout seconds.
            """) { args, _ in
            let futures = FutureCollection.futures(in: args[0])
            let first: Bool
            switch args[2] {
            case .str("ALL_COMPLETED"): first = false
            case .str("FIRST_COMPLETED"): first = true
            default: throw DuskError(.valueError, "wait() return_when must be 'ALL_COMPLETED' or 'FIRST_COMPLETED'")
            }
            var done: Set<Int> = []
            if let session = futures.first?.session {
                let timeout = args[1].isNone ? nil : try ArrayConvert.double(args[1], "timeout")
                done = Set(try session.wait(futures.map(\.ref), timeout: timeout, firstCompleted: first,
                                            raiseTimeout: !first))
            }
            let doneSet = try SetRef(futures.indices.filter { done.contains($0) }.map { .object(futures[$0]) })
            let notDone = try SetRef(futures.indices.filter { !done.contains($0) }.map { .object(futures[$0]) })
            return .object(NamedTupleObject("DoneAndNotDoneFutures", ["done": .set(doneSet), "not_done": .set(notDone)]))
        }
        r.register(in: namespace, "as_completed(futures, with_results=False)", doc: """
            Iterates over futures in the order they finish: for future in as_completed(fs): ... \
            (with_results=True gives (future, result) pairs).
            """) { args, ctx in
            let withResults = args[1].isNone ? false : try args.bool(1)
            return .object(try AsCompletedObject(FutureCollection.futures(in: .list(ListRef(try ctx.elements(of: args[0])))),
                                                 withResults: withResults))
        }
        r.register(in: namespace, "progress(*futures)", doc: """
            Waits for futures, drawing a progress bar while they run, as Dask's console progress bar.
            """) { args, ctx in
            let futures = args.variadic.flatMap { FutureCollection.futures(in: $0) }
            guard let session = futures.first?.session else { return .none }
            let refs = futures.map(\.ref)
            let bar = ProgressBar()
            let start = Date()
            let live = isatty(1) == 1
            while true {
                let done = try session.wait(refs, timeout: 0.1, firstCompleted: false, raiseTimeout: false).count
                let line = bar.render(completed: done, total: refs.count, elapsed: Date().timeIntervalSince(start))
                if done == refs.count {
                    ctx.output.write((live ? "\r" : "") + line + "\n")
                    return .none
                }
                if live { ctx.output.write("\r" + line); ctx.output.flush() }
            }
        }
    }
}
