import AirlockCore
import AirlockWire
import FoundationEssentials

/// One MCP tool call, two gates (the harness's hook and `airlock mcp`), one human question.
extension BrokerStateMachine {
    /// The harness calls the proxy's harness `mcp`; every other harness is a hook.
    static let proxyHarness = "mcp"

    /// The key a submission is remembered or looked up by; nil without a call id or a known
    /// uid (an unknown peer never shares a decision).
    func toolCallKey(_ params: SubmitParams, from connection: ConnectionID) -> ToolCallMemory.Key? {
        guard let id = params.toolUseID, !id.isEmpty, let uid = connections[connection]?.uid else { return nil }
        return ToolCallMemory.Key(uid: uid, toolUseID: id)
    }

    /// Keeps a hook's decision of an MCP call for the proxy's gate of the same call.
    mutating func rememberHookDecision(_ answer: Answer, _ verdict: FinalVerdict, reason: String, now: Date) {
        guard let key = answer.toolCall, answer.action.harness != Self.proxyHarness,
            let fingerprint = ToolCallMemory.fingerprint(of: answer.action)
        else { return }
        toolCalls.remember(
            key,
            ToolCallMemory.Entry(
                fingerprint: fingerprint, verdict: verdict, reason: reason, actionID: answer.id,
                expiresAt: now.addingTimeInterval(configuration.reviewWindow.seconds)))
    }

    /// The hook's decision for the proxy's submission of the same call, when there is one.
    mutating func hookDecision(for answer: Answer, now: Date) -> ToolCallMemory.Entry? {
        guard let key = answer.toolCall, answer.action.harness == Self.proxyHarness,
            let fingerprint = ToolCallMemory.fingerprint(of: answer.action)
        else { return nil }
        return toolCalls.take(key, fingerprint: fingerprint, now: now)
    }
}
