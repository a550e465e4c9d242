import AirlockCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Decides without the broker, from `Classifier` and the static policy (workspace-edit mode,
/// no rules or exceptions), when the broker is down, answers garbage or answers too late.
///
/// - Allowed: what policy allows with low risk (reads, status checks, …).
/// - Denied, with how to start Airlock: hard-floor actions, high or critical risk, and what
///   policy denies.
/// - The rest (medium risk, or what would wait for a human): `Default.deny` unless
///   `AIRLOCK_FALLBACK=allow-low`, which also allows low-risk actions that policy would have
///   asked a human about.
public struct LocalFallback: Sendable {
    /// What to do with actions neither clearly safe nor clearly dangerous.
    public enum Default: String, Sendable {
        case deny
        case allowLow = "allow-low"
    }

    public static let startHint = "run `airlock serve` and retry"

    public var defaultPolicy: Default
    public var host: HostFacts
    public var now: Date

    public init(defaultPolicy: Default = .deny, host: HostFacts = HostFacts(), now: Date = Date()) {
        self.defaultPolicy = defaultPolicy
        self.host = host
        self.now = now
    }

    /// Reads `AIRLOCK_FALLBACK`; an unknown value keeps the safe default.
    public init(environment: [String: String], host: HostFacts = HostFacts(), now: Date = Date()) {
        self.init(
            defaultPolicy: environment["AIRLOCK_FALLBACK"].flatMap(Default.init(rawValue:)) ?? .deny, host: host,
            now: now)
    }

    /// The local answer; `why` says what went wrong with the broker.
    public func decide(_ action: Action, why: String) -> HookAnswer {
        let assessment = Classifier.assess(action, host: host)
        let decision = PolicyEngine.evaluate(action, assessment, context: PolicyContext(mode: .workspaceEdit, now: now))
        let prefix = "Airlock decided locally because \(why)."
        if decision.verdict == .allow, assessment.risk == .low {
            return .allow("\(prefix) \(decision.reason)")
        }
        if assessment.isHardFloor || assessment.risk >= .high || decision.verdict == .deny {
            return .deny(
                "\(prefix) Denied: \(assessment.summary) (risk \(assessment.risk)) needs the Airlock broker to approve it; "
                    + "ask the user to \(Self.startHint).")
        }
        if defaultPolicy == .allowLow, assessment.risk == .low {
            return .allow("\(prefix) Allowed under AIRLOCK_FALLBACK=allow-low: \(assessment.summary).")
        }
        return .deny(
            "\(prefix) Denied: \(assessment.summary) (risk \(assessment.risk)) needs a human decision and the broker "
                + "is unavailable; ask the user to \(Self.startHint), or do without it.")
    }

    /// The answer to a hook input that could not be read at all.
    public static func unreadable(_ error: HookError) -> HookAnswer {
        .deny(
            "Airlock denied this tool call: \(error). Airlock cannot check what it cannot read; retry the call, "
                + "and if it keeps failing ask the user to update Airlock's hook.")
    }
}
