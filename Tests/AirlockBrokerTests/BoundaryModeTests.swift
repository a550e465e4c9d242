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
        var driver = MachineDriver { $0.boundaryReport = { _ in nil } }
        driver.open(MachineDriver.agent, pid: 600)
        #expect(driver.submit("touch notes.txt").answers.first?.decision == .allow)
    }

    @Test func twoOpenBoundariesMakeTheWorkspaceReadOnly() {
        let asked = LockedBox(Set<String>())
        var driver = MachineDriver { configuration in
            configuration.boundaryReport = { workspace in
                asked.withLock { _ = $0.insert(workspace) }
                return Self.report(notClear: 2)
            }
        }
        driver.open(MachineDriver.agent, pid: 600)
        let answer = driver.submit("touch notes.txt").answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.source == "mode:read-only")
        #expect(answer?.reason.contains("2 boundaries not clear") == true)
        #expect(asked.withLock { $0 } == ["/work/proj"])  // the action's cwd, no workspace root given
        #expect(driver.submit("ls").answers.first?.decision == .allow)
    }

    @Test func stopDeniesWhatIsNotALowRiskRead() {
        var driver = MachineDriver { $0.boundaryReport = { _ in Self.report(notClear: 3) } }
        driver.openAgentAndConsole()
        let answer = driver.submit("curl https://example.com").answers.first
        #expect(answer?.decision == .deny)
        #expect(answer?.reason.contains("airlock doctor") == true)
        #expect(driver.machine.pendingCount == 0)
    }
}

/// A lock around a value, for closures the state machine calls.
final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R { lock.withLock { body(&value) } }
}
