import AirlockCore
import AirlockWire
import FoundationEssentials

/// Where the broker keeps what must outlive it: the decision log and the exceptions; the seam
/// a store sits behind (SQLite on one machine; a shared database for a team).
///
/// The broker never calls these on its event loop. One `PersistenceLane` calls them in the
/// order the state machine asked, one at a time, so an implementation sees a grant before the
/// decisions it caused, and a reload after every write asked for before it. Decisions arrive
/// in batches (whatever accumulated while the previous call ran). A call may be slow or throw:
/// the broker logs the failure and goes on with its in-memory state, which answers for the
/// running process; agents are answered without waiting for the log.
public protocol BrokerPersistence: Sendable {
    /// Appends final decisions to the log, in order.
    func appendDecisions(_ records: [DecisionRecord]) async throws
    /// The exceptions in force at `now`, wherever they were granted.
    func activeExceptions(at now: Date) async throws -> [PolicyException]
    /// Stores a new exception; `sample` is the assessment of the action it was made from.
    func grant(_ exception: PolicyException, now: Date, sample: Assessment?) async throws
    /// Ends an exception early; returns it as revoked, or nil when no such exception is active.
    func revoke(id: String, by reviewer: String, at now: Date) async throws -> PolicyException?
    /// Counts one use of an exception; returns it with its uses left updated.
    func recordUse(of id: String) async throws -> PolicyException?
    /// Tells when exceptions changed elsewhere (another broker, the CLI), for a store that can
    /// push; nil when it cannot, and the broker re-reads every `exceptionReloadInterval`.
    var changes: AsyncStream<Void>? { get }
    /// The review queue shared with other brokers; nil for a store of one machine.
    var sharedQueue: (any SharedQueue)? { get }
    /// The store's health as it changes (a team store losing and regaining its database); nil
    /// for a store that is always local.
    var healthChanges: AsyncStream<StoreHealth>? { get }
    /// The decision log's head (record count and last hash), for the anchor the broker keeps
    /// outside the store; nil when the store cannot say (no anchor is kept then).
    func logHead() async throws -> LogAnchor?
    /// Whether this content (SHA-256) of the repository policy file at `path` is trusted, where
    /// the store keeps trust (a team's store: trusted on any machine of the team). Answered at
    /// once, off the event loop (the policy watcher asks at most once a second per repository);
    /// false for a store that keeps no trust.
    func isPolicyFileTrusted(path: String, sha256: String) -> Bool
    /// True when the decision log's appends may run beside the other calls (a connection of
    /// their own): the broker then writes the log in a lane of its own, so a grant, a revocation
    /// or the shared queue never waits behind thousands of queued decisions. False: one lane.
    var writesLogApart: Bool { get }
}

extension BrokerPersistence {
    public var changes: AsyncStream<Void>? { nil }
    public var sharedQueue: (any SharedQueue)? { nil }
    public var healthChanges: AsyncStream<StoreHealth>? { nil }
    public func logHead() async throws -> LogAnchor? { nil }
    public var writesLogApart: Bool { false }
    public func isPolicyFileTrusted(path: String, sha256: String) -> Bool { false }
}
