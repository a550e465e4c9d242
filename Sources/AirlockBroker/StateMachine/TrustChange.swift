import AirlockWire

/// A reviewer's change to the trusted list, on its way to the file and back: who asked, on
/// which connection, for which repository.
public struct TrustChange: Equatable, Sendable {
    public var connection: ConnectionID
    public var requestID: RequestID?
    /// As the reviewer named it; the writer resolves it to the git top level.
    public var workspace: String
    public var trusted: Bool
    /// Named from the connection (`ReviewerIdentity`), never from the request.
    public var reviewer: String
    /// How the broker knows the reviewer (uid, pid, terminal, authentication), for the log.
    public var reviewerIdentity: String?
    public var reason: String?

    public init(
        connection: ConnectionID, requestID: RequestID?, workspace: String, trusted: Bool, reviewer: String,
        reviewerIdentity: String? = nil, reason: String?
    ) {
        self.connection = connection
        self.requestID = requestID
        self.workspace = workspace
        self.trusted = trusted
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
    }
}

/// Why the trusted list could not be read or changed, in words for the reviewer.
public struct TrustFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
