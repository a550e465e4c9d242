/// The trusted policy's people and what approving takes: one table for both (`reviewers` and
/// `[[require]]` in the user's or system's `policy.toml`; a repository's file may declare
/// neither). Empty — the default — means one approval by any reviewer, as always.
public struct ReviewerPolicy: Equatable, Sendable {
    public var reviewers: [Reviewer]
    public var requirements: [ApprovalRequirement]

    public init(reviewers: [Reviewer] = [], requirements: [ApprovalRequirement] = []) {
        self.reviewers = reviewers
        self.requirements = requirements
    }

    public var isEmpty: Bool { reviewers.isEmpty && requirements.isEmpty }

    /// The requirements that apply to an action; empty when one approval by anyone does.
    public func requirements(for action: Action, _ assessment: Assessment) -> [ApprovalRequirement] {
        requirements.filter { $0.covers(action, assessment) }
    }

    /// The person an account is: the reviewer that lists it, else a person of its own (no
    /// display name, no groups), so an unlisted account still counts once where no group is
    /// asked for.
    public func person(_ account: String) -> Reviewer {
        reviewers.first { $0.accounts.contains(account) } ?? Reviewer(id: account, accounts: [account])
    }

    /// How a reviewer is shown: "Alice Martin (alice@dev-3)", or the account alone.
    public func display(_ account: String) -> String {
        let person = person(account)
        return person.name == account ? account : "\(person.name) (\(account))"
    }
}
