import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Named reviewers and thresholds on one machine: an approval of an action the trusted policy
/// asks more of is recorded, and the action is allowed only when the requirement is met; a deny
/// ends it at once; the log names every reviewer; exceptions do not stand in for approvals.
@Suite struct NamedReviewerTests {
    static let bobConsole = ConnectionID(3)
    static let release = "./release.sh production"

    /// alice (uid 1000) and bob (uid 1001, a lead); `./release.sh` needs two people, not the
    /// submitter's; `./migrate.sh` needs a lead. The agent runs as uid 1002 unless told.
    static func driver(agentUID: UInt32 = 1002) -> MachineDriver {
        var driver = MachineDriver { configuration in
            configuration.reviewers = ReviewerPolicy(
                reviewers: [
                    Reviewer(id: "alice", accounts: ["alice"], name: "Alice Martin"),
                    Reviewer(id: "bob", accounts: ["bob"], name: "Bob Stone", groups: ["leads"]),
                ],
                requirements: [
                    ApprovalRequirement(scopes: [.commandPrefix(["./release.sh"])], approvals: 2, notOwnAgent: true),
                    ApprovalRequirement(scopes: [.commandPrefix(["./migrate.sh"])], group: "leads"),
                    ApprovalRequirement(scopes: [.commandPrefix(["curl"])], approvals: 2),
                ])
        }
        driver.open(MachineDriver.agent, pid: 600, uid: agentUID)
        driver.open(MachineDriver.console, pid: 900, uid: 1000)
        _ = driver.subscribe(MachineDriver.console)
        driver.open(Self.bobConsole, pid: 901, uid: 1001)
        _ = driver.subscribe(Self.bobConsole)
        return driver
    }

    static func decided(_ effects: [BrokerEffect]) -> DecideResult? {
        effects.results.compactMap { if case .decide(let result) = $0 { result } else { nil } }.first
    }

    @Test func aTwoPersonRuleNeedsBothAndTheLogNamesBoth() throws {
        var driver = Self.driver()
        let id = try driver.mustQueue(Self.release)
        #expect(driver.machine.queueForConsoles.first?.needs == "0 of 2 approvals")

        let first = driver.decide([id], .allow, by: MachineDriver.console, reason: "checked the diff")
        #expect(first.answers.isEmpty, "one approval of two does not answer the hook")
        #expect(Self.decided(first)?.waiting == [.init(id: id, needs: "1 of 2 approvals")])
        let shown = try #require(first.queued.first, "consoles see the approval")
        #expect(shown.approvals == [QueuedApproval(reviewer: "alice", name: "Alice Martin", reason: "checked the diff", at: driver.at(1))])
        #expect(shown.needs == "1 of 2 approvals")

        let again = driver.decide([id], .allow, by: MachineDriver.console, at: 2)
        #expect(again.answers.isEmpty)
        let refused = try #require(again.errors.first)
        #expect(refused.code == RPCErrorCode.approvalNotCounted.rawValue)
        #expect(refused.message.contains("Alice Martin (alice) already approved this; one person counts once"))

        let second = driver.decide([id], .allow, by: Self.bobConsole, reason: "ok for release", at: 3)
        #expect(second.answers.map(\.decision) == [.allow])
        let record = try #require(second.records.first)
        #expect(record.reviewer == "alice, bob")
        #expect(record.reason == "Allowed by alice (checked the diff) and bob (ok for release)")
        #expect(record.reviewerIdentity?.contains("alice: uid 1000") == true)
        #expect(record.reviewerIdentity?.contains("bob: uid 1001") == true)
        #expect(record.source == .human("alice, bob"))
    }

    @Test func aForgedReviewerNameInTheRequestIsIgnored() throws {
        var driver = Self.driver()
        let id = try driver.mustQueue(Self.release)
        _ = driver.decide([id], .allow, by: MachineDriver.console, reviewer: "bob")
        // alice's console says it is "carol" now: still alice, so still one person.
        let again = driver.decide([id], .allow, by: MachineDriver.console, reviewer: "carol", at: 2)
        #expect(again.answers.isEmpty)
        #expect(again.errors.first?.message.contains("already approved") == true)
        #expect(driver.machine.queueForConsoles.first?.approvals?.map(\.reviewer) == ["alice"])
    }

