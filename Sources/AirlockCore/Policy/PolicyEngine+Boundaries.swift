/// Policy under a workspace's five boundaries (docs/doctor.md, "From boundaries to a mode"): the
/// stricter of the chosen mode and the one the boundaries recommend. An untrusted repository is
/// read-only, where what mutates asks a human; an open boundary stops what the mode alone would
/// decide (denied, naming the boundary) except a low-risk read, while rules, exceptions and the
/// hard floor's ask to a human stand.
extension PolicyEngine {
    /// `boundaries` nil: not measured (or ignored by the user), and the chosen mode stands.
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
            let open = boundaries.boundaries.filter { $0.state == .open }
            let step = open.first?.nextStep.map { " First: \($0)." } ?? ""
            return Decision(
                .deny,
                reason: "Denied: \(describe(open)) in \(boundaries.workspace), so Airlock stops everything but "
                    + "low-risk reads here. Ask the user to run `airlock doctor` in that directory and fix it.\(step)",
                source: .mode(.readOnly))
        }
        guard mode != context.mode else { return evaluate(action, assessment, context: context) }
        stricter.mode = mode
        var decision = evaluate(action, assessment, context: stricter)
        switch decision.source {
        case .mode, .unmatched: decision.reason += note(boundaries, mode: mode, chosen: context.mode)
        default: break
        }
        return decision
    }

    /// Why the mode is stricter than the chosen one, and for an untrusted repository how to trust it.
    static func note(_ report: BoundaryReport, mode: Mode, chosen: Mode) -> String {
        if !report.isTrusted {
            return " (read-only, not \(chosen.rawValue): \(report.workspace) is not a trusted repository; "
                + "`airlock trust \(ShellQuote.word(report.workspace))` or the console's `w` key trusts it)"
        }
        let weak = report.boundaries.filter { $0.state != .clear }
        return " (mode \(mode.rawValue), not \(chosen.rawValue): \(describe(weak)); see `airlock doctor`)"
    }

    /// "2 boundaries fuzzy (repository trust, command execution)", "1 boundary open (files and secrets)".
    static func describe(_ boundaries: [Boundary]) -> String {
        let states = Set(boundaries.map(\.state))
        let word = states.count == 1 ? (states.first?.rawValue ?? "") : "not clear"
        let names = boundaries.map { $0.kind.rawValue.split(separator: "_").joined(separator: " ") }
        let plural = boundaries.count == 1 ? "boundary" : "boundaries"
        return "\(boundaries.count) \(plural) \(word) (\(names.joined(separator: ", ")))"
    }
}
