/// A person named in the trusted policy's `reviewers` section: the accounts that are them
/// (`alice@dev-3`, `alice@laptop`; on one machine a plain account name), a display name and
/// the groups they belong to. Several accounts, one person: approvals from two of Alice's
/// accounts are one approval.
public struct Reviewer: Equatable, Sendable {
    /// The key in the policy (`[reviewers.alice]`).
    public var id: String
    public var accounts: [String]
    public var name: String
    public var groups: [String]

    public init(id: String, accounts: [String], name: String? = nil, groups: [String] = []) {
        self.id = id
        self.accounts = accounts
        self.name = name ?? id
        self.groups = groups
    }
}
