import AirlockCore
import FoundationEssentials
import Testing

/// The table "From boundaries to a mode" in docs/doctor.md, one test row per table row, and
/// what policy then decides: the stricter of the chosen mode and what the boundaries recommend.
@Suite struct BoundaryPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func report(_ states: [BoundaryState], trusted: Bool) -> BoundaryReport {
        BoundaryReport(
            workspace: "/w",
            boundaries: zip(BoundaryKind.allCases, states).map { kind, state in
                Boundary(kind: kind, state: state, reasons: state == .clear ? [] : ["\(kind.rawValue) \(state)"])
            }, isTrusted: trusted)
    }

    static let clear: [BoundaryState] = [.clear, .clear, .clear, .clear, .clear]
    static let oneFuzzy: [BoundaryState] = [.clear, .clear, .fuzzy, .clear, .clear]
    static let allFuzzy: [BoundaryState] = [.fuzzy, .fuzzy, .fuzzy, .fuzzy, .fuzzy]
    static let oneOpen: [BoundaryState] = [.clear, .open, .clear, .clear, .clear]

    struct Row: Sendable, CustomTestStringConvertible {
        var states: [BoundaryState]
        var trusted: Bool
        var recommendation: BoundaryRecommendation
        /// The mode applied when the user chose auto-loop; nil is stop.
        var mode: Mode?
        var testDescription: String { "\(states.map(\.rawValue)) trusted \(trusted) → \(recommendation)" }
    }

    static let table: [Row] = [
        // An open boundary stops the agent, trusted or not.
        Row(states: oneOpen, trusted: true, recommendation: .stop, mode: nil),
        Row(states: oneOpen, trusted: false, recommendation: .stop, mode: nil),
        // Not trusted, nothing open: read-only, however many are fuzzy (they never add up to a stop).
        Row(states: clear, trusted: false, recommendation: .readOnly, mode: .readOnly),
        Row(states: allFuzzy, trusted: false, recommendation: .readOnly, mode: .readOnly),
        // Trusted, something fuzzy: approvals stay interactive (at most workspace-edit).
        Row(states: oneFuzzy, trusted: true, recommendation: .interactive, mode: .workspaceEdit),
        Row(states: allFuzzy, trusted: true, recommendation: .interactive, mode: .workspaceEdit),
        // Trusted, all clear: the chosen mode stands.
        Row(states: clear, trusted: true, recommendation: .chosenMode, mode: .autoLoop),
    ]

    @Test(arguments: table)
    func everyRowOfTheTable(_ row: Row) {
        let report = Self.report(row.states, trusted: row.trusted)
        #expect(report.recommendation == row.recommendation)
        #expect(report.recommendation.effectiveMode(chosen: .autoLoop) == row.mode)
        // A stricter chosen mode always stands.
        #expect(report.recommendation.effectiveMode(chosen: .readOnly) == (row.mode == nil ? nil : .readOnly))
        // Reads run in every row.
        #expect(decide("cat README.md", mode: .autoLoop, report).verdict == .allow)
        let edit = decide("touch notes.txt", mode: .autoLoop, report)
        switch row.mode {
        case nil: #expect(edit.verdict == .deny)
        case .readOnly?: #expect(edit.verdict == .ask)
        case .workspaceEdit?, .autoLoop?: #expect(edit.verdict == .allow)
        }
        #expect(
            decide("npm test", mode: .autoLoop, report).verdict
                == (row.mode == .autoLoop ? .allow : row.mode == nil ? .deny : .ask))
    }

    func decide(_ command: String, mode: Mode, _ report: BoundaryReport?) -> Decision {
        let action = Action(cwd: "/w", workspaceRoot: "/w", kind: .shell(command: command))
        return PolicyEngine.evaluate(
            action, Classifier.assess(action), context: PolicyContext(mode: mode, now: Self.now), boundaries: report)
    }

    @Test func notMeasuredKeepsTheChosenMode() {
        let unmeasured = decide("npm test", mode: .autoLoop, nil)
        #expect(unmeasured == decide("npm test", mode: .autoLoop, Self.report(Self.clear, trusted: true)))
        #expect(unmeasured.verdict == .allow)
    }

    @Test func anUntrustedRepositoryAsksAHumanAndSaysHowToTrustIt() {
        let decision = decide("touch notes.txt", mode: .workspaceEdit, Self.report(Self.clear, trusted: false))
        #expect(decision.verdict == .ask)
        #expect(decision.source == .unmatched)
        #expect(
            decision.reason.hasSuffix(
                "(read-only, not workspace-edit: /w is not a trusted repository; `airlock trust /w` or the console's "
                    + "`w` key trusts it)"))
    }

    @Test func readOnlyChosenByTheUserAsksForMutationsToo() {
        for command in ["touch notes.txt", "npm test", "npm install left-pad", "curl https://example.com"] {
            #expect(decide(command, mode: .readOnly, nil).verdict == .ask, "\(command)")
        }
        #expect(decide("ls -la", mode: .readOnly, nil).verdict == .allow)
    }

    @Test func aFuzzyBoundaryNamesItselfAndStopsTheUnattendedLoop() {
        let decision = decide("npm test", mode: .autoLoop, Self.report(Self.oneFuzzy, trusted: true))
        #expect(decision.verdict == .ask)
        #expect(decision.reason.contains("(mode workspace-edit, not auto-loop: 1 boundary fuzzy (command execution)"))
    }

    @Test func stopDeniesAllButLowRiskReadsAndNamesTheOpenBoundary() {
        let report = Self.report([.fuzzy, .open, .fuzzy, .clear, .clear], trusted: true)
        let denied = decide("npm install left-pad", mode: .workspaceEdit, report)
        #expect(denied.verdict == .deny)
        #expect(denied.reason.contains("1 boundary open (files and secrets) in /w"))
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
            action, Classifier.assess(action), context: context, boundaries: Self.report(Self.oneOpen, trusted: true))
        #expect(granted.verdict == .allow)
        #expect(granted.source == .exception("x1"))

        let report = Self.report([.open, .open, .open, .open, .open], trusted: false)
        let deploy = decide("terraform apply -auto-approve", mode: .workspaceEdit, report)
        #expect(deploy == decide("terraform apply -auto-approve", mode: .workspaceEdit, nil))
        #expect(deploy.verdict == .ask)
    }
}
