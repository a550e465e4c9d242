/// What the MCP proxy does with one line from the client.
public enum MCPClientVerdict: Sendable, Equatable {
    /// Pass the line to the server unchanged.
    case forward
    /// A `tools/call`: ask the gate, then forward the line or answer with `MCPProxyCore.denial`.
    case gate(MCPToolCall)
    /// Answer the client with this line and send nothing to the server.
    case reply(String)
    /// Drop the line: nothing may reach the server and a notification gets no answer.
    case drop(reason: String)
}
