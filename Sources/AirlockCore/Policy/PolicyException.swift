import FoundationEssentials

/// A time-boxed human decision: effect × scope × binding × expiry.
public struct PolicyException: Codable, Sendable, Equatable, Identifiable {
    /// Where it applies; a one-key object on the wire and on disk (`PolicyException+Coding.swift`).
    public enum Binding: Sendable, Equatable, Hashable {
        case session(String)
        case repository(String)
        case everywhere

        public var summary: String {
            switch self {
            case .session(let id): "session \(id.prefix(12))"
            case .repository(let root): "repo \(root)"
            case .everywhere: "everywhere"
            }
        }
    }

    public var id: String
    public var effect: PolicyRule.Effect
    public var scope: Scope
    public var binding: Binding
    public var createdAt: Date
    public var expiresAt: Date
    /// Uses left; nil means unlimited until expiry.
    public var usesLeft: Int?
    public var grantedBy: String
    public var reason: String
    public var revokedAt: Date?
    /// Who ended it early, when someone did.
    public var revokedBy: String?
    /// The broker's MAC over what the grant decided (`ExceptionSealer` in AirlockStore), so a
    /// row written around the broker is told apart from one it granted; nil until sealed.
    public var seal: String?

    public init(
        id: String, effect: PolicyRule.Effect, scope: Scope, binding: Binding, createdAt: Date, expiresAt: Date,
        usesLeft: Int? = nil, grantedBy: String, reason: String, revokedAt: Date? = nil, revokedBy: String? = nil,
        seal: String? = nil
    ) {
        self.id = id
        self.effect = effect
        self.scope = scope
        self.binding = binding
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usesLeft = usesLeft
        self.grantedBy = grantedBy
        self.reason = reason
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
        self.seal = seal
    }

    /// In force at `now`: not revoked, not expired, uses left.
    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && now < expiresAt && (usesLeft ?? 1) > 0
    }

    public func binds(_ action: Action) -> Bool {
        switch binding {
        case .session(let id): return action.session == id
        case .repository(let root): return action.workspaceRoot == root
        case .everywhere: return true
        }
    }

    public func covers(_ action: Action, _ assessment: Assessment, at now: Date) -> Bool {
        isActive(at: now) && binds(action) && scope.covers(action, assessment)
    }
}

/// Why a proposed exception may not be granted.
public enum ExceptionProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case noExpiry
    case expiryBeyondCap(maximumSeconds: Int)
    case hardFloorAllow(Category)
    case integrityFloor
    case wholeServerAllow

    public var description: String {
        switch self {
        case .noExpiry: "an exception must expire"
        case .expiryBeyondCap(let seconds): "an exception may last at most \(seconds / 60) minutes"
        case .hardFloorAllow(let category):
            "\(category.rawValue) is on the hard floor: it cannot get an allow exception, only a decision per action"
        case .integrityFloor: "Airlock's own files and hooks cannot get an allow exception"
        case .wholeServerAllow: "approve an MCP tool, never a whole server"
        }
    }
}

extension PolicyException {
    /// Checks a proposed exception against the rules every grant must keep. `sample` is the
    /// assessment of the action it was made from, when there is one.
    public func validate(now: Date, maximumSeconds: Int = 8 * 3600, sample: Assessment? = nil) throws(ExceptionProblem)
    {
        guard expiresAt > now else { throw .noExpiry }
        guard expiresAt.timeIntervalSince(now) <= Double(maximumSeconds) + 1 else {
            throw .expiryBeyondCap(maximumSeconds: maximumSeconds)
        }
        guard effect == .allow else { return }
        if case .category(let category) = scope {
            if category == .selfModification { throw .integrityFloor }
            if category.isHardFloor { throw .hardFloorAllow(category) }
        }
        if case .mcpTool(_, nil) = scope { throw .wholeServerAllow }
        if let sample {
            if sample.categories.contains(.selfModification) { throw .integrityFloor }
            if let floor = sample.categories.first(where: \.isHardFloor) { throw .hardFloorAllow(floor) }
        }
    }
}
