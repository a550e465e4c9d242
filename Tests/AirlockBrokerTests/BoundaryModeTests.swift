import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// The broker applies the stricter of the chosen mode and the workspace's boundaries, as
/// injected: an untrusted repository is read-only (mutations to a present human), an open
/// boundary stops, a workspace never measured waits for its first report.
@Suite struct BoundaryModeTests {
    static func report(_ states: [BoundaryState], trusted: Bool) -> BoundaryReport {
        BoundaryReport(
            workspace: "/work/proj",
            boundaries: zip(BoundaryKind.allCases, states).map { Boundary(kind: $0, state: $1) }, isTrusted: trusted)
    }

    static let clear: [BoundaryState] = [.clear, .clear, .clear, .clear, .clear]

    @Test func anUntrustedRepositoryAsksThePresentHuman() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.boundaryReport = { _ in Self.report(Self.clear, trusted: false) }
        driver.openAgentAndConsole()
        let effects = driver.submit("touch notes.txt", at: 1)
        #expect(effects.answers.isEmpty)
        let queued = effects.queued.first
        #expect(queued?.reason.contains("/work/proj is not a trusted repository") == true)
        // The report that made it read-only goes to the console beside it.
        #expect(
            effects.notifications.contains(
                .boundariesMeasured(
                    BoundariesMeasured(workspace: "/work/proj", report: Self.report(Self.clear, trusted: false)))))
        #expect(driver.submit("ls", at: 2).answers.first?.decision == .allow)
    }

    @Test func withNoConsoleItIsDeniedWithExactlyHowToTrustIt() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.boundaryReport = { _ in Self.report(Self.clear, trusted: false) }
        driver.open(MachineDriver.agent, pid: 600)
        let answer = driver.submit("touch notes.txt", at: 1).answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.source == .fallback)
        #expect(answer?.reason.hasPrefix("Denied: /work/proj is not a trusted repository") == true)
        #expect(answer?.reason.contains("`airlock trust /work/proj`") == true)
        #expect(driver.submit("cat README.md", at: 2).answers.first?.decision == .allow)
    }

    @Test func anOpenBoundaryStopsWhatIsNotALowRiskRead() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.boundaryReport = { _ in Self.report([.clear, .open, .clear, .clear, .clear], trusted: true) }
        driver.openAgentAndConsole()
        let answer = driver.submit("curl https://example.com", at: 1).answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.reason.contains("airlock doctor") == true)
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func fuzzyBoundariesInATrustedRepositoryNeverStop() {
        var driver = MachineDriver {
            $0.appliesBoundaries = true
            $0.mode = .autoLoop
        }
        driver.boundaryReport = { _ in Self.report([.fuzzy, .fuzzy, .fuzzy, .fuzzy, .fuzzy], trusted: true) }
        driver.open(MachineDriver.agent, pid: 600)
        #expect(driver.submit("touch notes.txt", at: 1).answers.first?.decision == .allow)
    }

    @Test func anOldReportIsMeasuredAgainAndIgnoredBoundariesAreNeverMeasured() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.boundaryReport = { _ in Self.report(Self.clear, trusted: true) }
        driver.open(MachineDriver.agent, pid: 600)
        _ = driver.submit("ls")
        _ = driver.submit("ls", at: 30)
        _ = driver.submit("ls", at: 61)
        #expect(driver.measured == ["/work/proj", "/work/proj"])

        var ignoring = MachineDriver()
        ignoring.boundaryReport = { _ in Self.report([.open, .open, .open, .open, .open], trusted: false) }
        ignoring.open(MachineDriver.agent, pid: 600)
        #expect(ignoring.submit("touch notes.txt").answers.first?.decision == .allow)
        #expect(ignoring.measured.isEmpty)
    }
}

/// No race on first contact: an action in a workspace never measured waits for its first
/// boundary report (as an event, never blocking), up to the probe budget; past it, read-only.
@Suite struct FirstContactTests {
    static func slowProbe(trusted: Bool, console: Bool = true) -> MachineDriver {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.defersBoundaries = true
        driver.boundaryReport = { _ in BoundaryModeTests.report(BoundaryModeTests.clear, trusted: trusted) }
        if console { driver.openAgentAndConsole() } else { driver.open(MachineDriver.agent, pid: 600) }
        return driver
    }

    @Test func theFirstAndTheHundredthIdenticalActionGetTheSameAnswer() {
        for trusted in [true, false] {
            var driver = Self.slowProbe(trusted: trusted, console: false)
            let first = driver.submit("touch notes.txt", at: 0)
            #expect(first.answers.isEmpty, "answered before the report was in")
            #expect(driver.machine.isAwaitingAnswer(MachineDriver.agent))
            // The probe takes 1.5 s, within the 2 s budget.
            _ = driver.tick(at: 1)
            let delivered = driver.deliverBoundaries(at: 1.5)
            var answers = delivered.answers
            for index in 2...100 { answers += driver.submit("touch notes.txt", at: 1.5 + Double(index) / 100).answers }
            #expect(answers.count == 100)
            #expect(Set(answers.map(\.decision)).count == 1, "trusted \(trusted): \(answers.map(\.decision))")
            #expect(answers.first?.decision == (trusted ? .allow : .deny))
            #expect(Set(answers.map(\.source)).count == 1)
            #expect(driver.measured == ["/work/proj"], "measured once")
        }
    }

    @Test func pastTheBudgetItIsJudgedReadOnlyAndAsksAPresentHuman() {
        var driver = Self.slowProbe(trusted: true)
        #expect(driver.submit("touch notes.txt", at: 0).queued.isEmpty)
        #expect(driver.tick(at: 1.9).queued.isEmpty)
        let late = driver.tick(at: 2)
        let item = late.queued.first
        #expect(item?.reason.contains("read-only: the boundaries of /work/proj were not measured within 2s") == true)
        // Once past the budget, later actions there do not wait again: judged read-only at once.
        #expect(driver.submit("ls", at: 2.1).answers.first?.decision == .allow)
        #expect(driver.submit("touch later.txt", at: 2.2).queued.count == 1)
        // The report arrives: the next edit runs as the trusted workspace allows.
        _ = driver.deliverBoundaries(at: 3)
        #expect(driver.submit("touch other.txt", at: 4).answers.first?.decision == .allow)
    }

    @Test func pastTheBudgetWithNoConsoleItIsDeniedSayingWhy() {
        var driver = Self.slowProbe(trusted: true, console: false)
        _ = driver.submit("touch notes.txt", at: 0)
        let answer = driver.tick(at: 2.5).answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.reason.contains("not measured within 2s") == true)
        // Reads stay automatic even past the budget.
        #expect(driver.submit("cat README.md", at: 3).answers.first?.decision == .allow)
    }

    @Test func anAgentThatLeavesWhileItWaitsIsWithdrawnAndLogged() {
        var driver = Self.slowProbe(trusted: true)
        _ = driver.submit("touch notes.txt", at: 0)
        let effects = driver.machine.handle(.connectionClosed(MachineDriver.agent, now: driver.at(0.5)))
        #expect(effects.records.map(\.source) == [.withdrawn])
        #expect(driver.deliverBoundaries(at: 1).answers.isEmpty)
    }
}
