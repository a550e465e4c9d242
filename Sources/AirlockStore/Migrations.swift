import GRDB

extension PolicyStore {
    /// The schema's timeline. Frozen: a shipped migration never changes; a new need gets a new,
    /// later migration. Constraints live here, so no path around the façade can break them.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-exceptions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE exception (
                        id TEXT PRIMARY KEY NOT NULL,
                        effect TEXT NOT NULL CHECK (effect IN ('allow', 'deny')),
                        scope TEXT NOT NULL,
                        binding TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        uses_left INTEGER CHECK (uses_left IS NULL OR uses_left >= 0),
                        use_count INTEGER NOT NULL DEFAULT 0 CHECK (use_count >= 0),
                        granted_by TEXT NOT NULL,
                        reason TEXT NOT NULL,
                        revoked_at INTEGER,
                        revoked_by TEXT,
                        expiry_reported INTEGER NOT NULL DEFAULT 0 CHECK (expiry_reported IN (0, 1))
                    ) STRICT;
                    CREATE INDEX exception_expires_at ON exception(expires_at);
                    """)
        }

        migrator.registerMigration("v1-decision-log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE decision_log (
                        sequence INTEGER PRIMARY KEY CHECK (sequence > 0),
                        time INTEGER NOT NULL,
                        action_id TEXT NOT NULL,
                        harness TEXT NOT NULL,
                        session TEXT,
                        workspace TEXT,
                        summary TEXT NOT NULL,
                        categories TEXT NOT NULL,
                        risk TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high', 'critical')),
                        verdict TEXT NOT NULL CHECK (verdict IN ('allow', 'ask', 'deny')),
                        source TEXT NOT NULL,
                        reviewer TEXT,
                        reason TEXT NOT NULL,
                        previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
                        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
                    ) STRICT;
                    CREATE INDEX decision_log_time ON decision_log(time);
                    CREATE TRIGGER decision_log_no_update BEFORE UPDATE ON decision_log
                    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
                    CREATE TRIGGER decision_log_no_delete BEFORE DELETE ON decision_log
                    BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END;
                    CREATE TRIGGER decision_log_chain BEFORE INSERT ON decision_log
                    WHEN NEW.sequence IS NOT (SELECT COALESCE(MAX(sequence), 0) + 1 FROM decision_log)
                        OR NEW.previous_hash IS NOT COALESCE(
                            (SELECT hash FROM decision_log ORDER BY sequence DESC LIMIT 1),
                            '0000000000000000000000000000000000000000000000000000000000000000')
                    BEGIN SELECT RAISE(ABORT, 'a decision log record must extend the chain'); END;
                    """)
        }

        migrator.registerMigration("v1-policy-trust") { db in
            try db.execute(
                sql: """
                    CREATE TABLE policy_trust (
                        path TEXT PRIMARY KEY NOT NULL,
                        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
                        trusted_at INTEGER NOT NULL
                    ) STRICT;
                    """)
        }

        return migrator
    }
}
