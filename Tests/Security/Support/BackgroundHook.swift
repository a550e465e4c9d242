import Foundation

/// A hook call that waits for a human: `airlock-hook claude` started in the background with one
/// tool call, as a harness runs it, so attacks can be tried while its action is queued.
final class BackgroundHook {
    private let process = Process()
    private let output = Pipe()

    /// `argv` is the hook's command line (`user.argv(…)` to run it as someone else).
    init(_ argv: [String], environment: [String: String], input: String) throws {
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }

    /// Whether the hook still waits for its answer.
    var isWaiting: Bool { process.isRunning }

    /// Waits for the hook's answer.
    func finish() -> (decision: String, reason: String) {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return claudeDecision(
            Finished(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: ""))
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
