import Foundation
import Synchronization
import Testing

/// A real account for attacks across users: created with `useradd` when the tests run as root
/// (CI does), removed again when the value goes. Names are unique per test so tests can run in
/// parallel; `ensure` reuses an account that already exists (and then leaves it in place).
final class TestUser: @unchecked Sendable {
    let name: String
    let uid: UInt32
    let gid: UInt32
    private let createdHere: Bool

    /// Whether accounts can be made here: root, with `useradd` and `runuser` installed.
    static var canCreate: Bool {
        getuid() == 0 && Programs.onPath("useradd") != nil && Programs.onPath("runuser") != nil
            && Programs.onPath("userdel") != nil
    }

    /// The trait that skips a test, saying why, where accounts cannot be made.
    static let required = Testing.ConditionTrait.enabled(
        if: canCreate, "needs root with useradd, userdel and runuser to create real users (CI runs as root)")

    /// A new account named `prefix` plus a random suffix (system accounts have no home).
    static func create(_ prefix: String = "alsec", system: Bool = false) throws -> TestUser {
        try ensure(prefix + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36), system: system)
    }

    /// The account `name`, made if it does not exist.
    static func ensure(_ name: String, system: Bool = false) throws -> TestUser {
        if let entry = getpwnam(name) {
            return TestUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, createdHere: false)
        }
        guard let useradd = Programs.onPath("useradd") else { throw SecurityTestFailure("no useradd") }
        let arguments = system ? ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin"] : ["--create-home"]
        let made = try accounts([useradd] + arguments + [name])
        guard made.status == 0, let entry = getpwnam(name) else {
            throw SecurityTestFailure("useradd \(name) failed: \(made.stderr)")
        }
        return TestUser(name: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid, createdHere: true)
    }

    private init(name: String, uid: UInt32, gid: UInt32, createdHere: Bool) {
        (self.name, self.uid, self.gid, self.createdHere) = (name, uid, gid, createdHere)
    }

    deinit {
        guard createdHere, let userdel = Programs.onPath("userdel") else { return }
        _ = try? Self.accounts([userdel, "--remove", name])
    }

    /// One account change at a time in this process, retried while another process holds the
    /// password file's lock (useradd and userdel exit 10 then): tests run in parallel.
    private static let accountLock = Mutex(())

    private static func accounts(_ argv: [String]) throws -> Finished {
        try accountLock.withLock { _ in
            var result = try SecurityTests.run(argv)
            for _ in 0..<50 where result.status == 10 {
                usleep(100_000)
                result = try SecurityTests.run(argv)
            }
            return result
        }
    }

    /// `argv` as this user, with exactly `environment` (plus a PATH), through `runuser`.
    func argv(_ argv: [String], environment: [String: String] = [:]) -> [String] {
        var variables = ["PATH=/usr/local/bin:/usr/bin:/bin", "USER=\(name)", "LOGNAME=\(name)"]
        variables += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return [Programs.onPath("runuser") ?? "/usr/sbin/runuser", "-u", name, "--", "/usr/bin/env", "-i"]
            + variables + argv
    }

    /// Runs `argv` as this user to completion.
    func run(_ argv: [String], environment: [String: String] = [:], stdin: String = "") throws -> Finished {
        try SecurityTests.run(self.argv(argv, environment: environment), stdin: stdin)
    }

    /// A directory in /tmp that belongs to this user, with `mode`; removed by the caller.
    func directory(mode: mode_t = 0o755) throws -> String {
        let path = "/tmp/alsec-\(name)-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, mode) == 0, chmod(path, mode) == 0, chown(path, uid, gid) == 0 else {
            throw SecurityTestFailure("cannot make \(path) for \(name): errno \(errno)")
        }
        return path
    }
}
