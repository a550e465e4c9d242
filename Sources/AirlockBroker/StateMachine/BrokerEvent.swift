import AirlockCore
import AirlockWire
import FoundationEssentials

/// Something that happened to the broker; the state machine answers each with effects.
public enum BrokerEvent: Sendable {
    /// A connection on `listener`, its peer as the kernel reports it.
    case connectionOpened(ConnectionID, peer: PeerCredentials, listener: Listener = .shared)
    case connectionClosed(ConnectionID, now: Date)
    case actionSubmitted(ConnectionID, RequestID?, SubmitParams, now: Date)
    case consoleSubscribed(ConnectionID, RequestID?, SubscribeParams, now: Date)
    case consoleUnsubscribed(ConnectionID, RequestID?, now: Date)
    case verdictGiven(ConnectionID, RequestID?, DecideParams, now: Date)
    case grantRequested(ConnectionID, RequestID?, GrantParams, now: Date)
    case revokeRequested(ConnectionID, RequestID?, RevokeParams, now: Date)
    case listRequested(ConnectionID, RequestID?, now: Date)
    case statusRequested(ConnectionID, RequestID?, now: Date)
    /// A reviewer trusts (`trusted`) or untrusts a repository.
    case trustRequested(ConnectionID, RequestID?, TrustParams, trusted: Bool, now: Date)
    case trustListRequested(ConnectionID, RequestID?)
    /// A reviewer trusts (`trusted`) a repository's policy file as it is, or withdraws that trust.
    case policyTrustRequested(ConnectionID, RequestID?, PolicyTrustParams, trusted: Bool, now: Date)
    /// The store's policy-file trust was changed as `.changePolicyTrust` asked, or could not be.
    case policyTrustChanged(PolicyTrustChange, Result<PolicyTrustResult, TrustFailure>, now: Date)
    case recentRequested(ConnectionID, RequestID?, RecentParams, now: Date)
    /// The trusted list was changed as `.changeTrust` asked, or could not be.
    case trustChanged(TrustChange, Result<TrustResult, TrustFailure>, now: Date)
    /// The trusted list as read for `.readTrustList`.
    case trustListRead(ConnectionID, RequestID, Result<TrustListResult, TrustFailure>)
    case authenticationRequested(ConnectionID, RequestID?, AuthenticateParams, now: Date)
    /// A passphrase asked for by `.checkPassphrase` was checked against its stored hash.
    case passphraseChecked(ConnectionID, PassphraseCheck, matches: Bool, now: Date)
    /// The decision log's head after the last write, as the store reports it.
    case logAnchored(LogAnchor)
    /// Time passed: deadlines and expiries are due.
    case clockTicked(now: Date)
    /// The exceptions in force, as persistence had them after every write asked for before the
    /// `.reloadExceptions` that this answers (grants made by the CLI appear here).
    case exceptionsReloaded([PolicyException], now: Date)
    /// The exceptions could not be read; the broker's own list stands.
    case exceptionReloadFailed(now: Date)
    /// The store says exceptions changed elsewhere (another broker, the CLI): reload now.
    case exceptionsChangedElsewhere(now: Date)
    /// A repository's rules, as its `.airlock/policy.toml` and its trust stood when read.
    case repositoryPolicyLoaded(workspace: String, rules: [PolicyRule], now: Date)
    /// What the edge found about the files a waiting submission names.
    case factsGathered(actionID: String, facts: EdgeFacts, now: Date)
    /// A workspace's five boundaries; nil when it cannot be measured here.
    case boundariesMeasured(workspace: String, report: BoundaryReport?, now: Date)
    /// The policy files were read again.
    case policyReloaded(mode: Mode, rules: [PolicyRule], reviewers: ReviewerPolicy = ReviewerPolicy(), now: Date)
    /// The team's shared queue changed somewhere: read it again.
    case teamQueueChanged(now: Date)
    /// The team's queue as read for `.readTeamQueue`; nil when it could not be read.
    case teamQueueRead(TeamQueueSnapshot?, now: Date)
    /// What the store answered to `.claimDecisions`; nil when it could not be reached.
    case decisionsClaimed(claim: UInt64, outcomes: [String: ClaimOutcome]?, now: Date)
    /// What the store answered to `.approveInQueue`; nil when it could not be reached.
    case approvalsRecorded(request: UInt64, outcomes: [String: ApprovalClaim]?, now: Date)
    /// The store became degraded or recovered.
    case storeHealthChanged(StoreHealth, now: Date)
    /// The broker is shutting down: whoever still waits gets a deny rather than a dropped socket.
    case brokerStopping(now: Date)

