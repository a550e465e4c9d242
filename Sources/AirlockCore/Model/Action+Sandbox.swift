extension Action {
    /// The key Claude Code's Bash `tool_input` carries when the model asks to run the command
    /// outside the harness's sandbox.
    public static let sandboxEscapeKey = "dangerouslyDisableSandbox"

    /// Whether the harness payload asks to run this command outside the harness's sandbox.
    ///
    /// Read from `raw`, the payload every hook sends as received, so the request reaches the
    /// broker with no change to the protocol. A payload that mentions the key but cannot be
    /// read counts as asking: unknown never means allowed.
    public var asksToLeaveSandbox: Bool {
        guard case .shell = kind, let raw, raw.contains(Self.sandboxEscapeKey) else { return false }
        guard let payload = try? JSONValue.parse(raw) else { return true }
        switch payload["tool_input"]?[Self.sandboxEscapeKey] {
        case .bool(let asked)?: return asked
        case .string(let text)?: return text.lowercased() != "false"
        case nil, .null?: return false
        default: return true
        }
    }
}
