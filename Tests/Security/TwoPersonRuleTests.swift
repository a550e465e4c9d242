import Foundation
import Testing

/// Named reviewers, groups and the two-person rule (`[reviewers.<id>]` and `[[require]]` in the
/// system's policy) on the separated deployment, with real accounts: two reviewers, each with a
/// passphrase of their own, approve on review.sock as themselves; the agent's account, a
/// reviewer counting twice, someone outside the group asked for, and a reviewer whose own
/// account submitted never make up the approvals. Needs root (CI).
@Suite(.serialized, .ownThreads, TestUser.required) struct TwoPersonRuleTests {
    /// Force pushes need two people, neither of them the one whose agent pushed; deploys need a
    /// lead. The first reviewer is the only lead.
    static func deployment() throws -> SeparatedBroker {
        try SeparatedBroker(otherReviewers: 1) { deployment in
            """
            [reviewers.first]
            accounts = ["\(deployment.reviewer.name)"]
            name = "First Reviewer"
            groups = ["leads"]

            [reviewers.second]
            accounts = ["\(deployment.otherReviewers[0].user.name)"]
            name = "Second Reviewer"

            [[require]]
            category = ["vcs_rewrite"]
            approvals = 2
            not_own_agent = true

            [[require]]
            category = ["deploy"]
            group = "leads"

            """
        }
    }

    /// `user` authenticates on review.sock with `passphrase` and approves the one waiting
    /// action, giving the passphrase again (these actions are high risk); the decide answer.
    /// The request names the first reviewer whoever sends it: the broker never believes it.
    static func approve(
        _ deployment: SeparatedBroker, as user: TestUser, passphrase: String, reason: String
    ) throws -> [String: Any] {
        let steps = [
            RPCClient.send("authenticate", ["passphrase": passphrase], id: 0),
            RPCClient.send("subscribe", id: 1), RPCClient.waitPending,
            RPCClient.send(
                "decide",
                [
                    "ids": ["$PENDING"], "verdict": "allow", "passphrase": passphrase, "reason": reason,
                    "reviewer": deployment.reviewer.name,
                ], id: 2),
        ]
        let output = try atTerminal(RPCClient.argv(deployment.reviewSocket, steps), as: user)
        let answers = try #require(RPCClient.answers(output.stdout), "\(output)")
        #expect(RPCClient.errorCode(answers.first) == nil, "\(user.name) authenticated: \(answers)")
        return try #require(answers.last, "\(answers)")
    }

    /// What the decide answer says the action still needs, or nil.
    static func stillNeeds(_ answer: [String: Any]) -> String? {
        let result = answer["result"] as? [String: Any]
        return (result?["waiting"] as? [[String: Any]])?.first?["needs"] as? String
    }

    static func resolved(_ answer: [String: Any]) -> [String] {
        ((answer["result"] as? [String: Any])?["resolved"] as? [String]) ?? []
    }

