/// `trustPolicy` and `untrustPolicy`: a reviewer trusts a repository's `.airlock/policy.toml`
/// as it is now (by its SHA-256), so its allow rules apply, or withdraws that trust. The broker
/// reads the file itself, refuses it unless its hash is the one the reviewer read and it
/// parses, writes the trust to its own store, and logs the change with the reviewer.
public struct PolicyTrustParams: Codable, Equatable, Sendable {
    /// The repository's top level, an absolute path; the file is `<workspace>/.airlock/policy.toml`.
    public var workspace: String
    /// The hash of the content the reviewer read (lowercase hex); required to trust, ignored
    /// to withdraw trust.
    public var sha256: String?
    /// What the client calls its reviewer. Not believed (`DecideParams.reviewer`).
    public var reviewer: String?
    /// Why, for the decision log.
    public var reason: String?
    /// The reviewer's passphrase, asked for again to trust on a review socket authenticated by
    /// passphrase (`passphraseRequired` otherwise), as for `trust`.
    public var passphrase: String?

    public init(
        workspace: String, sha256: String? = nil, reviewer: String? = nil, reason: String? = nil,
        passphrase: String? = nil
    ) {
        self.workspace = workspace
        self.sha256 = sha256
        self.reviewer = reviewer
        self.reason = reason
        self.passphrase = passphrase
    }
}

/// The answer to `trustPolicy` and `untrustPolicy`.
public struct PolicyTrustResult: Codable, Equatable, Sendable {
    /// The policy file's path.
    public var path: String
    /// The hash now trusted; nil when none is.
    public var sha256: String?
    /// Whether the store changed (false: it was already so).
    public var changed: Bool
    /// The file's rules as the broker read them, one summary each (`allow command npm test`).
    public var rules: [String]

    public init(path: String, sha256: String?, changed: Bool, rules: [String] = []) {
        self.path = path
        self.sha256 = sha256
        self.changed = changed
        self.rules = rules
    }
}
