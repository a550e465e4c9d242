import AirlockCore
import AirlockStore
import Foundation
import PostgresNIO

/// The team's decision log: the same hash chain as the SQLite log (`DecisionLogRow`), so one
/// verifier reads both; appended in batches, one transaction each; the anchor kept by the
/// database (`TeamSchema`).
extension TeamStore {
    static let logColumns =
        "sequence, time, action_id, harness, session, workspace, summary, kind, subject, categories, risk, verdict, "
        + "source, reviewer, reviewer_identity, reason, previous_hash, hash"

    /// Redacts, chains and appends decisions, in order, in one transaction. Brokers appending
    /// at once take turns on the anchor's row lock.
    @discardableResult
    public func appendDecisions(_ records: [DecisionRecord]) async throws -> [DecisionLogRow] {
        guard !records.isEmpty else { return [] }
        let redactor = Redactor()
        let prepared = records.map { PolicyStore.preparedForLog($0, redactor: redactor) }
        return try await logLink.run("log \(records.count) decisions") { [logger] connection in
            try await Self.transaction(connection, logger: logger) {
                // Brokers take turns: the head read here is still the head at the insert.
                try await connection.query("SELECT pg_advisory_xact_lock(7231561)", logger: logger)
                let head = try await connection.query(
                    "SELECT count, head_hash FROM airlock.log_anchor WHERE id = 1", logger: logger
                ).collect()
                guard let anchor = head.first else { throw TeamStoreError.unreadable("the log's anchor") }
                var (sequence, previousHash) = try anchor.decode((Int64, String).self)
                var rows: [DecisionLogRow] = []
                for decision in prepared {
                    sequence += 1
                    let row = DecisionLogRow(sequence: sequence, decision: decision, previousHash: previousHash)
                    previousHash = row.hash
                    rows.append(row)
                }
                // Many rows a statement: one round trip for a batch, within the bind limit.
                for chunk in stride(from: 0, to: rows.count, by: 1000).map({ rows[$0..<min($0 + 1000, rows.count)] }) {
                    try await connection.query(Self.insert(chunk), logger: logger)
                }
                return rows
            }
        }
    }

