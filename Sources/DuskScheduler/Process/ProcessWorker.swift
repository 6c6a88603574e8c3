#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DuskGraph
import Synchronization

/// A forked worker process of the process scheduler, seen from the parent, and the
/// loop the child runs.
///
/// The child is a fork of the parent taken at the start of a compute, so it already
/// holds the graph and its closures. It only reads requests (a task index and the
/// input values), runs the task's function, writes the result or the error's text,
/// and leaves with `_exit` when the parent closes the connection.
///
/// Why fork and not `posix_spawn` of the executable: task functions are closures over
/// interpreter values, not data, so only a copy of the process can run them. Forking
/// a process that has threads is safe enough here because the fork happens in the
/// calling thread before this compute starts any thread; the threaded pool's workers
/// are parked in `pthread_cond_wait` holding no lock; glibc resets malloc's and
/// stdio's locks in the child; and the child never touches the pool (schedulers in a
/// worker run inline), draws no progress, ignores SIGINT (the parent kills it), and
/// ends with `_exit` (no atexit handlers, no double-flushed stdio).
struct ProcessWorker {
    let pid: pid_t
    let socket: FrameSocket

    private static let workerFlag = Atomic<Bool>(false)
    /// Where the workers forked in this task are listed, for tests that check they were
    /// reaped. Task-local: a process-wide list was overwritten by computes of tests running
    /// beside them, which then saw another test's live workers.
    @TaskLocal static var spawnRecord: SpawnRecord?

    /// True inside a worker process: schedulers there run tasks in the calling thread
    /// (the parent's pool threads do not exist after a fork) and draw no progress.
    static var isWorkerProcess: Bool { workerFlag.load(ordering: .relaxed) }

    /// The parent ends of every process compute's worker sockets open in this process.
    /// Guarded by the lock that is also held across each fork, so a new worker can close
    /// them all: a worker that kept another compute's parent end open would keep that
    /// compute's workers from ever seeing the end of their streams, and both computes
    /// would wait for each other's workers forever (seen with two computes at once:
    /// parallel tests, or `delayed` tasks that compute).
    private static let openParentEnds = Mutex<Set<Int32>>([])

    /// Forks `count` workers for `graph`. The caller flushes stdio first.
    static func spawn(count: Int, graph: TaskGraph) throws -> [ProcessWorker] {
        TransportWarmUp.once()
        var workers: [ProcessWorker] = []
        for _ in 0..<count {
            let forked: Result<ProcessWorker, any Error> = openParentEnds.withLock { open in
                let ends: (parent: FrameSocket, child: FrameSocket)
                do {
                    ends = try FrameSocket.pair()
                } catch {
                    return .failure(error)
                }
                let pid = fork()
                if pid == 0 {
                    // Child: keep only its own end (the lock is ours here, and no other
                    // thread exists in the child to release it).
                    for descriptor in open { FrameSocket(descriptor: descriptor).close() }
                    ends.parent.close()
                    serve(ends.child, graph: graph)
                }
                ends.child.close()
                if pid < 0 {
                    let code = errno
                    ends.parent.close()
                    return .failure(ProcessWorkerError.system("fork", code))
                }
                open.insert(ends.parent.descriptor)
                return .success(ProcessWorker(pid: pid, socket: ends.parent))
            }
            switch forked {
            case .success(let worker):
                workers.append(worker)
            case .failure(let error):
                shutDown(workers, kill: true)
                throw error
            }
        }
        spawnRecord?.pids.withLock { $0 += workers.map(\.pid) }
        return workers
    }

    /// Closes the connections and reaps the processes; with `kill`, ends them first.
    static func shutDown(_ workers: [ProcessWorker], kill killFirst: Bool) {
        for worker in workers {
            if killFirst { kill(worker.pid, SIGKILL) }
            // Unlisted and closed under the lock, so no fork sees the number half-way.
            openParentEnds.withLock { open in
                open.remove(worker.socket.descriptor)
                worker.socket.close()
            }
        }
        for worker in workers {
            var status: Int32 = 0
            while waitpid(worker.pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// How a finished worker ended, for the error message: `exited with status 1`,
    /// `was killed by signal 9`. Reaps it.
    func reapStatus() -> String {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result < 0 && errno == EINTR
        if result < 0 { return "ended" }
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        return "was killed by signal \(signal)"
    }

    // MARK: - The child

    /// The child's loop; never returns.
    private static func serve(_ socket: FrameSocket, graph: TaskGraph) -> Never {
        workerFlag.store(true, ordering: .relaxed)
        // Ctrl-C reaches the whole process group: the parent handles it and kills us.
        signal(SIGINT, SIG_IGN)
        while true {
            let request: TransferReader?
            do {
                request = try socket.receive()
            } catch {
                _exit(2)
            }
            guard var request else { _exit(0) }
            let response = respond(to: &request, graph: graph)
            fflush(nil)
            do {
                try socket.send(response)
            } catch {
                _exit(3)
            }
        }
    }

    /// Runs the requested task: status 0 and the value, or status 1, the error's text
    /// and its type.
    private static func respond(to request: inout TransferReader, graph: TaskGraph) -> TransferWriter {
        do {
            let index = try request.readInt()
            let inputCount = try request.readInt()
            guard index >= 0 && index < graph.count else { throw TransferError.malformed("task index \(index)") }
            var inputs: [TaskValue] = []
            inputs.reserveCapacity(inputCount)
            for _ in 0..<inputCount { inputs.append(try request.readValue()) }
            let value = try graph.tasks[index].function(inputs)
            var writer = TransferWriter()
            writer.write(0 as UInt8)
            try writer.write(value)
            return writer
        } catch {
            var writer = TransferWriter()
            writer.write(1 as UInt8)
            writer.write(String(describing: error))
            writer.write(String(reflecting: type(of: error)))
            return writer
        }
    }
}

/// The process ids of the workers forked while it is bound (see `ProcessWorker.spawnRecord`).
final class SpawnRecord: Sendable {
    let pids = Mutex<[pid_t]>([])
}
