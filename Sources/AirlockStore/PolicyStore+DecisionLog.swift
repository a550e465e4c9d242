import AirlockCore
import Foundation
import GRDB

/// The decision log: append-only (triggers refuse UPDATE and DELETE) and hash-chained, so a
/// change made around SQLite's normal path shows up in `verifyLog()`.
extension PolicyStore {
    /// Redacts, chains and appends one decision.
    @discardableResult
    public func appendDecision(_ decision: DecisionRecord) throws(StoreError) -> DecisionLogRow {
        guard let row = try appendDecisions([decision]).first else {
            preconditionFailure("appending one decision returned no row")
        }
        return row
    }

    /// Appends several decisions in one transaction: one commit for many, for a busy broker.
    @discardableResult
    public func appendDecisions(_ decisions: [DecisionRecord]) throws(StoreError) -> [DecisionLogRow] {
        guard !decisions.isEmpty else { return [] }
        let redactor = Redactor()
        let prepared = decisions.map { Self.preparedForLog($0, redactor: redactor) }
        return try write(table: DecisionLogRow.databaseTableName) { db in
            // Reading the chain's head and inserting happen in one IMMEDIATE transaction, so
            // another process cannot append between them.
            let head = try DecisionLogRow.order(DecisionLogRow.Columns.sequence.desc).fetchOne(db)
            var sequence = head?.sequence ?? 0
            var previousHash = head?.hash ?? DecisionLogRow.genesis
            var rows: [DecisionLogRow] = []
            for decision in prepared {
                sequence += 1
                let row = DecisionLogRow(sequence: sequence, decision: decision, previousHash: previousHash)
                try row.insert(db)
                previousHash = row.hash
                rows.append(row)
            }
            return rows
        }
    }

    /// The decision as it will be stored: secrets redacted (again: the broker redacts too, and
    /// a record may come from elsewhere), time cut to whole milliseconds.
    public static func preparedForLog(_ decision: DecisionRecord, redactor: Redactor) -> DecisionRecord {
        var prepared = decision
        prepared.summary = redactor.redact(decision.summary)
        prepared.reason = redactor.redact(decision.reason)
        prepared.subject = decision.subject?.loggedForm(redactor.redact)
        prepared.time = Date(storeMilliseconds: decision.time.storeMilliseconds)
        return prepared
    }

    /// The most recent `limit` rows at or after `since` (all times when nil), oldest first.
    public func decisions(since: Date?, limit: Int) throws(StoreError) -> [DecisionLogRow] {
        guard limit > 0 else { return [] }
        return try read(table: DecisionLogRow.databaseTableName) { db in
            var recent = DecisionLogRow.order(DecisionLogRow.Columns.sequence.desc).limit(limit)
            if let since { recent = recent.filter(DecisionLogRow.Columns.time >= since.storeMilliseconds) }
            return try recent.fetchAll(db).reversed()
        }
    }

    /// Recomputes the chain from the first row and reports the first one missing, changed or
    /// out of place. Reads one snapshot, a row at a time, so a long log costs little memory.
    public func verifyLog() throws(StoreError) -> LogVerification {
        try read { db in
            let cursor = try Row.fetchCursor(db, DecisionLogRow.order(DecisionLogRow.Columns.sequence))
            var chain = LogChain()
            while let row = try cursor.next() {
                guard let stored = try? DecisionLogRow(row: row) else {
                    return .broken(atSequence: chain.count + 1, reason: "the record cannot be read")
                }
                if let broken = chain.check(stored) { return broken }
            }
            return .intact(count: Int(chain.count))
        }
    }
}

extension PolicyStore {
    /// The log's head: how many records and the last one's hash; nil for an empty log.
    public func logHead() throws(StoreError) -> LogAnchor? {
        try read(table: DecisionLogRow.databaseTableName) { db in
            try DecisionLogRow.order(DecisionLogRow.Columns.sequence.desc).fetchOne(db).map {
                LogAnchor(count: $0.sequence, hash: $0.hash)
            }
        }
    }

    /// Holds the log against an anchor kept outside it (`LogAnchor`), named `who` in the result.
    public func check(_ anchor: LogAnchor, who: String) throws(StoreError) -> AnchorCheck {
        try read(table: DecisionLogRow.databaseTableName) { db in
            let count = try DecisionLogRow.fetchCount(db)
            guard count >= anchor.count else {
                return .truncated(who: who, logCount: Int64(count), anchorCount: anchor.count)
            }
            let row = try DecisionLogRow.filter(DecisionLogRow.Columns.sequence == anchor.count).fetchOne(db)
            guard row?.hash == anchor.hash else { return .rewritten(who: who, atSequence: anchor.count) }
            return .agrees(who: who, count: anchor.count)
        }
    }
}
