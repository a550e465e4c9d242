/// Airlock's answer to a hook: allow or deny, never ask, with words the agent can act on.
public struct HookAnswer: Sendable, Equatable {
    public var allows: Bool
    public var reason: String

    public init(allows: Bool, reason: String) {
        self.allows = allows
        self.reason = reason
    }

    public static func allow(_ reason: String) -> HookAnswer { HookAnswer(allows: true, reason: reason) }
    public static func deny(_ reason: String) -> HookAnswer { HookAnswer(allows: false, reason: reason) }
}
