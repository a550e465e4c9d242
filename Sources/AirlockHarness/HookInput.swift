import AirlockCore

/// A parsed hook payload with the lookups every adapter needs.
struct HookInput: Sendable {
    var payload: [String: JSONValue]
    var raw: String
    var harness: Harness
    var deadlineMs: Int

    /// The first of `keys` that holds a string.
    func string(_ keys: String...) -> String? {
        keys.lazy.compactMap { payload[$0]?.stringValue }.first
    }

    /// The tool's arguments: an object, or a JSON string holding one (Cursor MCP, Copilot camelCase).
    func arguments(_ keys: String...) -> JSONValue {
        for key in keys {
            switch payload[key] {
            case .object(let object)?:
                return .object(object)
            case .string(let text)?:
                if let value = try? JSONValue.parse(text) { return value }
                return .object(["text": .string(text)])
            default:
                continue
            }
        }
        return .object([:])
    }

    func event(_ name: HookEvent.Name, kind: Action.Kind, session: String?, cwd: String?) -> HookEvent {
        let action = Action(harness: harness.rawValue, session: session, cwd: cwd, kind: kind, raw: raw)
        return HookEvent(
            harness: harness, name: name, action: action, deadlineMs: deadlineMs, toolUseID: string("tool_use_id"))
    }
}

extension JSONValue {
    /// A string member, or nil.
    func string(_ key: String) -> String? { self[key]?.stringValue }
}

/// Reasons are capped: Claude cuts output strings at 10,000 characters.
func capped(_ reason: String) -> String {
    reason.count > 4000 ? String(reason.prefix(4000)) + "…" : reason
}
