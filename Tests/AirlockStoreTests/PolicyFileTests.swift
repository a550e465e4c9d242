import AirlockCore
import Foundation
import Testing

@testable import AirlockStore

/// `policy.toml`: rules parse, broken files are reported with file and line, and the last good
/// policy stays in force.
struct PolicyFileTests {
    static let sample = """
        mode = "auto-loop"

        [[allow]]
        id = "tests"
        command = ["npm", "test"]
        reason = "the test loop"

        [[deny]]
        category = "network"

        [[deny]]
        path = ["secrets/**", "**/*.pem"]

        [[allow]]
        mcp = { server = "github", tool = "get_issue" }

        [[deny]]
        command = "git push"
        """

    @Test func parsesEveryKindOfRule() throws {
        let file = try PolicyFile.parse(Self.sample, file: "policy.toml")
        #expect(file.mode == .autoLoop)
        #expect(file.rules.count == 5)
        #expect(
            file.rules.contains(
                PolicyRule(
                    id: "tests", effect: .allow, scope: .commandPrefix(["npm", "test"]), reason: "the test loop")))
        #expect(
            file.rules.contains { $0.effect == .deny && $0.scope == .category(.network) && $0.id == "policy.toml:8" })
        #expect(file.rules.contains { $0.scope == .paths(["secrets/**", "**/*.pem"]) })
        #expect(file.rules.contains { $0.scope == .mcpTool(server: "github", tool: "get_issue") })
        #expect(file.rules.contains { $0.scope == .commandPrefix(["git", "push"]) && $0.effect == .deny })
    }

    @Test(arguments: [
        ("mode = \"yolo\"", 1, "mode must be one of"),
        ("[[allow]]\ncategory = \"netwrk\"", 1, "unknown category \"netwrk\""),
        ("\n\n[[deny]]\ncommand = []", 3, "command must be"),
        ("[[allow]]\ncommand = [\"ls\"]\n\n[[allow]]\ncategory = \"network\"\npath = \"x\"", 4, "exactly one of"),
        ("[[allow]]\nmcp = { server = \"github\" }", 1, "never a whole server"),
        ("[[allow]]\ncategory = \"deploy\"", 1, "cannot be allowed by a rule"),
        ("[[deny]]\nfrobnicate = 1", 1, "unknown key \"frobnicate\""),
        ("colour = \"red\"", 1, "unknown key \"colour\""),
        ("[[allow]\ncommand = 1", 1, "table header"),
        ("a = \"unterminated\nb = 2", 1, "string"),
    ])
    func brokenFilesNameFileAndLine(text: String, line: Int, message: String) {
        #expect {
            _ = try PolicyFile.parse(text, file: "/etc/airlock/policy.toml")
        } throws: { error in
            guard let error = error as? PolicyFileError else { return false }
            return error.line == line && error.message.contains(message)
                && error.description.hasPrefix("/etc/airlock/policy.toml:\(line): ")
        }
    }

    @Test func repositoryRulesCarryTheirTrust() throws {
        let file = try PolicyFile.parse(
            "[[allow]]\ncommand = \"make\"", file: ".airlock/policy.toml", origin: .repository(trusted: false))
        #expect(file.rules.first?.isEffective == false)
    }

    @Test func brokenFileKeepsTheLastGoodPolicy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "airlock-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.toml")
        let source = PolicySource()
        try "[[deny]]\ncategory = \"network\"".write(to: policy, atomically: true, encoding: .utf8)
        let first = source.load(configDirectory: directory.path, repository: nil) { _, _ in false }
        #expect(first.rules.count == 1)
        #expect(first.problems.isEmpty)
        try "[[deny]\ncategory = ".write(to: policy, atomically: true, encoding: .utf8)
        let second = source.load(configDirectory: directory.path, repository: nil) { _, _ in false }
        #expect(second.rules == first.rules)
        #expect(second.problems.first?.description.contains("policy.toml:1:") == true)
        #expect(second.problems.first?.message.contains("keeping the last good policy") == true)
    }

    @Test func repositoryPolicyCountsOnlyWhenItsHashIsTrusted() throws {
        let repo = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: repo.appendingPathComponent(".airlock"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: repo) }
        let text = "[[allow]]\ncommand = [\"make\", \"deploy-docs\"]\n\n[[deny]]\ncommand = \"curl\""
        try text.write(toFile: PolicySource.repositoryPolicyPath(repo.path), atomically: true, encoding: .utf8)
        let hash = PolicySource.sha256(Data(text.utf8))
        let source = PolicySource()
        let untrusted = source.load(configDirectory: "/nonexistent", repository: repo.path) { _, _ in false }
        #expect(untrusted.rules.filter(\.isEffective).map(\.effect) == [.deny])
        let trusted = source.load(configDirectory: "/nonexistent", repository: repo.path) { _, sha in sha == hash }
        #expect(trusted.rules.filter(\.isEffective).count == 2)
    }
}
