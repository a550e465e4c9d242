import Foundation

/// Runs `git` read-only, within a deadline. `GIT_OPTIONAL_LOCKS=0` keeps `git status` from
/// refreshing the index, so a probe never writes to the repository it measures.
struct Git: Sendable {
    /// The `git` executable, found on PATH once.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = String(directory) + "/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    enum Failure: Error, Equatable {
        case notInstalled
        case timedOut
        case failed(String)
    }

    /// stdout of `git -C directory arguments…`, or why there is none.
    static func run(_ arguments: [String], in directory: String, deadline: Deadline) -> Result<Data, Failure> {
        guard let executable else { return .failure(.notInstalled) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        switch Subprocess.run(
            executable, ["-C", directory] + arguments, directory: nil, environment: environment, deadline: deadline)
        {
        case .exited(0, let stdout): return .success(stdout)
        case .exited(let status, _): return .failure(.failed("git \(arguments.first ?? "") exited \(status)"))
        case .timedOut: return .failure(.timedOut)
        case .failedToStart(let why): return .failure(.failed(why))
        }
    }

    /// The repository's top level for `directory`, or nil when it is not inside a work tree.
    static func topLevel(of directory: String, deadline: Deadline) -> Result<String?, Failure> {
        switch run(["rev-parse", "--show-toplevel"], in: directory, deadline: deadline) {
        case .success(let data):
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return .success(text.isEmpty ? nil : text)
        case .failure(.failed): return .success(nil)
        case .failure(let failure): return .failure(failure)
        }
    }

    /// NUL-separated records of `data`, without the empty tail.
    static func records(_ data: Data) -> [String] {
        data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}
