import Foundation

/// The separated deployment, made for real: `airlock setup --system` as root for a system user
/// of this test's own, a reviewer with a passphrase (`airlock reviewer set`), and the broker
/// (`airlock serve --system`) running as the system user, in directories of this test's own
/// (`AIRLOCK_SYSTEM_*_DIR`) so tests never touch /run/airlock or each other.
final class SeparatedBroker {
    let system: TestUser
    let reviewer: TestUser
    /// An agent running as an account of its own.
    let agent: TestUser
    /// More reviewers, each an account of its own with a passphrase of its own.
    let otherReviewers: [(user: TestUser, passphrase: String)]
    let base: String
    let passphrase = "correct horse battery staple"
    private let process = Process()
    let logPath: String

    var runDirectory: String { base + "/run" }
    var stateDirectory: String { base + "/state" }
    var agentSocket: String { runDirectory + "/agent.sock" }
    var reviewSocket: String { runDirectory + "/review.sock" }

    /// What every Airlock process of this deployment is told: where its directories are and
    /// who its system user is (the hook believes only that user).
    var environment: [String: String] {
        var variables = [
            "AIRLOCK_SYSTEM_RUN_DIR": runDirectory, "AIRLOCK_SYSTEM_STATE_DIR": stateDirectory,
            "AIRLOCK_SYSTEM_CONFIG_DIR": base + "/config", "AIRLOCK_SYSTEM_USER": system.name,
            "AIRLOCK_HOOK_TIMEOUT_MS": "25000",
        ]
        if ignoresBoundaries { variables["AIRLOCK_IGNORE_BOUNDARIES"] = "1" }
        return variables
    }

    /// Whether the broker leaves the five boundaries out of its decisions (most tests: their
    /// subject is elsewhere).
    let ignoresBoundaries: Bool

    /// `policy`, given the deployment's accounts, is written as the system's `policy.toml`
    /// (root's, as `setup --system` leaves its directory) before the broker starts.
    init(
        ignoresBoundaries: Bool = true, otherReviewers: Int = 0, policy: ((SeparatedBroker) -> String)? = nil
    ) throws {
        self.ignoresBoundaries = ignoresBoundaries
        system = try TestUser.create("alsys", system: true)
        reviewer = try TestUser.create("alrev")
        agent = try TestUser.create("alagt")
        self.otherReviewers = try (0..<otherReviewers).map { index in
            (try TestUser.create("alrev\(index + 2)"), "passphrase of reviewer \(index + 2)")
        }
        base = "/tmp/alsep-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(base, 0o755) == 0, chmod(base, 0o755) == 0 else { throw SecurityTestFailure("mkdir \(base)") }
        logPath = base + "/broker.log"
        let setup = try run([Programs.airlock, "setup", "--system", "--user", system.name], environment: environment)
        guard setup.status == 0 else { throw SecurityTestFailure("setup --system failed: \(setup.stdout)\(setup.stderr)") }
        let set = try run(
            [Programs.airlock, "reviewer", "set", reviewer.name, "--passphrase-stdin", "--user", system.name],
            environment: environment, stdin: passphrase + "\n")
        guard set.status == 0 else { throw SecurityTestFailure("reviewer set failed: \(set.stdout)\(set.stderr)") }
        for (user, passphrase) in self.otherReviewers {
            let other = try run(
                [Programs.airlock, "reviewer", "set", user.name, "--passphrase-stdin", "--user", system.name],
                environment: environment, stdin: passphrase + "\n")
            guard other.status == 0 else { throw SecurityTestFailure("reviewer set failed: \(other.stdout)\(other.stderr)") }
        }
        if let policy {
            let path = base + "/config/policy.toml"
            guard FileManager.default.createFile(atPath: path, contents: Data(policy(self).utf8)), chmod(path, 0o644) == 0
            else { throw SecurityTestFailure("cannot write \(path)") }
        }
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let argv = system.argv(
            [Programs.airlock, "serve", "--system", "--wait-for-console"],
            environment: environment.merging(["HOME": stateDirectory]) { $1 })
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while !((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains("listening") {
            guard process.isRunning, Date() < deadline else {
                throw SecurityTestFailure("serve --system did not start: \(self.log)")
            }
            usleep(20_000)
        }
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The hook as a harness of `user` runs it, pointed at the agent socket by `--system`.
    func hookArgv(as user: TestUser) -> [String] {
        user.argv([Programs.hook, "claude", "--system"], environment: environment.merging(["HOME": "/tmp"]) { $1 })
    }

    /// A hook call of the agent's that waits in the broker for a reviewer: by default a
    /// high-risk action off the hard floor, so approving it asks for the passphrase again.
    func waitingHook(
        _ command: String = "git push --force origin main", as user: TestUser? = nil
    ) throws -> BackgroundHook {
        let hook = try BackgroundHook(
            hookArgv(as: user ?? agent), environment: [:], input: claudeBash(command, cwd: "/tmp"))
        // Root may read review.sock's queue without a passphrase (the system user's privilege).
        let waiting = try run(RPCClient.argv(reviewSocket, [RPCClient.send("subscribe", id: 1), RPCClient.waitPending]))
        guard RPCClient.answers(waiting.stdout) != nil else { throw SecurityTestFailure("nothing queued: \(waiting)") }
        return hook
    }

    /// The broker's pid, from the kernel (it runs under runuser).
    var brokerPID: pid_t? {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(agentSocket.utf8)
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { return nil }
        var credentials = (pid: Int32(0), uid: UInt32(0), gid: UInt32(0))
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        return credentials.pid
    }

    /// Stops the broker the way a signal does, so it writes what it owes the store.
    func stop() {
        guard process.isRunning else { return }
        if let pid = brokerPID { kill(pid, SIGTERM) }
        process.waitUntilExit()
    }

    deinit {
        stop()
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: base)
    }
}
