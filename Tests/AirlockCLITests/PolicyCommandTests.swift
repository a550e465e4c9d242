import Foundation
import Testing

/// `airlock policy` and `airlock audit` against a private store in a temp dir. Grants and
/// revocations go through a real broker, from a terminal (`CLIRunner.runInTerminal`).
struct PolicyCommandTests {
    let root: URL
    let environment: [String: String]

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        environment = [
            "AIRLOCK_STATE_DIR": root.appendingPathComponent("state").path,
            "AIRLOCK_CONFIG_DIR": root.appendingPathComponent("config").path,
            "AIRLOCK_SOCKET": "/tmp/alpc-\(UUID().uuidString.prefix(8))/airlock.sock",
            "AIRLOCK_IGNORE_BOUNDARIES": "1",
        ]
    }

    func airlock(_ arguments: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments, environment: environment, directory: root.appendingPathComponent("repo"))
    }

    /// At a terminal, as a reviewer runs it (output is the terminal's: stdout and stderr).
    func atTerminal(_ arguments: [String]) throws -> CLIRunner.Output {
        try CLIRunner.runInTerminal(arguments, environment: environment, directory: root.appendingPathComponent("repo"))
    }

    /// A broker on this test's socket and store, for as long as the value lives.
    func broker() throws -> BrokerProcess { try BrokerProcess(sharing: environment) }

    @Test func grantListRevoke() throws {
        let broker = try broker()
        defer { withExtendedLifetime(broker) {} }
        let granted = try atTerminal([
            "policy", "grant", "--allow", "--command", "npm install", "--for", "15m", "--reason", "adding zod",
        ])
        #expect(granted.status == 0, "\(granted.stdout)")
        let id = try #require(granted.stdout.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        let listed = try airlock(["policy", "list"])
        #expect(listed.stdout.contains(id))
        #expect(listed.stdout.contains("commands starting: npm install"))
        #expect(listed.stdout.contains("adding zod"))
        let revoked = try atTerminal(["policy", "revoke", id])
        #expect(revoked.status == 0, "\(revoked.stdout)")
        #expect(!(try airlock(["policy", "list"])).stdout.contains(id))
        #expect(try airlock(["policy", "list", "--all"]).stdout.contains(id))
    }

    @Test(arguments: [
        (["--allow", "--category", "deploy", "--for", "15m"], "hard floor"),
        (["--allow", "--command", "ls", "--for", "9h"], "at most"),
        (["--allow", "--mcp", "github", "--for", "1h"], "server/tool"),
        (["--allow", "--deny", "--command", "ls", "--for", "1h"], "one of --allow or --deny"),
        (["--allow", "--command", "ls", "--for", "forever"], "duration"),
    ])
    func refusedGrantsSayWhy(arguments: [String], message: String) throws {
        let broker = try broker()
        defer { withExtendedLifetime(broker) {} }
        let output = try atTerminal(["policy", "grant"] + arguments)
        #expect(output.status != 0)
        #expect(output.stdout.contains(message), "\(output.stdout)")
    }

    /// `policy grant` never writes the store: without a broker nothing is granted.
    @Test func aGrantWithoutABrokerIsNotWrittenAnywhere() throws {
        let output = try atTerminal(["policy", "grant", "--allow", "--command", "make", "--for", "15m"])
        #expect(output.status != 0)
        #expect(output.stdout.contains("not granted"), "\(output.stdout)")
        #expect(output.stdout.contains("airlock serve"), "\(output.stdout)")
        #expect(!(try airlock(["policy", "list"])).stdout.contains("make"))
    }

    /// A grant from a process with no controlling terminal (a helper an agent detached) is refused.
    @Test func aGrantWithoutATerminalIsRefused() throws {
        let broker = try broker()
        defer { withExtendedLifetime(broker) {} }
        let output = try airlock(["policy", "grant", "--allow", "--command", "make", "--for", "15m"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("no controlling terminal"), "\(output.stderr)")
    }

    /// Trusting a repository's policy file goes through the broker, as a reviewer at a terminal;
    /// untrusting takes it back. A later change to the file needs trusting again.
    @Test func trustMakesRepositoryAllowRulesCount() throws {
        let policy = root.appendingPathComponent("repo/.airlock/policy.toml")
        try FileManager.default.createDirectory(
            at: policy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[[allow]]\ncommand = \"make docs\"\n".write(to: policy, atomically: true, encoding: .utf8)
        #expect(try airlock(["policy", "list"]).stdout.contains("NOT trusted"))
        let broker = try broker()
        defer { withExtendedLifetime(broker) {} }
        let trusted = try atTerminal(["policy", "trust"])
        #expect(trusted.status == 0, "\(trusted.stdout)")
        #expect(trusted.stdout.contains("1 rules"), "\(trusted.stdout)")
        #expect(try airlock(["policy", "list"]).stdout.contains("repo, trusted"))
        let untrusted = try atTerminal(["policy", "untrust"])
        #expect(untrusted.status == 0, "\(untrusted.stdout)")
        #expect(try airlock(["policy", "list"]).stdout.contains("NOT trusted"))
        #expect(try atTerminal(["policy", "trust"]).status == 0)
        try "[[allow]]\ncommand = \"make\"\n".write(to: policy, atomically: true, encoding: .utf8)
        #expect(try airlock(["policy", "list"]).stdout.contains("NOT trusted"))
    }

    /// `policy trust` never writes the store: without a broker, or without a terminal (a helper
    /// an agent detached), nothing is trusted.
    @Test func aPolicyTrustWithoutABrokerOrATerminalIsNotWritten() throws {
        let policy = root.appendingPathComponent("repo/.airlock/policy.toml")
        try FileManager.default.createDirectory(
            at: policy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[[allow]]\ncommand = \"make docs\"\n".write(to: policy, atomically: true, encoding: .utf8)
        let alone = try atTerminal(["policy", "trust"])
        #expect(alone.status != 0)
        #expect(alone.stdout.contains("not trusted"), "\(alone.stdout)")
        let broker = try broker()
        defer { withExtendedLifetime(broker) {} }
        let detached = try airlock(["policy", "trust"])
        #expect(detached.status != 0)
        #expect(detached.stderr.contains("no controlling terminal"), "\(detached.stderr)")
        #expect(try airlock(["policy", "list"]).stdout.contains("NOT trusted"))
    }

    @Test func auditVerifiesAnEmptyLog() throws {
        let output = try airlock(["audit", "--verify"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("intact"))
        #expect(try airlock(["audit"]).stdout.contains("no decisions logged"))
    }
}
