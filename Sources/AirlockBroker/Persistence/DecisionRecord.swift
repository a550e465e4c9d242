import AirlockCore
import FoundationEssentials

/// One line of the decision log: what was decided, for whom, by what, and why. The summary
/// and reason are redacted before the record leaves the broker.
public struct DecisionRecord: Codable, Equatable, Sendable {
    public var time: Date
    public var actionID: String
    public var harness: String
    public var session: String?
    public var workspace: String?
    /// The action in one redacted line (`rm -rf build/`, `edit src/app.ts`, `mcp github/create_issue {…}`).
    public var summary: String
    public var categories: [Category]
    public var risk: Risk
    /// Allow or deny: the log holds final answers only.
    public var verdict: Verdict
    /// `rule:<id>`, `exception:<id>`, `human:<who>`, `mode:<mode>`, `timeout`, `fallback`, `withdrawn`, …
    public var source: String
    public var reviewer: String?
    public var reason: String

    public init(
        time: Date, actionID: String, harness: String, session: String?, workspace: String?, summary: String,
        categories: [Category], risk: Risk, verdict: Verdict, source: String, reviewer: String?, reason: String
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
}
