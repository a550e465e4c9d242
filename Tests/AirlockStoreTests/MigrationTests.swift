import AirlockCore
import Foundation
import GRDB
import Testing

@testable import AirlockStore

@Suite struct MigrationTests {
    static let frozen = [
        "v1-exceptions", "v1-decision-log", "v1-policy-trust", "v2-named-coding", "v2-exception-dead-columns",
        "v2-decision-log-kind", "v3-seal-and-reviewer-identity", "v4-policy-trust-seal",
    ]

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

    /// A store written by a version-1 Airlock: scopes and bindings in Swift's synthesised
    /// coding, the dead columns, a log without kinds. Opening it migrates all of that, and the
    /// log still verifies.
    @Test func aVersionOneStoreIsRewrittenToNamedCoding() throws {
        let directory = try TemporaryDirectory()
        let path = directory.database
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let raw = try rawConnection(path)
        try PolicyStore.migrator.migrate(raw, upTo: "v1-policy-trust")
        let v1Rows: [(id: String, scope: String, binding: String)] = [
            ("exact", #"{"exactAction":{"_0":"shell:rm -rf build"}}"#, #"{"session":{"_0":"7f3c"}}"#),
            ("prefix", #"{"commandPrefix":{"_0":["npm","test"]}}"#, #"{"repository":{"_0":"/work/app"}}"#),
            ("category", #"{"category":{"_0":"network"}}"#, #"{"everywhere":{}}"#),
            ("tool", #"{"mcpTool":{"server":"github","tool":"get_issue"}}"#, #"{"everywhere":{}}"#),
            ("paths", #"{"paths":{"_0":["src/**"]}}"#, #"{"everywhere":{}}"#),
        ]
        let created = t0.timeIntervalSince1970 * 1000
        try raw.write { db in
            for row in v1Rows {
                try db.execute(
                    sql: """
                        INSERT INTO exception (id, effect, scope, binding, created_at, expires_at, granted_by, reason,
                            use_count, expiry_reported)
                        VALUES (?, 'deny', ?, ?, ?, ?, 'alice', 'v1', 3, 1)
                        """,
                    arguments: [row.id, row.scope, row.binding, created, created + 3_600_000])
            }
            try db.execute(
                sql: """
                    INSERT INTO decision_log (sequence, time, action_id, harness, summary, categories, risk, verdict,
                        source, reason, previous_hash, hash)
                    VALUES (1, ?, 'a1', 'claude', 'npm test', '["test"]', 'low', 'allow', 'mode:workspace-edit',
                        'ok', ?, ?)
                    """,
                arguments: [created, DecisionLogRow.genesis, String(repeating: "a", count: 64)])
        }
        try raw.close()

        let store = try PolicyStore.open(path: path)
        let exceptions = try store.activeExceptions(at: t0)
        #expect(
            exceptions.map(\.scope) == [
                .category(.network), .exactAction("shell:rm -rf build"), .paths(["src/**"]),
                .commandPrefix(["npm", "test"]), .mcpTool(server: "github", tool: "get_issue"),
            ])
        #expect(exceptions.first { $0.id == "exact" }?.binding == .session("7f3c"))
        #expect(exceptions.first { $0.id == "prefix" }?.binding == .repository("/work/app"))
        let stored = try rawConnection(path).read { db in
            try String.fetchAll(db, sql: "SELECT scope || binding FROM exception ORDER BY id")
        }
        #expect(stored.allSatisfy { !$0.contains("_0") }, "\(stored)")
        #expect(stored.contains(#"{"commandPrefix":{"argv":["npm","test"]}}{"repository":{"root":"/work/app"}}"#))
        let columns = try rawConnection(path).read { db in try db.columns(in: "exception").map(\.name) }
        #expect(!columns.contains("use_count") && !columns.contains("expiry_reported"))
        let logged = try #require(try store.decisions(since: nil, limit: 1).first)
        #expect(logged.kind == nil && logged.subject == nil)
        #expect(try logged.decision().source == .mode(.workspaceEdit))
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
