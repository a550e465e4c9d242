import AirlockCore
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

        // Scopes and bindings were Swift's synthesised enum coding (`{"commandPrefix":{"_0":[…]}}`),
        // which a renamed case would silently change; rewritten to their named form. The old
        // form is still read, so a row written meanwhile by an older broker stays usable.
        migrator.registerMigration("v2-named-coding") { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, scope, binding FROM exception")
            for row in rows {
                let id: String = row["id"]
                let scope = NamedCoding.rewrite(row["scope"], NamedCoding.scopeFields)
                let binding = NamedCoding.rewrite(row["binding"], NamedCoding.bindingFields)
                try db.execute(
                    sql: "UPDATE exception SET scope = ?, binding = ? WHERE id = ?", arguments: [scope, binding, id])
            }
        }

        // `use_count` and `expiry_reported` were written and never read.
        migrator.registerMigration("v2-exception-dead-columns") { db in
            try db.execute(
                sql: """
                    ALTER TABLE exception DROP COLUMN use_count;
                    ALTER TABLE exception DROP COLUMN expiry_reported;
                    """)
        }

        // The action's kind and its logged form, so the console rebuilds actions from structured
        // columns instead of parsing the summary line back; NULL in rows written before.
        migrator.registerMigration("v2-decision-log-kind") { db in
            try db.execute(
                sql: """
                    ALTER TABLE decision_log ADD COLUMN kind TEXT;
                    ALTER TABLE decision_log ADD COLUMN subject TEXT;
                    """)
        }

        // The broker's seal on each exception (`ExceptionSealer`), so a row written around it is
        // refused on load; and how the broker knew the reviewer of a human decision (from the
        // connection: uid, process, terminal, authentication). NULL in rows written before.
        migrator.registerMigration("v3-seal-and-reviewer-identity") { db in
            try db.execute(
                sql: """
                    ALTER TABLE exception ADD COLUMN seal TEXT;
                    ALTER TABLE decision_log ADD COLUMN reviewer_identity TEXT;
                    """)
        }
        // The broker's seal on each trusted policy file (`ExceptionSealer.seal(policyFile:…)`): a
        // trust row written around the broker is not believed. NULL in rows written before.
        migrator.registerMigration("v4-policy-trust-seal") { db in
            try db.execute(sql: "ALTER TABLE policy_trust ADD COLUMN seal TEXT;")
        }

        return migrator
    }
}

/// The frozen rewrite of migration `v2-named-coding`: each case's lone `_0` value becomes the
/// field it is named by now. Plain JSON in, plain JSON out, so later changes to `Scope` cannot
/// change what this migration did.
enum NamedCoding {
    static let scopeFields = [
        "exactAction": "fingerprint", "commandPrefix": "argv", "category": "name", "paths": "globs",
    ]
    static let bindingFields = ["session": "id", "repository": "root"]

    /// `{"case": {"_0": value}}` → `{"case": {"field": value}}`; anything else as it was.
    static func rewrite(_ text: String, _ fields: [String: String]) -> String {
        guard case .object(let outer)? = try? JSONValue.parse(text), outer.count == 1,
            let (name, body) = outer.first, let field = fields[name],
            case .object(let inner) = body, inner.count == 1, let value = inner["_0"]
        else { return text }
        return JSONValue.object([name: .object([field: value])]).canonicalText
    }
}
