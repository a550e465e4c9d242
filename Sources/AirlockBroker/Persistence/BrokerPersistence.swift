import AirlockCore
import FoundationEssentials

/// Where the broker keeps what must outlive it: the decision log and the exceptions.
///
/// The broker calls these on its own event loop, in the order its state machine asked, so an
/// implementation sees a grant before the decisions it caused. Implementations must be fast
/// (they sit on the decision path) and may throw; the broker logs the failure and goes on,
/// with its in-memory state as the answer for the running process.
public protocol BrokerPersistence: Sendable {
    /// Appends one final decision to the log.
    func appendDecision(_ entry: DecisionRecord) throws
    /// The exceptions in force at `now`, wherever they were granted.
    func activeExceptions(at now: Date) throws -> [PolicyException]
    /// Stores a new exception; `sample` is the assessment of the action it was made from.
    func grant(_ exception: PolicyException, now: Date, sample: Assessment?) throws
    /// Ends an exception early; returns it as revoked, or nil when no such exception is active.
    func revoke(id: String, by reviewer: String, at now: Date) throws -> PolicyException?
    /// Counts one use of an exception; returns it with its uses left updated.
    func recordUse(of id: String) throws -> PolicyException?
}
