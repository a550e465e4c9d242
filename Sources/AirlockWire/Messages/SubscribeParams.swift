import AirlockCore

/// `subscribe`: become a console; `reviewer` names who is watching (for `status`).
public struct SubscribeParams: Codable, Equatable, Sendable {
    public var reviewer: String?

    public init(reviewer: String? = nil) {
        self.reviewer = reviewer
    }
}

/// The answer to `subscribe`: everything pending and in force now; notifications follow.
public struct SubscribeResult: Codable, Equatable, Sendable {
    public var protocolVersion: Int
    public var pending: [QueuedAction]
    public var exceptions: [PolicyException]
    public var mode: Mode
    public var reviewWindowSeconds: Int
    /// The store's health now; `storeHealthChanged` follows when it changes.
    public var store: StoreHealth?
    /// Stored exceptions the broker refused to use, and why.
    public var rejectedExceptions: [RejectedException]?
    /// The decision log's head as the broker last wrote it (consoles record it).
    public var logAnchor: LogAnchor?
    /// The reviewer the broker takes this console for (from the connection).
    public var reviewer: String?

    public init(
        protocolVersion: Int = WireProtocol.version, pending: [QueuedAction], exceptions: [PolicyException], mode: Mode,
        reviewWindowSeconds: Int, store: StoreHealth? = nil, rejectedExceptions: [RejectedException]? = nil,
        logAnchor: LogAnchor? = nil, reviewer: String? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.pending = pending
        self.exceptions = exceptions
        self.mode = mode
        self.reviewWindowSeconds = reviewWindowSeconds
        self.store = store
        self.rejectedExceptions = rejectedExceptions
        self.logAnchor = logAnchor
        self.reviewer = reviewer
    }
}
