import Foundation

/// A real `airlock serve` in a private directory, its output appended to `broker.log` in the
/// state directory exactly as when the console starts it (swift-log writes to stderr).
final class ServeProcess {
    let directory: String
    let environment: [String: String]
    var logPath: String { directory + "/state/broker.log" }
    var databaseDirectory: String { directory + "/state" }
    private let process = Process()

    init(extra: [String: String] = [:], arguments: [String] = []) throws {
        // Short: a Unix socket path must fit in 108 bytes.
        directory = "/tmp/alsec-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        environment = [
            "AIRLOCK_SOCKET": directory + "/run/s.sock", "AIRLOCK_STATE_DIR": directory + "/state",
            "AIRLOCK_CONFIG_DIR": directory + "/config", "AIRLOCK_IGNORE_BOUNDARIES": "1",
            "AIRLOCK_HOOK_TIMEOUT_MS": "10000",
        ].merging(extra) { $1 }
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: Programs.airlock)
        process.arguments = ["serve"] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Until it says it listens (it writes that line once the socket is bound).
        let deadline = Date().addingTimeInterval(30)
        while !((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains("listening") {
            guard process.isRunning, Date() < deadline else {
                throw SecurityTestFailure(
                    "airlock serve did not start: \(try String(contentsOfFile: logPath, encoding: .utf8))")
            }
            usleep(20_000)
        }
    }

    /// Stops the broker the way a signal does, so it writes every pending decision first.
    func stop() {
        guard process.isRunning else { return }
        process.interrupt()
        process.waitUntilExit()
    }

    var socket: String { environment["AIRLOCK_SOCKET"] ?? "" }

    /// The broker's log so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Runs `airlock-hook claude` against this broker with `input`.
    func hook(_ input: String) throws -> (decision: String, reason: String) {
        claudeDecision(try run([Programs.hook, "claude"], environment: environment, stdin: input))
    }

    /// Every byte the broker left on disk: the store's files and its log.
    func filesOnDisk() throws -> [(path: String, bytes: Data)] {
        try FileManager.default.contentsOfDirectory(atPath: databaseDirectory).map { name in
            let path = databaseDirectory + "/" + name
            return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
        }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
