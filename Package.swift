// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]
let fast: [SwiftSetting] = strict + [
    .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
]

let package = Package(
    name: "Dusk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dusk", targets: ["dusk"]),
        // Dusk's kernels for Dask workers, loaded by python/dusk_bridge through ctypes.
        .library(name: "DuskKernels", type: .dynamic, targets: ["DuskKernels"]),
        // For fuzz/, a package of its own that builds them with libFuzzer.
        .library(name: "DuskSyntax", targets: ["DuskSyntax"]),
        .library(name: "DuskRuntime", targets: ["DuskRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // C shims over Debian's libraries: a module map and a header each.
        .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CBlosc", path: "Sources/CBlosc", providers: [.apt(["libblosc-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // CRC32C (Zarr's crc32c codec) from Intel's ISA-L: crc32_iscsi is CRC32C.
        .systemLibrary(name: "CIsal", path: "Sources/CIsal", providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CSleef", path: "Sources/CSleef", providers: [.apt(["libsleef-dev"])]),
        // SLEEF's AVX2 and AVX-512 loops, each compiled for its instruction set so that vectors
        // pass to SLEEF in registers (see Sources/CSleef/shim.h); called only where supported.
        .target(name: "CSleefAVX2", dependencies: ["CSleef"], cSettings: [.unsafeFlags(["-mavx2", "-mfma", "-O2"])]),
        .target(name: "CSleefAVX512", dependencies: ["CSleef"], cSettings: [.unsafeFlags(["-mavx512f", "-mfma", "-O2"])]),

        // Source text to AST: lexer, parser, diagnostics. Knows nothing of arrays.
        .target(name: "DuskSyntax", swiftSettings: strict),
        // Concrete n-dimensional arrays and their kernels. Knows nothing of graphs.
        .target(name: "DuskArray", dependencies: ["CBLAS", "CLAPACKE", "CSleef", "CSleefAVX2", "CSleefAVX512"], swiftSettings: fast),
        // Chunks, the lazy expression graph, task graphs and their passes.
        .target(name: "DuskGraph", dependencies: [
            "DuskArray", "DuskSyntax",
            .product(name: "Collections", package: "swift-collections"),
        ], swiftSettings: fast),
        // Zarr v2 and v3 stores on the local filesystem: metadata, chunk keys, codecs.
        .target(name: "DuskZarr", dependencies: ["DuskArray", "CZstd", "CBlosc", "CZlib", "CIsal"],
                swiftSettings: fast),
        // Running task graphs: synchronous, threaded, processes.
        .target(name: "DuskScheduler", dependencies: ["DuskGraph", "DuskArray"], swiftSettings: fast),
        // The interpreter, values, built-in namespaces, the prelude.
        .target(name: "DuskRuntime", dependencies: [
            "DuskSyntax", "DuskArray", "DuskGraph", "DuskScheduler", "DuskZarr",
        ], swiftSettings: strict),
        // The kernel library's C entry points (`dusk_*`). The Swift runtime is linked in
        // statically, so a worker needs only libc, libstdc++ and libgcc_s besides Debian's
        // libraries Dusk already uses.
        .target(name: "DuskKernels", dependencies: ["DuskRuntime", "DuskGraph", "DuskScheduler", "DuskArray"],
                swiftSettings: strict, linkerSettings: [.unsafeFlags([
                    "-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lCoreFoundation",
                    "-lFoundationInternationalization", "-lFoundationEssentials", "-l_FoundationCollections",
                    "-l_FoundationCShims", "-l_FoundationICU", "-Xlinker", "--end-group",
                ])]),
        // The command line and the REPL. Thin.
        .executableTarget(name: "dusk", dependencies: [
            "DuskRuntime", "CReadline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),

        // Snapshot (golden file) helpers shared by the test targets.
        .target(name: "DuskTestSupport", path: "Tests/DuskTestSupport"),
        .testTarget(name: "DuskSyntaxTests", dependencies: ["DuskSyntax"]),
        .testTarget(name: "DuskArrayTests", dependencies: ["DuskArray"], exclude: ["Data"]),
        .testTarget(name: "DuskGraphTests", dependencies: ["DuskGraph", "DuskScheduler", "DuskArray", "DuskTestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "DuskSchedulerTests", dependencies: ["DuskScheduler", "DuskGraph", "DuskArray"]),
        .testTarget(name: "DuskZarrTests", dependencies: ["DuskZarr", "DuskArray"], exclude: ["Fixtures"]),
        .testTarget(name: "DuskRuntimeTests", dependencies: ["DuskRuntime", "DuskSyntax", "DuskGraph", "DuskTestSupport"],
                    exclude: ["Snapshots", "Cases"]),
        .testTarget(name: "DuskCLITests", dependencies: ["dusk"]),
    ]
)
