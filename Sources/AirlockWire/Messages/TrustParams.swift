import AirlockCore

/// `trust` and `untrust`: a reviewer adds a repository to the trusted list, or takes it off.
/// The broker resolves `workspace` to its git top level, writes the list, logs the change with
/// the reviewer, and measures the workspace's boundaries again at once.
public struct TrustParams: Codable, Equatable, Sendable {
    /// An absolute path inside the repository.
    public var workspace: String
    /// What the client calls its reviewer. Not believed: the broker names the reviewer from the
    /// connection, as for `decide` (`DecideParams.reviewer`).
    public var reviewer: String?
    /// Why, for the decision log.
    public var reason: String?
    /// The reviewer's passphrase, asked for again to trust a repository on a review socket
    /// authenticated by passphrase (`passphraseRequired` otherwise): trust loosens Airlock.
    public var passphrase: String?

    public init(workspace: String, reviewer: String? = nil, reason: String? = nil, passphrase: String? = nil) {
        self.workspace = workspace
        self.reviewer = reviewer
        self.reason = reason
        self.passphrase = passphrase
    }
}

/// The answer to `trust` and `untrust`.
public struct TrustResult: Codable, Equatable, Sendable {
    /// The repository's top level, as listed.
    public var workspace: String
    /// Its first git remote, without credentials.
    public var remote: String?
    /// Whether it is trusted now.
    public var isTrusted: Bool
    /// Whether the list changed (false: it was already so).
    public var changed: Bool
    /// The trusted list's path.
    public var listPath: String
    /// After `untrust`: why it is still trusted (its `.airlock/policy.toml`, a remote entry the
    /// list keeps), if it is.
    public var stillTrustedBecause: String?

    public init(
        workspace: String, remote: String?, isTrusted: Bool, changed: Bool, listPath: String,
        stillTrustedBecause: String? = nil
    ) {
        self.workspace = workspace
        self.remote = remote
        self.isTrusted = isTrusted
        self.changed = changed
        self.listPath = listPath
        self.stillTrustedBecause = stillTrustedBecause
    }
}

/// The answer to `trustList`: the trusted list's entries (paths and remote URLs), in order.
public struct TrustListResult: Codable, Equatable, Sendable {
    public var entries: [String]
    public var listPath: String

    public init(entries: [String], listPath: String) {
        self.entries = entries
        self.listPath = listPath
    }
}
