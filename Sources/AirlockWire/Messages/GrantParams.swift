import AirlockCore

/// `grant`: put a time-boxed exception in force.
public struct GrantParams: Codable, Equatable, Sendable {
    public var exception: ExceptionGrant
    public var reviewer: String

    public init(exception: ExceptionGrant, reviewer: String) {
        self.exception = exception
        self.reviewer = reviewer
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
