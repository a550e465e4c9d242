import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// The broker applies the stricter of the chosen mode and the workspace's boundaries, as
/// injected; nil (not measured yet) leaves the chosen mode.
@Suite struct BoundaryModeTests {
    static func report(notClear: Int) -> BoundaryReport {
        BoundaryReport(
            workspace: "/work/proj",
            boundaries: BoundaryKind.allCases.enumerated().map { index, kind in
                Boundary(kind: kind, state: index < notClear ? .open : .clear)
            })
    }

    @Test func notMeasuredYetKeepsTheChosenMode() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.open(MachineDriver.agent, pid: 600)
        #expect(driver.submit("touch notes.txt").answers.first?.decision == .allow)
        #expect(driver.measured == ["/work/proj"])
    }

    /// A report that is in (here it lands before the repository's rules) applies.
    @Test func twoOpenBoundariesMakeTheWorkspaceReadOnly() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.boundaryReport = { _ in Self.report(notClear: 2) }
        driver.open(MachineDriver.agent, pid: 600)
        let answer = driver.submit("touch notes.txt", at: 1).answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.source == .mode(.readOnly))
        #expect(answer?.reason.contains("2 boundaries not clear") == true)
        #expect(driver.measured == ["/work/proj"])  // the action's cwd, no workspace root given; once
        #expect(driver.submit("ls", at: 2).answers.first?.decision == .allow)
    }

    @Test func stopDeniesWhatIsNotALowRiskRead() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.boundaryReport = { _ in Self.report(notClear: 3) }
        driver.openAgentAndConsole()
        let answer = driver.submit("curl https://example.com", at: 1).answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.reason.contains("airlock doctor") == true)
        #expect(driver.machine.pendingCount == 0)
    }

    @Test func anOldReportIsMeasuredAgainAndIgnoredBoundariesAreNeverMeasured() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.open(MachineDriver.agent, pid: 600)
        _ = driver.submit("ls")
        _ = driver.submit("ls", at: 30)
        _ = driver.submit("ls", at: 61)
        #expect(driver.measured == ["/work/proj", "/work/proj"])

        var ignoring = MachineDriver()
        ignoring.boundaryReport = { _ in Self.report(notClear: 5) }
        ignoring.open(MachineDriver.agent, pid: 600)
        #expect(ignoring.submit("touch notes.txt").answers.first?.decision == .allow)
        #expect(ignoring.measured.isEmpty)
    }
}
