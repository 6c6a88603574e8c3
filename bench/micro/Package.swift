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
import PackageDescription

let fast: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
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
        .target(name: "DuskSyntax", path: "Sources/DuskSyntax",
                swiftSettings: [.enableUpcomingFeature("ExistentialAny")]),
        .target(name: "DuskArray", dependencies: ["CBLAS"], path: "Sources/DuskArray", swiftSettings: fast),
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
