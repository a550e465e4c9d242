import FoundationEssentials

/// One approval of an action that needs several (`QueuedAction.approvals`): who (named by the
/// broker from the kernel, never typed), shown how, why and when.
public struct QueuedApproval: Codable, Equatable, Sendable {
    /// The reviewer's account as the broker named it (`alice@dev-3`).
    public var reviewer: String
    /// The person's display name from the policy ("Alice Martin"), when it has one.
    public var name: String?
    public var reason: String?
    public var at: Date?

    public init(reviewer: String, name: String? = nil, reason: String? = nil, at: Date? = nil) {
        self.reviewer = reviewer
        self.name = name
        self.reason = reason
        self.at = at
    }
}
