import AirlockCore
import Foundation
import Logging
import PostgresNIO

/// A team's shared store on PostgreSQL: exceptions, repository-policy trust, the append-only
/// decision log and the shared review queue, in schema `airlock` (`TeamSchema`). Every call
/// is one short transaction through a `PostgresLink`, bounded in time; none runs on a broker's
/// event loop (the broker's `PersistenceLane` calls `TeamPersistence`, which calls this).
///
/// Time is the database's: exceptions expire by its clock, grants are stamped with it, so
/// brokers whose clocks disagree still agree on what is in force.
public final class TeamStore: Sendable {
    public let location: TeamStoreLocation
    let link: PostgresLink
    /// The decision log's own connection: appends (thousands of rows queued under load) never
    /// hold up a grant, a revocation or the shared queue on `link`.
    let logLink: PostgresLink
    let logger: Logger

    init(location: TeamStoreLocation, link: PostgresLink, logger: Logger) {
        self.location = location
        self.link = link
        self.logLink = PostgresLink(location: location, timeout: link.timeout, logger: logger)
        self.logger = logger
    }

    /// Connects and brings the schema up to date; throws when the database cannot be reached,
    /// refuses, or was migrated by a newer Airlock.
    public static func open(
        _ location: TeamStoreLocation, timeout: Duration = .seconds(5),
        logger: Logger = Logger(label: "airlock.team-store")
    ) async throws -> TeamStore {
        let link = PostgresLink(location: location, timeout: timeout, logger: logger)
        let store = TeamStore(location: location, link: link, logger: logger)
        _ = try await link.run("migrate the schema", timeout: .seconds(60)) { connection in
            try await TeamSchema.migrate(connection, logger: logger)
        }
        return store
    }

    /// Connects for a command that reads or writes the store (`airlock audit`, `policy`,
    /// `doctor`), without migrating: a schema newer than this Airlock knows is refused, one
    /// older (or none) is reported, since a broker migrates it at start with the owner's rights.
    public static func connect(
        _ location: TeamStoreLocation, timeout: Duration = .seconds(5),
        logger: Logger = Logger(label: "airlock.team-store")
    ) async throws -> TeamStore {
        let link = PostgresLink(location: location, timeout: timeout, logger: logger)
        let store = TeamStore(location: location, link: link, logger: logger)
        let found: Int
        do {
            found = try await store.schemaVersion()
        } catch {
            await store.close()
            throw error
        }
        guard found == TeamSchema.version else {
            await store.close()
            if found > TeamSchema.version { throw TeamStoreError.newerSchema(found: found, known: TeamSchema.version) }
            throw TeamStoreError.olderSchema(found: found, known: TeamSchema.version)
        }
        return store
    }

    /// Closes the store's connections.
    public func close() async {
        await link.close()
        await logLink.close()
    }

    /// The database's clock, in whole milliseconds since 1970.
    public func databaseNow() async throws -> Int64 {
        try await link.run("read the clock") { [logger] connection in
            try await Self.one(connection.query("SELECT airlock.now_ms()", logger: logger), Int64.self)
        }
    }

    /// The schema version the database holds.
    public func schemaVersion() async throws -> Int {
        try await link.run("read the schema version") { [logger] connection in
            try await TeamSchema.currentVersion(connection, logger: logger)
        }
    }

    // MARK: Helpers

    /// The single value of a one-row, one-column answer.
    static func one<T: PostgresDecodable>(_ rows: PostgresRowSequence, _ type: T.Type) async throws -> T {
        guard let row = try await rows.collect().first else { throw TeamStoreError.unreadable("an empty answer") }
        return try row.decode(T.self)
    }

    /// Runs `body` in one transaction on `connection`.
    static func transaction<T>(
        _ connection: PostgresConnection, logger: Logger, _ body: () async throws -> T
    ) async throws -> T {
        try await connection.query("BEGIN", logger: logger)
        do {
            let value = try await body()
            try await connection.query("COMMIT", logger: logger)
            return value
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
