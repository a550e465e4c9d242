import AirlockCore

/// `recent`: the decisions the broker made lately, automatic ones included (the console's
/// recent view; it works whether or not the store is readable to the console).
public struct RecentParams: Codable, Equatable, Sendable {
    /// Only decisions of the last this many seconds (default: all the broker keeps, 4 hours).
    public var sinceSeconds: Int?
    /// At most this many, the newest (default and cap: 2,000).
    public var limit: Int?

    public init(sinceSeconds: Int? = nil, limit: Int? = nil) {
        self.sinceSeconds = sinceSeconds
        self.limit = limit
    }
}

/// The answer to `recent`: decisions oldest first, as logged (redacted).
public struct RecentResult: Codable, Equatable, Sendable {
    public var decisions: [DecisionRecord]

    public init(decisions: [DecisionRecord]) {
        self.decisions = decisions
    }
}

/// A decision the broker just made, as it goes to the log: every answer, automatic or not.
public struct ActionDecided: Codable, Equatable, Sendable {
    public var decision: DecisionRecord

    public init(decision: DecisionRecord) {
        self.decision = decision
    }
}

/// A workspace's five boundaries as the broker measured them and now decides with.
public struct BoundariesMeasured: Codable, Equatable, Sendable {
    /// The workspace as actions name it (`workspaceRoot`, else `cwd`).
    public var workspace: String
    public var report: BoundaryReport

    public init(workspace: String, report: BoundaryReport) {
        self.workspace = workspace
        self.report = report
    }
}
