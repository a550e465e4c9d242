import AirlockCore
import AirlockWire
import FoundationEssentials

/// The review queue a team's brokers share (a team store offers it; SQLite on one machine does
/// not). A broker publishes the actions it holds; any broker's console may decide any of them;
/// the store settles who was first, so a decision is taken once across the team.
///
/// Called only from the broker's `PersistenceLane`, in the order the state machine asked.
public protocol SharedQueue: Sendable {
    /// Puts an action this broker holds in the team's queue: the redacted form only.
    func publish(_ item: QueuedAction) async throws
    /// Compare-and-set, one transaction: each id still pending anywhere in the team is decided
    /// as `verdict` by `reviewer` (`reviewerIdentity`: how the deciding broker knew them, for
    /// the holding broker's log), with its seal from `seals` (`QueueDecisionFacts`); every
    /// other id reports what became of it.
    func claim(
        _ ids: [String], seals: [String: String], verdict: FinalVerdict, reviewer: String, reviewerIdentity: String?,
        reason: String
    )
        async throws
        -> [String: ClaimOutcome]
    /// Appends an approval to each id still pending, under its row's lock, numbered after the
    /// approvals already there and sealed with `seals[number]` (made by the approving broker
    /// with the team's key, one per possible number); reports every approval each row holds
    /// then, or what became of an id no longer pending.
    func approve(_ approvals: [String: ApprovalRequest]) async throws -> [String: ApprovalClaim]
    /// This broker's own ending of an action it published (answered by policy, denied at its
    /// deadline, withdrawn): it leaves every console.
    func settle(_ id: String, _ settlement: QueueSettlement) async throws
    /// The actions other brokers hold, and the decisions made elsewhere on this broker's
    /// actions `own` that it has not applied yet.
    func snapshot(own: [String]) async throws -> TeamQueueSnapshot
    /// Tells when the team's queue changed (a publication, a claim, a settlement anywhere).
    var queueChanges: AsyncStream<Void> { get }
}

/// What a claim found for one id.
public enum ClaimOutcome: Equatable, Sendable {
    /// This claim decided it.
    case won
    /// Someone or something ended it first: what became of it ("allowed by bob@b").
    case lost(String)
    /// The team's queue has no such action.
    case unknown
}

/// How the broker holding an action ended it without a claim.
public enum QueueSettlement: Equatable, Sendable {
    case answered(FinalVerdict, reason: String)
    case expired(reason: String)
    case withdrawn
}

/// A decision made elsewhere on an action this broker holds.
public struct RemoteDecision: Equatable, Sendable {
    public var id: String
    public var verdict: FinalVerdict
    public var reviewer: String
    /// How the deciding broker identified the reviewer (`ReviewerIdentity.logged`).
    public var reviewerIdentity: String?
    public var reason: String
    /// The team key's seal over these facts (`QueueDecisionFacts`), as the row carries it.
    public var seal: String?
    public var approval: Int

    public init(
        id: String, verdict: FinalVerdict, reviewer: String, reviewerIdentity: String? = nil, reason: String,
        seal: String? = nil, approval: Int = 0
    ) {
        self.id = id
        self.verdict = verdict
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
        self.seal = seal
        self.approval = approval
    }
}

/// The team's queue as one broker needs it.
public struct TeamQueueSnapshot: Equatable, Sendable {
    /// Pending actions held by other brokers, with their origin.
    public var others: [QueuedAction]
    public var decided: [RemoteDecision]
    /// Approvals recorded on pending actions (others' and this broker's own), by id; as the
    /// rows hold them, unchecked.
    public var approvals: [String: [QueueApproval]]

    public init(others: [QueuedAction], decided: [RemoteDecision], approvals: [String: [QueueApproval]] = [:]) {
        self.others = others
        self.decided = decided
        self.approvals = approvals
    }
}
