import FoundationEssentials

/// One approval of an action that needs several, as the broker recorded it: the reviewer
/// named from the connection (`BrokerStateMachine.reviewer(_:)`), how the kernel knew them
/// (for the log), their reason as typed, and when.
struct RecordedApproval: Equatable, Sendable {
    var reviewer: String
    var identity: String?
    var reason: String?
    /// Nil for an approval read back from the team's queue (its time is not sealed).
    var at: Date?
}
