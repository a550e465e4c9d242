import FoundationEssentials

/// One final decision as the decision log keeps it: which action, what was decided, by whom
/// and why. The broker makes these; the store redacts `summary`, `subject` and `reason` again
/// before it hashes and writes them, and reads them back for `airlock audit`. Consoles get each
/// one as the broker makes it (`actionDecided`, `recent`), in this shape with its property names.
public struct DecisionRecord: Codable, Sendable, Equatable {
    public var time: Date
    /// The broker's id for the action.
    public var actionID: String
    public var harness: String
    public var session: String?
    public var workspace: String?
    /// The action in one line for people ("rm -rf build", "write src/a.ts (120 bytes)").
    public var summary: String
    /// The action's kind and what it names, without file contents (`Action.Kind.loggedForm`):
    /// what the console re-classifies to preview an exception. Nil in records logged before
    /// the log kept it.
    public var subject: Action.Kind?
    public var categories: [Category]
    public var risk: Risk
    public var verdict: Verdict
    public var source: Decision.Source
    public var reviewer: String?
    /// How the broker knew the reviewer, from the connection and never from the client: uid,
    /// process, terminal, and whether the reviewer was authenticated (`ReviewerIdentity`). Nil
    /// when no human decided, and in records logged before the log kept it.
    public var reviewerIdentity: String?
    public var reason: String

    public init(
        time: Date, actionID: String, harness: String, session: String? = nil, workspace: String? = nil,
        summary: String, subject: Action.Kind? = nil, categories: [Category], risk: Risk, verdict: Verdict,
        source: Decision.Source, reviewer: String? = nil, reviewerIdentity: String? = nil, reason: String
    ) {
        self.time = time
        self.actionID = actionID
        self.harness = harness
        self.session = session
        self.workspace = workspace
        self.summary = summary
        self.subject = subject
        self.categories = categories
        self.risk = risk
        self.verdict = verdict
        self.source = source
        self.reviewer = reviewer
        self.reviewerIdentity = reviewerIdentity
        self.reason = reason
    }
}
