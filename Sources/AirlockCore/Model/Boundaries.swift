/// The five boundaries of a workspace (docs/doctor.md).
/// AirlockProbe measures them; the console and `airlock doctor` show them; the broker applies
/// the stricter of the chosen mode and the one they recommend.
public enum BoundaryKind: String, Codable, Sendable, CaseIterable {
    case repositoryTrust = "repository_trust"
    case filesAndSecrets = "files_and_secrets"
    case commandExecution = "command_execution"
    case mcpToolScope = "mcp_tool_scope"
    case loggingAndRollback = "logging_and_rollback"
}

/// How well one boundary holds.
public enum BoundaryState: String, Codable, Sendable, CaseIterable {
    /// Known and constrained.
    case clear
    /// Not known, or only partly constrained.
    case fuzzy
    /// Known to be crossed (for example a readable `.env` nobody denies).
    case open
}

/// One boundary's state with the facts behind it and how to fix it.
public struct Boundary: Codable, Equatable, Sendable {
    public var kind: BoundaryKind
    public var state: BoundaryState
    /// Facts, one short sentence each ("`.env` is readable and no harness denies it").
    public var reasons: [String]
    /// What to do about it, one step each ("add `Read(./.env)` to permissions.deny").
    public var fixes: [String]

    public init(kind: BoundaryKind, state: BoundaryState, reasons: [String] = [], fixes: [String] = []) {
        self.kind = kind
        self.state = state
        self.reasons = reasons
        self.fixes = fixes
    }
}

/// What the boundaries recommend (one fuzzy → keep approvals interactive, two →
/// read-only, three → stop). An open boundary counts as fuzzy at least.
public enum BoundaryRecommendation: String, Codable, Sendable {
    /// All clear: the chosen mode stands.
    case chosenMode = "chosen_mode"
    /// One not clear: approvals stay interactive (no unattended loop).
    case interactive
    /// Two not clear: inspect only.
    case readOnly = "read_only"
    /// Three or more not clear: do not run the agent here until fixed.
    case stop

    public init(notClearCount: Int) {
        switch notClearCount {
        case ..<1: self = .chosenMode
        case 1: self = .interactive
        case 2: self = .readOnly
        default: self = .stop
        }
    }

    /// The mode to apply given the one the user chose; nil means stop (deny what is not a read).
    public func effectiveMode(chosen: Mode) -> Mode? {
        switch self {
        case .chosenMode: chosen
        case .interactive: min(chosen, .workspaceEdit)  // stricter modes sort first
        case .readOnly: .readOnly
        case .stop: nil
        }
    }
}

/// The five boundaries of one workspace, as measured at one moment.
public struct BoundaryReport: Codable, Equatable, Sendable {
    /// The workspace root (repository top level, or the directory measured).
    public var workspace: String
    /// One entry per `BoundaryKind`, in `BoundaryKind.allCases` order.
    public var boundaries: [Boundary]
    /// The harnesses' own sandbox settings for this workspace (nil in reports made before they
    /// were measured).
    public var sandboxes: [HarnessSandbox]?

    public init(workspace: String, boundaries: [Boundary], sandboxes: [HarnessSandbox]? = nil) {
        self.workspace = workspace
        self.boundaries = boundaries
        self.sandboxes = sandboxes
    }

    /// The sandbox settings of `harness` (as `Action.harness` names it), when measured.
    public func sandbox(for harness: String) -> HarnessSandbox? {
        sandboxes?.first { $0.harness == harness }
    }

    public var recommendation: BoundaryRecommendation {
        BoundaryRecommendation(notClearCount: boundaries.count { $0.state != .clear })
    }

    public func boundary(_ kind: BoundaryKind) -> Boundary? { boundaries.first { $0.kind == kind } }
}
