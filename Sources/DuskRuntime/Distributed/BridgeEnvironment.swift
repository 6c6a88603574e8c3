#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Where the bridge's pieces are: the Python interpreter, the `dusk_bridge` package, Dusk's
/// kernel library; and the environment the bridge (and the workers it spawns) start with.
enum BridgeEnvironment {
    /// `$DUSK_PYTHON`, else `python3` on the PATH.
    static var python: String { ProcessInfo.processInfo.environment["DUSK_PYTHON"] ?? "python3" }

    /// The directory of the running executable (`/proc/self/exe`).
    static var executableDirectory: String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (path as NSString).deletingLastPathComponent
    }

    /// `$DUSK_KERNELS_LIBRARY`, else `libDuskKernels.so` beside the executable (where SwiftPM
    /// builds it), else nil (the bridge then looks inside its own package).
    static var kernelLibrary: String? {
        if let path = ProcessInfo.processInfo.environment["DUSK_KERNELS_LIBRARY"] { return path }
        guard let directory = executableDirectory else { return nil }
        let path = directory + "/libDuskKernels.so"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The repository's `python/dusk-bridge` directory when Dusk runs from a build inside the
    /// repository (`.build/debug/dusk`): put on PYTHONPATH so `dusk_bridge` needs no installing here.
    static var sourcePackageDirectory: String? {
        guard var directory = executableDirectory else { return nil }
        for _ in 0..<5 {
            let candidate = directory + "/python/dusk-bridge"
            if FileManager.default.fileExists(atPath: candidate + "/dusk_bridge/server.py") { return candidate }
            directory = (directory as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// This process's environment with PYTHONPATH and DUSK_KERNELS_LIBRARY set for the bridge.
    static func childEnvironment() -> [String] {
        var environment = ProcessInfo.processInfo.environment
        if let package = sourcePackageDirectory {
            environment["PYTHONPATH"] = [package, environment["PYTHONPATH"]].compactMap { $0 }.joined(separator: ":")
        }
        if let library = kernelLibrary { environment["DUSK_KERNELS_LIBRARY"] = library }
        // Python's output unbuffered, so the log shows a worker's last words.
        environment["PYTHONUNBUFFERED"] = "1"
        return environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// The last `lines` lines of a text file (empty when unreadable).
    static func tail(ofFile path: String, lines: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        let all = text.split(separator: "\n", omittingEmptySubsequences: true)
        return all.suffix(lines).map { "  " + $0 }.joined(separator: "\n")
    }
}
