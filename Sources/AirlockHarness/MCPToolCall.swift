import AirlockCore

/// One `tools/call` request a client sent through the MCP proxy, as the gate needs it.
public struct MCPToolCall: Sendable, Equatable {
    /// The request's id, echoed in any answer the proxy gives itself.
    public var id: JSONValue
    public var tool: String
    public var arguments: JSONValue
    /// True when the request carried `_meta["io.modelcontextprotocol/protocolVersion"]` (the
    /// stateless 2026-07-28 era), whose results must say `"resultType":"complete"`.
    public var isModern: Bool
    /// The harness session, when the client put one in `_meta` (Codex: `threadId`/`sessionId`).
    public var session: String?
    /// The harness's id for this call from `_meta`, equal to its hook's `tool_use_id`, so the
    /// broker can answer with the hook's decision instead of asking the human twice.
    public var toolUseID: String?
    /// The request line exactly as received, for display.
    public var raw: String

    public init(
        id: JSONValue, tool: String, arguments: JSONValue = .object([:]), isModern: Bool = false,
        session: String? = nil, toolUseID: String? = nil, raw: String = ""
    ) {
        self.id = id
        self.tool = tool
        self.arguments = arguments
        self.isModern = isModern
        self.session = session
        self.toolUseID = toolUseID
        self.raw = raw
    }
}
