import Foundation

/// A scratch directory, optionally a git repository, built by a test and removed after it.
struct TempRepository {
    let root: String

    init(git: Bool = true) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Resolved, so paths compare equal to what git reports.
        root = url.resolvingSymlinksInPath().path
        if git {
            try run("init", "-q", "-b", "main")
            try run("config", "user.name", "Probe Test")
            try run("config", "user.email", "probe@example.com")
            try run("config", "commit.gpgsign", "false")
        }
    }

    func write(_ path: String, _ text: String = "x\n") throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func commitAll(_ message: String = "commit") throws {
        try run("add", "-A")
        try run("commit", "-qm", message)
    }

    /// A bare repository beside this one, added as `origin` and pushed to with upstream set.
    func addBareRemote(push: Bool = true) throws -> String {
        let bare = root + "-remote.git"
        try Self.git(["init", "-q", "--bare", bare], in: nil)
        try run("remote", "add", "origin", bare)
        if push { try run("push", "-q", "-u", "origin", "main") }
        return bare
    }

    func run(_ arguments: String...) throws { try Self.git(arguments, in: root) }

    static func git(_ arguments: [String], in directory: String?) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + (directory.map { ["-C", $0] } ?? []) + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("git \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
        try? FileManager.default.removeItem(atPath: root + "-remote.git")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
