import AirlockCore
import AirlockWire
import FoundationEssentials

/// Recent decisions of hook submissions for MCP tool calls, so the MCP proxy's gate of the
/// same call gets the same answer instead of asking the human a second time.
///
/// A harness gates an MCP tool call in its PreToolUse hook, and `airlock mcp` gates the
/// `tools/call` that follows; both carry the harness's id for the call (`tool_use_id`, and
/// `_meta["claudecode/toolUseId"]` or `_meta.callId`). An entry is used at most once, only by
/// a submission from the same uid whose tool, server and arguments are the same, and only
/// within `lifetime`; anything else is gated normally. A forged id therefore buys nothing but
/// the decision the very same action already got.
struct ToolCallMemory: Sendable {
    /// Who asked and the harness's call id.
    struct Key: Hashable, Sendable {
        var uid: UInt32
        var toolUseID: String
    }

    struct Entry: Sendable {
        var fingerprint: String
        var verdict: FinalVerdict
        var reason: String
        /// The risk the hook's decision was made at; an allow covers the proxy's call only when
        /// the proxy does not see it as riskier (its annotations can only add danger).
        var risk: Risk
        /// The hook submission's action id, named in the proxy's log line.
        var actionID: String
        var expiresAt: Date
    }

    /// Bounded memory: the oldest entries go first.
    static let capacity = 4_096

    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []

    var count: Int { entries.count }

    /// What identifies the call across the two gates: server, tool and canonical arguments.
    /// Nil for anything but an MCP call.
    static func fingerprint(of action: Action) -> String? {
        guard case .mcp(let call) = action.kind else { return nil }
        return call.server + "\u{0}" + call.tool + "\u{0}" + call.arguments.canonicalText
    }

    mutating func remember(_ key: Key, _ entry: Entry) {
        if entries.updateValue(entry, forKey: key) == nil { order.append(key) }
        if order.count > Self.capacity {
            let dropped = order.removeFirst()
            entries[dropped] = nil
        }
    }

    /// The remembered decision for `key` when it is still fresh and `fingerprint` matches; it is
    /// used up then (one call id answers one call). A different call under the same id leaves it
    /// for the call it belongs to: calls reach the proxy's gate in any order.
    mutating func take(_ key: Key, fingerprint: String, now: Date) -> Entry? {
        guard let entry = entries[key], entry.expiresAt > now, entry.fingerprint == fingerprint else { return nil }
        entries[key] = nil
        order.removeAll { $0 == key }
        return entry
    }

    /// Forgets entries past their lifetime.
    mutating func prune(now: Date) {
        guard entries.values.contains(where: { $0.expiresAt <= now }) else { return }
        entries = entries.filter { $0.value.expiresAt > now }
        order.removeAll { entries[$0] == nil }
    }
}
