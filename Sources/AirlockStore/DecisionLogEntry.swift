import AirlockCore
import Foundation

/// One decision as the log keeps it (DESIGN §6): what was decided, for which action, by whom
/// and why. The store redacts `summary` and `reason` before hashing and writing them.
public struct DecisionLogEntry: Codable, Sendable, Equatable {
    public var time: Date
    /// The broker's id for the action.
    public var actionID: String
    public var harness: String
    public var session: String?
    public var workspace: String?
    /// The command or a short description ("Write src/a.ts"); redacted by the store.
    public var summary: String
    public var categories: [Category]
    public var risk: Risk
    public var verdict: Verdict
    /// `Decision.Source.description`: "rule:x", "exception:x", "human:alice", "timeout", …
    public var source: String
    public var reviewer: String?
    /// Redacted by the store.
    public var reason: String

    public init(
        time: Date, actionID: String, harness: String, session: String? = nil, workspace: String? = nil,
        summary: String, categories: [Category], risk: Risk, verdict: Verdict, source: String,
        reviewer: String? = nil, reason: String
    ) {
        self.time = time
        self.actionID = actionID
        self.harness = harness
        self.session = session
        self.workspace = workspace
        self.summary = summary
        self.categories = categories
        self.risk = risk
        self.verdict = verdict
        self.source = source
        self.reviewer = reviewer
        self.reason = reason
    }

    /// The entry as it will be stored: secrets redacted, time cut to whole milliseconds.
    func preparedForLog(redactor: Redactor) -> DecisionLogEntry {
        var entry = self
        entry.summary = redactor.redact(summary)
        entry.reason = redactor.redact(reason)
        entry.time = Date(storeMilliseconds: time.storeMilliseconds)
        return entry
    }
}
