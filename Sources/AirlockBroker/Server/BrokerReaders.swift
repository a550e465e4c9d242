import AirlockCore

/// What the broker reads from the world besides its store. Each call blocks (files, `git`, the
/// store's trust table): the server runs them on its thread pool, never on the event loop, and
/// hands the results to the state machine as events.
public struct BrokerReaders: Sendable {
    /// A repository's own rules (`.airlock/policy.toml`, counted as trusted or not).
    public var repositoryRules: @Sendable (_ workspace: String) -> [PolicyRule]
    /// A workspace's five boundaries; nil when it cannot be measured here.
    public var boundaryReport: @Sendable (_ workspace: String) -> BoundaryReport?
    /// Whether `passphrase` is `reviewer`'s (scrypt, slow on purpose: its own thread); false
    /// when the reviewer has none.
    public var passphraseMatches: @Sendable (_ reviewer: String, _ passphrase: String) -> Bool
    /// The facts a submission's first assessment asked for (`EdgeFactRequest`), read within a
    /// bound; what it could not read is left out (unknown, so unsure).
    public var edgeFacts: @Sendable (_ request: EdgeFactRequest) -> EdgeFacts

    public init(
        repositoryRules: @escaping @Sendable (_ workspace: String) -> [PolicyRule] = { _ in [] },
        boundaryReport: @escaping @Sendable (_ workspace: String) -> BoundaryReport? = { _ in nil },
        passphraseMatches: @escaping @Sendable (_ reviewer: String, _ passphrase: String) -> Bool = { _, _ in false },
        edgeFacts: @escaping @Sendable (_ request: EdgeFactRequest) -> EdgeFacts = { _ in EdgeFacts() }
    ) {
        self.repositoryRules = repositoryRules
        self.boundaryReport = boundaryReport
        self.passphraseMatches = passphraseMatches
        self.edgeFacts = edgeFacts
    }
}
