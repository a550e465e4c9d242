import Foundation

/// The built executables, found beside the test bundle.
enum Programs {
    static var airlock: String { product("airlock") }
    static var hook: String { product("airlock-hook") }

    static func product(_ name: String) -> String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath + "/.build/debug/\(name)"
    }

    /// The first executable `name` on PATH.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// What a finished process left behind.
struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `argv` to completion with `environment` added to ours (or, with `replacing`, only it),
/// `stdin` fed and closed.
func run(
    _ argv: [String], environment: [String: String] = [:], replacing: Bool = false, stdin: String = "",
    directory: String? = nil
) throws -> Finished {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: argv[0])
    process.arguments = Array(argv.dropFirst())
    process.environment =
        replacing ? environment : ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe(), input = Pipe()
    (process.standardOutput, process.standardError, process.standardInput) = (out, err, input)
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    // Both pipes drained at once, so a chatty child cannot fill one and stall.
    let group = DispatchGroup()
    nonisolated(unsafe) var stdoutData = Data()
    group.enter()
    DispatchQueue.global().async {
        stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Finished(
        status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
        stderr: String(decoding: stderrData, as: UTF8.self))
}

/// A Claude Code PreToolUse input for a Bash command (harness-protocols; real-clients samples).
func claudeBash(_ command: String, cwd: String, extra: [String: Any] = [:]) -> String {
    var toolInput: [String: Any] = ["command": command, "description": "security test"]
    toolInput.merge(extra) { _, new in new }
    return claudeInput(tool: "Bash", input: toolInput, cwd: cwd)
}

func claudeInput(tool: String, input: [String: Any], cwd: String) -> String {
    let object: [String: Any] = [
        "session_id": "security", "cwd": cwd, "hook_event_name": "PreToolUse", "tool_name": tool,
        "tool_input": input, "tool_use_id": "toolu_\(UInt32.random(in: 0...UInt32.max))",
    ]
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self)
}

/// The decision a Claude hook printed: `allow` or `deny`, and the reason.
func claudeDecision(_ output: Finished) -> (decision: String, reason: String) {
    guard let object = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
        let specific = object["hookSpecificOutput"] as? [String: Any]
    else { return ("unreadable: \(output.stdout) \(output.stderr)", "") }
    return (specific["permissionDecision"] as? String ?? "?", specific["permissionDecisionReason"] as? String ?? "")
}

struct SecurityTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
