import AirlockServices
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts `airlock serve` in the background for the console when no broker answers: a new
/// session (so closing the console's terminal does not stop it), stdin from /dev/null, its
/// output appended to `broker.log` in the state directory, its pid in `broker.pid`.
struct BrokerLauncher {
    var paths: AirlockPaths
    /// The environment the broker gets (the console's, with the paths it uses).
    var environment: [String: String]
    var extraArguments: [String] = []
    /// How long to wait for the new broker to answer `status`.
    var readyTimeout: TimeInterval = 8

    var logPath: String { paths.stateDirectory + "/broker.log" }
    var pidPath: String { paths.stateDirectory + "/broker.pid" }

    /// Starts a broker unless one answers already; returns the new broker's pid, or nil when
    /// one was running. Throws with the broker's own words when it does not come up in time.
    @discardableResult
    func ensureRunning() throws -> pid_t? {
        let client = SocketClient(path: paths.socket)
        if (try? client.status(timeout: 2)) != nil { return nil }
        try FileManager.default.createDirectory(
            atPath: paths.stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let pid = try spawn()
        try? "\(pid)\n".write(toFile: pidPath, atomically: true, encoding: .utf8)
        let deadline = Date().addingTimeInterval(readyTimeout)
        while Date() < deadline {
            if (try? client.status(timeout: 1)) != nil { return pid }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                throw CLIError("the broker exited at start-up:\n\(logTail())")
            }
            usleep(25_000)
        }
        kill(pid, SIGTERM)
        throw CLIError(
            "the broker did not answer on \(paths.socket) within \(Int(readyTimeout)) s; its log (\(logPath)):\n\(logTail())"
        )
    }

    private func spawn() throws -> pid_t {
        let executable = Self.currentExecutable()
        return try DetachedProcess.spawn(
            executable: executable, arguments: ["serve"] + extraArguments, environment: environment, logPath: logPath)
    }

    /// The last lines the broker wrote, for an error message.
    func logTail(lines: Int = 8) -> String {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return "(no log)" }
        return text.split(separator: "\n").suffix(lines).map { "  " + $0 }.joined(separator: "\n")
    }

    /// This program's own path (so the console starts the same `airlock` it is).
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
