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
    /// The one thing that would make it clear (or at least lift its worst state): what
    /// `airlock doctor` and the console put first. Nil when it is clear.
    public var nextStep: String?

    public init(
        kind: BoundaryKind, state: BoundaryState, reasons: [String] = [], fixes: [String] = [],
        nextStep: String? = nil
    ) {
        self.kind = kind
        self.state = state
        self.reasons = reasons
        self.fixes = fixes
        self.nextStep = nextStep ?? (state == .clear ? nil : fixes.first)
    }
}

/// What the boundaries recommend (docs/doctor.md, "From boundaries to a mode"): an open
/// boundary stops the agent; an untrusted repository is read-only (reads run, everything else
/// asks a present human); a trusted one with a boundary fuzzy keeps approvals interactive; all
/// clear leaves the chosen mode. Fuzzy boundaries never add up to a stop.
public enum BoundaryRecommendation: String, Codable, Sendable {
    /// All clear and trusted: the chosen mode stands.
    case chosenMode = "chosen_mode"
    /// Trusted, some boundary fuzzy: at most workspace-edit (no unattended loop).
    case interactive
    /// The repository is not trusted: inspect only; mutations go to a human.
    case readOnly = "read_only"
    /// A boundary is open (a secret the agent can read, an ungated MCP server, a broken log):
    /// do not run the agent here until it is fixed.
    case stop

    /// The recommendation for these states, the repository trusted or not.
    public init(states: [BoundaryState], isTrusted: Bool) {
        if states.contains(.open) {
            self = .stop
        } else if !isTrusted {
            self = .readOnly
        } else if states.contains(.fuzzy) {
            self = .interactive
        } else {
            self = .chosenMode
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
    /// Whether the user trusts the repository (`airlock trust`, the trusted list, or a trusted
    /// `.airlock/policy.toml`). An untrusted one is read-only, whatever its other boundaries.
    public var isTrusted: Bool
    /// Its first git remote, without credentials, for the reviewer deciding to trust it.
    public var remote: String?
    /// What the boundaries would recommend once the repository is trusted (nil when it is).
    public var recommendationIfTrusted: BoundaryRecommendation?
    /// The harnesses' own sandbox settings for this workspace (nil in reports made before they
    /// were measured).
    public var sandboxes: [HarnessSandbox]?

    public init(
        workspace: String, boundaries: [Boundary], isTrusted: Bool, remote: String? = nil,
        recommendationIfTrusted: BoundaryRecommendation? = nil, sandboxes: [HarnessSandbox]? = nil
    ) {
        self.workspace = workspace
        self.boundaries = boundaries
        self.isTrusted = isTrusted
        self.remote = remote
        self.recommendationIfTrusted = isTrusted ? nil : recommendationIfTrusted
        self.sandboxes = sandboxes
    }

    /// The sandbox settings of `harness` (as `Action.harness` names it), when measured.
    public func sandbox(for harness: String) -> HarnessSandbox? {
        sandboxes?.first { $0.harness == harness }
    }

    public var recommendation: BoundaryRecommendation {
        BoundaryRecommendation(states: boundaries.map(\.state), isTrusted: isTrusted)
    }

    public func boundary(_ kind: BoundaryKind) -> Boundary? { boundaries.first { $0.kind == kind } }
}
