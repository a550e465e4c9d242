import Foundation

/// A real `airlock serve` in a private directory, for end-to-end hook tests.
final class BrokerProcess {
    let directory: URL
    let environment: [String: String]
    private let process = Process()
    private let output = Pipe()
    /// What the broker printed so far (stdout and stderr).
    private(set) var log = ""

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
        try start()
    }

    /// A broker on the socket, store and config `environment` names (the caller owns them).
    init(sharing environment: [String: String]) throws {
        directory = URL(fileURLWithPath: "/tmp/airlock-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.environment = environment
        try start()
    }

    private func start() throws {
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try waitForOutput(containing: "listening")
    }

    /// Blocks until the broker has printed `text` (no polling, no sleeps); throws if it exits first.
    func waitForOutput(containing text: String) throws {
        while !log.contains(text) {
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
