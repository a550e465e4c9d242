import AirlockCore
import AirlockStore
import Foundation
import NIOPosix

/// The broker's persistence on the shared SQLite policy store. GRDB's calls block, so each
/// runs on a thread of its own (`NIOThreadPool`), never on the event loop nor on Swift
/// concurrency's shared threads; the broker's `PersistenceLane` keeps them in order and hands
/// decisions over in batches, one transaction each (a commit per decision capped the broker
/// at ~1,800 decisions/s). The agent's answer can therefore precede its log line by a few
/// milliseconds; a crash in that window loses those lines, never reorders them.
public final class StorePersistence: BrokerPersistence {
    public let store: PolicyStore
    private let threads: NIOThreadPool

    public init(store: PolicyStore) {
        self.store = store
        threads = NIOThreadPool(numberOfThreads: 1)
        threads.start()
    }

    deinit {
        threads.shutdownGracefully { _ in }
    }

    public func appendDecisions(_ records: [DecisionRecord]) async throws {
        try await threads.runIfActive { [store] in try store.appendDecisions(records) }
    }

    public func activeExceptions(at now: Date) async throws -> [PolicyException] {
        try await threads.runIfActive { [store] in try store.activeExceptions(at: now) }
    }

    public func grant(_ exception: PolicyException, now: Date, sample: Assessment?) async throws {
        try await threads.runIfActive { [store] in try store.grant(exception, now: now, sample: sample) }
    }

    public func revoke(id: String, by reviewer: String, at now: Date) async throws -> PolicyException? {
        try await threads.runIfActive { [store] in try store.revoke(id: id, by: reviewer, at: now) }
    }

    public func recordUse(of id: String) async throws -> PolicyException? {
        try await threads.runIfActive { [store] in try store.recordUse(of: id) }
    }

    /// A read of the SQLite file, on the caller's thread (the policy watcher's, off the loop).
    public func isPolicyFileTrusted(path: String, sha256: String) -> Bool {
        (try? store.isPolicyFileTrusted(path: path, sha256: sha256)) == true
    }

    public func logHead() async throws -> LogAnchor? {
        try await threads.runIfActive { [store] in try store.logHead() }
    }
}
