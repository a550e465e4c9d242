import AirlockCore

/// The answer to `list`: pending actions, oldest first, and the exceptions in force.
public struct ListResult: Codable, Equatable, Sendable {
    public var pending: [QueuedAction]
    public var exceptions: [PolicyException]

    public init(pending: [QueuedAction], exceptions: [PolicyException]) {
        self.pending = pending
        self.exceptions = exceptions
    }
}

/// The answer to requests that only change state (`unsubscribe`).
public struct EmptyResult: Codable, Equatable, Sendable {
    public init() {}
}
