/// One reviewer's approval as the approving broker asks to append it.
public struct ApprovalRequest: Equatable, Sendable {
    public var reviewer: String
    public var reviewerIdentity: String?
    public var reason: String
    /// The seal for each number the approval may get (0, 1, …).
    public var seals: [String]

    public init(reviewer: String, reviewerIdentity: String?, reason: String, seals: [String]) {
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
        self.seals = seals
    }
}
