import AirlockHarness

/// Where and how one harness declares a command hook (harness-protocols §1.2, §2.4, §3.1–3.3).
struct HookLayout: Sendable {
    /// Entries are `{matcher, hooks: [handler]}` groups (Claude, Codex, Gemini) or bare handlers (Cursor, Copilot).
    enum Style: Sendable { case grouped(matcher: String), flat }

    var style: Style
    /// The events Airlock's hook is added under, inside the top-level `hooks` object.
    var events: [String]
    /// The handler key holding the shell command.
    var commandKey: String
    /// The timeout key and value in the harness's unit.
    var timeoutKey: String
    var timeout: Int
    /// Keys the format needs at top level (`version` for Cursor and Copilot), added only when absent.
    var topLevelDefaults: [String: Int]

    /// Installed timeout, in seconds: people approve slowly, and every harness fails open on a timeout.
    static let timeoutSeconds = 900

    static func of(_ harness: Harness) -> HookLayout {
        let seconds = timeoutSeconds
        switch harness {
        // PreToolUse sees every call; PermissionRequest would ask a second time for the same call.
        case .claude:
            return HookLayout(
                style: .grouped(matcher: "*"), events: ["PreToolUse"], commandKey: "command", timeoutKey: "timeout",
                timeout: seconds, topLevelDefaults: [:])
        // `*` is what real Codex 0.163 was seen to honour as match-all (real-clients §3).
        case .codex:
            return HookLayout(
                style: .grouped(matcher: "*"), events: ["PreToolUse"], commandKey: "command", timeoutKey: "timeout",
                timeout: seconds, topLevelDefaults: [:])
        // Gemini's timeout is in milliseconds.
        case .gemini:
            return HookLayout(
                style: .grouped(matcher: ".*"), events: ["BeforeTool"], commandKey: "command", timeoutKey: "timeout",
                timeout: seconds * 1000, topLevelDefaults: [:])
        // preToolUse covers every Cursor tool (Shell, Read, Write, Delete, MCP:…); Airlock never answers `ask`.
        case .cursor:
            return HookLayout(
                style: .flat, events: ["preToolUse"], commandKey: "command", timeoutKey: "timeout", timeout: seconds,
                topLevelDefaults: ["version": 1])
        // camelCase event name: the adapter reads camelCase payloads.
        case .copilot:
            return HookLayout(
                style: .flat, events: ["preToolUse"], commandKey: "bash", timeoutKey: "timeoutSec", timeout: seconds,
                topLevelDefaults: ["version": 1])
        }
    }

    /// The handler object for `command`.
    func handler(for harness: Harness, command: String) -> [String: Any] {
        var handler: [String: Any] = [commandKey: command, timeoutKey: timeout]
        switch harness {
        case .claude, .codex:
            handler["type"] = "command"
            handler["statusMessage"] = "Waiting for Airlock approval"
        case .gemini:
            handler["type"] = "command"
            handler["name"] = "airlock"
        case .cursor:
            // A crashed or timed-out hook must block, not let the call through.
            handler["failClosed"] = true
        case .copilot:
            handler["type"] = "command"
        }
        return handler
    }

    /// The entry appended to each event's list.
    func entry(for harness: Harness, command: String) -> [String: Any] {
        switch style {
        case .grouped(let matcher): ["matcher": matcher, "hooks": [handler(for: harness, command: command)]]
        case .flat: handler(for: harness, command: command)
        }
    }
}
