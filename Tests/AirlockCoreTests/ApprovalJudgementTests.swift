import AirlockCore
import PropertyBased
import Testing

/// The requirement table: distinct people, groups, the submitter's person left out, and what
/// consoles are told is still needed.
@Suite struct ApprovalJudgementTests {
    static let policy = ReviewerPolicy(
        reviewers: [
            Reviewer(id: "alice", accounts: ["alice@dev-3", "alice@laptop"], name: "Alice Martin", groups: ["leads"]),
            Reviewer(id: "bob", accounts: ["bob@dev-4"], name: "Bob Stone"),
            Reviewer(id: "carol", accounts: ["carol@dev-5"], groups: ["leads", "dba"]),
        ])
    static let lead = ApprovalRequirement(group: "leads")
    static let two = ApprovalRequirement(hardFloor: true, approvals: 2, notOwnAgent: true)

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var requirements: [ApprovalRequirement]
        var approvals: [String]
        var reviewer: String
        var submitter: String?
        var outcome: ApprovalOutcome
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "no requirement: anyone's first approval", requirements: [], approvals: [], reviewer: "bob@dev-4",
            outcome: .satisfied),
        Case(
            name: "a lead is needed and bob is none", requirements: [lead], approvals: [], reviewer: "bob@dev-4",
            outcome: .notCounted("Bob Stone (bob@dev-4) is not in group leads, which this still needs")),
        Case(name: "a lead approves", requirements: [lead], approvals: [], reviewer: "alice@laptop", outcome: .satisfied),
        Case(
            name: "first of two", requirements: [two], approvals: [], reviewer: "bob@dev-4",
            outcome: .needsMore("1 of 2 approvals")),
        Case(
            name: "two and a lead, the first no lead", requirements: [two, lead], approvals: [], reviewer: "bob@dev-4",
            outcome: .needsMore("1 of 2 approvals, needs a lead")),
        Case(
            name: "two and a lead, then a lead", requirements: [two, lead], approvals: ["bob@dev-4"],
            reviewer: "carol@dev-5", outcome: .satisfied),
        Case(
            name: "the same person on another account", requirements: [two], approvals: ["alice@dev-3"],
            reviewer: "alice@laptop",
            outcome: .notCounted("Alice Martin (alice@laptop) already approved this; one person counts once")),
        Case(
            name: "the same account again", requirements: [two], approvals: ["bob@dev-4"], reviewer: "bob@dev-4",
            outcome: .notCounted("Bob Stone (bob@dev-4) already approved this; one person counts once")),
        Case(
            name: "the submitter's own person", requirements: [two], approvals: ["bob@dev-4"], reviewer: "alice@laptop",
            submitter: "alice@dev-3",
            outcome: .notCounted(
                "Alice Martin (alice@laptop)'s own agent submitted this, and the policy does not count its person")),
        Case(
            name: "an unlisted account counts as a person of its own", requirements: [two], approvals: ["bob@dev-4"],
            reviewer: "dave@dev-9", outcome: .satisfied),
        Case(
            name: "two leads asked, one given", requirements: [ApprovalRequirement(approvals: 2, group: "leads")],
            approvals: [], reviewer: "alice@dev-3", outcome: .needsMore("1 of 2 approvals, needs a lead")),
    ]

    @Test(arguments: cases) func judgesOneMoreApproval(_ c: Case) {
        let outcome = ApprovalJudgement.judge(
            c.requirements, policy: Self.policy, approvals: c.approvals, reviewer: c.reviewer, submitter: c.submitter)
        #expect(outcome == c.outcome)
    }

    @Test func statusSaysWhatIsNeededBeforeAnyApproval() {
        #expect(
            ApprovalJudgement.status([Self.two, Self.lead], policy: Self.policy, approvals: [], submitter: nil)
                == .needsMore("0 of 2 approvals, needs a lead"))
        #expect(ApprovalJudgement.status([Self.lead], policy: Self.policy, approvals: [], submitter: nil) == .needsMore("needs a lead"))
        #expect(ApprovalJudgement.status([], policy: Self.policy, approvals: [], submitter: nil) == .needsMore("needs 1 approval"))
    }

    static let accounts = ["alice@dev-3", "alice@laptop", "bob@dev-4", "carol@dev-5", "dave@dev-9"]
    static let requirementSets: [[ApprovalRequirement]] = [
        [], [lead], [two], [two, lead], [ApprovalRequirement(approvals: 2, group: "leads", notOwnAgent: true)],
        [ApprovalRequirement(approvals: 3)],
    ]

    /// For any sequence of approvals the action is allowed iff, for every requirement, the
    /// distinct eligible people among them are enough (an oracle written apart from the code).
    @Test func allowedExactlyWhenEnoughDistinctEligiblePeopleApproved() async {
        await propertyCheck(
            count: 500, input: Gen.int(in: 0...(Self.accounts.count - 1)).array(of: 0...6),
            Gen.int(in: 0...(Self.requirementSets.count - 1)), Gen.int(in: 0...Self.accounts.count)
        ) { picks, set, submitterPick in
            let approvals = picks.map { Self.accounts[$0] }
            let rules = Self.requirementSets[set]
            let submitter = submitterPick < Self.accounts.count ? Self.accounts[submitterPick] : nil
            let people: [String: (id: String, groups: [String])] = [
                "alice@dev-3": ("alice", ["leads"]), "alice@laptop": ("alice", ["leads"]), "bob@dev-4": ("bob", []),
                "carol@dev-5": ("carol", ["leads", "dba"]), "dave@dev-9": ("dave@dev-9", []),
            ]
            let oracle = (rules.isEmpty ? [ApprovalRequirement()] : rules).allSatisfy { rule in
                let eligible = Set(
                    approvals.compactMap { account -> String? in
                        guard let person = people[account] else { return nil }
                        if let group = rule.group, !person.groups.contains(group) { return nil }
                        if rule.notOwnAgent, let submitter, people[submitter]?.id == person.id { return nil }
                        return person.id
                    })
                return eligible.count >= rule.approvals
            }
            let status = ApprovalJudgement.status(rules, policy: Self.policy, approvals: approvals, submitter: submitter)
            #expect((status == .satisfied) == oracle, "\(approvals) under \(set), submitter \(String(describing: submitter))")
        }
    }

    /// The same person twice never counts twice: an approval by someone who already approved
    /// is not counted (unless the action was already allowed).
    @Test func aPersonWhoApprovedNeverCountsAgain() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...(Self.accounts.count - 1)).array(of: 1...5),
            Gen.int(in: 0...(Self.requirementSets.count - 1))
        ) { picks, set in
            let approvals = picks.map { Self.accounts[$0] }
            let rules = Self.requirementSets[set]
            guard ApprovalJudgement.status(rules, policy: Self.policy, approvals: approvals, submitter: nil) != .satisfied
            else { return }
            for again in approvals {
                let outcome = ApprovalJudgement.judge(
                    rules, policy: Self.policy, approvals: approvals, reviewer: again, submitter: nil)
                guard case .notCounted = outcome else {
                    Issue.record("\(again) counted twice after \(approvals): \(outcome)")
                    return
                }
            }
        }
    }
}
