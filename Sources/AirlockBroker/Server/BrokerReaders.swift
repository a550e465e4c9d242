import AirlockCore
import AirlockWire

/// What the broker reads from the world besides its store, and the few things it changes
/// there (the trusted list, the user's notify command). Each call blocks (files, `git`, the
/// store's trust table, a child process): the server runs them on its thread pools, never on
/// the event loop, and hands the results to the state machine as events.
public struct BrokerReaders: Sendable {
    /// A repository's own rules (`.airlock/policy.toml`, counted as trusted or not).
    public var repositoryRules: @Sendable (_ workspace: String) -> [PolicyRule]
    /// A workspace's five boundaries as they stand for `account` (a uid; nil: the broker's own
    /// user); nil when it cannot be measured here.
    public var boundaryReport: @Sendable (_ workspace: String, _ account: UInt32?) -> BoundaryReport?
    /// Adds the repository holding `workspace` to the trusted list (`trusted`), or takes it off.
    public var changeTrust: @Sendable (_ workspace: String, _ trusted: Bool) -> Result<TrustResult, TrustFailure>
    /// Trusts the policy file of the repository at `workspace` if its content hashes to
    /// `sha256` and parses (`trusted`), or withdraws trust in it, in the broker's store.
    public var changePolicyTrust:
        @Sendable (_ workspace: String, _ sha256: String?, _ trusted: Bool) -> Result<PolicyTrustResult, TrustFailure>
    /// The trusted list's entries.
    public var trustList: @Sendable () -> Result<TrustListResult, TrustFailure>
    /// Runs the user's `notify` command with a short summary; returns when it ended or was stopped.
    public var notify: @Sendable (_ text: String) -> Void
    /// Whether `passphrase` is `reviewer`'s (scrypt, slow on purpose: its own thread); false
    /// when the reviewer has none.
    public var passphraseMatches: @Sendable (_ reviewer: String, _ passphrase: String) -> Bool
    /// The facts a submission's first assessment asked for (`EdgeFactRequest`), read within a
    /// bound; what it could not read is left out (unknown, so unsure).
    public var edgeFacts: @Sendable (_ request: EdgeFactRequest) -> EdgeFacts

    public init(
        repositoryRules: @escaping @Sendable (_ workspace: String) -> [PolicyRule] = { _ in [] },
        boundaryReport: @escaping @Sendable (_ workspace: String, _ account: UInt32?) -> BoundaryReport? = { _, _ in nil },
        changeTrust: @escaping @Sendable (_ workspace: String, _ trusted: Bool) -> Result<TrustResult, TrustFailure> = {
            _, _ in .failure(TrustFailure("this broker keeps no trusted list"))
        },
        changePolicyTrust: @escaping @Sendable (_ workspace: String, _ sha256: String?, _ trusted: Bool) -> Result<
            PolicyTrustResult, TrustFailure
        > = { _, _, _ in .failure(TrustFailure("this broker keeps no policy trust")) },
        trustList: @escaping @Sendable () -> Result<TrustListResult, TrustFailure> = {
            .failure(TrustFailure("this broker keeps no trusted list"))
        },
        notify: @escaping @Sendable (_ text: String) -> Void = { _ in },
        passphraseMatches: @escaping @Sendable (_ reviewer: String, _ passphrase: String) -> Bool = { _, _ in false },
        edgeFacts: @escaping @Sendable (_ request: EdgeFactRequest) -> EdgeFacts = { _ in EdgeFacts() }
    ) {
        self.repositoryRules = repositoryRules
        self.boundaryReport = boundaryReport
        self.changeTrust = changeTrust
        self.changePolicyTrust = changePolicyTrust
        self.trustList = trustList
        self.notify = notify
        self.passphraseMatches = passphraseMatches
        self.edgeFacts = edgeFacts
    }
}
