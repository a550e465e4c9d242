import AirlockCore
import AirlockWire
import FoundationEssentials

/// Something the shell must do for the state machine, in the order given. Nothing here
/// blocks the event loop: replies are writes; the store and the files are read and written off
/// it, in effect order, and what they find comes back as a `BrokerEvent`.
public enum BrokerEffect: Equatable, Sendable {
    case sendResult(ConnectionID, RequestID, ServerResult)
    case sendError(ConnectionID, RequestID, RPCError)
    /// The same notification to each of these subscribers.
    case notify([ConnectionID], ServerNotification)
    case appendDecision(DecisionRecord)
    case saveException(PolicyException, sample: Assessment?)
    case revokeException(id: String, reviewer: String, at: Date)
    case recordUse(exceptionID: String)
    /// Read the exceptions in force from the store, after every write asked for before;
    /// answered by `.exceptionsReloaded`.
    case reloadExceptions
    /// Read a repository's own policy (`.airlock/policy.toml` and its trust); answered by
    /// `.repositoryPolicyLoaded`.
    case loadRepositoryPolicy(workspace: String)
    /// Look at the files a submission names (`EdgeFactRequest`); answered by `.factsGathered`.
    case gatherFacts(actionID: String, request: EdgeFactRequest)
    /// Measure a workspace's five boundaries for the agent's account (`account`: its uid, in the
    /// separated deployment, where the broker's own home is not the agent's; nil: the broker's
    /// own user's); answered by `.boundariesMeasured`.
    case measureBoundaries(workspace: String, account: UInt32? = nil)
    /// Team mode: put an action this broker holds in the team's queue (redacted).
    case publishAction(QueuedAction)
    /// Team mode: decide these ids in the team's queue if nobody did yet; answered by
    /// `.decisionsClaimed`.
    case claimDecisions(
        claim: UInt64, ids: [String], seals: [String: String], verdict: FinalVerdict, reviewer: String,
        reviewerIdentity: String?, reason: String)
    /// Team mode: append these approvals in the team's queue; answered by `.approvalsRecorded`.
    case approveInQueue(request: UInt64, [String: ApprovalRequest])
    /// Team mode: this broker ended an action it published.
    case settleAction(id: String, QueueSettlement)
    /// Team mode: read the team's queue; answered by `.teamQueueRead`.
    case readTeamQueue(own: [String])
    /// Check `passphrase` against `user`'s stored scrypt hash, off the loop (scrypt is slow on
    /// purpose); answered by `.passphraseChecked`. Never logged.
    case checkPassphrase(ConnectionID, user: String, passphrase: String, then: PassphraseCheck)
    /// A security-relevant refusal worth a line in the broker's log (self-approval attempts, reviewers without a terminal or
    /// authentication, stored exceptions refused).
    case logRefusal(String)
    /// Write the trusted list as a reviewer asked; answered by `.trustChanged`.
    case changeTrust(TrustChange)
    /// Write the store's trust in a repository's policy file as a reviewer asked; answered by
    /// `.policyTrustChanged`.
    case changePolicyTrust(PolicyTrustChange)
    /// Read the trusted list; answered by `.trustListRead`.
    case readTrustList(ConnectionID, RequestID)
    /// Run the user's `notify` command with this short, redacted text (off the loop, bounded).
    case notifyReviewer(String)
}
