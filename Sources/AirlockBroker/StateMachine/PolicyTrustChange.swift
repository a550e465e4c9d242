import AirlockWire

/// A reviewer's change to the trust in a repository's policy file, on its way to the store and
/// back: who asked, on which connection, for which file and content.
public struct PolicyTrustChange: Equatable, Sendable {
    public var connection: ConnectionID
    public var requestID: RequestID?
    /// The repository's top level, absolute.
    public var workspace: String
    /// The content the reviewer read; nil to withdraw trust.
    public var sha256: String?
    public var trusted: Bool
    /// Named from the connection (`ReviewerIdentity`), never from the request.
    public var reviewer: String
    /// How the broker knows the reviewer, for the log.
    public var reviewerIdentity: String?
    public var reason: String?

    public init(
        connection: ConnectionID, requestID: RequestID?, workspace: String, sha256: String?, trusted: Bool,
        reviewer: String, reviewerIdentity: String? = nil, reason: String? = nil
    ) {
        self.connection = connection
        self.requestID = requestID
        self.workspace = workspace
        self.sha256 = sha256
        self.trusted = trusted
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
    }
}
