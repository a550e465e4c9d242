/// Everything the five boundaries are judged from, gathered by the readers. Pure data: the
/// evaluation (`BoundaryEvaluator`) is a function of this alone, so it is tested without files.
public struct BoundaryFacts: Sendable, Equatable {
    public var workspace: String
    public var git: GitStateReader.Outcome
    /// Why the repository is trusted ("listed in ~/.config/airlock/trusted-repos"); nil: it is not.
    public var trustedBecause: String?
    /// Where the user lists trusted repositories, for the fix.
    public var trustedListPath: String
    public var secrets: SecretScan.Result
    /// Every known harness, installed or not.
    public var harnesses: [HarnessSettings]
    /// Harnesses whose settings hold Airlock's hook.
    public var hookedHarnesses: Set<String>
    public var mcpServers: [MCPServerFacts]
    public var audit: AuditState
    /// Problems reading configuration, each naming its file.
    public var problems: [String]
    /// The agent's home when the measuring process cannot look inside it (a separated broker
    /// measuring for an account whose home is private, or unknown): its harness settings and MCP
    /// servers are unknown, never absent.
    public var unreadableHome: String?

    public init(
        workspace: String, git: GitStateReader.Outcome, trustedBecause: String?, trustedListPath: String,
        secrets: SecretScan.Result, harnesses: [HarnessSettings], hookedHarnesses: Set<String>,
        mcpServers: [MCPServerFacts], audit: AuditState, problems: [String]
    ) {
        self.workspace = workspace
        self.git = git
        self.trustedBecause = trustedBecause
        self.trustedListPath = trustedListPath
        self.secrets = secrets
        self.harnesses = harnesses
        self.hookedHarnesses = hookedHarnesses
        self.mcpServers = mcpServers
        self.audit = audit
        self.problems = problems
    }
}

/// One configured MCP server and, when `airlock mcp` has seen its `tools/list`, its classed tools.
public struct MCPServerFacts: Sendable, Equatable, Codable {
    public var entry: MCPServerEntry
    /// nil: not inventoried.
    public var tools: [ClassedTool]?

    public init(entry: MCPServerEntry, tools: [ClassedTool]?) {
        self.entry = entry
        self.tools = tools
    }
}

/// Whether the decision log is on and intact.
public enum AuditState: Sendable, Equatable {
    /// The store opens and its hash chain verifies.
    case verified(records: Int)
    /// No store yet: nothing has been logged.
    case missing
    /// The store does not open or its chain is broken.
    case broken(String)
}
