import AirlockCore
import Foundation
import GRDB

/// The decision log: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so a
/// change made around SQLite's normal path shows up in `verifyLog()`.
extension PolicyStore {
    /// Redacts, chains and appends one decision.
    @discardableResult
    public func appendDecision(_ entry: DecisionLogEntry) throws(StoreError) -> DecisionLogRecord {
        guard let record = try appendDecisions([entry]).first else {
            preconditionFailure("appending one entry returned no record")
        }
        return record
    }

    /// Appends several decisions in one transaction: one commit for many, for a busy broker.
    @discardableResult
    public func appendDecisions(_ entries: [DecisionLogEntry]) throws(StoreError) -> [DecisionLogRecord] {
        guard !entries.isEmpty else { return [] }
        let redactor = Redactor()
        let prepared = entries.map { $0.preparedForLog(redactor: redactor) }
        let rows: [DecisionLogRow] = try write { db in
            // Reading the chain's head and inserting happen in one IMMEDIATE transaction, so
            // another process cannot append between them.
            let head = try Row.fetchOne(
                db, sql: "SELECT sequence, hash FROM decision_log ORDER BY sequence DESC LIMIT 1")
            var sequence: Int64 = try head?.decode(forColumn: "sequence") ?? 0
            var previousHash: String = try head?.decode(forColumn: "hash") ?? DecisionLogRow.genesis
            var rows: [DecisionLogRow] = []
            for entry in prepared {
                sequence += 1
                let row = DecisionLogRow(sequence: sequence, entry: entry, previousHash: previousHash)
                try db.execute(sql: DecisionLogRow.insertSQL, arguments: row.insertArguments)
                previousHash = row.hash
                rows.append(row)
            }
            return rows
        }
        return zip(rows, prepared).map { row, entry in
            DecisionLogRecord(sequence: row.sequence, entry: entry, previousHash: row.previousHash, hash: row.hash)
        }
    }

    /// The most recent `limit` decisions at or after `since` (all times when nil), oldest first.
    public func decisions(since: Date?, limit: Int) throws(StoreError) -> [DecisionLogRecord] {
        guard limit > 0 else { return [] }
        let rows = try read { db in
            let condition = since == nil ? "1" : "time >= ?"
            var arguments: StatementArguments = since.map { [$0.storeMilliseconds] } ?? []
            arguments += [limit]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT * FROM decision_log WHERE \(condition) ORDER BY sequence DESC LIMIT ?
                    ) ORDER BY sequence
                    """,
                arguments: arguments)
        }
        return try rows.map { row throws(StoreError) in
            let sequence = (try? row.decode(Int64.self, forColumn: "sequence")) ?? 0
            guard let stored = try? DecisionLogRow(row: row) else {
                throw .unreadableRecord(table: "decision_log", key: String(sequence))
            }
            return try stored.record()
        }
    }

    /// Recomputes the chain from the first record and reports the first one missing, changed or
    /// out of place. Reads one snapshot, a row at a time, so a long log costs little memory.
    public func verifyLog() throws(StoreError) -> LogVerification {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM decision_log ORDER BY sequence")
            var expected: Int64 = 1
            var previousHash = DecisionLogRow.genesis
            while let row = try cursor.next() {
                guard let stored = try? DecisionLogRow(row: row) else {
                    return .broken(atSequence: expected, reason: "the record cannot be read")
                }
                if stored.sequence != expected {
                    return .broken(atSequence: expected, reason: "record \(expected) is missing")
                }
                if stored.previousHash != previousHash {
                    return .broken(atSequence: expected, reason: "it does not follow the record before it")
                }
                if stored.computedHash != stored.hash {
                    return .broken(atSequence: expected, reason: "its contents do not match its hash")
                }
                previousHash = stored.hash
                expected += 1
            }
            return .intact(count: Int(expected - 1))
        }
    }
}
