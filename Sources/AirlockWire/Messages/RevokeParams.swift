import AirlockCore

/// `revoke`: end an exception now.
public struct RevokeParams: Codable, Equatable, Sendable {
    public var id: String
    public var reviewer: String?

    public init(id: String, reviewer: String? = nil) {
        self.id = id
        self.reviewer = reviewer
    }
}

/// The answer to `revoke`: the exception as it was ended.
public struct RevokeResult: Codable, Equatable, Sendable {
    public var exception: PolicyException

    public init(exception: PolicyException) {
        self.exception = exception
    }
}
