/// Where an action's approvals stand (`ApprovalJudgement`).
public enum ApprovalOutcome: Equatable, Sendable {
    /// Every requirement is met: the action is allowed.
    case satisfied
    /// Not yet: what is still needed, as consoles show it ("1 of 2 approvals, needs a lead").
    case needsMore(String)
    /// This approval adds nothing to what is needed, and why ("Alice Martin already approved").
    case notCounted(String)
}
