/// The `mcpServers` object most harnesses share (Claude Code, Cursor, Gemini, Copilot):
/// `{name: {command, args} | {url} | {httpUrl}}`.
enum MCPServerList {
    static func entries(_ value: Any?, harness: String, source: String, disabled: Set<String>) -> [MCPServerEntry] {
        guard let servers = value as? [String: Any] else { return [] }
        return servers.keys.sorted().map { name in
            let server = servers[name] as? [String: Any] ?? [:]
            let off =
                disabled.contains(name) || server["disabled"] as? Bool == true || server["enabled"] as? Bool == false
            if let command = server["command"] as? String {
                let args = (server["args"] as? [Any] ?? []).compactMap { $0 as? String }
                return .stdio(
                    harness: harness, name: name, source: source, command: command, args: args, isDisabled: off)
            }
            return MCPServerEntry(harness: harness, name: name, source: source, transport: "http", isDisabled: off)
        }
    }
}
