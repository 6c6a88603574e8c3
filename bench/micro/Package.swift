// swift-tools-version: 6.1
// Micro-benchmarks for Dusk's kernels and scheduler, with ordo-one/benchmark.
//
// A separate package so that the main build and CI never compile it. Run from
// bench/micro:  swift package benchmark   (see bench/README.md).
//
// The main package exports only the `dusk` executable, so the engine's modules are
// compiled here from the same sources (Sources/<Module> are symbolic links into
// ../../Sources) with the main package's settings. When the main package exports a
// library product with these modules, replace the local targets by
// `.package(path: "../..")` and a `.product(...)` dependency.
import Foundation
import PackageDescription

// DUSK_MICRO_CHECKED=1 compiles the engine with -O instead of -Ounchecked, to measure what
// -Ounchecked buys (use another --scratch-path so the two builds do not replace each other).
let optimization = ProcessInfo.processInfo.environment["DUSK_MICRO_CHECKED"] == nil ? "-Ounchecked" : "-O"
let fast: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags([optimization, "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "DuskMicro",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CSleef", path: "Sources/CSleef", providers: [.apt(["libsleef-dev"])]),
        .target(name: "CSleefAVX2", dependencies: ["CSleef"], path: "Sources/CSleefAVX2",
                cSettings: [.unsafeFlags(["-mavx2", "-mfma", "-O2"])]),
        .target(name: "CSleefAVX512", dependencies: ["CSleef"], path: "Sources/CSleefAVX512",
                cSettings: [.unsafeFlags(["-mavx512f", "-mfma", "-O2"])]),
        .target(name: "DuskSyntax", path: "Sources/DuskSyntax",
                swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .target(name: "DuskArray", dependencies: ["CBLAS", "CSleef", "CSleefAVX2", "CSleefAVX512"],
                path: "Sources/DuskArray", swiftSettings: fast),
        .target(name: "DuskGraph", dependencies: [
            "DuskArray", "DuskSyntax",
            .product(name: "Collections", package: "swift-collections"),
        ], path: "Sources/DuskGraph", swiftSettings: fast),
        .target(name: "DuskScheduler", dependencies: ["DuskGraph", "DuskArray"],
                path: "Sources/DuskScheduler", swiftSettings: fast),
        .executableTarget(
            name: "DuskMicro",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                "DuskArray", "DuskGraph", "DuskScheduler",
            ],
            path: "Benchmarks/DuskMicro",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
