/// How much an agent may do without asking: the three modes (README, "How it decides").
public enum Mode: String, Codable, Sendable, CaseIterable, Comparable {
    /// Inspect only: read and reason, never mutate.
    case readOnly = "read-only"
    /// Everyday work: edit inside the repository; ask for network, outside paths, risky MCP
    /// calls and destructive commands.
    case workspaceEdit = "workspace-edit"
    /// A known safe loop (format, lint, test, build) runs unattended; the rest as workspace-edit.
    case autoLoop = "auto-loop"

    /// Stricter modes sort first.
    public static func < (lhs: Mode, rhs: Mode) -> Bool { lhs.strictness > rhs.strictness }

    private var strictness: Int {
        switch self {
        case .readOnly: 2
        case .workspaceEdit: 1
        case .autoLoop: 0
        }
    }
}

/// The answer for one action.
public enum Verdict: String, Codable, Sendable, Comparable {
    case allow, ask, deny

    /// Order by restrictiveness: allow < ask < deny.
    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.weight < rhs.weight }

    private var weight: Int {
        switch self {
        case .allow: 0
        case .ask: 1
        case .deny: 2
        }
    }
}
