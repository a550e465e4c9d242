import AirlockCore
import FoundationEssentials

/// `subscribe`: become a console; `reviewer` names who is watching (for `status`).
public struct SubscribeParams: Codable, Equatable, Sendable {
    public var reviewer: String?

    public init(reviewer: String? = nil) {
        self.reviewer = reviewer
    }
}

/// The answer to `subscribe`: everything pending and in force now; notifications follow.
public struct SubscribeResult: Codable, Equatable, Sendable {
    public var protocolVersion: Int
    public var pending: [QueuedAction]
    public var exceptions: [PolicyException]
    public var mode: Mode
    public var reviewWindowSeconds: Int

    public init(
        protocolVersion: Int = WireProtocol.version, pending: [QueuedAction], exceptions: [PolicyException], mode: Mode,
        reviewWindowSeconds: Int
    ) {
        self.protocolVersion = protocolVersion
        self.pending = pending
        self.exceptions = exceptions
        self.mode = mode
        self.reviewWindowSeconds = reviewWindowSeconds
    }
}

/// `decide`: answer one or many pending actions, optionally granting an exception at once.
public struct DecideParams: Codable, Equatable, Sendable {
    public var ids: [String]
    public var verdict: FinalVerdict
    /// Goes back to the agent; a default naming the reviewer is used when absent.
    public var reason: String?
    public var reviewer: String
    /// An exception to grant in the same step; it resolves other pending actions it covers.
    public var grant: ExceptionGrant?

    public init(ids: [String], verdict: FinalVerdict, reason: String? = nil, reviewer: String, grant: ExceptionGrant? = nil) {
        self.ids = ids
        self.verdict = verdict
        self.reason = reason
        self.reviewer = reviewer
        self.grant = grant
    }
}

/// The answer to `decide`: which ids it resolved and which it could not.
public struct DecideResult: Codable, Equatable, Sendable {
    public var resolved: [String]
    public var failed: [Failure]
    /// The exception granted with the decision, if one was asked for.
    public var exception: PolicyException?
    /// Other pending actions the granted exception resolved.
    public var alsoResolved: [String]

    public init(resolved: [String], failed: [Failure] = [], exception: PolicyException? = nil, alsoResolved: [String] = []) {
        self.resolved = resolved
        self.failed = failed
        self.exception = exception
        self.alsoResolved = alsoResolved
    }

    /// One id that could not be decided, and why.
    public struct Failure: Codable, Equatable, Sendable {
        public var id: String
        public var code: Int
        public var message: String

        public init(id: String, code: RPCErrorCode, message: String) {
            self.id = id
            self.code = code.rawValue
            self.message = message
        }
    }
}

/// An exception a reviewer asks for. The broker fills in the id, the creation time and the
/// expiry (from `ttlSeconds`, on its own clock) and checks it against the grant rules.
public struct ExceptionGrant: Codable, Equatable, Sendable {
    public var effect: PolicyRule.Effect
    public var scope: Scope
    public var binding: PolicyException.Binding
    public var ttlSeconds: Int
    public var usesLeft: Int?
    public var reason: String

    public init(
        effect: PolicyRule.Effect, scope: Scope, binding: PolicyException.Binding, ttlSeconds: Int, usesLeft: Int? = nil,
        reason: String
    ) {
        self.effect = effect
        self.scope = scope
        self.binding = binding
        self.ttlSeconds = ttlSeconds
        self.usesLeft = usesLeft
        self.reason = reason
    }
}

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

/// The answer to `list`: pending actions, oldest first, and the exceptions in force.
public struct ListResult: Codable, Equatable, Sendable {
    public var pending: [QueuedAction]
    public var exceptions: [PolicyException]

    public init(pending: [QueuedAction], exceptions: [PolicyException]) {
        self.pending = pending
        self.exceptions = exceptions
    }
}

/// The answer to `status`: a health line for `airlock status` and tmux.
public struct StatusResult: Codable, Equatable, Sendable {
    public var protocolVersion: Int
    public var brokerVersion: String
    public var pending: Int
    public var subscribers: Int
    public var connections: Int
    public var exceptions: Int
    public var mode: Mode
    public var waitForConsole: Bool
    public var reviewWindowSeconds: Int
    public var uptimeSeconds: Double

    public init(
        protocolVersion: Int = WireProtocol.version, brokerVersion: String, pending: Int, subscribers: Int, connections: Int,
        exceptions: Int, mode: Mode, waitForConsole: Bool, reviewWindowSeconds: Int, uptimeSeconds: Double
    ) {
        self.protocolVersion = protocolVersion
        self.brokerVersion = brokerVersion
        self.pending = pending
        self.subscribers = subscribers
        self.connections = connections
        self.exceptions = exceptions
        self.mode = mode
        self.waitForConsole = waitForConsole
        self.reviewWindowSeconds = reviewWindowSeconds
        self.uptimeSeconds = uptimeSeconds
    }
}

/// The answer to requests that only change state (`unsubscribe`).
public struct EmptyResult: Codable, Equatable, Sendable {
    public init() {}
}
