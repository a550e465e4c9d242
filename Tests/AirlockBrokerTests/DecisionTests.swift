import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Console decisions: first wins, errors for the rest, self-approval refused.
@Suite struct DecisionTests {
    @Test func firstDecisionWinsAndLaterOnesGetAnError() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        driver.open(MachineDriver.otherConsole, pid: 901)
        _ = driver.subscribe(MachineDriver.otherConsole)
        let id = try driver.mustQueue("rm -rf build")

        let first = driver.decide([id], .allow, reason: "it is generated")
        #expect(first.answers.count == 1)
        let answer = try #require(first.submitResults.first)
        #expect(answer.0 == MachineDriver.agent)
        #expect(answer.2.decision == .allow)
        #expect(answer.2.source == .human("alice"))
        #expect(answer.2.reason == "Allowed by alice: it is generated")
        #expect(
            first.contains(
                .notify(
                    [MachineDriver.console, MachineDriver.otherConsole],
                    .actionResolved(
                        ActionResolved(
                            id: id, decision: .allow, reason: "Allowed by alice: it is generated",
                            source: .human("alice"), reviewer: "alice")))))
        guard case .decide(let result) = first.results.last else { Issue.record("no decide result"); return }
        #expect(result.resolved == [id])

        let second = driver.decide([id], .deny, by: MachineDriver.otherConsole, reviewer: "bob")
        #expect(second.answers.isEmpty, "the agent was answered once")
        #expect(second.errors.first?.knownCode == .alreadyResolved)
        #expect(second.errors.first?.message.contains("allowed (human:alice)") == true)
        #expect(second.records.isEmpty)
    }

    @Test func denyCarriesTheReviewersReasonToTheAgent() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("git push --force")
        let answer = driver.decide([id], .deny, reason: "rebase instead").answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.reason == "Denied by alice: rebase instead")
    }

    @Test func unknownIDIsNotFound() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        #expect(driver.decide(["nope"], .allow).errors.first?.knownCode == .notFound)
    }

    @Test func severalIDsResolveTogetherAndReportTheRest() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let a = try driver.mustQueue("curl https://a.example")
        let b = try driver.mustQueue("curl https://b.example")
        _ = driver.decide([a], .deny)
        let effects = driver.decide([a, b, "ghost", b], .allow)
        #expect(effects.answers.map(\.id) == [b])
        guard case .decide(let result) = effects.results.last else { Issue.record("no result"); return }
        #expect(result.resolved == [b])
        #expect(result.failed.map(\.id) == [a, "ghost"])
        #expect(result.failed.map(\.code) == [RPCErrorCode.alreadyResolved.rawValue, RPCErrorCode.notFound.rawValue])
    }

    @Test func emptyIDsAreInvalidParams() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("curl https://a.example")
        #expect(driver.decide([], .allow).errors.first?.knownCode == .invalidParams)
        #expect(driver.machine.pendingIDs == [id])
    }

    /// The reviewer is named from the connection (uid 1000 is alice), never from the params.
    @Test func theClientsReviewerNameIsNotBelieved() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("curl https://a.example")
        let effects = driver.decide([id], .allow, reviewer: "the-security-team")
        #expect(effects.answers.first?.source == .human("alice"))
        #expect(effects.records.first?.reviewer == "alice")
        #expect(effects.records.first?.reviewerIdentity?.contains("uid 1000, pid 900, terminal pts/0") == true)
        #expect(effects.records.first?.reviewerIdentity?.contains("not authenticated") == true)
    }

    @Test func humanMayAllowAHardFloorActionForThatAction() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("psql -c 'DROP TABLE users'")
        #expect(driver.decide([id], .allow).answers.first?.decision == .allow)
    }

    // MARK: Self-approval

    @Test func decisionFromTheAgentsProcessTreeIsRefusedAndLogged() throws {
        // Console pid 700 is a child of the agent (pid 500).
        var driver = MachineDriver(descendants: [(700, 500)])
        driver.openAgentAndConsole(consolePID: 700)
        let id = try driver.mustQueue("rm -rf build")
        let effects = driver.decide([id], .allow)
        #expect(effects.errors.first?.knownCode == .selfApprovalRefused)
        #expect(effects.answers.isEmpty)
        #expect(effects.contains { if case .logRefusal(let text) = $0 { text.contains("pid 700") } else { false } })
        #expect(driver.machine.pendingIDs == [id], "nothing changed")
    }

    @Test func decisionFromTheAgentProcessItselfIsRefused() throws {
        // Give the agent a terminal, so the process-tree check is what refuses it.
        var driver = MachineDriver(terminals: [MachineDriver.agentPID: 34_817])
        driver.openAgentAndConsole(consolePID: MachineDriver.agentPID)
        let id = try driver.mustQueue("rm -rf build")
        #expect(driver.decide([id], .allow).errors.first?.knownCode == .selfApprovalRefused)
    }

    @Test func withoutAnAgentPIDTheSubmittersParentIsTheAgent() throws {
        var driver = MachineDriver(descendants: [(700, 600)])
        driver.openAgentAndConsole(consolePID: 700)  // the agent connection's pid is 600
        let id = try #require(driver.submit("rm -rf build", agentPID: nil).queued.first).id
        #expect(driver.decide([id], .allow).errors.first?.knownCode == .selfApprovalRefused)
    }

    @Test func unrelatedConsoleMayDecide() throws {
        var driver = MachineDriver(descendants: [(700, 500)])
        driver.openAgentAndConsole(consolePID: 901)
        let id = try driver.mustQueue("rm -rf build")
        #expect(driver.decide([id], .allow).answers.count == 1)
    }

    @Test func reviewerWithUnknownPIDIsRefusedWhileAnAgentWaits() throws {
        var driver = MachineDriver()
        driver.open(MachineDriver.agent, pid: 600)
        driver.open(MachineDriver.console, pid: nil)
        _ = driver.subscribe(MachineDriver.console)
        let id = try driver.mustQueue("rm -rf build")
        // Unidentified, it cannot be shown to sit at a terminal either.
        #expect(driver.decide([id], .allow).errors.first?.knownCode == .notAuthenticated)
        #expect(driver.machine.pendingIDs == [id])
    }

    @Test func grantFromAWaitingAgentsTreeIsRefused() throws {
        var driver = MachineDriver(descendants: [(700, 500)])
        driver.openAgentAndConsole(consolePID: 700)
        _ = try driver.mustQueue("curl https://a.example")
        let effects = driver.grant(.allowCurl())
        #expect(effects.errors.first?.knownCode == .selfApprovalRefused)
        #expect(driver.machine.activeExceptions.isEmpty)
        #expect(driver.machine.pendingCount == 1)
    }
}
