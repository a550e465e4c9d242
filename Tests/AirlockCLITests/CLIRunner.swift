import Foundation
import Testing

/// Runs the built `airlock` binary beside the test bundle and captures its output.
struct CLIRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL { product("airlock") }

    /// The small hook executable, built beside `airlock`.
    static var hookBinary: URL { product("airlock-hook") }

    static func product(_ name: String) -> URL {
        // The test runner lives in the build products directory, next to the executables.
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [products, products.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: ".build/debug/\(name)")
    }

    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:], directory: URL? = nil,
        executable: URL = binary
    ) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// The two ways a harness runs the hook: `airlock hook <harness>` and `airlock-hook <harness>`.
/// Both are one implementation (`HookProcess`); the tests hold each to it.
enum HookEntry: String, CaseIterable, CustomTestStringConvertible {
    case airlockHook = "airlock hook"
    case fastHook = "airlock-hook"

    var testDescription: String { rawValue }

    var executable: URL { self == .airlockHook ? CLIRunner.binary : CLIRunner.hookBinary }

    func arguments(_ harness: String, _ rest: [String] = []) -> [String] {
        (self == .airlockHook ? ["hook", harness] : [harness]) + rest
    }

    func run(
        _ harness: String, _ rest: [String] = [], stdin: Data? = nil, environment: [String: String] = [:]
    ) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments(harness, rest), stdin: stdin, environment: environment, executable: executable)
    }
}

extension CLIRunner {
    /// Runs `airlock ARGUMENTS` with a controlling terminal of its own (util-linux `script`
    /// gives it a pseudo-terminal), as a reviewer at a terminal runs it: the broker refuses
    /// reviewer operations from a process without one. Output is what the terminal showed
    /// (stdout and stderr together).
    static func runInTerminal(
        _ arguments: [String], environment: [String: String] = [:], directory: URL? = nil
    ) throws -> Output {
        let command = ([binary.path] + arguments).map(shellQuoted).joined(separator: " ")
        return try run(
            ["-qec", command, "/dev/null"], environment: environment, directory: directory,
            executable: URL(fileURLWithPath: "/usr/bin/script"))
    }

    static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
