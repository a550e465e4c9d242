import Foundation
import Testing

/// One `airlock` console in a detached tmux session on a private tmux server, with its own
/// socket, state and config directories. The console starts its own broker; teardown stops
/// that broker (by the pid it recorded) and kills the tmux server.
final class ConsoleSession {
    let directory: String
    let environment: [String: String]
    let tmuxServer: String
    let repository: String
    static let target = "airlock"

    init(columns: Int = 120, rows: Int = 40, config: String = "bell = false\n") throws {
        // Short: a Unix socket path must fit in 108 bytes.
        directory = "/tmp/alc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        tmuxServer = "airlock-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        repository = directory + "/repo"
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/config", withIntermediateDirectories: true)
        try config.write(toFile: directory + "/config/config.toml", atomically: true, encoding: .utf8)
        environment = [
            // Airlock guards its socket's directory (the integrity floor), so not the repository's parent.
            "AIRLOCK_SOCKET": directory + "/run/s.sock",
            "AIRLOCK_STATE_DIR": directory + "/state",
            "AIRLOCK_CONFIG_DIR": directory + "/config",
            // These tests drive the console. The broker would otherwise apply what the temp
            // repository's boundaries recommend (measured against this machine's HOME) as soon as
            // the measurement lands, so the same action could queue or be denied depending on
            // timing. Boundaries in the broker have their own tests (ServeBoundaryTests).
            "AIRLOCK_IGNORE_BOUNDARIES": "1",
        ]
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let console =
            ["env", "TERM=tmux-256color", "LANG=C.UTF-8"] + assignments + [CLIBinary.path, "--reviewer", "e2e"]
        // After the console exits, the shell records the tty's settings: they must be cooked again.
        // The shell ignores SIGINT so Ctrl-C (sent to the whole foreground group) stops only the console.
        let script =
            "trap '' INT; " + console.map(Self.quote).joined(separator: " ") + "; stty -a > "
            + Self.quote(sttyPath)
        try tmux(["new-session", "-d", "-s", Self.target, "-x", "\(columns)", "-y", "\(rows)", "sh", "-c", script])
    }

    deinit {
        // The console first (SIGTERM, as a closing pane would), then its tmux server and broker.
        if let console = try? consolePID() {
            kill(console, SIGTERM)
            for _ in 0..<100 where kill(console, 0) == 0 { usleep(20_000) }
        }
        if let text = try? String(contentsOfFile: directory + "/state/broker.pid", encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            kill(pid, SIGTERM)
            // Gone before its directory is removed, or its last writes would create it again.
            for _ in 0..<150 where kill(pid, 0) == 0 { usleep(20_000) }
        }
        _ = try? tmux(["kill-server"])
        // tmux leaves its socket file behind when the server goes with its last session.
        unlink("/tmp/tmux-\(getuid())/\(tmuxServer)")
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs tmux against this session's private server; returns its stdout.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        // posix_spawn and waitpid, not Foundation's Process (whose wait never returned once the
        // tmux client had forked its server), and the output in a file, not a pipe (the server
        // inherits the descriptor and would hold a pipe open).
        let outputPath = directory + "/tmux-output"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
        // The tmux server outlives this call: it must not keep the test process's other descriptors
        // (a pipe or the socket through which Foundation sees another child exit).
        _ = addCloseFrom?(&actions, 3)
        let argv = ["tmux", "-L", tmuxServer, "-f", "/dev/null"] + arguments
        var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, nil, &pointers, environ)
        guard spawned == 0 else { throw E2EFailure("cannot run tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        guard status == 0 else {
            throw E2EFailure("tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// The screen as text, one line per row.
    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", Self.target])
    }

    /// Polls the screen until `predicate` holds; fails with the last screen at the deadline.
    @discardableResult
    func waitForScreen(
        _ what: String, timeout: TimeInterval = 15, _ predicate: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? screen()) ?? last
            if predicate(last) { return last }
            usleep(50_000)
        }
        throw E2EFailure("timed out waiting for \(what); the screen was:\n\(last)")
    }

    @discardableResult
    func waitForScreen(containing text: String, timeout: TimeInterval = 15) throws -> String {
        try waitForScreen("“\(text)”", timeout: timeout) { $0.contains(text) }
    }

    /// Presses keys (tmux key names: "a", "Enter", "Escape", "Space", "C-c").
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", Self.target] + keys)
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", Self.target, "-l", text])
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", Self.target, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Starts `airlock hook claude` with a sample input edited for this test; it waits for
    /// the broker's answer in the background.
    func submit(command: String, session: String = "e2e-session") throws -> HookRun {
        var input = try Samples.object("claude_PreToolUse_Bash")
        input["session_id"] = session
        input["cwd"] = repository
        input["tool_input"] = ["command": command, "description": "e2e"]
        return try HookRun(input: input, environment: environment)
    }

    var sttyPath: String { directory + "/stty-after.txt" }

    /// Waits until the console has subscribed to its broker (`airlock status` counts it), so
    /// actions submitted next wait for it instead of being denied for want of a console.
    func waitForStatus(timeout: TimeInterval = 15) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? brokerStatus())?["subscribers"] as? Int ?? 0 >= 1 { return }
            usleep(50_000)
        }
        throw E2EFailure(
            "the console did not subscribe within \(Int(timeout)) s; the screen was:\n\((try? screen()) ?? "")")
    }

    /// `airlock status --json` of the console's broker.
    func brokerStatus() throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIBinary.path)
        process.arguments = ["status", "--json"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw E2EFailure("airlock status --json printed no object")
        }
        return object
    }

    /// Waits until the console has exited and the shell after it has recorded the tty settings.
    func waitForExit(timeout: TimeInterval = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: sttyPath, encoding: .utf8), text.contains("echo") { return text }
            usleep(50_000)
        }
        throw E2EFailure("the console did not exit within \(Int(timeout)) s")
    }

    /// The console's process id: the child of the pane's shell.
    func consolePID() throws -> pid_t {
        let shell = try tmux(["display-message", "-p", "-t", Self.target, "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        guard let pid = children.split(separator: " ").first.flatMap({ pid_t($0) }) else {
            throw E2EFailure("the pane's shell \(shell) has no child")
        }
        return pid
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A running `airlock hook claude`: its stdout once it has answered.
final class HookRun: Sendable {
    private let process = Process()
    private let output = Pipe()

    init(input: [String: Any], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: CLIBinary.path)
        process.arguments = ["hook", "claude", "--timeout-ms", "60000"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// The decision and reason the hook printed, waiting up to `timeout`.
    func decision(timeout: TimeInterval = 20) throws -> (decision: String, reason: String) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else { throw E2EFailure("the hook did not answer within \(Int(timeout)) s") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let specific = object["hookSpecificOutput"] as? [String: Any],
            let decision = specific["permissionDecision"] as? String
        else { throw E2EFailure("the hook printed something unexpected: \(String(decoding: data, as: UTF8.self))") }
        return (decision, specific["permissionDecisionReason"] as? String ?? "")
    }

    var hasAnswered: Bool { !process.isRunning }
}

/// The captured harness inputs shipped with this target.
enum Samples {
    static func object(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Samples/\(name).json")
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw E2EFailure("sample \(name) is not a JSON object")
        }
        return object
    }
}

/// The built `airlock` beside the test bundle.
enum CLIBinary {
    static var path: String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("airlock")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath + "/.build/debug/airlock"
    }
}

struct E2EFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does
/// not import: looked up once; nil where the C library lacks it.
private let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
        return nil
    }
    return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
}()
