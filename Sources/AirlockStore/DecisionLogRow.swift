import AirlockCore
import Crypto
import Foundation
import GRDB

/// One row of the decision log, as stored: a decision with its place in the hash chain.
///
/// The fields are the stored text and integers, not decoded enums, and the chain is computed
/// over them, so a row written by a newer Airlock still verifies. `decision` reads the row as
/// the broker's `DecisionRecord`.
public struct DecisionLogRow: Codable, FetchableRecord, PersistableRecord, Equatable, Sendable {
    public static let databaseTableName = "decision_log"

    /// 1, 2, 3, … with no gaps.
    public var sequence: Int64
    /// Whole milliseconds since 1970.
    public var time: Int64
    public var actionID: String
    public var harness: String
    public var session: String?
    public var workspace: String?
    public var summary: String
    /// The action's kind (`shell`, `fileWrite`, `mcp`, …) and its logged form as JSON text
    /// (`Action.Kind.loggedForm`); nil in rows written before the log kept them.
    public var kind: String?
    public var subject: String?
    public var categories: [String]
    public var risk: String
    public var verdict: String
    /// `Decision.Source`'s text: `rule:x`, `human:alice`, `timeout`, …
    public var source: String
    public var reviewer: String?
    /// How the broker knew the reviewer (`DecisionRecord.reviewerIdentity`); nil in rows from
    /// before, and when no human decided.
    public var reviewerIdentity: String?
    public var reason: String
    /// The previous row's hash; 64 zeros for the first row.
    public var previousHash: String
    /// SHA-256 (hex) over `previousHash` and the canonical text of this row.
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case sequence, time, actionID = "action_id", harness, session, workspace, summary, kind, subject, categories
        case risk, verdict, source, reviewer, reviewerIdentity = "reviewer_identity", reason, previousHash = "previous_hash", hash
    }

    public enum Columns {
        public static let sequence = Column(CodingKeys.sequence)
        public static let time = Column(CodingKeys.time)
        public static let hash = Column(CodingKeys.hash)
    }

    /// The previous hash of the first row.
    public static let genesis = String(repeating: "0", count: 64)

    /// The next row of the chain for a decision already prepared for the log (redacted).
    public init(sequence: Int64, decision: DecisionRecord, previousHash: String) {
        self.sequence = sequence
        time = decision.time.storeMilliseconds
        actionID = decision.actionID
        harness = decision.harness
        session = decision.session
        workspace = decision.workspace
        summary = decision.summary
        kind = decision.subject?.name
        subject = decision.subject?.json.canonicalText
        categories = decision.categories.map(\.rawValue)
        risk = decision.risk.name
        verdict = decision.verdict.rawValue
        source = decision.source.description
        reviewer = decision.reviewer
        reviewerIdentity = decision.reviewerIdentity
        reason = decision.reason
        self.previousHash = previousHash
        hash = ""
        hash = computedHash
    }

    /// A row as another store kept it, field by field (the team store's PostgreSQL columns).
    public init(
        sequence: Int64, time: Int64, actionID: String, harness: String, session: String?, workspace: String?,
        summary: String, kind: String?, subject: String?, categories: [String], risk: String, verdict: String,
        source: String, reviewer: String?, reviewerIdentity: String? = nil, reason: String, previousHash: String,
        hash: String
    ) {
        self.sequence = sequence
        self.time = time
        self.actionID = actionID
        self.harness = harness
        self.session = session
        self.workspace = workspace
        self.summary = summary
        self.kind = kind
        self.subject = subject
        self.categories = categories
        self.risk = risk
        self.verdict = verdict
        self.source = source
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The row as the broker's record; fails when a field holds a value this version does not know.
    public func decision() throws(StoreError) -> DecisionRecord {
        let unreadable = StoreError.unreadableRecord(table: Self.databaseTableName, key: String(sequence))
        guard let risk = Risk(name: risk), let verdict = Verdict(rawValue: verdict),
            let source = Decision.Source(source)
        else { throw unreadable }
        var typedCategories: [Category] = []
        for name in categories {
            guard let category = Category(rawValue: name) else { throw unreadable }
            typedCategories.append(category)
        }
        var typedSubject: Action.Kind?
        if let subject {
            guard let value = try? JSONValue.parse(subject), let kind = try? Action.Kind(json: value) else {
                throw unreadable
            }
            typedSubject = kind
        }
        return DecisionRecord(
            time: Date(storeMilliseconds: time), actionID: actionID, harness: harness, session: session,
            workspace: workspace, summary: summary, subject: typedSubject, categories: typedCategories, risk: risk,
            verdict: verdict, source: source, reviewer: reviewer, reviewerIdentity: reviewerIdentity, reason: reason)
    }

    /// What the hash covers: every stored field but the hashes themselves, as JSON with sorted
    /// keys, no whitespace, whole numbers and every control character as `\u00XX`, so a
    /// Foundation update cannot change a hash. `kind`, `subject` and `reviewerIdentity` count only
    /// when present, so rows from before they existed keep their hashes.
    var canonicalBytes: [UInt8] {
        var members: [String: JSONValue] = [
            "sequence": .number(Double(sequence)),
            "time": .number(Double(time)),
            "actionID": .string(actionID),
            "harness": .string(harness),
            "session": session.map(JSONValue.string) ?? .null,
            "workspace": workspace.map(JSONValue.string) ?? .null,
            "summary": .string(summary),
            "categories": JSONValue(strings: categories),
            "risk": .string(risk),
            "verdict": .string(verdict),
            "source": .string(source),
            "reviewer": reviewer.map(JSONValue.string) ?? .null,
            "reason": .string(reason),
        ]
        members["kind"] = JSONValue(kind)
        members["subject"] = JSONValue(subject)
        members["reviewerIdentity"] = JSONValue(reviewerIdentity)
        var bytes: [UInt8] = []
        JSONValue.object(members).write(to: &bytes, controls: .unicode)
        return bytes
    }

    /// SHA-256, in lowercase hex, over the previous hash followed by the canonical text.
    public var computedHash: String {
        var hasher = SHA256()
        hasher.update(data: Array(previousHash.utf8))
        hasher.update(data: canonicalBytes)
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in hasher.finalize() {
            out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
