import AirlockCore
import AirlockStore
import Foundation

/// The broker's persistence on the shared SQLite policy store.
public struct StorePersistence: BrokerPersistence {
    public let store: PolicyStore

    public init(store: PolicyStore) {
        self.store = store
    }

    public func appendDecision(_ entry: DecisionRecord) throws {
        try store.appendDecision(entry)
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
