import AirlockCore
import Foundation
import GRDB

/// Exceptions: time-boxed allow or deny decisions made by a human.
extension PolicyStore {
    /// Validates with `PolicyException.validate(now:maximumSeconds:sample:)` (no expiry, beyond the
    /// cap and hard-floor allows are refused, as is a second exception with the same id) and saves
    /// it; nothing is written when refused.
    public func grant(
        _ exception: PolicyException, now: Date, maximumSeconds: Int = 8 * 3600, sample: Assessment? = nil
    ) throws(StoreError) {
        do {
            try exception.validate(now: now, maximumSeconds: maximumSeconds, sample: sample)
        } catch {
            throw .exceptionRefused(error)
        }
        try write(table: PolicyException.databaseTableName) { db in
            if try PolicyException.exists(db, key: exception.id) {
                throw StoreError.duplicateException(id: exception.id)
            }
            try exception.insert(db)
        }
    }

    /// Revokes an exception; nil if it is unknown or already revoked.
    public func revoke(id: String, by reviewer: String, at time: Date) throws(StoreError) -> PolicyException? {
        try write(table: PolicyException.databaseTableName) { db in
            let changed = try PolicyException.filter(key: id).filter(PolicyException.Columns.revokedAt == nil)
                .updateAll(
                    db, PolicyException.Columns.revokedAt.set(to: time.storeMilliseconds),
                    PolicyException.Columns.revokedBy.set(to: reviewer))
            return changed > 0 ? try PolicyException.fetchOne(db, key: id) : nil
        }
    }

    /// The exceptions in force at `time`: not revoked, not expired, uses left; oldest first.
    public func activeExceptions(at time: Date) throws(StoreError) -> [PolicyException] {
        try read(table: PolicyException.databaseTableName) { db in
            try PolicyException.all().active(at: time).oldestFirst().fetchAll(db)
        }
    }

    /// Every exception ever granted, or only those active at `time`, oldest first.
    public func exceptions(includingInactive: Bool, at time: Date = Date()) throws(StoreError) -> [PolicyException] {
        guard includingInactive else { return try activeExceptions(at: time) }
        return try read(table: PolicyException.databaseTableName) { db in
            try PolicyException.all().oldestFirst().fetchAll(db)
        }
    }

    /// Counts one use and returns the updated exception (`usesLeft` decremented when limited);
    /// nil if it is unknown, revoked or used up, in which case the use must not happen. Two
    /// processes racing for the last use cannot both get it.
    public func recordUse(of id: String) throws(StoreError) -> PolicyException? {
        try write(table: PolicyException.databaseTableName) { db in
            let usable = PolicyException.filter(key: id).filter(PolicyException.Columns.revokedAt == nil)
                .filter(PolicyException.Columns.usesLeft == nil || PolicyException.Columns.usesLeft > 0)
            guard try usable.fetchCount(db) > 0 else { return nil }
            // NULL - 1 is NULL: unlimited exceptions stay unlimited.
            try usable.updateAll(db, PolicyException.Columns.usesLeft -= 1)
            return try PolicyException.fetchOne(db, key: id)
        }
    }
}
