import AirlockCore

/// `submit`: an agent's action, who sends it, and how long its harness will wait. Its JSON form
/// is in `SubmitParams+Coding.swift`.
public struct SubmitParams: Equatable, Sendable {
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
}

/// The answer to `submit`: always allow or deny, with the reason and what decided it.
public struct SubmitResult: Equatable, Sendable {
    /// The broker's id for the action, as logged and shown to consoles.
    public var id: String
    public var decision: FinalVerdict
    /// Goes back to the agent, in words it can act on.
    public var reason: String
    /// What decided; sent as its text (`rule:<id>`, `human:<who>`, `timeout`, …).
    public var source: Decision.Source

    public init(id: String, decision: FinalVerdict, reason: String, source: Decision.Source) {
        self.id = id
        self.decision = decision
        self.reason = reason
        self.source = source
    }

    /// Sent beside `source` when a rule decided.
    public var ruleID: String? { source.ruleID }
    /// Sent beside `source` when an exception decided.
    public var exceptionID: String? { source.exceptionID }
}