    /// The decision log's rows as `audit --json --system` prints them (the broker stopped first).
    static func audit(_ deployment: SeparatedBroker) throws -> [[String: Any]] {
        deployment.stop()
        let output = try run([Programs.airlock, "audit", "--json", "--system"], environment: deployment.environment)
        return output.stdout.split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    /// The agent force-pushes: the first reviewer's approval is recorded and the hook waits,
    /// told what is still needed; the first reviewer again does not count; the second completes
    /// it, and the log names both, each as the kernel and the passphrase identified them.
    @Test func twoDistinctReviewersAreNeededAndBothAreLogged() throws {
        let deployment = try Self.deployment()
        let second = deployment.otherReviewers[0]
        let hook = try deployment.waitingHook()

        let first = try Self.approve(deployment, as: deployment.reviewer, passphrase: deployment.passphrase, reason: "ok one")
        #expect(RPCClient.errorCode(first) == nil, "\(first)")
        #expect(Self.resolved(first).isEmpty, "\(first)")
        let needs = try #require(Self.stillNeeds(first), "the answer says what is still needed: \(first)")
        #expect(needs.contains("1 of 2"), "\(needs)")
        #expect(hook.isWaiting, "one approval of two allows nothing")

        let again = try Self.approve(deployment, as: deployment.reviewer, passphrase: deployment.passphrase, reason: "twice")
        #expect(RPCClient.errorCode(again) == -32011, "the same person counts once: \(again)")
        #expect(RPCClient.errorMessage(again).contains("already approved"), "\(again)")
        #expect(hook.isWaiting, "the same person twice allows nothing")

        let last = try Self.approve(deployment, as: second.user, passphrase: second.passphrase, reason: "ok two")
        #expect(RPCClient.errorCode(last) == nil, "\(last)")
        #expect(Self.resolved(last).count == 1, "\(last)")
        let (decision, reason) = hook.finish()
        #expect(decision == "allow", "\(reason)")
        #expect(reason.contains(deployment.reviewer.name) && reason.contains(second.user.name), "\(reason)")

        let log = try Self.audit(deployment)
        let row = try #require(log.first { $0["decision"] as? String == "allow" }, "\(log)")
        #expect(row["reviewer"] as? String == "\(deployment.reviewer.name), \(second.user.name)", "\(row)")
        let identity = row["reviewerIdentity"] as? String ?? ""
        for user in [deployment.reviewer, second.user] {
            #expect(identity.contains("\(user.name): uid \(user.uid)"), "\(user.name)'s kernel identity: \(identity)")
        }
        #expect(identity.components(separatedBy: "authenticated by passphrase").count == 3, "\(identity)")
    }

    /// The agent's account on review.sock: without a passphrase of its own it decides nothing,
    /// whoever it names in the request; with the first reviewer's passphrase (seen over a
    /// shoulder) it does not authenticate either, since the passphrase belongs to an account.
    @Test func theAgentsAccountNeverCountsAsAnApproval() throws {
        let deployment = try Self.deployment()
        let hook = try deployment.waitingHook()
        // Root reads the queue; the agent is handed the real id, as if it had guessed it.
        let queue = try run(RPCClient.argv(deployment.reviewSocket, [RPCClient.send("subscribe", id: 1)]))
        let pending = (RPCClient.answers(queue.stdout)?.first?["result"] as? [String: Any])?["pending"] as? [[String: Any]]
        let id = try #require(pending?.first?["id"] as? String, "\(queue)")
        let decide = RPCClient.send(
            "decide",
            ["ids": [id], "verdict": "allow", "reviewer": deployment.reviewer.name, "passphrase": deployment.passphrase],
            id: 2)
        let bare = try atTerminal(
            RPCClient.argv(deployment.reviewSocket, [RPCClient.send("subscribe", id: 1), decide]), as: deployment.agent)
        let bareAnswers = try #require(RPCClient.answers(bare.stdout), "\(bare)")
        #expect(RPCClient.errorCode(bareAnswers.first) == -32008, "the queue is not shown: \(bareAnswers)")
        #expect(RPCClient.errorCode(bareAnswers.last) == -32008, "\(bareAnswers)")

        let borrowed = [RPCClient.send("authenticate", ["passphrase": deployment.passphrase], id: 0), decide]
        let output = try atTerminal(RPCClient.argv(deployment.reviewSocket, borrowed), as: deployment.agent)
        let answers = try #require(RPCClient.answers(output.stdout), "\(output)")
        #expect(RPCClient.errorCode(answers.first) == -32008, "another account's passphrase: \(answers)")
        #expect(RPCClient.errorCode(answers.last) == -32008, "\(answers)")
        #expect(hook.isWaiting)

        // One real approval still leaves it waiting: the agent's attempts recorded nothing.
        let first = try Self.approve(deployment, as: deployment.reviewer, passphrase: deployment.passphrase, reason: "one")
        #expect(Self.stillNeeds(first)?.contains("1 of 2") == true, "\(first)")
        #expect(hook.isWaiting)
        let log = try Self.audit(deployment)
        #expect(hook.finish().decision == "deny", "nobody completed it")
        #expect(!log.contains { $0["decision"] as? String == "allow" }, "\(log)")
    }

    /// A deploy needs a lead: the second reviewer (not in `leads`) is not counted and the hook
    /// waits; the first (a lead) allows it.
    @Test func onlyALeadSatisfiesTheLeadsRequirement() throws {
        let deployment = try Self.deployment()
        let second = deployment.otherReviewers[0]
        let hook = try deployment.waitingHook("terraform apply")
        let outsider = try Self.approve(deployment, as: second.user, passphrase: second.passphrase, reason: "not a lead")
        #expect(RPCClient.errorCode(outsider) == -32011, "\(outsider)")
        #expect(RPCClient.errorMessage(outsider).contains("not in group leads"), "\(outsider)")
        #expect(hook.isWaiting, "someone outside the group allows nothing")
        let lead = try Self.approve(deployment, as: deployment.reviewer, passphrase: deployment.passphrase, reason: "lead")
        #expect(RPCClient.errorCode(lead) == nil, "\(lead)")
        let (decision, reason) = hook.finish()
        #expect(decision == "allow", "\(reason)")
        #expect(reason.contains("Allowed by \(deployment.reviewer.name)"), "\(reason)")
        #expect(!reason.contains(second.user.name), "\(reason)")
    }

    /// The first reviewer's own account runs the agent that force-pushes: under
    /// `not_own_agent` their approval is not counted, and the second reviewer's alone is one of
    /// the two the rule asks, so the hook keeps waiting until it is denied.
    @Test func aReviewersOwnAgentsActionDoesNotCountTheirApproval() throws {
        let deployment = try Self.deployment()
        let second = deployment.otherReviewers[0]
        let hook = try deployment.waitingHook(as: deployment.reviewer)
        let own = try Self.approve(deployment, as: deployment.reviewer, passphrase: deployment.passphrase, reason: "mine")
        #expect(RPCClient.errorCode(own) == -32011, "the submitter's own approval: \(own)")
        #expect(RPCClient.errorMessage(own).contains("own agent submitted this"), "\(own)")
        #expect(Self.resolved(own).isEmpty && Self.stillNeeds(own) == nil, "\(own)")
        #expect(hook.isWaiting)
        let other = try Self.approve(deployment, as: second.user, passphrase: second.passphrase, reason: "theirs")
        #expect(RPCClient.errorCode(other) == nil, "\(other)")
        #expect(Self.stillNeeds(other) != nil, "one of the two: \(other)")
        #expect(hook.isWaiting)
        deployment.stop()
        #expect(hook.finish().decision == "deny", "nobody completed it")
    }
}
