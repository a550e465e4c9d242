// swift-tools-version: 6.1
import PackageDescription

// Release-build benchmarks, each printing its figures next to a baseline run in the same
// process. A package of its own, so the project's `swift build` does not build them:
//   swift run --package-path Benchmarks -c release airlock-bench
// (see the README, "Measure it").
let package = Package(
    name: "AirlockBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Airlock", path: ".."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Classification of the outside corpus against splitting it on whitespace.
        .executableTarget(
            name: "airlock-bench", dependencies: [.product(name: "AirlockCore", package: "Airlock")],
            path: "Sources/AirlockBench"),
        // Broker throughput and latency against an echo server on the same kind of socket; with
        // `--store postgres://…`, two brokers on SQLite beside two on the team store.
        .executableTarget(
            name: "broker-bench",
            dependencies: [
                .product(name: "AirlockBroker", package: "Airlock"), .product(name: "AirlockWire", package: "Airlock"),
                .product(name: "AirlockStore", package: "Airlock"), .product(name: "AirlockCore", package: "Airlock"),
                .product(name: "AirlockTeamStore", package: "Airlock"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/BrokerBench"),
        // The console's frame and keystroke cost with 10,000 queued actions.
        .executableTarget(
            name: "console-bench",
            dependencies: [
                .product(name: "AirlockConsole", package: "Airlock"), .product(name: "AirlockCore", package: "Airlock"),
                .product(name: "AirlockWire", package: "Airlock"),
            ],
            path: "Sources/ConsoleBench"),
        // Probe cost on a 50,000-file repository against `git status`.
        .executableTarget(
            name: "probe-bench",
            dependencies: [
                .product(name: "AirlockProbe", package: "Airlock"), .product(name: "AirlockCore", package: "Airlock"),
            ],
            path: "Sources/ProbeBench"),
        // The hook as a whole process against a minimal C client.
        .executableTarget(
            name: "hook-bench",
            dependencies: [
                .product(name: "AirlockBroker", package: "Airlock"), .product(name: "AirlockCore", package: "Airlock"),
                .product(name: "AirlockHarness", package: "Airlock"),
                .product(name: "AirlockHookRuntime", package: "Airlock"),
                .product(name: "AirlockWireCore", package: "Airlock"),
            ],
            path: "Sources/HookBench"),
    ],
    swiftLanguageModes: [.v6]
)
