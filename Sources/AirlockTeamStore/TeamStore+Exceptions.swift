import AirlockCore
import AirlockStore
import Foundation
import PostgresNIO

/// Exceptions in the team's store, judged by the database's clock.
extension TeamStore {
    static let exceptionColumns =
        "id, effect, scope, binding, created_at, expires_at, uses_left, granted_by, reason, revoked_at, revoked_by, seal"

    /// The exceptions in force now by the database's clock, oldest grant first, and that time.
    public func activeExceptions() async throws -> (exceptions: [PolicyException], databaseNow: Int64) {
        try await link.run("read the exceptions") { [logger] connection in
            let now = try await Self.one(connection.query("SELECT airlock.now_ms()", logger: logger), Int64.self)
            let rows = try await connection.query(
                """
                SELECT \(unescaped: Self.exceptionColumns) FROM airlock.exception
                WHERE revoked_at IS NULL AND expires_at > \(now) AND (uses_left IS NULL OR uses_left > 0)
                ORDER BY created_at, id
                """, logger: logger
            ).collect()
            return (try rows.map(Self.exception), now)
        }
    }

    /// Every exception, revoked and expired ones included (for tests and `policy list --all`).
    public func allExceptions() async throws -> [PolicyException] {
        try await link.run("read the exceptions") { [logger] connection in
            try await connection.query(
                "SELECT \(unescaped: Self.exceptionColumns) FROM airlock.exception ORDER BY created_at, id",
                logger: logger
            ).collect().map(Self.exception)
        }
    }

    /// Stores a new exception, stamped with the database's clock: it lasts as long as asked
    /// from the moment the database took it. The floors are checked again (whoever asked).
    /// `seal` seals it as stamped (the times are sealed fields); without one the row is stored
    /// unsealed, and brokers refuse it.
    public func grant(
        _ exception: PolicyException, sample: Assessment?,
        seal: @escaping @Sendable (PolicyException) -> PolicyException = { $0 }
    ) async throws {
        try exception.validate(now: exception.createdAt, maximumSeconds: Int(Int32.max), sample: sample)
        let lasting = exception.expiresAt.storeMilliseconds - exception.createdAt.storeMilliseconds
        let scope = String(decoding: try JSONEncoder().encode(exception.scope), as: UTF8.self)
        let binding = String(decoding: try JSONEncoder().encode(exception.binding), as: UTF8.self)
        try await link.run("save exception \(exception.id)") { [logger] connection in
            // The clock is read first and the row written with it, so the seal covers the
            // times stored; one statement would stamp them where the seal cannot be made.
            let now = try await Self.one(connection.query("SELECT airlock.now_ms()", logger: logger), Int64.self)
            var stamped = exception
            stamped.createdAt = Date(storeMilliseconds: now)
            stamped.expiresAt = Date(storeMilliseconds: now + lasting)
            stamped.seal = nil
            stamped = seal(stamped)
            try await connection.query(
                """
                INSERT INTO airlock.exception
                    (id, effect, scope, binding, created_at, expires_at, uses_left, granted_by, reason, seal)
                VALUES (\(stamped.id), \(stamped.effect.rawValue), \(scope), \(binding), \(now), \(now + lasting),
                    \(stamped.usesLeft), \(stamped.grantedBy), \(stamped.reason), \(stamped.seal))
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
        }
    }

    /// Ends an exception early; returns it as revoked, or nil when none such is in force.
    public func revoke(id: String, by reviewer: String) async throws -> PolicyException? {
        try await link.run("revoke exception \(id)") { [logger] connection in
            try await connection.query(
                """
                UPDATE airlock.exception SET revoked_at = airlock.now_ms(), revoked_by = \(reviewer)
                WHERE id = \(id) AND revoked_at IS NULL AND expires_at > airlock.now_ms()
                RETURNING \(unescaped: Self.exceptionColumns)
                """, logger: logger
            ).collect().first.map(Self.exception)
        }
    }

    /// Counts one use of an exception; returns it with its uses left.
    public func recordUse(of id: String) async throws -> PolicyException? {
        try await link.run("count a use of \(id)") { [logger] connection in
            try await connection.query(
                """
                UPDATE airlock.exception SET uses_left = CASE WHEN uses_left IS NULL THEN NULL
                    ELSE greatest(uses_left - 1, 0) END
                WHERE id = \(id)
                RETURNING \(unescaped: Self.exceptionColumns)
                """, logger: logger
            ).collect().first.map(Self.exception)
        }
    }

    static func exception(_ row: PostgresRow) throws -> PolicyException {
        let cells = row.makeRandomAccess()
        let id = try cells["id"].decode(String.self)
        let unreadable = TeamStoreError.unreadable("exception \(id)")
        guard let effect = PolicyRule.Effect(rawValue: try cells["effect"].decode(String.self)) else {
            throw unreadable
        }
        let decoder = JSONDecoder()
        guard let scope = try? decoder.decode(Scope.self, from: Data(try cells["scope"].decode(String.self).utf8)),
            let binding = try? decoder.decode(
                PolicyException.Binding.self, from: Data(try cells["binding"].decode(String.self).utf8))
        else { throw unreadable }
        return PolicyException(
            id: id, effect: effect, scope: scope, binding: binding,
            createdAt: Date(storeMilliseconds: try cells["created_at"].decode(Int64.self)),
            expiresAt: Date(storeMilliseconds: try cells["expires_at"].decode(Int64.self)),
            usesLeft: try cells["uses_left"].decode(Int?.self), grantedBy: try cells["granted_by"].decode(String.self),
            reason: try cells["reason"].decode(String.self),
            revokedAt: try cells["revoked_at"].decode(Int64?.self).map(Date.init(storeMilliseconds:)),
            revokedBy: try cells["revoked_by"].decode(String?.self), seal: try cells["seal"].decode(String?.self))
    }
}
