import AirlockCore

/// Gemini CLI's BeforeTool hook (harness-protocols §3.2).
public enum GeminiHook {
    static func parse(_ input: HookInput) throws(HookError) -> HookEvent {
        if let event = input.string("hook_event_name"), event != "BeforeTool" { throw .unanswered(event) }
        guard let tool = input.string("tool_name") else { throw .missingField("tool_name") }
        let arguments = input.arguments("tool_input")
        var cwd = input.string("cwd")
        let kind: Action.Kind
        switch tool {
        case "run_shell_command" where arguments.string("command") != nil:
            kind = .shell(command: arguments.string("command") ?? "")
            // The command runs in dir_path when given; relative ones resolve against cwd.
            if let dir = arguments.string("dir_path"), !dir.isEmpty {
                cwd = dir.hasPrefix("/") ? dir : (cwd.map { $0 + "/" + dir } ?? dir)
            }
        case "write_file" where arguments.string("file_path") != nil:
            kind = .fileWrite(path: arguments.string("file_path") ?? "", content: arguments.string("content") ?? "")
        case "replace" where arguments.string("file_path") != nil:
            let edit = FileEdit(
                oldText: arguments.string("old_string") ?? "", newText: arguments.string("new_string") ?? "",
                replaceAll: arguments["allow_multiple"]?.boolValue ?? false)
            kind = .fileEdit(path: arguments.string("file_path") ?? "", edits: [edit])
        case "read_file" where arguments.string("file_path") != nil:
            kind = .fileRead(path: arguments.string("file_path") ?? "")
        case "web_fetch" where arguments.string("url") != nil:
            kind = .web(url: arguments.string("url") ?? "")
        default:
            let server = input.payload["mcp_context"]?.string("server_name")
            kind =
                MCPName.gemini(tool, server: server, arguments: arguments).map(Action.Kind.mcp)
                ?? .other(tool: tool, input: arguments.canonicalText)
        }
        return input.event(.preToolUse, kind: kind, session: input.string("session_id"), cwd: cwd)
    }

    /// `{"decision":"allow"|"deny","reason"}`; the reason reaches the model as a tool error.
    static func render(_ answer: HookAnswer) -> HookOutput {
        .json(["decision": .string(answer.allows ? "allow" : "deny"), "reason": .string(capped(answer.reason))])
    }
}
