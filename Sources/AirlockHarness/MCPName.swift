import AirlockCore

/// Splits harness-specific MCP tool names into server and tool.
enum MCPName {
    /// `mcp__server__tool`; the harness's own server name wins when it prefixes the rest.
    static func claude(_ name: String, server: String?, arguments: JSONValue) -> MCPCall? {
        guard name.hasPrefix("mcp__") else { return nil }
        let rest = String(name.dropFirst(5))
        if let server, rest.hasPrefix(server + "__"), rest.count > server.count + 2 {
            return MCPCall(server: server, tool: String(rest.dropFirst(server.count + 2)), arguments: arguments)
        }
        guard let separator = rest.firstRange(of: "__"), separator.lowerBound > rest.startIndex,
            separator.upperBound < rest.endIndex
        else { return nil }
        return MCPCall(
            server: String(rest[..<separator.lowerBound]), tool: String(rest[separator.upperBound...]),
            arguments: arguments)
    }

    /// Gemini's `mcp_<server>_<tool>`: its policy parser splits at the first `_` after `mcp_`.
    static func gemini(_ name: String, server: String?, arguments: JSONValue) -> MCPCall? {
        guard name.hasPrefix("mcp_") else { return nil }
        let rest = String(name.dropFirst(4))
        if let server, rest.hasPrefix(server + "_"), rest.count > server.count + 1 {
            return MCPCall(server: server, tool: String(rest.dropFirst(server.count + 1)), arguments: arguments)
        }
        guard let separator = rest.firstIndex(of: "_"), separator > rest.startIndex,
            rest.index(after: separator) < rest.endIndex
        else { return nil }
        return MCPCall(
            server: String(rest[..<separator]), tool: String(rest[rest.index(after: separator)...]),
            arguments: arguments)
    }
}
