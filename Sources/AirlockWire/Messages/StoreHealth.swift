/// How the broker's store is doing, for `airlock status`, `doctor` and the console's status
/// line. A one-machine SQLite store is always `ok`; a team store is `degraded` while the
/// database cannot be reached: the broker answers from what it last knew, exceptions only
/// within their staleness window, and keeps decisions in a local journal.
public struct StoreHealth: Codable, Equatable, Sendable {
    public enum State: String, Codable, Sendable {
        case ok
        case degraded
    }

    public var state: State
    /// What the store is ("sqlite", "postgres alice@db.example:5432/airlock").
    public var store: String
    /// Why it is degraded; nil when ok.
    public var reason: String?
    /// Decisions waiting in the local journal for the database.
    public var journaled: Int

    public init(state: State, store: String, reason: String? = nil, journaled: Int = 0) {
        self.state = state
        self.store = store
        self.reason = reason
        self.journaled = journaled
    }

    public static let sqlite = StoreHealth(state: .ok, store: "sqlite")

    /// "degraded: the team database is unreachable (3 decisions journaled)", or "ok".
    public var summary: String {
        guard state == .degraded else { return "ok" }
        let journal = journaled > 0 ? " (\(journaled) decisions journaled)" : ""
        return "degraded: \(reason ?? "the team database is unreachable")\(journal)"
    }
}
