/// Where a queued action comes from, for a console that reviews a whole team's queue: the
/// user and machine whose agent asked, and the broker holding it. Absent for an action of the
/// console's own broker on one machine.
public struct ActionOrigin: Codable, Equatable, Sendable {
    public var user: String
    public var host: String
    /// The broker that holds the waiting hook (its id in the team's store).
    public var broker: String

    public init(user: String, host: String, broker: String) {
        self.user = user
        self.host = host
        self.broker = broker
    }

    /// "alice@build-7", as consoles label the action.
    public var label: String { "\(user)@\(host)" }
}
