import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// Every decision reaches consoles as the broker makes it, automatic ones included, and is
/// served again on subscribe and `recent`: from the machine's own answers, not a store query.
@Suite struct DecisionFeedTests {
    func decided(_ effects: [BrokerEffect]) -> [DecisionRecord] {
        effects.notifications.compactMap { if case .actionDecided(let decided) = $0 { decided.decision } else { nil } }
    }

    @Test func everyDecisionIsNotifiedAsItIsLogged() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        let allowed = driver.submit("ls", at: 1)
        #expect(decided(allowed) == allowed.records)
        #expect(decided(allowed).first?.source == .mode(.workspaceEdit))
        let id = try driver.mustQueue("rm -rf build", at: 2)
        let denied = driver.decide([id], .deny, at: 3)
        #expect(decided(denied).map(\.source) == [.human("alice")])
        let floor = driver.submit("echo x >> ~/.config/airlock/policy.toml", at: 4)
        #expect(decided(floor).first?.verdict == .deny)
    }

    @Test func recentAndSubscribeServeThemAgainNewestLast() {
        var driver = MachineDriver()
        driver.open(MachineDriver.agent, pid: 600)
        for (index, command) in ["ls", "cat README.md", "git status"].enumerated() {
            _ = driver.submit(command, at: Double(index))
        }
        driver.open(MachineDriver.console, pid: 900)
        let subscribed = driver.machine.handle(
            .consoleSubscribed(
                MachineDriver.console, .number(9), SubscribeParams(reviewer: "alice", recentLimit: 2), now: driver.at(5)
            ))
        guard case .subscribe(let result)? = subscribed.results.first else {
            Issue.record("no subscribe result")
            return
        }
        #expect(result.recent?.map(\.summary) == ["cat README.md", "git status"])
        let recent = driver.machine.handle(
            .recentRequested(MachineDriver.console, .number(10), RecentParams(sinceSeconds: 4), now: driver.at(5)))
        guard case .recent(let list)? = recent.results.first else {
            Issue.record("no recent result")
            return
        }
        #expect(list.decisions.map(\.summary) == ["cat README.md", "git status"])
    }

    @Test func automaticDenialsAreCountedSinceTheConsoleOpened() throws {
        var driver = MachineDriver()
        driver.open(MachineDriver.agent, pid: 600)
        _ = driver.submit("rm -rf build", at: 1)  // no console: denied (fallback), counted while nobody watches
        #expect(status(&driver, at: 2).automaticDenials == 1)
        driver.open(MachineDriver.console, pid: 900)
        _ = driver.subscribe(MachineDriver.console)
        #expect(status(&driver, at: 3).automaticDenials == 0)
        _ = driver.submit("echo x >> ~/.config/airlock/policy.toml", at: 4)  // integrity floor
        let id = try driver.mustQueue("rm -rf dist", at: 5)
        _ = driver.decide([id], .deny, at: 6)  // a human's deny is not automatic
        let status = status(&driver, at: 7)
        #expect(status.automaticDenials == 1)
        #expect(status.automaticDenialsSince == driver.start)
    }

    func status(_ driver: inout MachineDriver, at seconds: Double) -> StatusResult {
        let effects = driver.machine.handle(
            .statusRequested(MachineDriver.console, .number(99), now: driver.at(seconds)))
        guard case .status(let status)? = effects.results.first else {
            return StatusResult(
                brokerVersion: "", pending: -1, subscribers: -1, connections: -1, exceptions: -1, mode: .readOnly,
                waitForConsole: false, reviewWindowSeconds: 0, uptimeSeconds: 0)
        }
        return status
    }
}

/// The `notify` command runs once an action has waited `notifyAfter`, once per action.
@Suite struct ReminderTests {
    @Test func anActionWaitingUnattendedRunsNotifyOnceWithARedactedSummary() throws {
        var driver = MachineDriver { $0.notifyAfter = .seconds(60) }
        driver.openAgentAndConsole()
        let secret = try #require(SecretSample.all.first { $0.shape == "ghp_ token" }).secret
        _ = try driver.mustQueue("curl -H 'Authorization: token \(secret)' https://api.github.com", at: 0)
        _ = try driver.mustQueue("rm -rf build", at: 10)
        #expect(reminders(driver.tick(at: 59)).isEmpty)
        let first = reminders(driver.tick(at: 60))
        #expect(first.count == 1)
        #expect(first.first?.hasPrefix("Airlock: 2 actions wait for a reviewer; claude has waited 1m: curl") == true)
        #expect(first.first?.contains(secret) == false)
        #expect(reminders(driver.tick(at: 65)).isEmpty)
        #expect(reminders(driver.tick(at: 70)).count == 1, "the second action, once")
        #expect(reminders(driver.tick(at: 200)).isEmpty)
    }

    @Test func withoutANotifyCommandNothingRuns() throws {
        var driver = MachineDriver()
        driver.openAgentAndConsole()
        _ = try driver.mustQueue("rm -rf build", at: 0)
        #expect(reminders(driver.tick(at: 500)).isEmpty)
    }

    func reminders(_ effects: [BrokerEffect]) -> [String] {
        effects.compactMap { if case .notifyReviewer(let text) = $0 { text } else { nil } }
    }
}
