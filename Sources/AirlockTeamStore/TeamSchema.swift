import Foundation
import Logging
import PostgresNIO

/// The team store's tables, in schema `airlock`, as numbered migrations applied in order at
/// start. Frozen: a released migration is never edited, a change is a new one. A database
/// whose schema is newer than this Airlock knows is refused, not written.
///
/// The decision log is append-only in the database itself: triggers refuse UPDATE, DELETE and
/// TRUNCATE for every role, and an insert must extend the hash chain. The chain's head (count
/// and last hash) is the log's anchor, kept in `log_anchor` by a trigger that runs as the
/// schema's owner: a broker's role can read it and cannot write it, so entries removed from
/// the end (by someone who got around the triggers) show in `airlock audit --verify`.
///
/// An exception carries the seal of the broker that granted it (`ExceptionSealer`, keyed with
/// the team's key): a row written around the brokers, by anyone who can reach the database,
/// is refused by every broker that reads it.
public enum TeamSchema {
    public static let name = "airlock"

    /// Version, then its statements.
    static let migrations: [(Int, String)] = [
        (
            1,
            """
            CREATE FUNCTION airlock.now_ms() RETURNS bigint LANGUAGE sql VOLATILE
                AS $$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;

            CREATE TABLE airlock.exception (
                id text PRIMARY KEY,
                effect text NOT NULL CHECK (effect IN ('allow', 'deny')),
                scope text NOT NULL,
                binding text NOT NULL,
                created_at bigint NOT NULL,
                expires_at bigint NOT NULL,
                uses_left integer CHECK (uses_left IS NULL OR uses_left >= 0),
                granted_by text NOT NULL,
                reason text NOT NULL,
                revoked_at bigint,
                revoked_by text
            );
            CREATE INDEX exception_expires_at ON airlock.exception (expires_at);

            CREATE TABLE airlock.policy_trust (
                path text PRIMARY KEY,
                sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
                trusted_at bigint NOT NULL
            );

            CREATE TABLE airlock.decision_log (
                sequence bigint PRIMARY KEY CHECK (sequence > 0),
                time bigint NOT NULL,
                action_id text NOT NULL,
                harness text NOT NULL,
                session text,
                workspace text,
                summary text NOT NULL,
                kind text,
                subject text,
                categories text NOT NULL,
                risk text NOT NULL CHECK (risk IN ('low', 'medium', 'high', 'critical')),
                verdict text NOT NULL CHECK (verdict IN ('allow', 'ask', 'deny')),
                source text NOT NULL,
                reviewer text,
                reason text NOT NULL,
                previous_hash text NOT NULL CHECK (length(previous_hash) = 64),
                hash text NOT NULL UNIQUE CHECK (length(hash) = 64)
            );
            CREATE INDEX decision_log_time ON airlock.decision_log (time);

            CREATE TABLE airlock.log_anchor (
                id integer PRIMARY KEY CHECK (id = 1),
                count bigint NOT NULL,
                head_hash text NOT NULL
            );
            INSERT INTO airlock.log_anchor VALUES (1, 0, repeat('0', 64));

            CREATE FUNCTION airlock.refuse_change() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN RAISE EXCEPTION 'the decision log is append-only'; END $$;
            CREATE TRIGGER decision_log_no_change BEFORE UPDATE OR DELETE ON airlock.decision_log
                FOR EACH ROW EXECUTE FUNCTION airlock.refuse_change();
            CREATE TRIGGER decision_log_no_truncate BEFORE TRUNCATE ON airlock.decision_log
                FOR EACH STATEMENT EXECUTE FUNCTION airlock.refuse_change();

            CREATE FUNCTION airlock.extend_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = pg_catalog, pg_temp
                AS $$
                DECLARE
                    anchor airlock.log_anchor%ROWTYPE;
                BEGIN
                    SELECT * INTO anchor FROM airlock.log_anchor WHERE id = 1 FOR UPDATE;
                    IF NEW.sequence <> anchor.count + 1 OR NEW.previous_hash <> anchor.head_hash THEN
                        RAISE EXCEPTION 'a decision log record must extend the chain';
                    END IF;
                    UPDATE airlock.log_anchor SET count = NEW.sequence, head_hash = NEW.hash WHERE id = 1;
                    RETURN NEW;
                END $$;
            CREATE TRIGGER decision_log_chain BEFORE INSERT ON airlock.decision_log
                FOR EACH ROW EXECUTE FUNCTION airlock.extend_chain();

            CREATE TABLE airlock.team_queue (
                id text PRIMARY KEY,
                broker text NOT NULL,
                user_name text NOT NULL,
                host text NOT NULL,
                item text NOT NULL,
                queued_at bigint NOT NULL,
                deadline bigint NOT NULL,
                state text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'decided', 'answered', 'expired', 'withdrawn')),
                verdict text CHECK (verdict IN ('allow', 'deny')),
                reviewer text,
                reason text,
                settled_at bigint
            );
            CREATE INDEX team_queue_pending ON airlock.team_queue (broker) WHERE state = 'pending';

            CREATE FUNCTION airlock.announce() RETURNS trigger LANGUAGE plpgsql
                AS $$ BEGIN PERFORM pg_notify('airlock', TG_ARGV[0]); RETURN NULL; END $$;
            CREATE TRIGGER exception_announce AFTER INSERT OR UPDATE OR DELETE ON airlock.exception
                FOR EACH STATEMENT EXECUTE FUNCTION airlock.announce('policy');
            CREATE TRIGGER policy_trust_announce AFTER INSERT OR UPDATE OR DELETE ON airlock.policy_trust
                FOR EACH STATEMENT EXECUTE FUNCTION airlock.announce('policy');
            CREATE TRIGGER team_queue_announce AFTER INSERT OR UPDATE ON airlock.team_queue
                FOR EACH STATEMENT EXECUTE FUNCTION airlock.announce('queue');

            REVOKE ALL ON ALL TABLES IN SCHEMA airlock FROM PUBLIC;
            """
        ),
        (
            2,
            """
            ALTER TABLE airlock.exception ADD COLUMN seal text;
            ALTER TABLE airlock.decision_log ADD COLUMN reviewer_identity text;
            ALTER TABLE airlock.team_queue ADD COLUMN reviewer_identity text;
            """
        ),
        (
            // The deciding broker's seal (team key) over a decision in the queue: the broker
            // holding the action answers its hook from no row without it. Approvals of an
            // action the policy asks several for, each sealed, appended under the row's lock.
            3,
            """
            ALTER TABLE airlock.team_queue ADD COLUMN seal text;
            ALTER TABLE airlock.team_queue ADD COLUMN approvals jsonb NOT NULL DEFAULT '[]'::jsonb;
            """
        ),
        (
            // The trusting broker's seal (team key) over a trusted policy file's path and digest:
            // a row written around the brokers, by anyone holding a database login, trusts nothing.
            4,
            "ALTER TABLE airlock.policy_trust ADD COLUMN seal text;"
        ),
    ]

