import DuskArray
import Testing
@testable import DuskScheduler

@Suite("Memory guard")
struct MemoryGuardTests {
    @Test("a result larger than available memory is refused with both sizes")
    func refuses() {
        let error = #expect(throws: ResultTooLarge.self) {
            try checkResultFits(bytes: 800_000_000_000, available: 22_100_000_000)
        }
        #expect("\(error!)" == "result of 800.0 GB does not fit in available memory (22.1 GB)")
    }

    @Test("a result that fits passes")
    func fits() throws {
        try checkResultFits(bytes: 8_000, available: 22_100_000_000)
        try checkResultFits(bytes: 1_000)
    }

    @Test("MemAvailable is read from /proc/meminfo")
    func meminfo() {
        let text = "MemTotal:       24000000 kB\nMemFree:        20000000 kB\nMemAvailable:   21582031 kB\n"
        #expect(parseMemAvailable(text) == 21_582_031 * 1024)
        #expect(parseMemAvailable("MemTotal: 1 kB\n") == nil)
        #expect(parseMemAvailable("MemAvailable: 4096\n") == 4096)
        #expect(parseMemAvailable("MemAvailable: 12x kB\n") == nil)
        #expect(parseMemAvailable("MemAvailable: 99999999999999999999 kB") == Int.max)
        #expect((availableMemoryBytes() ?? 0) > 0)
        #expect((recentAvailableMemoryBytes() ?? 0) > 0)
    }

    @Test("sizes are written in decimal units", arguments: [
        (512, "512 B"), (1_500, "1.5 kB"), (80_000_000, "80.0 MB"), (800_000_000_000, "800.0 GB"),
    ])
    func formatting(bytes: Int, text: String) {
        #expect(formatBytes(bytes) == text)
    }
}
