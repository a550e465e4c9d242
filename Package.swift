// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Airlock",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "airlock", targets: ["airlock"]),
        // The small hook harnesses run before every tool call; build it with
        // `swift build -c release --product airlock-hook -Xswiftc -static-executable` (docs/hooks.md).
        .executable(name: "airlock-hook", targets: ["airlock-hook"]),
        // The modules, for the benchmarks (`Benchmarks/`, a package of its own that depends on
        // this one by path, so `swift build` here does not build them).
        .library(name: "AirlockCore", targets: ["AirlockCore"]),
        .library(name: "AirlockWireCore", targets: ["AirlockWireCore"]),
        .library(name: "AirlockWire", targets: ["AirlockWire"]),
        .library(name: "AirlockStore", targets: ["AirlockStore"]),
        .library(name: "AirlockProbe", targets: ["AirlockProbe"]),
        .library(name: "AirlockHarness", targets: ["AirlockHarness"]),
        .library(name: "AirlockHookRuntime", targets: ["AirlockHookRuntime"]),
        .library(name: "AirlockConsole", targets: ["AirlockConsole"]),
        .library(name: "AirlockBroker", targets: ["AirlockBroker"]),
        .library(name: "AirlockTeamStore", targets: ["AirlockTeamStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Tests only: property-based checks of the classifier (wrappers, paths, exceptions).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Pure domain: actions, shell analysis, classification, risk, policy, redaction. No I/O.
        .target(name: "AirlockCore"),
        // The part of the socket protocol the hook speaks, standard library only: `submit` and its
        // answer (`SubmitCodec`), request ids, error codes, the version.
        .target(name: "AirlockWireCore", dependencies: ["AirlockCore"]),
        // The socket protocol: JSON-RPC 2.0 messages, line framing, limits.
        .target(name: "AirlockWire", dependencies: ["AirlockCore", "AirlockWireCore"]),
        // The shared policy store (SQLite through GRDB) and the policy files.
        .target(
            name: "AirlockStore",
            dependencies: [
                "AirlockCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // scrypt, for reviewers' passphrases (not hand-written).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Reads the environment, bounded in time: blast-radius facts, harness settings, the five boundaries.
        .target(
            name: "AirlockProbe",
            dependencies: ["AirlockCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        // Harness hook adapters: hook JSON in, Action out; answers rendered per harness. No I/O.
        .target(name: "AirlockHarness", dependencies: ["AirlockCore"]),
        // `airlock install`: merges the hook into harness settings files. Pure text in, text out; full
        // Foundation (JSONSerialization) kept out of AirlockHarness, which the hook's hot path loads.
        .target(name: "AirlockInstall", dependencies: ["AirlockHarness"]),
        // The hook process, shared by `airlock-hook` and `airlock hook`: stdin, the broker socket
        // with plain system calls, the watchdog. Stdlib, Glibc and AirlockHarness only: no
        // ArgumentParser, no Foundation JSON (start-up cost, docs/decisions.md).
        .target(name: "AirlockHookRuntime", dependencies: ["AirlockCore", "AirlockHarness", "AirlockWireCore"]),
        .executableTarget(name: "airlock-hook", dependencies: ["AirlockHookRuntime"], path: "Sources/AirlockHookMain"),
        // The console, pure: state, messages, reducer, keymap, layout, widgets, cell buffer, themes.
        .target(name: "AirlockConsole", dependencies: ["AirlockCore", "AirlockWire"]),
        // ncursesw for Swift: wide-character curses, with shims for what does not import.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The only code that touches the terminal: keys in, changed cells out, tty always restored.
        .target(name: "AirlockTerminal", dependencies: ["AirlockConsole", "CNcursesw"]),
        // The broker: a pure state machine plus the SwiftNIO shell that owns the socket.
        .target(
            name: "AirlockBroker",
            dependencies: [
                "AirlockCore", "AirlockWire", "AirlockStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The team's store: PostgreSQL behind `BrokerPersistence` (exceptions and rules pushed with
        // LISTEN/NOTIFY, the team queue, the append-only log, the local journal). A module of its
        // own so the one-machine modules never link PostgreSQL.
        .target(
            name: "AirlockTeamStore",
            dependencies: [
                "AirlockCore", "AirlockWire", "AirlockStore", "AirlockBroker",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What the commands drive, as a library with its own tests: the MCP proxy's process
        // plumbing, the inputs of the five boundaries, the blocking socket client, the gate.
        .target(
            name: "AirlockServices",
            dependencies: [
                "AirlockCore", "AirlockWire", "AirlockStore", "AirlockHarness", "AirlockInstall", "AirlockProbe",
                "AirlockHookRuntime",
            ]
        ),
        .executableTarget(
            name: "airlock",
            dependencies: [
                "AirlockCore", "AirlockWire", "AirlockStore", "AirlockBroker", "AirlockHarness",
                "AirlockInstall", "AirlockProbe", "AirlockHookRuntime", "AirlockConsole", "AirlockTerminal",
                "AirlockServices", "AirlockTeamStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "AirlockProbeTests", dependencies: ["AirlockProbe", "AirlockCore"]),
        .testTarget(
            name: "AirlockServicesTests",
            dependencies: ["AirlockServices", "AirlockBroker", "AirlockWire", "AirlockCore", "AirlockStore"]),
        .testTarget(
            name: "AirlockCoreTests",
            dependencies: ["AirlockCore", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Resources"]),
        .testTarget(name: "AirlockHarnessTests", dependencies: ["AirlockHarness"], exclude: ["Samples"]),
        .testTarget(
            name: "AirlockHookRuntimeTests", dependencies: ["AirlockHookRuntime", "AirlockHarness", "AirlockWire"]),
        .testTarget(name: "AirlockInstallTests", dependencies: ["AirlockInstall", "AirlockHarness"]),
        .testTarget(name: "AirlockTerminalTests", dependencies: ["AirlockTerminal", "AirlockConsole", "CNcursesw"]),
        .testTarget(name: "AirlockWireTests", dependencies: ["AirlockWire", "AirlockCore"]),
        // Snapshots are read by #filePath, not bundled.
        .testTarget(
            name: "AirlockConsoleTests", dependencies: ["AirlockConsole", "AirlockCore", "AirlockWire"],
            exclude: ["Snapshots"]),
        // Runs the built `airlock` executable as a user would.
        .testTarget(
            name: "AirlockCLITests",
            dependencies: ["airlock", "airlock-hook", "AirlockStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Attacks replayed against the built binaries (docs/security.md): impostor brokers of the same
        // and of other real users (created with useradd when root), secrets that must not reach a log
        // or the console, requests to leave the harness's sandbox.
        .testTarget(
            name: "SecurityTests",
            dependencies: [
                "airlock", "airlock-hook", "AirlockCore", "AirlockConsole", "AirlockWire", "AirlockHookRuntime",
                "AirlockInstall",
                // The store directly, to write it around the broker the way an attacker would.
                "AirlockStore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Security"
        ),
        // The console end to end: `airlock` in a detached tmux session, actions through `airlock hook`.
        .testTarget(name: "AirlockConsoleE2ETests", dependencies: ["airlock"], exclude: ["Samples"]),
        // Against a private PostgreSQL cluster each suite starts (initdb/pg_ctl in a temp dir);
        // the `airlock` commands that open the team store run as built.
        .testTarget(
            name: "AirlockTeamStoreTests",
            dependencies: [
                "airlock", "AirlockTeamStore", "AirlockBroker", "AirlockStore", "AirlockWire", "AirlockCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "AirlockStoreTests",
            // GRDB directly, to tamper with the file the way an attacker going around the store would.
            dependencies: ["AirlockStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "AirlockBrokerTests",
            dependencies: [
                "AirlockBroker", "AirlockWire", "AirlockCore", "AirlockStore",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
