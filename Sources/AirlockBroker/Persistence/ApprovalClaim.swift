/// What appending an approval found for one id.
public enum ApprovalClaim: Equatable, Sendable {
    /// Appended: every approval the row holds now, in order.
    case recorded([QueueApproval])
    /// The action ended first: what became of it.
    case lost(String)
    case unknown
}
