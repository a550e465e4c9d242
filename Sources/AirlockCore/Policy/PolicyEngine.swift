import FoundationEssentials

/// Everything policy needs besides the action: the mode, the rules, the exceptions, the time.
public struct PolicyContext: Sendable {
    public var mode: Mode
    public var rules: [PolicyRule]
    public var exceptions: [PolicyException]
    public var now: Date
    /// The harness's own sandbox settings for the action's workspace, when measured: they say
    /// whether a request to leave the sandbox can take effect. Nil: not known, so it can.
    public var harnessSandbox: HarnessSandbox?

    public init(
        mode: Mode = .workspaceEdit, rules: [PolicyRule] = [], exceptions: [PolicyException] = [], now: Date,
        harnessSandbox: HarnessSandbox? = nil
    ) {
        self.mode = mode
        self.rules = rules
        self.exceptions = exceptions
        self.now = now
        self.harnessSandbox = harnessSandbox
    }
}

/// Evaluates policy in the order the README gives ("How it decides"); the first step that
/// matches decides: integrity floor, deny rules, deny exceptions, hard floor, leaving the
/// harness's sandbox, allow exceptions, allow rules, mode defaults, then a human. Nothing after
/// the hard floor can allow a hard-floor action, nor a command that asks to run outside the
/// harness's sandbox.
public enum PolicyEngine {
    public static func evaluate(_ action: Action, _ assessment: Assessment, context: PolicyContext) -> Decision {
        // 1. Integrity floor: nothing overrides it.
        if assessment.categories.contains(.selfModification) {
            let why =
                assessment.findings.first { $0.categories.contains(.selfModification) }?.reason
                ?? "touches Airlock's own files"
            return Decision(
                .deny,
                reason: "Denied: \(why). Agents may not change Airlock or their own hooks; ask the user to do it.",
                source: .integrityFloor)
        }
        let rules = context.rules.filter(\.isEffective)
        // 2. Deny rules, user and repository alike.
        if let rule = rules.first(where: { $0.effect == .deny && $0.scope.covers(action, assessment) }) {
            return Decision(
                .deny, reason: "Denied by policy rule \(rule.id)" + (rule.reason.map { ": \($0)" } ?? "."),
                source: .rule(rule.id))
        }
        // 3. Active deny exceptions: the reviewer's reason, without asking again.
        if let exception = context.exceptions.first(where: {
            $0.effect == .deny && $0.covers(action, assessment, at: context.now)
        }) {
            return Decision(
                .deny, reason: "Denied by \(exception.grantedBy): \(exception.reason)",
                source: .exception(exception.id))
        }
        // 4. Hard floor: a human decides for this very action.
        if assessment.isHardFloor {
            let floor = assessment.categories.filter(\.isHardFloor).map(\.rawValue).joined(separator: ", ")
            return Decision(
                .ask, reason: "\(floor) needs a human decision for this action: \(assessment.summary)",
                source: .hardFloor)
        }
        // 4b. A command that asks to run outside the harness's sandbox leaves the boundary the
        // deployment relies on (docs/security.md): a human decides, unless the harness's settings
        // make the request void.
        if action.asksToLeaveSandbox, context.harnessSandbox?.voidsEscapeRequests != true {
            return Decision(
                .ask,
                reason: "The agent asks to run this command outside \(harnessName(action.harness))'s sandbox "
                    + "(\(Action.sandboxEscapeKey)), leaving the boundary Airlock relies on; a human decides: "
                    + assessment.summary,
                source: .sandboxEscape)
        }
        // 5. Active allow exceptions.
        if let exception = context.exceptions.first(where: {
            $0.effect == .allow && $0.covers(action, assessment, at: context.now)
        }) {
            return Decision(
                .allow,
                reason:
                    "Allowed by \(exception.grantedBy)'s exception until \(exception.expiresAt): \(exception.reason)",
                source: .exception(exception.id))
        }
        // 6. Allow rules (a repository's only when trusted; filtered above).
        if let rule = rules.first(where: { $0.effect == .allow && $0.scope.covers(action, assessment) }) {
            return Decision(
                .allow, reason: "Allowed by policy rule \(rule.id)" + (rule.reason.map { ": \($0)" } ?? "."),
                source: .rule(rule.id))
        }
        // 7. Mode defaults, never allowing what is risky, unsure or aimed at production.
        let (verdict, category) = ModeDefaults.verdict(for: assessment.categories, in: context.mode)
        let what = category.map { "\($0.rawValue) in \(context.mode.rawValue) mode" } ?? context.mode.rawValue
        switch verdict {
        case .deny:
            return Decision(
                .deny, reason: "Denied: \(what) is not allowed (\(assessment.summary)).", source: .mode(context.mode))
        case .allow where assessment.risk < .high && !assessment.isUnsure && assessment.productionMarkers.isEmpty:
            return Decision(.allow, reason: "Allowed: \(what) (\(assessment.summary)).", source: .mode(context.mode))
        default:
            // 8. A human, with a deadline.
            return Decision(.ask, reason: "Needs a human: \(assessment.summary) (\(what)).", source: .unmatched)
        }
    }

    private static func harnessName(_ harness: String) -> String {
        harness == "claude" ? "Claude Code" : "the harness"
    }
}
