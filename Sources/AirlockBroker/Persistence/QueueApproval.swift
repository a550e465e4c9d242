/// One approval as the team's queue holds it (a member of the row's `approvals`).
public struct QueueApproval: Codable, Equatable, Sendable {
    /// Its number among the action's approvals, 0 first; sealed.
    public var approval: Int
    public var reviewer: String
    public var reviewerIdentity: String?
    public var reason: String
    /// The team key's seal over `QueueDecisionFacts` of this approval.
    public var seal: String?

    public init(approval: Int, reviewer: String, reviewerIdentity: String?, reason: String, seal: String?) {
        self.approval = approval
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
        self.seal = seal
    }
}
