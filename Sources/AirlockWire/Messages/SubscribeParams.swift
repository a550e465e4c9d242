import AirlockCore

/// `subscribe`: become a console; `reviewer` names who is watching (for `status`);
/// `recentLimit` asks for up to that many recent decisions in the answer.
public struct SubscribeParams: Codable, Equatable, Sendable {
    public var reviewer: String?
    public var recentLimit: Int?

    public init(reviewer: String? = nil, recentLimit: Int? = nil) {
        self.reviewer = reviewer
        self.recentLimit = recentLimit
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
    /// The recent decisions asked for with `recentLimit`, oldest first.
    public var recent: [DecisionRecord]?
    /// The boundary reports the broker decides the pending actions' workspaces with.
    public var boundaries: [BoundariesMeasured]?
    /// Stored exceptions the broker refused to use, and why.
    public var rejectedExceptions: [RejectedException]?
    /// The decision log's head as the broker last wrote it (consoles record it).
    public var logAnchor: LogAnchor?
    /// The reviewer the broker takes this console for (from the connection).
    public var reviewer: String?

    public init(
        protocolVersion: Int = WireProtocol.version, pending: [QueuedAction], exceptions: [PolicyException], mode: Mode,
        reviewWindowSeconds: Int, store: StoreHealth? = nil, recent: [DecisionRecord]? = nil,
        boundaries: [BoundariesMeasured]? = nil, rejectedExceptions: [RejectedException]? = nil,
        logAnchor: LogAnchor? = nil, reviewer: String? = nil
    ) {
        self.protocolVersion = protocolVersion
        self.pending = pending
        self.exceptions = exceptions
        self.mode = mode
        self.reviewWindowSeconds = reviewWindowSeconds
        self.store = store
        self.recent = recent
        self.boundaries = boundaries
        self.rejectedExceptions = rejectedExceptions
        self.logAnchor = logAnchor
        self.reviewer = reviewer
    }
}
