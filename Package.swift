// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Airlock",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "airlock", targets: ["airlock"]),
        .library(name: "AirlockCore", targets: ["AirlockCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure domain: actions, shell analysis, classification, risk, policy, redaction. No I/O.
        .target(name: "AirlockCore"),
        .executableTarget(
            name: "airlock",
            dependencies: [
                "AirlockCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-build benchmarks: `swift run -c release airlock-bench`.
        .executableTarget(name: "airlock-bench", dependencies: ["AirlockCore"], path: "Sources/AirlockBench"),
        .testTarget(
            name: "AirlockCoreTests",
            dependencies: ["AirlockCore"],
            exclude: ["Resources"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
