import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Submissions: answered at once, queued, timed out, denied without a console, withdrawn.
@Suite struct SubmissionTests {
    @Test func policyHitIsAllowedAtOnceAndLogged() {
        var driver = MachineDriver()
        driver.open(MachineDriver.agent, pid: 600)
        let effects = driver.submit("ls")
        #expect(effects.submitResults.count == 1)
        let (connection, id, result) = effects.submitResults[0]
        #expect(connection == MachineDriver.agent)
        #expect(id == 1)
        #expect(result.decision == .allow)
        #expect(result.source == .mode(.workspaceEdit))
        #expect(result.id == "t-1")
        #expect(effects.records.map(\.verdict) == [.allow])
        #expect(effects.records.first?.summary == "ls")
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func denyRuleDeniesAtOnceWithItsID() {
        var driver = MachineDriver {
            $0.rules = [
                PolicyRule(id: "no-curl", effect: .deny, scope: .commandPrefix(["curl"]), reason: "use the proxy")
            ]
        }
        driver.openAgentAndConsole()
        let result = driver.submit("curl https://example.com").answers.first
        #expect(result?.decision == .deny)
        #expect(result?.ruleID == "no-curl")
        #expect(result?.source == .rule("no-curl"))
        #expect(result?.reason.contains("use the proxy") == true)
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func askIsQueuedForConsolesWithTheReviewWindow() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let effects = driver.submit("curl https://example.com", at: 5)
        #expect(effects.answers.isEmpty, "the agent waits")
        #expect(effects.records.isEmpty, "only final answers are logged")
        let item = try #require(effects.queued.first)
        #expect(item.id == "t-1")
        #expect(item.action.kind == .shell(command: "curl https://example.com"))
        #expect(item.assessment.categories == [.network])
        #expect(item.queuedAt == driver.at(5))
        #expect(item.deadline == driver.at(605))
        #expect(effects.contains(.notify([MachineDriver.console], .actionQueued(ActionQueued(item: item)))))
        #expect(driver.machine.pendingIDs == ["t-1"])
    }

    @Test func harnessDeadlineLessTheMarginShortensTheWindow() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        #expect(driver.submit("curl https://example.com", deadlineMs: 30_000).queued.first?.deadline == driver.at(28))
        #expect(driver.submit("rm -rf build", deadlineMs: 3_600_000).queued.first?.deadline == driver.at(600))
    }

