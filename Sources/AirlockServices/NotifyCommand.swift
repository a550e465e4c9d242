import Foundation

/// The user's `notify` command from `config.toml` (e.g. `notify-send Airlock`, or a `curl` to a
/// push service they run), run by the broker when an action has waited unattended: through
/// `/bin/sh -c`, the summary as `$1` and in `AIRLOCK_NOTIFY_TEXT`, no stdin, its output
/// discarded, stopped (SIGTERM, then SIGKILL) when it outlives `timeout`.
public struct NotifyCommand: Sendable {
    public var command: String
    public var timeout: Duration

    public init(command: String, timeout: Duration = .seconds(10)) {
        self.command = command
        self.timeout = timeout
    }

    /// Runs it once; returns when it ended or was stopped. Failures are returned, never thrown:
    /// a broken notifier must not disturb the broker.
    @discardableResult
    public func run(text: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command, "airlock-notify", text]
        var environment = ProcessInfo.processInfo.environment
        environment["AIRLOCK_NOTIFY_TEXT"] = text
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        do {
            try process.run()
        } catch {
            return "notify: cannot run /bin/sh: \(error)"
        }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if ended.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if ended.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                ended.wait()
            }
            return "notify: `\(command)` ran longer than \(Int(seconds)) s and was stopped"
        }
        return process.terminationStatus == 0 ? nil : "notify: `\(command)` exited \(process.terminationStatus)"
    }
}
