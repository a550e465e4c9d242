import AirlockCore
import FoundationEssentials
import Testing

/// The broker applies the stricter of the chosen mode and what the boundaries recommend.
@Suite struct BoundaryPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func report(notClear: Int) -> BoundaryReport {
        BoundaryReport(
            workspace: "/w",
            boundaries: BoundaryKind.allCases.enumerated().map { index, kind in
                Boundary(kind: kind, state: index < notClear ? .fuzzy : .clear)
            })
    }

    func decide(_ command: String, mode: Mode, notClear: Int?) -> Decision {
        let action = Action(cwd: "/w", workspaceRoot: "/w", kind: .shell(command: command))
        return PolicyEngine.evaluate(
            action, Classifier.assess(action), context: PolicyContext(mode: mode, now: Self.now),
            boundaries: notClear.map { Self.report(notClear: $0) })
    }

    @Test func notMeasuredOrAllClearKeepsTheChosenMode() {
        let unmeasured = decide("npm test", mode: .autoLoop, notClear: nil)
        #expect(unmeasured == decide("npm test", mode: .autoLoop, notClear: 0))
        #expect(unmeasured.verdict == .allow)
    }

    @Test func twoNotClearIsReadOnly() {
        let decision = decide("touch notes.txt", mode: .autoLoop, notClear: 2)
        let readOnly = decide("touch notes.txt", mode: .readOnly, notClear: nil)
        #expect(decision.verdict == .deny)
        #expect(decision.source == readOnly.source)
        #expect(
            decision.reason == readOnly.reason + " (mode read-only, not auto-loop: 2 boundaries not clear "
                + "(repository trust fuzzy, files and secrets fuzzy); see `airlock doctor`)")
        #expect(decide("ls", mode: .autoLoop, notClear: 2).verdict == .allow)
    }

    @Test func oneNotClearStopsTheUnattendedLoop() {
        let loop = decide("npm test", mode: .autoLoop, notClear: 0)
        let interactive = decide("npm test", mode: .autoLoop, notClear: 1)
        let edit = decide("npm test", mode: .workspaceEdit, notClear: nil)
        #expect(loop.source == .mode(.autoLoop))
        #expect(interactive.verdict == edit.verdict)
        #expect(interactive.source == edit.source)
        #expect(interactive.source != loop.source)
        #expect(decide("npm test", mode: .readOnly, notClear: 1) == decide("npm test", mode: .readOnly, notClear: nil))
    }

    @Test func stopDeniesAllButLowRiskReadsAndNamesTheBoundaries() {
        #expect(decide("cat README.md", mode: .workspaceEdit, notClear: 3).verdict == .allow)
        let denied = decide("npm install left-pad", mode: .workspaceEdit, notClear: 3)
        #expect(denied.verdict == .deny)
        #expect(denied.reason.contains("3 boundaries not clear (repository trust fuzzy, files and secrets fuzzy"))
        #expect(denied.reason.contains("airlock doctor"))
    }

    @Test func stopLeavesAHumansExceptionsAndTheHardFloorsAskStanding() {
        let action = Action(cwd: "/w", workspaceRoot: "/w", kind: .shell(command: "rm -rf build"))
        let grant = PolicyException(
            id: "x1", effect: .allow, scope: .commandPrefix(["rm", "-rf", "build"]), binding: .everywhere,
            createdAt: Self.now, expiresAt: Self.now.addingTimeInterval(600), grantedBy: "reviewer",
            reason: "clean build")
        let context = PolicyContext(mode: .workspaceEdit, exceptions: [grant], now: Self.now)
        let granted = PolicyEngine.evaluate(
            action, Classifier.assess(action), context: context, boundaries: Self.report(notClear: 3))
        #expect(granted.verdict == .allow)
        #expect(granted.source == .exception("x1"))

        let deploy = decide("terraform apply -auto-approve", mode: .workspaceEdit, notClear: 5)
        #expect(deploy == decide("terraform apply -auto-approve", mode: .workspaceEdit, notClear: nil))
        #expect(deploy.verdict == .ask)
    }
}
