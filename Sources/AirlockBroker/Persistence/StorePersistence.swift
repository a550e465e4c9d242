import AirlockCore
import AirlockStore
import Foundation
import Logging

/// The broker's persistence on the shared SQLite policy store.
///
/// Decisions are appended by one background writer in batches (one transaction each), in
/// the order the broker made them: a SQLite commit per decision on the event loop capped the
/// broker at ~1,800 decisions/s with a p99 of 45 ms. The answer therefore reaches the agent a
/// few milliseconds before its log line is committed; a crash in that window loses those
/// lines, never reorders them. Exceptions are read and written synchronously (they are rare
/// and their order against decisions matters).
public final class StorePersistence: BrokerPersistence, @unchecked Sendable {
    public let store: PolicyStore
    private let logger: Logger
    private let writer = DispatchQueue(label: "airlock.decision-log")
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var buffer: [DecisionRecord] = []
    private var isFlushScheduled = false

    public init(store: PolicyStore, logger: Logger = Logger(label: "airlock.store")) {
        self.store = store
        self.logger = logger
    }

    public func appendDecision(_ entry: DecisionRecord) throws {
        let schedule = lock.withLock { () -> Bool in
            buffer.append(entry)
            defer { isFlushScheduled = true }
            return !isFlushScheduled
        }
        if schedule { writer.async { self.flush() } }
    }

    /// Returns once every decision handed over so far is committed (for shutdown and tests).
    public func waitUntilLogged() {
        writer.sync {}
    }

    private func flush() {
        let batch = lock.withLock { () -> [DecisionRecord] in
            defer {
                buffer.removeAll(keepingCapacity: true)
                isFlushScheduled = false
            }
            return buffer
        }
        guard !batch.isEmpty else { return }
        do {
            try store.appendDecisions(batch)
        } catch {
            logger.error("could not log \(batch.count) decisions: \(error)")
        }
    }

    public func activeExceptions(at now: Date) throws -> [PolicyException] {
        try store.activeExceptions(at: now)
    }

    public func grant(_ exception: PolicyException, now: Date, sample: Assessment?) throws {
        try store.grant(exception, now: now, sample: sample)
    }

    public func revoke(id: String, by reviewer: String, at now: Date) throws -> PolicyException? {
        try store.revoke(id: id, by: reviewer, at: now)
    }

    public func recordUse(of id: String) throws -> PolicyException? {
        try store.recordUse(of: id)
    }
}
