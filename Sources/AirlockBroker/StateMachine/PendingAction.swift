import AirlockCore
import AirlockWire
import FoundationEssentials

/// An action waiting for a human, with who to answer when it is decided.
struct PendingAction: Sendable {
    var id: String
    /// Orders the queue: oldest first.
    var sequence: UInt64
    var action: Action
    var assessment: Assessment
    /// Policy's `ask`, with its reason and source.
    var decision: Decision
    var queuedAt: Date
    var deadline: Date
    var requester: ConnectionID
    /// Nil when the submit was a JSON-RPC notification: decided and logged, but nobody to tell.
    var requestID: RequestID?
    /// The requesting agent as the kernel shows it: no process of its tree, and no process at
    /// its terminal, may decide this action.
    var agent: AgentIdentity
    /// The requester's uid and the harness's call id, when the submission carried one.
    var toolCall: ToolCallMemory.Key?
    /// The account whose agent submitted it, as the kernel names the submitter (`alice`, or
    /// `alice@dev-3` in a team): the person a `not_own_agent` requirement does not count.
    var submitter: String?
    /// Approvals recorded so far on an action the policy asks several for, oldest first.
    var approvals: [RecordedApproval] = []
    /// Whether the user's `notify` command was run for it.
    var reminded = false

    var queued: QueuedAction {
        QueuedAction(
            id: id, action: action, assessment: assessment, reason: decision.reason,
            source: decision.source,
            queuedAt: queuedAt, deadline: deadline)
    }
}
