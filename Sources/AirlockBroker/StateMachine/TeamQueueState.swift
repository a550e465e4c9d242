import AirlockCore
import AirlockWire
import FoundationEssentials

/// What a broker in team mode knows of the team's queue and store, beside its own pending
/// actions (`BrokerStateMachine.pending`).
struct TeamQueueState: Sendable {
    /// A console's decision waiting for the store's compare-and-set.
    struct Claim: Sendable {
        var connection: ConnectionID
        var requestID: RequestID?
        /// Ids this broker holds, and ids other brokers hold.
        var own: [String]
        var others: [String]
        /// Ids that failed before the claim (unknown, already resolved).
        var failed: [DecideResult.Failure]
        var verdict: FinalVerdict
        var reviewer: String
        /// How the kernel and the connection identified the reviewer (`ReviewerIdentity.logged`).
        var reviewerIdentity: String
        var reason: String
        /// The exception the decision also grants, put in force only if the claim wins.
        var exception: PolicyException?
        var sample: Assessment?
    }

    /// A console's approvals (of actions the policy asks several for) waiting for the store.
    struct Approval: Sendable {
        var connection: ConnectionID
        var requestID: RequestID?
        var own: [String]
        var others: [String]
        var failed: [DecideResult.Failure]
        var approval: RecordedApproval
        var exception: PolicyException?
        var sample: Assessment?
    }

    /// Actions other brokers hold, by id, as their brokers published them (what the seals of
    /// decisions on them cover: never changed here).
    var others: [String: QueuedAction] = [:]
    /// Approvals recorded on other brokers' actions that carry the team's seal, by id.
    var approvals: [String: [RecordedApproval]] = [:]
    var approving: [UInt64: Approval] = [:]
    /// This broker's actions in the team's queue that it has not settled yet.
    var published: Set<String> = []
    /// What each decision's seal covers of this broker's published actions (`digest(of:)`).
    var digests: [String: String] = [:]
    /// Decisions in the team's queue this broker did not use (no seal, a wrong seal, a
    /// reviewer the team cannot have), by "decision on <id>", oldest first in `refusedOrder`.
    var refusedDecisions: [String: RejectedException] = [:]
    var refusedOrder: [String] = []
    static let refusalMemory = 100
    /// The most approvals one action's row takes (a requirement asks at most 10 people).
    static let approvalSeals = 16
    var claims: [UInt64: Claim] = [:]
    var nextClaim: UInt64 = 1
    var isReading = false
    var isReadWanted = false
    /// The last time the team's exceptions were read; allow exceptions older than the
    /// staleness window stop applying.
    var exceptionsReadAt: Date?
}
