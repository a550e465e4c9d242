/// A standing allow or deny from a policy file (policy steps 2 and 6 in the README's "How it
/// decides").
public struct PolicyRule: Codable, Sendable, Equatable {
    public enum Effect: String, Codable, Sendable { case allow, deny }
    /// Whose file it came from; a one-key object when encoded (`PolicyRule+Coding.swift`).
    public enum Origin: Sendable, Equatable {
        /// The user's own `policy.toml`.
        case user
        /// A repository's `.airlock/policy.toml`; its allow rules count only once trusted.
        case repository(trusted: Bool)
    }

    public var id: String
    public var effect: Effect
    public var scope: Scope
    public var origin: Origin
    /// Shown to the agent on deny and to the reviewer.
    public var reason: String?

    public init(id: String, effect: Effect, scope: Scope, origin: Origin = .user, reason: String? = nil) {
        self.id = id
        self.effect = effect
        self.scope = scope
        self.origin = origin
        self.reason = reason
    }

    /// A repository may only tighten: its allow rules are ignored until the user trusts the file.
    public var isEffective: Bool {
        if effect == .allow, case .repository(let trusted) = origin { return trusted }
        return true
    }
}
