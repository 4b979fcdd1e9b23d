// swift-tools-version:6.1
import PackageDescription

/// Turnscope: a local-first LLM trace viewer.
///
/// Modules follow the one-way data flow the README describes ("How it works"): the model knows no
/// I/O, the store alone speaks SQL, decoders are pure, the collector serves HTTP, and the command
/// line wires them together.
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
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(
            name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CCurl", path: "Sources/CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "TurnscopeModel", swiftSettings: strict),
        .target(
            name: "TurnscopeStore",
            dependencies: [
                "TurnscopeModel", "CZlib", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        // OTLP message types, generated once by scripts/generate-otlp.sh from ../shared/reference/otlp-proto.
        .target(
            name: "TurnscopeOTLP", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: strict),
        .target(
            name: "TurnscopeIngest",
            dependencies: ["TurnscopeModel", "TurnscopeOTLP", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: strict),
        .target(
            name: "TurnscopeCollector",
            dependencies: [
                "TurnscopeModel", "TurnscopeIngest", "TurnscopeStore", "TurnscopeOTLP", "CZlib", "CCurl",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict),
        // OTLP/gRPC (traces, logs, metrics acknowledged) beside the collector's HTTP: the service
        // code is generated once by scripts/generate-grpc.sh and committed. Only this target and
        // the command line link gRPC, so the collector and its tests build without it.
        .target(
            name: "TurnscopeGRPC",
            dependencies: [
                "TurnscopeModel", "TurnscopeIngest", "TurnscopeCollector", "TurnscopeOTLP",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict),
        // The coding agents' transcripts on disk: where they are, reading them once (import) and
        // following them as they grow (serve and the browser). Decoding is TurnscopeIngest's.
        .target(
            name: "TurnscopeAgents", dependencies: ["TurnscopeModel", "TurnscopeIngest", "TurnscopeStore"],
            swiftSettings: strict),
        // The Langfuse mirror: the gate deciding whether anything is sent, the encoders from stored
        // records to Langfuse's wire formats, libcurl transport and the drainer of the store's outbox.
        .target(
            name: "TurnscopeMirror",
            dependencies: [
                "TurnscopeModel", "TurnscopeStore", "TurnscopeOTLP", "CCurl", "CZlib",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict),
        // A loopback fake Langfuse server that checks what it receives against the wire contract:
        // the mirror's tests and `turnscope bench mirror` send to it.
        .target(
            name: "FakeLangfuse",
            dependencies: [
                "TurnscopeModel", "TurnscopeOTLP", "CZlib", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict),
        // The terminal browser: views draw into a cell buffer; only Terminal/ talks to ncurses. It
        // uses TurnscopeIngest's native-format writer for the raw record view, never its decoders.
        .target(
            name: "TurnscopeTUI", dependencies: ["TurnscopeModel", "TurnscopeStore", "TurnscopeIngest", "CNcurses"],
            swiftSettings: strict),
        .target(
            name: "TurnscopeCLI",
            dependencies: [
                "TurnscopeModel", "TurnscopeStore", "TurnscopeIngest", "TurnscopeCollector", "TurnscopeGRPC", "TurnscopeOTLP", "TurnscopeTUI",
                "TurnscopeMirror", "FakeLangfuse", "TurnscopeAgents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The ingest benchmark's gRPC clients.
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict),
        .executableTarget(name: "turnscope", dependencies: ["TurnscopeCLI", "CMalloc"], swiftSettings: strict),
        .testTarget(name: "TurnscopeModelTests", dependencies: ["TurnscopeModel"], swiftSettings: strict),
        .testTarget(
            // GRDB only to turn a database back into the file an earlier version left (migrations);
            // TurnscopeIngest only to read the records a fixture database was written from.
            name: "TurnscopeStoreTests",
            dependencies: ["TurnscopeStore", "TurnscopeModel", "TurnscopeIngest", .product(name: "GRDB", package: "GRDB.swift")],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "TurnscopeIngestTests",
            dependencies: [
                "TurnscopeIngest", "TurnscopeModel", "TurnscopeOTLP", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        .testTarget(
            name: "TurnscopeCollectorTests",
            dependencies: [
                "TurnscopeCollector", "TurnscopeStore", "TurnscopeModel", "TurnscopeIngest", "CZlib",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // An HTTPS upstream with a self-signed certificate, for the proxy's TLS checks.
                .product(name: "HummingbirdTLS", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        // A real grpc-swift client over HTTP/2 on loopback against the OTLP/gRPC server.
        .testTarget(
            name: "TurnscopeGRPCTests",
            dependencies: [
                "TurnscopeGRPC", "TurnscopeCollector", "TurnscopeStore", "TurnscopeModel", "TurnscopeOTLP",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "TurnscopeMirrorTests",
            dependencies: [
                "TurnscopeMirror", "FakeLangfuse", "TurnscopeStore", "TurnscopeModel", "TurnscopeIngest", "TurnscopeOTLP",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "TurnscopeAgentsTests",
            dependencies: ["TurnscopeAgents", "TurnscopeStore", "TurnscopeModel", "TurnscopeIngest"],
            swiftSettings: strict),
        .testTarget(
            name: "TurnscopeTUITests", dependencies: ["TurnscopeTUI", "TurnscopeStore", "TurnscopeModel", "TurnscopeIngest"],
            exclude: ["Golden"], swiftSettings: strict),
        .testTarget(
            name: "TurnscopeCLITests", dependencies: ["turnscope", "TurnscopeStore"],
            swiftSettings: strict),
        // Runs the real binary inside tmux (scripts/bootstrap installs it); the terminal parts it
        // also tests without tmux come from TurnscopeTUI.
        .testTarget(
            name: "TurnscopeE2ETests", dependencies: ["turnscope", "TurnscopeTUI", "CNcurses"],
            swiftSettings: strict),
    ]
)
