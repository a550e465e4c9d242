import AirlockCore

/// `grant`: put a time-boxed exception in force.
public struct GrantParams: Codable, Equatable, Sendable {
    public var exception: ExceptionGrant
    /// Not believed (see `DecideParams.reviewer`).
    public var reviewer: String?
    /// Asked for again to grant an allow exception on an authenticated review socket.
    public var passphrase: String?

    public init(exception: ExceptionGrant, reviewer: String? = nil, passphrase: String? = nil) {
        self.exception = exception
        self.reviewer = reviewer
        self.passphrase = passphrase
    }
}

/// The answer to `grant`: the exception as stored, and the pending actions it resolved.
public struct GrantResult: Codable, Equatable, Sendable {
    public var exception: PolicyException
    public var resolved: [String]

    public init(exception: PolicyException, resolved: [String]) {
        self.exception = exception
        self.resolved = resolved
    }
}
