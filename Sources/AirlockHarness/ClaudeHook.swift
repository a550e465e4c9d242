import AirlockCore

/// Claude Code's PreToolUse and PermissionRequest hooks (harness-protocols §1.3–1.5).
public enum ClaudeHook {
    static func parse(_ input: HookInput) throws(HookError) -> HookEvent {
        let name = try eventName(input)
        guard let tool = input.string("tool_name") else { throw .missingField("tool_name") }
        let server = input.payload["mcp_server"]?.string("name")
        let kind = ClaudeTools.kind(tool: tool, input: input.arguments("tool_input"), mcpServer: server)
        return input.event(name, kind: kind, session: input.string("session_id"), cwd: input.string("cwd"))
    }

    /// PreToolUse or PermissionRequest; anything else has no decision to make.
    static func eventName(_ input: HookInput) throws(HookError) -> HookEvent.Name {
        switch input.string("hook_event_name") {
        case "PreToolUse"?: return .preToolUse
        case "PermissionRequest"?: return .permissionRequest
        case let other?: throw .unanswered(other)
        case nil: throw .missingField("hook_event_name")
        }
    }

    /// PreToolUse: `permissionDecision` allow/deny; PermissionRequest: `decision.behavior`
    /// (exit 2 does nothing there). A valid JSON object is honoured on exit 0.
    static func render(_ answer: HookAnswer, for event: HookEvent.Name) -> HookOutput {
        let verdict: JSONValue = .string(answer.allows ? "allow" : "deny")
        switch event {
        case .preToolUse:
            return .json([
                "hookSpecificOutput": .object([
                    "hookEventName": .string("PreToolUse"),
                    "permissionDecision": verdict,
                    "permissionDecisionReason": .string(capped(answer.reason)),
                ])
            ])
        case .permissionRequest:
            var decision: [String: JSONValue] = ["behavior": verdict]
            // `message` applies to deny only.
            if !answer.allows { decision["message"] = .string(capped(answer.reason)) }
            return .json([
                "hookSpecificOutput": .object([
                    "hookEventName": .string("PermissionRequest"), "decision": .object(decision),
                ])
            ])
        }
    }
}
