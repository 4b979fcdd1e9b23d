// swift-tools-version:6.1
import PackageDescription

/// Turnscope: a local-first LLM trace viewer.
///
/// Modules follow the one-way data flow of docs/ARCHITECTURE.md: the model knows no I/O, the store
/// alone speaks SQL, decoders are pure, and the command line wires them together.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Turnscope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "turnscope", targets: ["turnscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "TurnscopeModel", swiftSettings: strict),
        .target(
            name: "TurnscopeStore",
            dependencies: [
                "TurnscopeModel", "CZlib", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(name: "TurnscopeIngest", dependencies: ["TurnscopeModel"], swiftSettings: strict),
        .target(
            name: "TurnscopeCLI",
            dependencies: [
                "TurnscopeModel", "TurnscopeStore", "TurnscopeIngest",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "turnscope", dependencies: ["TurnscopeCLI"], swiftSettings: strict),
        .testTarget(name: "TurnscopeModelTests", dependencies: ["TurnscopeModel"], swiftSettings: strict),
        .testTarget(
            name: "TurnscopeStoreTests", dependencies: ["TurnscopeStore", "TurnscopeModel"],
            swiftSettings: strict),
        .testTarget(
            name: "TurnscopeIngestTests", dependencies: ["TurnscopeIngest", "TurnscopeModel"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "TurnscopeCLITests", dependencies: ["turnscope", "TurnscopeStore"],
            swiftSettings: strict),
    ]
)
