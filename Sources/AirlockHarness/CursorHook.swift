import AirlockCore

/// Cursor's deciding hooks (harness-protocols §3.1): beforeShellExecution, beforeMCPExecution,
/// beforeReadFile and preToolUse. All answer `{permission, user_message, agent_message}`.
public enum CursorHook {
    static func parse(_ input: HookInput) throws(HookError) -> HookEvent {
        let event = input.string("hook_event_name")
        let session = input.string("conversation_id", "session_id")
        let cwd = input.string("cwd") ?? input.payload["workspace_roots"].flatMap(firstString)
        let kind: Action.Kind
        switch event {
        case "beforeShellExecution"?:
            guard let command = input.string("command") else { throw .missingField("command") }
            kind = .shell(command: command)
        case "beforeMCPExecution"?:
            guard let tool = input.string("tool_name") else { throw .missingField("tool_name") }
            // Cursor names the server only by its URL or launch command.
            let server = input.string("url", "command") ?? "cursor"
            kind = .mcp(MCPCall(server: server, tool: tool, arguments: input.arguments("tool_input")))
        case "beforeReadFile"?:
            guard let path = input.string("file_path") else { throw .missingField("file_path") }
            kind = .fileRead(path: path)
        case "preToolUse"?, nil:
            guard let tool = input.string("tool_name") else { throw .missingField("tool_name") }
            kind = toolKind(tool, input.arguments("tool_input"))
        case let other?:
            throw .unanswered(other)
        }
        return input.event(.preToolUse, kind: kind, session: session, cwd: cwd)
    }

    /// preToolUse's tool names: Shell, Read, Write, Delete, MCP:<tool>, …
    static func toolKind(_ tool: String, _ arguments: JSONValue) -> Action.Kind {
        switch tool {
        case "Shell":
            if let command = arguments.string("command") { return .shell(command: command) }
        case "Read":
            if let path = arguments.string("file_path") ?? arguments.string("path") { return .fileRead(path: path) }
        case "Write":
            if let path = arguments.string("file_path") ?? arguments.string("path") {
                return .fileWrite(path: path, content: arguments.string("content") ?? "")
            }
        default:
            if tool.hasPrefix("MCP:") {
                return .mcp(MCPCall(server: "cursor", tool: String(tool.dropFirst(4)), arguments: arguments))
            }
        }
        return .other(tool: tool, input: arguments.canonicalText)
    }

    /// `ask` is not enforced in preToolUse, so only allow or deny; exit 0 means "use the JSON".
    static func render(_ answer: HookAnswer, for event: HookEvent.Name) -> HookOutput {
        var members: [String: JSONValue] = ["permission": .string(answer.allows ? "allow" : "deny")]
        if !answer.allows {
            members["user_message"] = .string(capped(answer.reason))
            members["agent_message"] = .string(capped(answer.reason))
        }
        return .json(members)
    }

    private static func firstString(_ value: JSONValue) -> String? {
        if case .array(let values) = value { return values.first?.stringValue }
        return nil
    }
}
