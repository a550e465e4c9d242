import AirlockCore

/// An exception a reviewer asks for. The broker fills in the id, the creation time and the
/// expiry (from `ttlSeconds`, on its own clock) and checks it against the grant rules.
public struct ExceptionGrant: Codable, Equatable, Sendable {
    public var effect: PolicyRule.Effect
    public var scope: Scope
    public var binding: PolicyException.Binding
    public var ttlSeconds: Int
    public var usesLeft: Int?
    public var reason: String

    public init(
        effect: PolicyRule.Effect, scope: Scope, binding: PolicyException.Binding, ttlSeconds: Int,
        usesLeft: Int? = nil,
        reason: String
    ) {
        self.effect = effect
        self.scope = scope
        self.binding = binding
        self.ttlSeconds = ttlSeconds
        self.usesLeft = usesLeft
        self.reason = reason
    }
}
