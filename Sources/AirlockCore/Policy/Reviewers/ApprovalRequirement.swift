/// What approving an action takes, from the trusted policy's `[[require]]` tables: how many
/// distinct people, of which group, and whether the person whose agent submitted it counts.
/// Every requirement that matches an action applies (all must be met); an action no
/// requirement matches needs one approval by any reviewer the broker accepts, as without a
/// `reviewers` section.
public struct ApprovalRequirement: Equatable, Sendable {
    /// Which actions: any of `scopes` (like allow and deny rules), or any hard-floor action.
    public var scopes: [Scope]
    public var hardFloor: Bool
    /// Distinct people who must approve (at least 1).
    public var approvals: Int
    /// Only members of this group count, when set.
    public var group: String?
    /// The person whose agent submitted the action does not count.
    public var notOwnAgent: Bool
    /// Where it was written (`policy.toml:12`), for messages.
    public var id: String

    public init(
        scopes: [Scope] = [], hardFloor: Bool = false, approvals: Int = 1, group: String? = nil,
        notOwnAgent: Bool = false, id: String = ""
    ) {
        self.scopes = scopes
        self.hardFloor = hardFloor
        self.approvals = max(1, approvals)
        self.group = group
        self.notOwnAgent = notOwnAgent
        self.id = id
    }

    public func covers(_ action: Action, _ assessment: Assessment) -> Bool {
        if hardFloor, assessment.categories.contains(where: \.isHardFloor) { return true }
        return scopes.contains { $0.covers(action, assessment) }
    }
}