    /// The event for one decoded request line.
    public init(_ envelope: RequestEnvelope, from connection: ConnectionID, now: Date) {
        let id = envelope.id
        switch envelope.request {
        case .submit(let params): self = .actionSubmitted(connection, id, params, now: now)
        case .subscribe(let params): self = .consoleSubscribed(connection, id, params, now: now)
        case .unsubscribe: self = .consoleUnsubscribed(connection, id, now: now)
        case .decide(let params): self = .verdictGiven(connection, id, params, now: now)
        case .grant(let params): self = .grantRequested(connection, id, params, now: now)
        case .revoke(let params): self = .revokeRequested(connection, id, params, now: now)
        case .list: self = .listRequested(connection, id, now: now)
        case .status: self = .statusRequested(connection, id, now: now)
        case .trust(let params): self = .trustRequested(connection, id, params, trusted: true, now: now)
        case .untrust(let params): self = .trustRequested(connection, id, params, trusted: false, now: now)
        case .trustList: self = .trustListRequested(connection, id)
        case .trustPolicy(let params): self = .policyTrustRequested(connection, id, params, trusted: true, now: now)
        case .untrustPolicy(let params): self = .policyTrustRequested(connection, id, params, trusted: false, now: now)
        case .recent(let params): self = .recentRequested(connection, id, params, now: now)
        case .authenticate(let params): self = .authenticationRequested(connection, id, params, now: now)
        }
    }

    /// The request this event carries: where it came from and its method, for `MethodAccess`.
    var request: (connection: ConnectionID, id: RequestID?, method: RPCMethod)? {
        switch self {
        case .actionSubmitted(let connection, let id, _, _): (connection, id, .submit)
        case .consoleSubscribed(let connection, let id, _, _): (connection, id, .subscribe)
        case .consoleUnsubscribed(let connection, let id, _): (connection, id, .unsubscribe)
        case .verdictGiven(let connection, let id, _, _): (connection, id, .decide)
        case .grantRequested(let connection, let id, _, _): (connection, id, .grant)
        case .revokeRequested(let connection, let id, _, _): (connection, id, .revoke)
        case .listRequested(let connection, let id, _): (connection, id, .list)
        case .statusRequested(let connection, let id, _): (connection, id, .status)
        case .authenticationRequested(let connection, let id, _, _): (connection, id, .authenticate)
        case .trustRequested(let connection, let id, _, let trusted, _): (connection, id, trusted ? .trust : .untrust)
        case .trustListRequested(let connection, let id): (connection, id, .trustList)
        case .policyTrustRequested(let connection, let id, _, let trusted, _):
            (connection, id, trusted ? .trustPolicy : .untrustPolicy)
        case .recentRequested(let connection, let id, _, _): (connection, id, .recent)
        case .trustChanged, .trustListRead, .policyTrustChanged, .connectionOpened, .connectionClosed, .clockTicked, .exceptionsReloaded,
            .exceptionReloadFailed, .exceptionsChangedElsewhere, .repositoryPolicyLoaded, .boundariesMeasured,
            .policyReloaded, .brokerStopping, .passphraseChecked, .logAnchored, .factsGathered, .teamQueueChanged,
            .teamQueueRead, .decisionsClaimed, .approvalsRecorded, .storeHealthChanged:
            nil
        }
    }
}

/// What a passphrase is checked for, and what to carry on with once it matches.
public enum PassphraseCheck: Equatable, Sendable {
    /// `authenticate`: the connection becomes the reviewer's.
    case authenticate(RequestID?)
    /// A `decide` approving something high or on the hard floor (its passphrase taken out).
    case decide(RequestID?, DecideParams)
    /// A `grant` of an allow exception (its passphrase taken out).
    case grant(RequestID?, GrantParams)
    /// A `trust` of a repository (its passphrase taken out).
    case trust(RequestID?, TrustParams)
    /// A `trustPolicy` of a repository's policy file (its passphrase taken out).
    case trustPolicy(RequestID?, PolicyTrustParams)
}
