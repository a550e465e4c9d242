import AirlockCore
import FoundationEssentials

/// The answer to `status`: a health line for `airlock status` and tmux.
public struct StatusResult: Codable, Equatable, Sendable {
    public var protocolVersion: Int
    public var brokerVersion: String
    public var pending: Int
    public var subscribers: Int
    public var connections: Int
    public var exceptions: Int
    public var mode: Mode
    public var waitForConsole: Bool
    public var reviewWindowSeconds: Int
    public var uptimeSeconds: Double
    /// The store's health; absent from brokers before team stores (read as ok).
    public var store: StoreHealth?
    /// Actions denied without a human (rules, modes, floors, no console, timeouts) since
    /// `automaticDenialsSince`: when the longest-open console subscribed, else when the last
    /// one left (or the broker started). A refused agent is never invisible.
    public var automaticDenials: Int?
    public var automaticDenialsSince: Date?
    /// Stored exceptions the broker refused to use (not sealed, or breaking a grant rule).
    public var rejectedExceptions: [RejectedException]?
    /// Which deployment: `same-user` (one socket for everyone of its user) or `separated`
    /// (agent and review sockets, the broker as Airlock's system user).
    public var deployment: String?
    /// The reviewer this connection is taken for, if any (from the connection, never the client).
    public var reviewer: String?

    public init(
        protocolVersion: Int = WireProtocol.version, brokerVersion: String, pending: Int, subscribers: Int,
        connections: Int,
        exceptions: Int, mode: Mode, waitForConsole: Bool, reviewWindowSeconds: Int, uptimeSeconds: Double,
        store: StoreHealth? = nil, automaticDenials: Int? = nil, automaticDenialsSince: Date? = nil,
        rejectedExceptions: [RejectedException]? = nil, deployment: String? = nil, reviewer: String? = nil
    ) {
        self.automaticDenials = automaticDenials
        self.automaticDenialsSince = automaticDenialsSince
        self.protocolVersion = protocolVersion
        self.brokerVersion = brokerVersion
        self.pending = pending
        self.subscribers = subscribers
        self.connections = connections
        self.exceptions = exceptions
        self.mode = mode
        self.waitForConsole = waitForConsole
        self.reviewWindowSeconds = reviewWindowSeconds
        self.uptimeSeconds = uptimeSeconds
        self.store = store
        self.rejectedExceptions = rejectedExceptions
        self.deployment = deployment
        self.reviewer = reviewer
    }
}
