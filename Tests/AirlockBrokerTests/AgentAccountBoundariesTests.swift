import AirlockCore
import AirlockWire
import Foundation
import Testing

@testable import AirlockBroker

/// In the separated deployment the broker runs as its own user: each workspace's boundaries are
/// measured for the account the kernel names for the submitting connection, and measured again
/// when another account submits there (a report for one account never decides for another).
@Suite struct AgentAccountBoundariesTests {
    static func separated() -> MachineDriver {
        var driver = MachineDriver {
            $0.appliesBoundaries = true
            $0.reviewSocketPath = "/run/airlock/review.sock"
        }
        driver.boundaryReport = { _ in BoundaryModeTests.report(BoundaryModeTests.clear, trusted: true) }
        return driver
    }

    @Test func eachSubmittingAccountsOwnBoundariesAreMeasured() {
        var driver = Self.separated()
        let other = ConnectionID(4)
        driver.open(MachineDriver.agent, pid: 600, uid: 1001, listener: .agent)
        driver.open(other, pid: 601, uid: 1002, listener: .agent)
        _ = driver.submit("ls", at: 0)
        _ = driver.submit("cat README.md", at: 1)
        #expect(driver.measuredFor == [1001], "measured once, for the agent that submitted")
        _ = driver.submit("ls", on: other, at: 2)
        #expect(driver.measuredFor == [1001, 1002], "another account: measured again, for it")
        _ = driver.submit("ls", at: 3)
        #expect(driver.measuredFor == [1001, 1002, 1001])
    }

    @Test func aMeasurementForTheOtherAccountInFlightIsNotUsed() {
        var driver = Self.separated()
        driver.defersBoundaries = true
        let other = ConnectionID(4)
        driver.open(MachineDriver.agent, pid: 600, uid: 1001, listener: .agent)
        driver.open(other, pid: 601, uid: 1002, listener: .agent)
        _ = driver.submit("ls", at: 0)
        _ = driver.submit("ls", on: other, at: 0.1)
        // The first account's report arrives after the second account submitted: dropped, and
        // measured again for the second.
        driver.unansweredMeasurements = []
        let stale = driver.handle(
            .boundariesMeasured(
                workspace: "/work/proj", report: BoundaryModeTests.report(BoundaryModeTests.clear, trusted: true),
                now: driver.at(0.2)), at: driver.at(0.2))
        #expect(stale.answers.isEmpty)
        #expect(stale.contains(.measureBoundaries(workspace: "/work/proj", account: 1002)), "\(stale)")
    }

    @Test func theSameUserBrokerMeasuresForItsOwnUser() {
        var driver = MachineDriver { $0.appliesBoundaries = true }
        driver.boundaryReport = { _ in BoundaryModeTests.report(BoundaryModeTests.clear, trusted: true) }
        driver.open(MachineDriver.agent, pid: 600, uid: 1001)
        _ = driver.submit("ls", at: 0)
        #expect(driver.measuredFor == [nil])
    }
}
