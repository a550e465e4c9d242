import AirlockCore
import AirlockWire
import FoundationEssentials

/// A time-boxed exception being put together in the `t` / `T` panel, made from one pending action.
struct ExceptionDraft: Equatable, Sendable {
    /// The TTL presets on the number keys 1–5.
    static let ttlPresets: [(label: String, seconds: Int)] = [
        ("5m", 300), ("15m", 900), ("1h", 3600), ("4h", 4 * 3600), ("8h", 8 * 3600),
    ]
    /// The cap a grant may not exceed (the broker's default `maximumExceptionSeconds`).
    static let maximumSeconds = 8 * 3600

    var effect: PolicyRule.Effect
    var source: QueuedAction
    var choices: [ScopeChoice]
    var scopeIndex = 0
    var ttlIndex = 0
    /// Bound to the agent's session rather than the whole repository.
    var bindsSession: Bool
    var reason = ""
    /// A deny exception starts by asking for the reason the agent will get.
    var isEditingReason: Bool
    /// Coverage: pending actions it would resolve now.
    var coveredPending = 0
    /// Coverage: logged actions it would have matched, of how many looked at (nil until loaded).
    var coveredRecent: (matched: Int, of: Int)?

    static func == (lhs: ExceptionDraft, rhs: ExceptionDraft) -> Bool {
        lhs.effect == rhs.effect && lhs.source == rhs.source && lhs.scopeIndex == rhs.scopeIndex
            && lhs.ttlIndex == rhs.ttlIndex && lhs.bindsSession == rhs.bindsSession && lhs.reason == rhs.reason
            && lhs.isEditingReason == rhs.isEditingReason && lhs.coveredPending == rhs.coveredPending
            && lhs.coveredRecent?.matched == rhs.coveredRecent?.matched
            && lhs.coveredRecent?.of == rhs.coveredRecent?.of
    }

    init(effect: PolicyRule.Effect, source: QueuedAction) {
        self.effect = effect
        self.source = source
        self.choices = ScopeChoice.choices(for: source)
        self.bindsSession = source.action.session != nil
        self.isEditingReason = effect == .deny
    }

    var choice: ScopeChoice { choices[min(scopeIndex, choices.count - 1)] }
    var ttlSeconds: Int { Self.ttlPresets[ttlIndex].seconds }

    var binding: PolicyException.Binding {
        let action = source.action
        if bindsSession, !choice.forcesRepository, let session = action.session { return .session(session) }
        if let root = action.workspaceRoot { return .repository(root) }
        if let session = action.session { return .session(session) }
        return .everywhere
    }

    /// The exception as the broker would store it, for coverage and the grant rules.
    func exception(now: Date, reviewer: String) -> PolicyException {
        PolicyException(
            id: "draft", effect: effect, scope: choice.scope, binding: binding, createdAt: now,
            expiresAt: now.addingTimeInterval(Double(ttlSeconds)), grantedBy: reviewer, reason: reason)
    }

    /// Why the broker would refuse it (the same rules: `PolicyException.validate`), or nil.
    func problem(now: Date, reviewer: String) -> ExceptionProblem? {
        do {
            try exception(now: now, reviewer: reviewer).validate(
                now: now, maximumSeconds: Self.maximumSeconds, sample: effect == .allow ? source.assessment : nil)
            return nil
        } catch {
            return error
        }
    }

    /// What the reviewer asks the broker for.
    func grant(reviewer: String) -> ExceptionGrant {
        let text = reason.isEmpty ? "time-boxed \(effect.rawValue) granted by \(reviewer) in the console" : reason
        return ExceptionGrant(
            effect: effect, scope: choice.scope, binding: binding, ttlSeconds: ttlSeconds, reason: text)
    }

    /// Counts what it covers: pending actions now, and logged actions it would have matched.
    mutating func measureCoverage(queue: PendingQueue, recent: [RecentAction]?, now: Date, reviewer: String) {
        let candidate = exception(now: now, reviewer: reviewer)
        coveredPending = queue.count(coveredBy: candidate, at: now)
        coveredRecent = recent.map { actions in
            (
                actions.count { candidate.binds($0.action) && candidate.scope.covers($0.action, $0.assessment) },
                actions.count
            )
        }
    }
}
