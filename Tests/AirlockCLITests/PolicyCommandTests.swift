import Foundation
import Testing

/// `airlock policy` and `airlock audit` against a private store in a temp dir.
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
            "AIRLOCK_SOCKET": root.appendingPathComponent("run/airlock.sock").path,
        ]
    }

    func airlock(_ arguments: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(arguments, environment: environment, directory: root.appendingPathComponent("repo"))
    }

    @Test func grantListRevoke() throws {
        let granted = try airlock([
            "policy", "grant", "--allow", "--command", "npm install", "--for", "15m", "--reason", "adding zod",
        ])
        #expect(granted.status == 0, "\(granted.stderr)")
        let id = try #require(granted.stdout.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        let listed = try airlock(["policy", "list"])
        #expect(listed.stdout.contains(id))
        #expect(listed.stdout.contains("commands starting: npm install"))
        #expect(listed.stdout.contains("adding zod"))
        let revoked = try airlock(["policy", "revoke", id])
        #expect(revoked.status == 0)
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
        let output = try airlock(["policy", "grant"] + arguments)
        #expect(output.status != 0)
        #expect(output.stderr.contains(message), "\(output.stderr)")
    }

    @Test func trustMakesRepositoryAllowRulesCount() throws {
        let policy = root.appendingPathComponent("repo/.airlock/policy.toml")
        try FileManager.default.createDirectory(
            at: policy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[[allow]]\ncommand = \"make docs\"\n".write(to: policy, atomically: true, encoding: .utf8)
        #expect(try airlock(["policy", "list"]).stdout.contains("NOT trusted"))
        let trusted = try airlock(["policy", "trust"])
        #expect(trusted.status == 0)
        #expect(try airlock(["policy", "list"]).stdout.contains("repo, trusted"))
        try "[[allow]]\ncommand = \"make\"\n".write(to: policy, atomically: true, encoding: .utf8)
        #expect(try airlock(["policy", "list"]).stdout.contains("NOT trusted"))
    }

    @Test func auditVerifiesAnEmptyLog() throws {
        let output = try airlock(["audit", "--verify"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("intact"))
        #expect(try airlock(["audit"]).stdout.contains("no decisions logged"))
    }
}
