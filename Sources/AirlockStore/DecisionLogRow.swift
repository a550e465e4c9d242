import AirlockCore
import Crypto
import Foundation
import GRDB

/// A decision log row as stored: plain text and integers. The chain is computed over these, not
/// over decoded enums, so a row written by a newer Airlock still verifies.
struct DecisionLogRow: Equatable {
    var sequence: Int64
    var time: Int64
    var actionID: String
    var harness: String
    var session: String?
    var workspace: String?
    var summary: String
    var categories: [String]
    var risk: String
    var verdict: String
    var source: String
    var reviewer: String?
    var reason: String
    var previousHash: String
    var hash: String

    /// The previous hash of the first record.
    static let genesis = String(repeating: "0", count: 64)

    static let insertSQL = """
        INSERT INTO decision_log (
            sequence, time, action_id, harness, session, workspace, summary, categories, risk, verdict,
            source, reviewer, reason, previous_hash, hash
        ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The next row of the chain for an entry already prepared for the log (redacted, milliseconds).
    init(sequence: Int64, entry: DecisionLogEntry, previousHash: String) {
        self.sequence = sequence
        time = entry.time.storeMilliseconds
        actionID = entry.actionID
        harness = entry.harness
        session = entry.session
        workspace = entry.workspace
        summary = entry.summary
        categories = entry.categories.map(\.rawValue)
        risk = entry.risk.name
        verdict = entry.verdict.rawValue
        source = entry.source
        reviewer = entry.reviewer
        reason = entry.reason
        self.previousHash = previousHash
        hash = ""
        hash = computedHash
    }

    init(row: Row) throws {
        sequence = try row.decode(forColumn: "sequence")
        time = try row.decode(forColumn: "time")
        actionID = try row.decode(forColumn: "action_id")
        harness = try row.decode(forColumn: "harness")
        session = try row.decode(forColumn: "session")
        workspace = try row.decode(forColumn: "workspace")
        summary = try row.decode(forColumn: "summary")
        categories = try JSONDecoder().decode(
            [String].self, from: Data(try row.decode(String.self, forColumn: "categories").utf8))
        risk = try row.decode(forColumn: "risk")
        verdict = try row.decode(forColumn: "verdict")
        source = try row.decode(forColumn: "source")
        reviewer = try row.decode(forColumn: "reviewer")
        reason = try row.decode(forColumn: "reason")
        previousHash = try row.decode(forColumn: "previous_hash")
        hash = try row.decode(forColumn: "hash")
    }

    /// What the hash covers: every stored field but the hashes themselves.
    var canonical: CanonicalJSON {
        .object([
            "sequence": .integer(sequence),
            "time": .integer(time),
            "actionID": .string(actionID),
            "harness": .string(harness),
            "session": CanonicalJSON(session),
            "workspace": CanonicalJSON(workspace),
            "summary": .string(summary),
            "categories": .array(categories.map(CanonicalJSON.string)),
            "risk": .string(risk),
            "verdict": .string(verdict),
            "source": .string(source),
            "reviewer": CanonicalJSON(reviewer),
            "reason": .string(reason),
        ])
    }

    /// SHA-256, in lowercase hex, over the previous hash followed by the canonical text.
    var computedHash: String {
        var hasher = SHA256()
        hasher.update(data: Array(previousHash.utf8))
        hasher.update(data: canonical.bytes)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in hasher.finalize() {
            out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Values for `insertSQL`.
    var insertArguments: StatementArguments {
        let categoriesText = String(
            decoding: CanonicalJSON.array(categories.map(CanonicalJSON.string)).bytes, as: UTF8.self)
        return [
            sequence, time, actionID, harness, session, workspace, summary, categoriesText, risk, verdict,
            source, reviewer, reason, previousHash, hash,
        ]
    }

    /// The typed record; fails when a field holds a value this version does not know.
    func record() throws(StoreError) -> DecisionLogRecord {
        guard let risk = Risk(name: risk), let verdict = Verdict(rawValue: verdict) else {
            throw .unreadableRecord(table: "decision_log", key: String(sequence))
        }
        var typedCategories: [Category] = []
        for name in categories {
            guard let category = Category(rawValue: name) else {
                throw .unreadableRecord(table: "decision_log", key: String(sequence))
            }
            typedCategories.append(category)
        }
        let entry = DecisionLogEntry(
            time: Date(storeMilliseconds: time), actionID: actionID, harness: harness, session: session,
            workspace: workspace, summary: summary, categories: typedCategories, risk: risk, verdict: verdict,
            source: source, reviewer: reviewer, reason: reason)
        return DecisionLogRecord(sequence: sequence, entry: entry, previousHash: previousHash, hash: hash)
    }
}
