import Foundation

/// A real `airlock serve` in a private directory, for end-to-end hook tests.
final class BrokerProcess {
    let directory: URL
    let environment: [String: String]
    private let process = Process()

    /// `extra` adds to the broker's environment (a private HOME, for one). Boundaries are off
    /// unless `extra` turns them on (`AIRLOCK_IGNORE_BOUNDARIES: "0"`): a report that lands
    /// mid-test would otherwise change the answer to the same action with timing.
    init(extra: [String: String] = [:]) throws {
        directory = URL(fileURLWithPath: "/tmp/airlock-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        environment = [
            "AIRLOCK_SOCKET": directory.path + "/s.sock",
            "AIRLOCK_STATE_DIR": directory.path + "/state",
            "AIRLOCK_CONFIG_DIR": directory.path + "/config",
            "AIRLOCK_IGNORE_BOUNDARIES": "1",
        ].merging(extra) { $1 }
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        // Blocking reads until the broker says it listens: no polling, no sleeps.
        var log = ""
        while !log.contains("listening") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw CocoaError(.fileReadUnknown) }
            log += String(decoding: data, as: UTF8.self)
        }
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}