    @Test func onlyAGroupMemberCountsForAGroupRule() throws {
        var driver = Self.driver()
        let id = try driver.mustQueue("./migrate.sh up")
        #expect(driver.machine.queueForConsoles.first?.needs == "needs a lead")
        let alice = driver.decide([id], .allow, by: MachineDriver.console)
        #expect(alice.answers.isEmpty)
        #expect(
            alice.errors.first?.message
                == "\(id) not counted: Alice Martin (alice) is not in group leads, which this still needs")
        let bob = driver.decide([id], .allow, by: Self.bobConsole, at: 2)
        #expect(bob.answers.map(\.decision) == [.allow])
        #expect(bob.records.first?.reviewer == "bob")
    }

    @Test func theSubmittersOwnPersonDoesNotCount() throws {
        var driver = Self.driver(agentUID: 1000)
        let id = try driver.mustQueue(Self.release)
        let alice = driver.decide([id], .allow, by: MachineDriver.console)
        #expect(alice.answers.isEmpty)
        #expect(alice.errors.first?.message.contains("own agent submitted this") == true)
        let bob = driver.decide([id], .allow, by: Self.bobConsole, at: 2)
        #expect(bob.answers.isEmpty, "bob alone is one of two")
        #expect(Self.decided(bob)?.waiting?.first?.needs == "1 of 2 approvals")
    }

    @Test func aDenyEndsItAtOnceAndTheDeadlineDeniesWhatIsShort() throws {
        var driver = Self.driver()
        let id = try driver.mustQueue(Self.release)
        _ = driver.decide([id], .allow, by: MachineDriver.console)
        let deny = driver.decide([id], .deny, by: Self.bobConsole, reason: "not today", at: 2)
        #expect(deny.answers.map(\.decision) == [.deny])
        #expect(deny.records.first?.reviewer == "bob")

        let other = try driver.mustQueue(Self.release, at: 3)
        _ = driver.decide([other], .allow, by: MachineDriver.console, at: 4)
        let late = driver.tick(at: 3 + driver.machine.configuration.reviewWindow.seconds + 1)
        #expect(late.answers.map(\.decision) == [.deny], "nobody completed it: denied at its deadline")
        #expect(late.expired.map(\.id) == [other])
    }

    /// Approving a group (the console's `g` then `A`) is one approval of each action: none of
    /// them is allowed on one person's word.
    @Test func approvingAGroupIsOneApprovalOfEach() throws {
        var driver = Self.driver()
        let first = try driver.mustQueue(Self.release)
        let second = try driver.mustQueue(Self.release + " --region eu", at: 1)
        let alice = driver.decide([first, second], .allow, by: MachineDriver.console, at: 2)
        #expect(alice.answers.isEmpty)
        #expect(Self.decided(alice)?.waiting?.map(\.id) == [first, second])
        let bob = driver.decide([first, second], .allow, by: Self.bobConsole, at: 3)
        #expect(bob.answers.map(\.decision) == [.allow, .allow])
        #expect(bob.records.map(\.reviewer) == ["alice, bob", "alice, bob"])
    }

    /// A requirement that arrives with a policy reload applies to what already waits, the
    /// submitter's person included.
    @Test func aReloadedRequirementAppliesToWhatWaits() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue(Self.release)
        let policy = Self.driver().machine.configuration.reviewers
        _ = driver.machine.handle(.policyReloaded(mode: .workspaceEdit, rules: [], reviewers: policy, now: driver.at(1)))
        let alice = driver.decide([id], .allow, at: 2)
        #expect(alice.answers.isEmpty)
        #expect(alice.errors.first?.message.contains("own agent submitted this") == true, "\(alice.errors)")
    }

    @Test func withoutAReviewersSectionOneApprovalDecidesAsBefore() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue(Self.release)
        #expect(driver.machine.queueForConsoles.first?.needs == nil)
        let effects = driver.decide([id], .allow)
        #expect(effects.answers.map(\.decision) == [.allow])
        #expect(effects.records.first?.reviewer == "alice")
        #expect(effects.records.first?.reason == "Allowed by alice.")
    }

    @Test func anExceptionDoesNotStandInForASecondReviewer() throws {
        var driver = Self.driver()
        let curl = "curl https://example.com/health"
        let id = try driver.mustQueue(curl)
        let withDecision = driver.decide([id], .allow, by: MachineDriver.console, grant: .allowCurl())
        #expect(withDecision.answers.isEmpty)
        #expect(withDecision.errors.first?.code == RPCErrorCode.exceptionRefused.rawValue)
        #expect(withDecision.errors.first?.message.contains("needs more than one reviewer's word") == true)

        // Granted on its own, it still does not answer such an action: it is asked.
        let granted = driver.grant(.allowCurl(), by: MachineDriver.console, at: 2)
        #expect(granted.answers.isEmpty, "the pending curl stays pending")
        let next = driver.submit(curl, at: 3)
        #expect(next.answers.isEmpty)
        let asked = try #require(next.queued.first)
        #expect(asked.reason.contains("does not stand in for what approving this takes: 0 of 2 approvals"), "\(asked.reason)")
        // Without the requirement the same exception answers it.
        var plain = MachineDriver()
        plain.openAgentAndConsole()
        _ = plain.grant(.allowCurl())
        #expect(plain.submit(curl, at: 2).answers.map(\.decision) == [.allow])
    }
}
