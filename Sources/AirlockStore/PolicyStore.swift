import AirlockCore
import Foundation
import GRDB

/// The shared policy store: time-boxed exceptions, the hash-chained decision log
/// and repository policy trust, in one SQLite file that brokers, consoles and the CLI open at once.
///
/// Every method is one transaction. Writes are IMMEDIATE transactions, so a read-then-write
/// (the last log hash, a use count) cannot interleave with another process's write; a busy
/// timeout makes concurrent writers wait their turn instead of failing.
public final class PolicyStore: Sendable {
    /// A `DatabasePool` (WAL) for files, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter

    private init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// How long a write waits for another connection's write to finish before failing.
    public static let busyTimeout: TimeInterval = 5

    /// Opens (creating if needed, with parent dir 0700) a store file in WAL mode; runs migrations.
    /// `busyTimeout` is how long a write waits for another process's (tests lengthen it).
    public static func open(path: String, busyTimeout: TimeInterval = busyTimeout) throws(StoreError) -> PolicyStore {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotOpen(path: directory, reason: "cannot create the directory")
            }
        }
        // The migrator reads which migrations ran and then runs the rest, so two processes
        // creating the same file together could both try to create the tables.
        return try SetupLock.withLock(path: path + "-setup.lock") { () throws(StoreError) in
            try SetupLock.createPrivateFile(path: path)
            do {
                let pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
                try migrator.migrate(pool)
                return PolicyStore(writer: pool)
            } catch {
                throw StoreError(error)
            }
        }
    }

    /// An in-memory store for tests.
    public static func inMemory() throws(StoreError) -> PolicyStore {
        do {
            let queue = try DatabaseQueue(configuration: configuration())
            try migrator.migrate(queue)
            return PolicyStore(writer: queue)
        } catch {
            throw StoreError(error)
        }
    }

    private static func configuration(busyTimeout: TimeInterval = busyTimeout) -> Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL still survives a process crash; it skips the fsync per commit
            // that would cap the broker at a few hundred logged decisions a second.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return configuration
    }

    /// Runs `body` in one write transaction (GRDB opens it IMMEDIATE on a writable connection);
    /// `table` names what a record that fails to decode came from.
    func write<T>(table: String? = nil, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError(error, table: table)
        }
    }

    /// Runs `body` on a consistent snapshot of the database.
    func read<T>(table: String? = nil, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError(error, table: table)
        }
    }
}
