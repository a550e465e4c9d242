import AirlockCore

/// Codex CLI's PreToolUse and PermissionRequest hooks (harness-protocols §2.4): Claude's
/// shapes, with `apply_patch` carrying the patch in `tool_input.command`.
public enum CodexHook {
    static func parse(_ input: HookInput) throws(HookError) -> HookEvent {
        let name = try ClaudeHook.eventName(input)
        guard let tool = input.string("tool_name") else { throw .missingField("tool_name") }
        let kind = ClaudeTools.kind(tool: tool, input: input.arguments("tool_input"), mcpServer: nil)
        return input.event(name, kind: kind, session: input.string("session_id"), cwd: input.string("cwd"))
    }

    /// PreToolUse can only deny (`ask` is unsupported and runs the tool), so an allow prints
    /// nothing: the documented "no decision", after which the call proceeds. PermissionRequest
    /// answers with `decision.behavior`; `message` goes with deny only.
    static func render(_ answer: HookAnswer, for event: HookEvent.Name) -> HookOutput {
        switch event {
        case .preToolUse:
            guard !answer.allows else { return HookOutput(stdout: "") }
            return .json([
                "hookSpecificOutput": .object([
                    "hookEventName": .string("PreToolUse"),
                    "permissionDecision": .string("deny"),
                    "permissionDecisionReason": .string(capped(answer.reason)),
                ])
            ])
        case .permissionRequest:
            return ClaudeHook.render(answer, for: .permissionRequest)
        }
    }
}
