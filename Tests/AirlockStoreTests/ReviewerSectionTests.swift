import AirlockCore
import Foundation
import Testing

@testable import AirlockStore

/// `reviewers` and `[[require]]` in the trusted `policy.toml`: people, groups and what
/// approving takes; bad input is an error with file and line; a repository may declare neither.
struct ReviewerSectionTests {
    static let sample = """
        [reviewers.alice]
        accounts = ["alice@dev-3", "alice@laptop"]
        name = "Alice Martin"
        groups = ["leads"]

        [reviewers.bob]
        accounts = ["bob@dev-4"]

        [[require]]
        category = ["deploy", "db_migration"]
        group = "leads"

        [[require]]
        floor = "hard"
        approvals = 2
        not_own_agent = true
        """

    @Test func parsesPeopleGroupsAndRequirements() throws {
        let file = try PolicyFile.parse(Self.sample, file: "policy.toml")
        #expect(file.rules.isEmpty)
        #expect(
            file.reviewers.reviewers == [
                Reviewer(id: "alice", accounts: ["alice@dev-3", "alice@laptop"], name: "Alice Martin", groups: ["leads"]),
                Reviewer(id: "bob", accounts: ["bob@dev-4"]),
            ])
        #expect(
            file.reviewers.requirements == [
                ApprovalRequirement(
                    scopes: [.category(.deploy), .category(.dbMigration)], group: "leads", id: "policy.toml:9"),
                ApprovalRequirement(hardFloor: true, approvals: 2, notOwnAgent: true, id: "policy.toml:13"),
            ])
        #expect(file.reviewers.person("alice@laptop").name == "Alice Martin")
        #expect(file.reviewers.person("mallory@x").id == "mallory@x", "an unlisted account is a person of its own")
    }

    @Test func noSectionIsTheOneApprovalPolicyOfOld() throws {
        let file = try PolicyFile.parse("[[deny]]\ncategory = \"network\"", file: "policy.toml")
        #expect(file.reviewers.isEmpty)
    }

    @Test(arguments: [
        ("[reviewers.alice]\nname = \"A\"", "policy.toml:1: reviewer alice: needs accounts"),
        ("[reviewers.alice]\naccounts = []", "policy.toml:1: reviewer alice: accounts must name at least one"),
        ("[reviewers.alice]\naccounts = [\"a\"]\nrole = \"x\"", "policy.toml:1: reviewer alice: unknown key \"role\""),
        ("reviewers = 3", "policy.toml:1: write each reviewer as a table"),
        ("[[require]]\napprovals = 2", "policy.toml:1: a [[require]] needs what it applies to"),
        ("[[require]]\nfloor = \"soft\"", "policy.toml:1: floor must be \"hard\""),
        ("[[require]]\nfloor = \"hard\"\napprovals = 0", "policy.toml:1: approvals must be a whole number from 1 to 10"),
        ("[[require]]\ncategory = \"deploi\"", "policy.toml:1: unknown category \"deploi\""),
        ("[[require]]\nfloor = \"hard\"\nwho = \"x\"", "policy.toml:1: unknown key \"who\" in [[require]]"),
        ("\n[[require]]\nfloor = \"hard\"\ngroup = \"leads\"", "policy.toml:2: no reviewer is in group leads"),
        (
            "[reviewers.a]\naccounts = [\"x@h\"]\ngroups = [\"leads\"]\n[[require]]\nfloor = \"hard\"\napprovals = 2\ngroup = \"leads\"",
            "policy.toml:4: 2 approvals from group leads are needed, but it has only 1 member"
        ),
        (
            "[reviewers.a]\naccounts = [\"x@h\"]\n[reviewers.b]\naccounts = [\"x@h\"]",
            "policy.toml:3: account x@h is listed for both a and b"
        ),
    ])
    func badInputIsAClearError(text: String, says: String) {
        #expect {
            try PolicyFile.parse(text, file: "policy.toml")
        } throws: { error in
            "\(error)".hasPrefix(says)
        }
    }

    @Test(arguments: [
        ("[[deny]]\ncategory = \"network\"\n\n[reviewers.me]\naccounts = [\"me@h\"]", 4),
        ("\n[[require]]\nfloor = \"hard\"", 2),
    ])
    func aRepositoryPolicyMayNotDeclareReviewersNorRequirements(text: String, line: Int) {
        #expect {
            try PolicyFile.parse(text, file: "/repo/.airlock/policy.toml", origin: .repository(trusted: true))
        } throws: { error in
            "\(error)".hasPrefix("/repo/.airlock/policy.toml:\(line): a repository's policy may not declare")
        }
    }

    @Test func aBrokenReviewersSectionKeepsTheLastGoodPolicy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-rev-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.toml")
        let source = PolicySource()
        try Self.sample.write(to: policy, atomically: true, encoding: .utf8)
        let first = source.loadUser(configDirectory: directory.path)
        #expect(first.reviewers.requirements.count == 2)
        try (Self.sample + "\n[[require]]\nfloor = \"hard\"\ngroup = \"nobody\"\n").write(
            to: policy, atomically: true, encoding: .utf8)
        let second = source.loadUser(configDirectory: directory.path)
        #expect(second.reviewers == first.reviewers)
        #expect(second.problems.first?.message.contains("no reviewer is in group nobody") == true)
    }
}
