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
        guard let id = params.toolUseID, !id.isEmpty, let uid = connections[connection]?.credentials.uid else { return nil }
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
                fingerprint: fingerprint, verdict: verdict, reason: reason, risk: answer.assessment.risk,
                actionID: answer.id,
                expiresAt: now.addingTimeInterval(configuration.reviewWindow.seconds)))
    }

    /// The hook's decision for the proxy's submission of the same call, when there is one and it
    /// may stand: a deny always does; an allow only when the proxy's own policy would not deny
    /// the call and the proxy does not rate it riskier than the hook did (the proxy knows the
    /// server's annotations, which the hook never saw — a human who approved a harmless-looking
    /// call did not approve a destructive one).
    mutating func hookDecision(for answer: Answer, own decision: Decision, now: Date) -> ToolCallMemory.Entry? {
        guard let key = answer.toolCall, answer.action.harness == Self.proxyHarness,
            let fingerprint = ToolCallMemory.fingerprint(of: answer.action),
            let entry = toolCalls.take(key, fingerprint: fingerprint, now: now)
        else { return nil }
        if entry.verdict == .deny { return entry }
        return decision.verdict != .deny && answer.assessment.risk <= entry.risk ? entry : nil
    }
}
