/// `authenticate`: show the review socket who reviews, with the reviewer's passphrase. The
/// reviewer's name comes from the kernel (the connection's uid), never from the client.
public struct AuthenticateParams: Codable, Equatable, Sendable {
    public var passphrase: String

    public init(passphrase: String) {
        self.passphrase = passphrase
    }
}

/// The answer to `authenticate`: who the broker now takes this connection for.
public struct AuthenticateResult: Codable, Equatable, Sendable {
    public var reviewer: String
    /// How: `passphrase`, or `system user` for Airlock's own account and root.
    public var authentication: String

    public init(reviewer: String, authentication: String) {
        self.reviewer = reviewer
        self.authentication = authentication
    }
}
