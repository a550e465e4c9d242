/// Policy under a workspace's five boundaries (docs/doctor.md): the stricter of the chosen mode and
/// the one the boundaries recommend; when they say stop, what the mode alone would decide is
/// denied (naming the boundaries) except a low-risk read, while rules, exceptions and the hard
/// floor's ask to a human stand.
extension PolicyEngine {
    /// `boundaries` nil: not measured yet (or ignored by the user), and the chosen mode stands.
    /// The report also carries the harness's sandbox settings, which policy needs for a request
    /// to leave the sandbox.
    public static func evaluate(
        _ action: Action, _ assessment: Assessment, context: PolicyContext, boundaries: BoundaryReport?
    ) -> Decision {
        guard let boundaries else { return evaluate(action, assessment, context: context) }
        var context = context
        context.harnessSandbox = context.harnessSandbox ?? boundaries.sandbox(for: action.harness)
        var stricter = context
        guard let mode = boundaries.recommendation.effectiveMode(chosen: context.mode) else {
            stricter.mode = .readOnly
            let decision = evaluate(action, assessment, context: stricter)
            let isLowRiskRead = assessment.risk == .low && assessment.blastRadius == .none
            // Stop overrides the mode's own answers only. Floors, rules, time-boxed exceptions
            // and the hard floor's ask are instruments a human set or decides, and they stand.
            switch decision.source {
            case .mode, .unmatched: break
            default: return decision
            }
            if decision.verdict == .allow && isLowRiskRead { return decision }
            return Decision(
                .deny,
                reason: "Denied: \(notClear(boundaries)) in \(boundaries.workspace), so Airlock stops everything but "
                    + "low-risk reads here. Ask the user to run `airlock doctor` in that directory and fix them.",
                source: .mode(.readOnly))
        }
        guard mode != context.mode else { return evaluate(action, assessment, context: context) }
        stricter.mode = mode
        var decision = evaluate(action, assessment, context: stricter)
        if decision.source == .mode(mode) {
            decision.reason +=
                " (mode \(mode.rawValue), not \(context.mode.rawValue): \(notClear(boundaries)); see `airlock doctor`)"
        }
        return decision
    }

    /// "3 boundaries not clear (repository trust fuzzy, files and secrets open, …)".
    static func notClear(_ report: BoundaryReport) -> String {
        let weak = report.boundaries.filter { $0.state != .clear }
        let names = weak.map { $0.kind.rawValue.split(separator: "_").joined(separator: " ") + " " + $0.state.rawValue }
        return "\(weak.count) boundar\(weak.count == 1 ? "y" : "ies") not clear (\(names.joined(separator: ", ")))"
    }
}
