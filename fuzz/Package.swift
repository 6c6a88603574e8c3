// swift-tools-version: 6.1
// libFuzzer targets, kept out of the main build: `fuzz/run TARGET SECONDS` builds them with
// `--sanitize fuzzer --sanitize address` (see fuzz/README.md).
import PackageDescription

let package = Package(
    name: "DuskFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Dusk", path: "..")],
    targets: [
        // Source text to tokens and AST: every input must give a module or diagnostics.
        .executableTarget(name: "FuzzParser", dependencies: [.product(name: "DuskSyntax", package: "Dusk")]),
        // Whole programs run in one session, with a time budget and an allocation cap.
        .executableTarget(name: "FuzzInterpreter", dependencies: [
            .product(name: "DuskRuntime", package: "Dusk"), .product(name: "DuskSyntax", package: "Dusk"),
        ]),
    ]
)
