import AirlockCore

/// GitHub Copilot CLI's preToolUse and permissionRequest hooks (harness-protocols §3.3), in
/// both payload spellings: camelCase (`toolName`, `toolArgs`) and snake_case (`tool_name`, `tool_input`).
public enum CopilotHook {
    static func parse(_ input: HookInput) throws(HookError) -> HookEvent {
        let name: HookEvent.Name
        switch input.string("hook_event_name", "hookEventName") {
        case nil, "preToolUse"?, "PreToolUse"?: name = .preToolUse
        case "permissionRequest"?, "PermissionRequest"?: name = .permissionRequest
        case let other?: throw .unanswered(other)
        }
        guard let tool = input.string("toolName", "tool_name") else { throw .missingField("toolName") }
        let arguments = input.arguments("toolArgs", "tool_input")
        return input.event(
            name, kind: kind(tool, arguments), session: input.string("sessionId", "session_id"),
            cwd: input.string("cwd"))
    }

    /// Tool names: bash, powershell, create, edit, view, web_fetch, … plus MCP tools.
    static func kind(_ tool: String, _ arguments: JSONValue) -> Action.Kind {
        let path = arguments.string("path") ?? arguments.string("file_path")
        switch tool {
        case "bash", "powershell":
            if let command = arguments.string("command") { return .shell(command: command) }
        case "create":
            if let path {
                return .fileWrite(
                    path: path, content: arguments.string("file_text") ?? arguments.string("content") ?? "")
            }
        case "edit":
            if let path {
                let edit = FileEdit(
                    oldText: arguments.string("old_str") ?? arguments.string("old_string") ?? "",
                    newText: arguments.string("new_str") ?? arguments.string("new_string") ?? "")
                return .fileEdit(path: path, edits: [edit])
            }
        case "view":
            if let path { return .fileRead(path: path) }
        case "web_fetch":
            if let url = arguments.string("url") { return .web(url: url) }
        default:
            break
        }
        return .other(tool: tool, input: arguments.canonicalText)
    }

    /// preToolUse: `permissionDecision` + reason; permissionRequest: `behavior` + `message`.
    static func render(_ answer: HookAnswer, for event: HookEvent.Name) -> HookOutput {
        let verdict: JSONValue = .string(answer.allows ? "allow" : "deny")
        switch event {
        case .preToolUse:
            return .json(["permissionDecision": verdict, "permissionDecisionReason": .string(capped(answer.reason))])
        case .permissionRequest:
            return .json(["behavior": verdict, "message": .string(capped(answer.reason))])
        }
    }
}