    @Test func harnessDeadlineShorterThanTheMarginIsDeniedAtOnce() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let effects = driver.submit("curl https://example.com", deadlineMs: 1500)
        #expect(effects.answers.first?.decision == .deny)
        #expect(effects.answers.first?.source == .timeout)
        #expect(effects.answers.first?.reason.contains("waits only 2s") == true)
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func unansweredActionIsDeniedAtItsDeadline() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let id = try driver.mustQueue("curl https://example.com")
        #expect(driver.tick(at: 599.9).allSatisfy { $0 == .reloadExceptions })
        let effects = driver.tick(at: 600)
        let result = try #require(effects.answers.first)
        #expect(result.id == id)
        #expect(result.decision == .deny)
        #expect(result.source == .timeout)
        #expect(result.reason.hasPrefix("Denied: no reviewer answered within 10m."))
        #expect(effects.expired == [ActionExpired(id: id, cause: .timeout, reason: result.reason)])
        #expect(effects.records.map(\.source) == [.timeout])
        #expect(driver.machine.pendingCount == 0)
        #expect(driver.tick(at: 1200).isEmpty, "answered once only")
    }

    @Test func withoutAConsoleAnAskIsDeniedAtOnceWithTheHint() {
        var driver = MachineDriver()
        driver.open(MachineDriver.agent, pid: 600)
        let effects = driver.submit("rm -rf build")
        let result = effects.answers.first
        #expect(result?.decision == .deny)
        #expect(result?.source == .fallback)
        #expect(result?.reason.contains("`airlock` in a tmux pane") == true)
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func waitForConsoleQueuesEvenWithoutAConsole() {
        var driver = MachineDriver { $0.waitForConsole = true }
        driver.open(MachineDriver.agent, pid: 600)
        let effects = driver.submit("rm -rf build")
        #expect(effects.answers.isEmpty)
        #expect(effects.notifications.isEmpty, "nobody to tell yet")
        #expect(driver.machine.pendingCount == 1)
        // A console that subscribes later sees it.
        driver.open(MachineDriver.console, pid: 900)
        let subscribed = driver.subscribe(MachineDriver.console)
        guard case .subscribe(let snapshot) = subscribed.results.first else { Issue.record("no snapshot"); return }
        #expect(snapshot.pending.map(\.id) == ["t-1"])
    }

    @Test func disconnectingAgentWithdrawsItsQueuedActions() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        driver.open(ConnectionID(9), pid: 601)
        let first = try driver.mustQueue("curl https://a.example")
        let other = try driver.mustQueue("curl https://b.example", on: ConnectionID(9))
        let effects = driver.machine.handle(.connectionClosed(MachineDriver.agent, now: driver.at(3)))
        #expect(effects.answers.isEmpty, "nobody left to answer")
        #expect(effects.expired.map(\.id) == [first])
        #expect(effects.expired.first?.cause == .withdrawn)
        #expect(effects.records.map(\.source) == [.withdrawn])
        #expect(driver.machine.pendingIDs == [other])
        #expect(driver.decide([first], .allow).errors.first?.knownCode == .alreadyResolved)
    }

    @Test func fullQueueDeniesFurtherAsks() {
        var driver = MachineDriver { $0.maximumPending = 2 }
        driver.openAgentAndConsole()
        _ = driver.submit("curl https://a.example")
        _ = driver.submit("curl https://b.example")
        let third = driver.submit("curl https://c.example")
        #expect(third.answers.first?.decision == .deny)
        #expect(third.answers.first?.reason.contains("already wait") == true)
        #expect(driver.submit("ls").answers.first?.decision == .allow, "policy hits never queue")
    }

    @Test func stoppingBrokerDeniesWhatStillWaits() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        _ = driver.submit("curl https://a.example")
        let effects = driver.machine.handle(.brokerStopping(now: driver.at(9)))
        #expect(effects.answers.map(\.decision) == [.deny])
        #expect(effects.answers.first?.reason.contains("broker stopped") == true)
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func policyReloadAnswersWhatTheNewModeDecides() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let test = try driver.mustQueue("npm test")
        _ = try driver.mustQueue("rm -rf build")
        let effects = driver.machine.handle(.policyReloaded(mode: .autoLoop, rules: [], now: driver.at(2)))
        #expect(effects.answers.map(\.id) == [test])
        #expect(effects.answers.first?.source == .mode(.autoLoop))
        #expect(driver.machine.pendingCount == 1)
    }

    @Test func logIsRedacted() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
        let queued = driver.submit("curl -H 'Authorization: Bearer \(token)' https://api.github.com")
        #expect(
            queued.queued.first?.action.kind
                == .shell(command: "curl -H 'Authorization: Bearer \(token)' https://api.github.com"),
            "the reviewer sees the exact command")
        let effects = driver.decide(["t-1"], .deny, reason: "not with my token \(token)")
        let record = effects.records.first
        #expect(record?.summary.contains(token) == false)
        #expect(record?.summary.contains("[REDACTED") == true)
        #expect(record?.reason.contains(token) == false)
        #expect(record?.categories == [.network])
        #expect(record?.reviewer == "alice")
        #expect(record?.workspace == "/work/proj")
    }

    @Test func statusAndListDescribeTheBroker() {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        _ = driver.submit("curl https://a.example")
        let status = driver.machine.handle(.statusRequested(MachineDriver.agent, 5, now: driver.at(42)))
        guard case .status(let result) = status.results.first else { Issue.record("no status"); return }
        #expect(result.pending == 1)
        #expect(result.subscribers == 1)
        #expect(result.connections == 2)
        #expect(result.uptimeSeconds == 42)
        #expect(result.protocolVersion == WireProtocol.version)
        let list = driver.machine.handle(.listRequested(MachineDriver.console, 6, now: driver.at(42)))
        guard case .list(let listed) = list.results.first else { Issue.record("no list"); return }
        #expect(listed.pending.map(\.id) == ["t-1"])
    }

    @Test(arguments: [(45.0, "45s"), (600, "10m"), (3600, "1h"), (5400, "1h30m"), (125, "2m5s"), (0.5, "500ms")])
    func durationsReadAsPeopleSayThem(_ seconds: Double, _ text: String) {
        #expect(BrokerStateMachine.describe(seconds: seconds) == text)
    }
}
