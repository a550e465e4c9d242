import AirlockCore
import Foundation
import GRDB

/// An exception is its own row of the `exception` table: one type, no mapping code. Columns
/// are the properties in snake case; scope and binding are JSON text in their named form
/// (`Scope+Coding.swift`); times are whole milliseconds since 1970.
extension PolicyException: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "exception"

    /// The columns queries name.
    public enum Columns {
        public static let id = Column("id")
        public static let createdAt = Column("created_at")
        public static let expiresAt = Column("expires_at")
        public static let usesLeft = Column("uses_left")
        public static let revokedAt = Column("revoked_at")
        public static let revokedBy = Column("revoked_by")
    }

    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { $0.storeMilliseconds }
    }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy {
        .custom { Int64.fromDatabaseValue($0).map(Date.init(storeMilliseconds:)) }
    }
}

extension DerivableRequest<PolicyException> {
    /// In force at `time`: not revoked, not expired, uses left.
    func active(at time: Date) -> Self {
        typealias Columns = PolicyException.Columns
        return filter(Columns.revokedAt == nil && Columns.expiresAt > time.storeMilliseconds)
            .filter(Columns.usesLeft == nil || Columns.usesLeft > 0)
    }

    /// Oldest grant first (policy takes the first that matches).
    func oldestFirst() -> Self {
        order(PolicyException.Columns.createdAt, PolicyException.Columns.id)
    }
}