    /// The newest schema version this Airlock knows.
    public static var version: Int { migrations.last?.0 ?? 0 }

    /// What a broker's role may do, for the schema's owner to run (`airlock team grant`,
    /// docs/team.md): read everything, append to the log, write exceptions, trust and the
    /// queue; never change the log nor its anchor.
    public static func brokerGrants(role: String) -> [String] {
        let quoted = "\"" + role.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return [
            "GRANT USAGE ON SCHEMA airlock TO \(quoted)",
            "GRANT SELECT ON airlock.schema_version, airlock.log_anchor TO \(quoted)",
            "GRANT SELECT, INSERT ON airlock.decision_log TO \(quoted)",
            "GRANT SELECT, INSERT, UPDATE ON airlock.exception, airlock.team_queue TO \(quoted)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON airlock.policy_trust TO \(quoted)",
            "GRANT EXECUTE ON FUNCTION airlock.now_ms() TO \(quoted)",
        ]
    }

    /// Brings the schema up to `version`, one transaction per migration, under an advisory
    /// lock so two brokers starting together do not both migrate. Throws `newerSchema` for a
    /// database a newer Airlock migrated.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await connection.query("SELECT pg_advisory_lock(7231560)", logger: logger)
        do {
            let current = try await currentVersion(connection, logger: logger)
            guard current <= version else { throw TeamStoreError.newerSchema(found: current, known: version) }
            for (number, statements) in migrations where number > current {
                try await connection.query("BEGIN", logger: logger)
                do {
                    if number == 1 {
                        try await connection.query("CREATE SCHEMA IF NOT EXISTS airlock", logger: logger)
                        try await connection.query(
                            """
                            CREATE TABLE IF NOT EXISTS airlock.schema_version (
                                version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                            """, logger: logger)
                    }
                    for statement in Self.statements(statements) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query(
                        "INSERT INTO airlock.schema_version (version) VALUES (\(number))", logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
                logger.info("team store: applied schema migration \(number)")
            }
            try await connection.query("SELECT pg_advisory_unlock(7231560)", logger: logger)
            return max(current, version)
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(7231560)", logger: logger)
            throw error
        }
    }

    /// A migration's text as single statements (the extended protocol takes one at a time):
    /// split at `;` outside `$$` bodies.
    static func statements(_ text: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        var previous: Character = " "
        for character in text {
            if character == "$" && previous == "$" { inBody.toggle() }
            if character == ";" && !inBody {
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character == "$" && previous == "$" ? " " : character
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    static func currentVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        let exists = try await connection.query(
            "SELECT to_regclass('airlock.schema_version') IS NOT NULL", logger: logger
        ).collect().first?.decode(Bool.self) ?? false
        guard exists else { return 0 }
        let rows = try await connection.query(
            "SELECT COALESCE(max(version), 0) FROM airlock.schema_version", logger: logger
        ).collect()
        return try rows.first?.decode(Int.self) ?? 0
    }
}
