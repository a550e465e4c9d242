import AirlockCore

/// What the broker tells subscribed consoles, as JSON-RPC notifications named after the case.
public enum ServerNotification: Equatable, Sendable {
    case actionQueued(ActionQueued)
    case actionResolved(ActionResolved)
    case actionExpired(ActionExpired)
    case exceptionGranted(ExceptionGranted)
    case exceptionRevoked(ExceptionRevoked)
    case exceptionExpired(ExceptionExpired)
    /// The store became degraded or recovered.
    case storeHealthChanged(StoreHealth)
    /// Every decision the broker makes, automatic ones included.
    case actionDecided(ActionDecided)
    case boundariesMeasured(BoundariesMeasured)
    /// The decision log's head after the broker's last write: consoles record it, so
    /// `airlock audit --verify` can tell a log cut short or rewritten (`LogAnchor`).
    case logAnchored(LogAnchor)
    /// A stored exception the broker refuses to use (not sealed, or breaking a grant rule).
    case exceptionRejected(RejectedException)

    public var method: NotificationMethod {
        switch self {
        case .actionQueued: .actionQueued
        case .actionResolved: .actionResolved
        case .actionExpired: .actionExpired
        case .exceptionGranted: .exceptionGranted
        case .exceptionRevoked: .exceptionRevoked
        case .exceptionExpired: .exceptionExpired
        case .storeHealthChanged: .storeHealthChanged
        case .actionDecided: .actionDecided
        case .boundariesMeasured: .boundariesMeasured
        case .logAnchored: .logAnchored
        case .exceptionRejected: .exceptionRejected
        }
    }

    var payload: any Encodable & Sendable {
        switch self {
        case .actionQueued(let params): params
        case .actionResolved(let params): params
        case .actionExpired(let params): params
        case .exceptionGranted(let params): params
        case .exceptionRevoked(let params): params
        case .exceptionExpired(let params): params
        case .storeHealthChanged(let params): params
        case .actionDecided(let params): params
        case .boundariesMeasured(let params): params
        case .logAnchored(let params): params
        case .exceptionRejected(let params): params
        }
    }
}

/// The notification method names.
public enum NotificationMethod: String, Codable, Sendable, CaseIterable {
    case actionQueued, actionResolved, actionExpired, exceptionGranted, exceptionRevoked, exceptionExpired
    case actionDecided, boundariesMeasured, logAnchored, exceptionRejected, storeHealthChanged
}

/// An action now waits for a human.
public struct ActionQueued: Codable, Equatable, Sendable {
    public var item: QueuedAction

    public init(item: QueuedAction) {
        self.item = item
    }
}

/// A pending action was answered (by a reviewer or an exception).
public struct ActionResolved: Codable, Equatable, Sendable {
    public var id: String
    public var decision: FinalVerdict
    public var reason: String
    public var source: Decision.Source
    /// The reviewer, when a human decided.
    public var reviewer: String?

    public init(id: String, decision: FinalVerdict, reason: String, source: Decision.Source, reviewer: String? = nil) {
        self.id = id
        self.decision = decision
        self.reason = reason
        self.source = source
        self.reviewer = reviewer
    }
}

/// A pending action left the queue without a reviewer's answer.
public struct ActionExpired: Codable, Equatable, Sendable {
    public enum Cause: String, Codable, Sendable {
        /// Nobody answered before its deadline; the agent was denied.
        case timeout
        /// The agent disconnected before an answer.
        case withdrawn
    }

    public var id: String
    public var cause: Cause
    public var reason: String

    public init(id: String, cause: Cause, reason: String) {
        self.id = id
        self.cause = cause
        self.reason = reason
    }
}

/// An exception came into force; `resolved` lists the pending actions it answered.
public struct ExceptionGranted: Codable, Equatable, Sendable {
    public var exception: PolicyException
    public var resolved: [String]

    public init(exception: PolicyException, resolved: [String] = []) {
        self.exception = exception
        self.resolved = resolved
    }
}

/// An exception was ended early.
public struct ExceptionRevoked: Codable, Equatable, Sendable {
    public var exception: PolicyException

    public init(exception: PolicyException) {
        self.exception = exception
    }
}

/// An exception ran out of time or uses.
public struct ExceptionExpired: Codable, Equatable, Sendable {
    public var exception: PolicyException

    public init(exception: PolicyException) {
        self.exception = exception
    }
}
