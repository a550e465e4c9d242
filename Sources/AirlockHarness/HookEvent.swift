import AirlockCore

/// One hook call from a harness: which event, the action it asks about, and how long we have.
public struct HookEvent: Sendable, Equatable {
    public var harness: Harness
    public var name: Name
    public var action: Action
    /// How long the harness waits for our answer, in milliseconds.
    public var deadlineMs: Int
    /// The harness's id for this tool call (`tool_use_id`), which an MCP client also puts in
    /// the `tools/call` it sends, so the broker can match the proxy's gate to this one.
    public var toolUseID: String?

    public init(harness: Harness, name: Name, action: Action, deadlineMs: Int, toolUseID: String? = nil) {
        self.harness = harness
        self.name = name
        self.action = action
        self.deadlineMs = deadlineMs
        self.toolUseID = toolUseID
    }

    /// The two shapes of question a harness asks; each has its own answer format.
    public enum Name: String, Sendable, Equatable {
        /// Before every tool call (Claude/Codex PreToolUse, Cursor before*/preToolUse, Gemini BeforeTool, Copilot preToolUse).
        case preToolUse
        /// Only when the harness would prompt (Claude/Codex/Copilot PermissionRequest).
        case permissionRequest
    }
}
