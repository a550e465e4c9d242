import AirlockCore

/// `submit`: an agent's action, who sends it, and how long its harness will wait.
///
/// `action` is AirlockCore's `Action`; only its `kind` is required. The top-level `harness`,
/// `session`, `cwd` and `agentPID` fill in (and take precedence over) the same fields of the
/// action, so a hook can send the kind as-is and describe itself beside it.
public struct SubmitParams: Codable, Equatable, Sendable {
    public var action: Action
    /// How long the harness waits for an answer, in milliseconds; nil when it waits forever.
    public var deadlineMs: Int?
    /// The harness's id for the tool call (a hook's `tool_use_id`, an MCP `tools/call`'s
    /// `_meta` id). The broker answers the MCP proxy's gate of a call with the decision its
    /// hook got, when tool, arguments and user match (protocol.md, "One call, two gates").
    public var toolUseID: String?

    public init(action: Action, deadlineMs: Int? = nil, toolUseID: String? = nil) {
        self.action = action
        self.deadlineMs = deadlineMs
        self.toolUseID = toolUseID
    }

    private enum CodingKeys: String, CodingKey {
        case action, harness, session, cwd, agentPID, deadlineMs, toolUseID
    }

    /// The fields of `Action`, each optional but `kind`.
    private struct PartialAction: Decodable {
        var harness: String?
        var session: String?
        var agentPID: Int32?
        var cwd: String?
        var workspaceRoot: String?
        var kind: Action.Kind
        var raw: String?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let partial = try container.decode(PartialAction.self, forKey: .action)
        let cwd = try container.decodeIfPresent(String.self, forKey: .cwd) ?? partial.cwd
        action = Action(
            harness: try container.decodeIfPresent(String.self, forKey: .harness) ?? partial.harness ?? "unknown",
            session: try container.decodeIfPresent(String.self, forKey: .session) ?? partial.session,
            agentPID: try container.decodeIfPresent(Int32.self, forKey: .agentPID) ?? partial.agentPID,
            cwd: cwd,
            workspaceRoot: partial.workspaceRoot ?? cwd,
            kind: partial.kind,
            raw: partial.raw)
        deadlineMs = try container.decodeIfPresent(Int.self, forKey: .deadlineMs)
        toolUseID = try container.decodeIfPresent(String.self, forKey: .toolUseID)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encode(action.harness, forKey: .harness)
        try container.encodeIfPresent(action.session, forKey: .session)
        try container.encodeIfPresent(action.cwd, forKey: .cwd)
        try container.encodeIfPresent(action.agentPID, forKey: .agentPID)
        try container.encodeIfPresent(deadlineMs, forKey: .deadlineMs)
        try container.encodeIfPresent(toolUseID, forKey: .toolUseID)
    }
}

/// The answer to `submit`: always allow or deny, with the reason and what decided it.
public struct SubmitResult: Codable, Equatable, Sendable {
    /// The broker's id for the action, as logged and shown to consoles.
    public var id: String
    public var decision: FinalVerdict
    /// Goes back to the agent, in words it can act on.
    public var reason: String
    /// `rule:<id>`, `exception:<id>`, `human:<who>`, `mode:<mode>`, `timeout`, `fallback`, …
    public var source: String
    public var ruleID: String?
    public var exceptionID: String?

    public init(
        id: String, decision: FinalVerdict, reason: String, source: String, ruleID: String? = nil,
        exceptionID: String? = nil
    ) {
        self.id = id
        self.decision = decision
        self.reason = reason
        self.source = source
        self.ruleID = ruleID
        self.exceptionID = exceptionID
    }
}
