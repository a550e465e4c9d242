import AirlockWire

/// What a broker in team mode needs beyond a lone broker's configuration.
public struct TeamSettings: Sendable {
    /// This broker's user, host and id, as other consoles label its actions.
    public var origin: ActionOrigin
    /// How long after the last good read of the team's exceptions this broker still applies
    /// allow exceptions while the database is unreachable; after it, what they would allow is
    /// asked for again. Deny exceptions stay: they only make the broker stricter.
    public var exceptionStaleness: Duration

    public init(origin: ActionOrigin, exceptionStaleness: Duration = .seconds(30)) {
        self.origin = origin
        self.exceptionStaleness = exceptionStaleness
    }
}
