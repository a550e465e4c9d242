/// One thing the classifier recognises, with a stable id that every finding it raises carries.
/// `airlock rules` lists them and `docs/programs.md` is rendered from them.
public struct Rule: Sendable, Equatable {
    /// Dotted and stable: `git.reset-hard`, `path.secret-read`, `flow.exfiltration`.
    public let id: String
    /// The category its findings carry first.
    public let category: Category
    /// The risk it usually rates (context such as a production marker can raise it).
    public let risk: Risk
    /// One line: what it recognises and why it matters.
    public let summary: String
    /// An action that raises it: a shell command, or `write: PATH`, `read: PATH`,
    /// `edit: PATH`, `mcp: SERVER TOOL {json}` for other kinds (`RuleExample` reads these).
    public let example: String

    public init(_ id: String, _ category: Category, _ risk: Risk, _ summary: String, example: String) {
        self.id = id
        self.category = category
        self.risk = risk
        self.summary = summary
        self.example = example
    }
}
