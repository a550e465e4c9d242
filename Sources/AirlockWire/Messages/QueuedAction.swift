import AirlockCore
import FoundationEssentials

/// An action waiting for a human, as consoles see it.
public struct QueuedAction: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    /// The action exactly as the agent sent it (consoles show the exact command).
    public var action: Action
    public var assessment: Assessment
    /// Why policy asked a human.
    public var reason: String
    /// What sent it to a human: the hard floor (`hard_floor`) or nothing deciding (`default`).
    public var source: Decision.Source
    public var queuedAt: Date
    /// When it will be denied if nobody answers.
    public var deadline: Date
    /// Who and which machine asked, when the action comes from a team's shared queue.
    public var origin: ActionOrigin?
    /// Approvals recorded so far, when the trusted policy asks more than one (`[[require]]`).
    public var approvals: [QueuedApproval]?
    /// What approving still takes ("1 of 2 approvals, needs a lead"), when the policy asks
    /// more than one approval by anyone.
    public var needs: String?
    /// The account whose agent submitted it (`alice@dev-3`), as its broker's kernel named it,
    /// when a requirement leaves that person out (`not_own_agent`).
    public var submitter: String?

    public init(
        id: String, action: Action, assessment: Assessment, reason: String, source: Decision.Source, queuedAt: Date,
        deadline: Date, origin: ActionOrigin? = nil
    ) {
        self.id = id
        self.action = action
        self.assessment = assessment
        self.reason = reason
        self.source = source
        self.queuedAt = queuedAt
        self.deadline = deadline
        self.origin = origin
    }
}
