import AirlockCore
import Foundation
import GRDB
import Testing

@testable import AirlockStore

@Suite struct MigrationTests {
    static let frozen = ["v1-exceptions", "v1-decision-log", "v1-policy-trust"]

    @Test func migrationsAreTheFrozenList() {
        #expect(PolicyStore.migrator.migrations == Self.frozen)
    }

    @Test func reopeningKeepsDataAndDoesNotMigrateAgain() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/state/airlock/airlock.sqlite"
        do {
            let store = try PolicyStore.open(path: path)
            try store.grant(makeException("kept"), now: t0)
            try store.appendDecision(entry("a1"))
        }
        let reopened = try PolicyStore.open(path: path)
        #expect(try reopened.activeExceptions(at: t0).map(\.id) == ["kept"])
        #expect(try reopened.verifyLog() == .intact(count: 1))

        let raw = try rawConnection(path)
        try raw.read { db throws in
            #expect(
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") == Self.frozen)
            #expect(try PolicyStore.migrator.hasCompletedMigrations(db))
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
        }
    }

    @Test func filesArePrivate() throws {
        let directory = try TemporaryDirectory()
        let state = directory.path + "/new/airlock"
        let path = StorePaths.defaultDatabase(stateDirectory: state)
        #expect(path == state + "/airlock.sqlite")
        _ = try PolicyStore.open(path: path)
        let fileManager = FileManager.default
        let directoryMode = try fileManager.attributesOfItem(atPath: state)[.posixPermissions] as? Int
        let fileMode = try fileManager.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        #expect(fileMode == 0o600)
    }
}
