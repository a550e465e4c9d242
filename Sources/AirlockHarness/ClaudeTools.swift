import AirlockCore

/// Tool names shared by Claude Code and Codex (Codex mirrors Claude's shapes).
enum ClaudeTools {
    static func kind(tool: String, input: JSONValue, mcpServer: String?) -> Action.Kind {
        switch tool {
        case "Bash", "PowerShell":
            if let command = input.string("command") { return .shell(command: command) }
        case "Write":
            if let path = input.string("file_path") {
                return .fileWrite(path: path, content: input.string("content") ?? "")
            }
        case "Edit":
            if let path = input.string("file_path") {
                let edit = FileEdit(
                    oldText: input.string("old_string") ?? "", newText: input.string("new_string") ?? "",
                    replaceAll: input["replace_all"]?.boolValue ?? false)
                return .fileEdit(path: path, edits: [edit])
            }
        case "Read":
            if let path = input.string("file_path") { return .fileRead(path: path) }
        case "WebFetch":
            if let url = input.string("url") { return .web(url: url) }
        case "apply_patch":
            if let patch = input.string("command") { return .patch(text: patch) }
        default:
            if let call = MCPName.claude(tool, server: mcpServer, arguments: input) { return .mcp(call) }
        }
        return .other(tool: tool, input: input.canonicalText)
    }
}
