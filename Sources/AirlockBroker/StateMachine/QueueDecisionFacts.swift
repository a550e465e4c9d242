import AirlockCore
import AirlockWire
import FoundationEssentials

/// What one reviewer's decision on an action in the team's queue decided, as the team's key
/// seals it: the action, the form of it the reviewer was shown (a digest of the queued item),
/// the verdict, who (and how the kernel knew them), why, and which approval of the action it
/// is. The broker holding the action answers its hook only from a decision whose seal it
/// recomputes from its own copy of these facts: a row written around the brokers (anyone with
/// a broker's database login can `UPDATE airlock.team_queue`) carries no such seal.
public struct QueueDecisionFacts: Equatable, Sendable {
    public var actionID: String
    /// `BrokerStateMachine.digest(of:)` of the queued item as published.
    public var itemDigest: String
    public var verdict: FinalVerdict
    public var reviewer: String
    public var reviewerIdentity: String?
    public var reason: String
    /// 0 for the first approval of an action, 1 for the second, …
    public var approval: Int

    public init(
        actionID: String, itemDigest: String, verdict: FinalVerdict, reviewer: String, reviewerIdentity: String?,
        reason: String, approval: Int
    ) {
        self.actionID = actionID
        self.itemDigest = itemDigest
        self.verdict = verdict
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
        self.approval = approval
    }

    /// One unambiguous text of every field (canonical JSON), what the seal is made over. The
    /// "kind" member keeps it from ever reading as an exception's sealed text.
    public var sealedText: String {
        JSONValue.object([
            "kind": .string("queue-decision"),
            "actionID": .string(actionID),
            "itemDigest": .string(itemDigest),
            "verdict": .string(verdict.verdict.rawValue),
            "reviewer": .string(reviewer),
            "reviewerIdentity": reviewerIdentity.map(JSONValue.string) ?? .null,
            "reason": .string(reason),
            "approval": .number(Double(approval)),
        ]).canonicalText
    }
}
