import AirlockCore
import FoundationEssentials
import Synchronization

/// A `BrokerPersistence` that keeps everything in memory: for tests, benchmarks, and a broker
/// run without a store.
public final class InMemoryPersistence: BrokerPersistence {
    private struct State {
        var decisions: [DecisionRecord] = []
        var exceptions: [PolicyException] = []
    }

    private let state: Mutex<State>

    public init(exceptions: [PolicyException] = []) {
        state = Mutex(State(exceptions: exceptions))
    }

    /// Every decision appended so far, oldest first.
    public var decisions: [DecisionRecord] { state.withLock { $0.decisions } }

    /// Every exception ever granted, revoked and expired ones included.
    public var allExceptions: [PolicyException] { state.withLock { $0.exceptions } }

    public func appendDecisions(_ records: [DecisionRecord]) async throws {
        state.withLock { $0.decisions += records }
    }

    public func activeExceptions(at now: Date) async throws -> [PolicyException] {
        state.withLock { $0.exceptions.filter { $0.isActive(at: now) } }
    }

    public func grant(_ exception: PolicyException, now: Date, sample: Assessment?) async throws {
        // The broker checked the cap it was configured with; here only the floors are enforced again.
        try exception.validate(now: now, maximumSeconds: Int(Int32.max), sample: sample)
        state.withLock { $0.exceptions.append(exception) }
    }

    public func revoke(id: String, by reviewer: String, at now: Date) async throws -> PolicyException? {
        state.withLock { state in
            guard let index = state.exceptions.firstIndex(where: { $0.id == id && $0.isActive(at: now) }) else {
                return nil
            }
            state.exceptions[index].revokedAt = now
            state.exceptions[index].revokedBy = reviewer
            return state.exceptions[index]
        }
    }

    public func recordUse(of id: String) async throws -> PolicyException? {
        state.withLock { state in
            guard let index = state.exceptions.firstIndex(where: { $0.id == id }) else { return nil }
            if let left = state.exceptions[index].usesLeft { state.exceptions[index].usesLeft = max(0, left - 1) }
            return state.exceptions[index]
        }
    }
}