    static func insert(_ rows: ArraySlice<DecisionLogRow>) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: rows.count * 18)
        var values: [String] = []
        for row in rows {
            let first = bindings.count
            bindings.append(row.sequence)
            bindings.append(row.time)
            bindings.append(row.actionID)
            bindings.append(row.harness)
            bindings.append(row.session)
            bindings.append(row.workspace)
            bindings.append(row.summary)
            bindings.append(row.kind)
            bindings.append(row.subject)
            bindings.append(String(decoding: try JSONEncoder().encode(row.categories), as: UTF8.self))
            bindings.append(row.risk)
            bindings.append(row.verdict)
            bindings.append(row.source)
            bindings.append(row.reviewer)
            bindings.append(row.reviewerIdentity)
            bindings.append(row.reason)
            bindings.append(row.previousHash)
            bindings.append(row.hash)
            values.append("(" + (first + 1...first + 18).map { "$\($0)" }.joined(separator: ", ") + ")")
        }
        return PostgresQuery(
            unsafeSQL: "INSERT INTO airlock.decision_log (\(logColumns)) VALUES " + values.joined(separator: ", "),
            binds: bindings)
    }

    /// The most recent `limit` rows at or after `since` (all times when nil), oldest first.
    public func decisions(since: Date?, limit: Int) async throws -> [DecisionLogRow] {
        guard limit > 0 else { return [] }
        let from = since?.storeMilliseconds ?? Int64.min
        return try await link.run("read the decision log") { [logger] connection in
            try await connection.query(
                """
                SELECT \(unescaped: Self.logColumns) FROM airlock.decision_log
                WHERE time >= \(from) ORDER BY sequence DESC LIMIT \(limit)
                """, logger: logger
            ).collect().map(Self.logRow).reversed()
        }
    }

    /// Recomputes the chain from the first row, then holds its end against the anchor the
    /// database keeps: a row changed, missing or out of place, or rows removed from the end,
    /// show as broken.
    public func verifyLog() async throws -> LogVerification {
        try await link.run("verify the decision log", timeout: .seconds(600)) { [logger] connection in
            try await Self.transaction(connection, logger: logger) {
                // One snapshot for the rows and the anchor.
                try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", logger: logger)
                let anchor = try await connection.query(
                    "SELECT count, head_hash FROM airlock.log_anchor WHERE id = 1", logger: logger
                ).collect().first?.decode((Int64, String).self)
                var chain = LogChain()
                let rows = try await connection.query(
                    "SELECT \(unescaped: Self.logColumns) FROM airlock.decision_log ORDER BY sequence", logger: logger)
                for try await row in rows {
                    guard let stored = try? Self.logRow(row) else {
                        return .broken(atSequence: chain.count + 1, reason: "the record cannot be read")
                    }
                    if let broken = chain.check(stored) { return broken }
                }
                guard let (count, head) = anchor else {
                    return .broken(atSequence: 1, reason: "the log's anchor is missing")
                }
                if count > chain.count {
                    return .broken(
                        atSequence: chain.count + 1,
                        reason: "the anchor counts \(count) records; records \(chain.count + 1)…\(count) are missing")
                }
                if count < chain.count || head != chain.headHash {
                    return .broken(atSequence: count, reason: "the log does not end where its anchor says")
                }
                return .intact(count: Int(chain.count))
            }
        }
    }

    /// Holds the log against a head saved elsewhere (`airlock audit --anchor FILE`): the log
    /// must still reach that far, with that record's hash.
    public func check(_ anchor: LogAnchor, who: String) async throws -> AnchorCheck {
        try await link.run("check an anchor against the decision log") { [logger] connection in
            let count = try await Self.one(
                connection.query("SELECT count(*) FROM airlock.decision_log", logger: logger), Int64.self)
            guard count >= anchor.count else { return .truncated(who: who, logCount: count, anchorCount: anchor.count) }
            let hash = try await connection.query(
                "SELECT hash FROM airlock.decision_log WHERE sequence = \(anchor.count)", logger: logger
            ).collect().first?.decode(String.self)
            guard hash == anchor.hash else { return .rewritten(who: who, atSequence: anchor.count) }
            return .agrees(who: who, count: anchor.count)
        }
    }

    static func logRow(_ row: PostgresRow) throws -> DecisionLogRow {
        let cells = row.makeRandomAccess()
        let categories = try cells["categories"].decode(String.self)
        guard let names = try? JSONDecoder().decode([String].self, from: Data(categories.utf8)) else {
            throw TeamStoreError.unreadable("a decision log row's categories")
        }
        return DecisionLogRow(
            sequence: try cells["sequence"].decode(Int64.self), time: try cells["time"].decode(Int64.self),
            actionID: try cells["action_id"].decode(String.self), harness: try cells["harness"].decode(String.self),
            session: try cells["session"].decode(String?.self), workspace: try cells["workspace"].decode(String?.self),
            summary: try cells["summary"].decode(String.self), kind: try cells["kind"].decode(String?.self),
            subject: try cells["subject"].decode(String?.self), categories: names,
            risk: try cells["risk"].decode(String.self), verdict: try cells["verdict"].decode(String.self),
            source: try cells["source"].decode(String.self), reviewer: try cells["reviewer"].decode(String?.self),
            reviewerIdentity: try cells["reviewer_identity"].decode(String?.self),
            reason: try cells["reason"].decode(String.self),
            previousHash: try cells["previous_hash"].decode(String.self), hash: try cells["hash"].decode(String.self))
    }
}

extension TeamStore {
    /// Which of these action ids the log already holds.
    func loggedActionIDs(_ ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await logLink.run("look up logged actions") { [logger] connection in
            var found = Set<String>()
            for row in try await connection.query(
                "SELECT DISTINCT action_id FROM airlock.decision_log WHERE action_id = ANY(\(ids))", logger: logger
            ).collect() {
                found.insert(try row.decode(String.self))
            }
            return found
        }
    }
}
