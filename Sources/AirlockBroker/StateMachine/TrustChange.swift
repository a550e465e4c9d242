import AirlockWire

/// A reviewer's change to the trusted list, on its way to the file and back: who asked, on
/// which connection, for which repository.
public struct TrustChange: Equatable, Sendable {
    public var connection: ConnectionID
    public var requestID: RequestID?
    /// As the reviewer named it; the writer resolves it to the git top level.
    public var workspace: String
    public var trusted: Bool
    public var reviewer: String
    public var reason: String?

    public init(
        connection: ConnectionID, requestID: RequestID?, workspace: String, trusted: Bool, reviewer: String,
        reason: String?
    ) {
        self.connection = connection
        self.requestID = requestID
        self.workspace = workspace
        self.trusted = trusted
        self.reviewer = reviewer
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
