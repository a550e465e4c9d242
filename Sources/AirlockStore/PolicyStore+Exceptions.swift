import AirlockCore
import Foundation
import GRDB

/// Exceptions: time-boxed allow or deny decisions made by a human (DESIGN §7).
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
        let arguments = try exception.insertArguments()
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM exception WHERE id = ?", arguments: [exception.id]) == true {
                throw StoreError.duplicateException(id: exception.id)
            }
            try db.execute(sql: PolicyException.insertSQL, arguments: arguments)
        }
    }

    /// Revokes an exception; nil if it is unknown or already revoked.
    public func revoke(id: String, by reviewer: String, at time: Date) throws(StoreError) -> PolicyException? {
        try write { db in
            try db.execute(
                sql: "UPDATE exception SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [time.storeMilliseconds, reviewer, id])
            guard db.changesCount > 0 else { return nil }
            return try Self.exception(id: id, db)
        }
    }

    /// The exceptions in force at `time`: not revoked, not expired, uses left.
    public func activeExceptions(at time: Date) throws(StoreError) -> [PolicyException] {
        try read { db in
            try Self.exceptions(
                db,
                where: "revoked_at IS NULL AND expires_at > ? AND (uses_left IS NULL OR uses_left > 0)",
                arguments: [time.storeMilliseconds])
        }
    }

    /// Every exception ever granted, or only those active at `time`, oldest first.
    public func exceptions(includingInactive: Bool, at time: Date = Date()) throws(StoreError) -> [PolicyException] {
        guard includingInactive else { return try activeExceptions(at: time) }
        return try read { db in try Self.exceptions(db, where: "1", arguments: []) }
    }

    /// Counts one use and returns the updated exception (`usesLeft` decremented when limited);
    /// nil if it is unknown, revoked or used up, in which case the use must not happen. Two
    /// processes racing for the last use cannot both get it.
    public func recordUse(of id: String) throws(StoreError) -> PolicyException? {
        try write { db in
            // NULL - 1 is NULL: unlimited exceptions stay unlimited.
            try db.execute(
                sql: """
                    UPDATE exception SET uses_left = uses_left - 1, use_count = use_count + 1
                    WHERE id = ? AND revoked_at IS NULL AND (uses_left IS NULL OR uses_left > 0)
                    """,
                arguments: [id])
            guard db.changesCount > 0 else { return nil }
            return try Self.exception(id: id, db)
        }
    }

    /// Exceptions whose expiry passed at or before `time` and that were not yet reported
    /// expired, marked reported so each expiry is announced once. Revoked and used-up exceptions
    /// are left out: their end was announced when it happened.
    public func takeNewlyExpired(at time: Date) throws(StoreError) -> [PolicyException] {
        try write { db in
            let condition = """
                expiry_reported = 0 AND expires_at <= ? AND revoked_at IS NULL
                AND (uses_left IS NULL OR uses_left > 0)
                """
            let arguments: StatementArguments = [time.storeMilliseconds]
            let expired = try Self.exceptions(db, where: condition, arguments: arguments)
            try db.execute(sql: "UPDATE exception SET expiry_reported = 1 WHERE \(condition)", arguments: arguments)
            return expired
        }
    }

    private static func exception(id: String, _ db: Database) throws -> PolicyException? {
        try exceptions(db, where: "id = ?", arguments: [id]).first
    }

    private static func exceptions(
        _ db: Database, where condition: String, arguments: StatementArguments
    ) throws -> [PolicyException] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM exception WHERE \(condition) ORDER BY created_at, id", arguments: arguments
        ).map { row throws(StoreError) in try PolicyException(row: row) }
    }
}
