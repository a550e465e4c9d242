/// Cursor, Gemini CLI and Copilot CLI: their MCP server lists (harness-protocols §5) and what
/// they say about reads and sandboxing (§3).
enum OtherHarnessReaders {
    /// Cursor: `~/.cursor/mcp.json`, `.cursor/mcp.json`; `.cursorignore` keeps files from the agent.
    static func cursor(_ places: HarnessLocations) -> (HarnessSettings, [MCPServerEntry]) {
        var settings = HarnessSettings(
            harness: "cursor",
            isInstalled: places.exists(places.home + "/.cursor") || places.exists(places.workspace + "/.cursor"))
        var servers: [MCPServerEntry] = []
        for path in [places.home + "/.cursor/mcp.json", places.workspace + "/.cursor/mcp.json"] {
            guard let root = ConfigText.jsonObject(path, problems: &settings.problems) else { continue }
            settings.files.append(path)
            servers += MCPServerList.entries(root["mcpServers"], harness: "cursor", source: path, disabled: [])
        }
        let ignore = places.workspace + "/.cursorignore"
        if let text = ConfigText.read(ignore, problems: &settings.problems) {
            settings.files.append(ignore)
            for line in text.split(whereSeparator: \.isNewline) {
                let pattern = line.trimmingWhitespace
                guard !pattern.isEmpty, !pattern.hasPrefix("#"), !pattern.hasPrefix("!") else { continue }
                let anchored = pattern.hasPrefix("/") ? "." + pattern : String(pattern)
                if let glob = ReadPattern.absolute(
                    anchored, workspace: places.workspace, home: places.home, sourceBase: places.workspace)
                {
                    settings.readDenies.append(glob)
                }
            }
        }
        return (settings, servers)
    }

    /// Gemini CLI: `~/.gemini/settings.json`, `.gemini/settings.json`: `mcpServers` (with
    /// `mcp.excluded`), `tools.sandbox` (or the older top-level `sandbox`).
    static func gemini(_ places: HarnessLocations) -> (HarnessSettings, [MCPServerEntry]) {
        var settings = HarnessSettings(
            harness: "gemini",
            isInstalled: places.exists(places.home + "/.gemini") || places.exists(places.workspace + "/.gemini"))
        var servers: [MCPServerEntry] = []
        for path in [places.home + "/.gemini/settings.json", places.workspace + "/.gemini/settings.json"] {
            guard let root = ConfigText.jsonObject(path, problems: &settings.problems) else { continue }
            settings.files.append(path)
            let excluded = Set(
                ((root["mcp"] as? [String: Any])?["excluded"] as? [Any] ?? []).compactMap { $0 as? String })
            servers += MCPServerList.entries(root["mcpServers"], harness: "gemini", source: path, disabled: excluded)
            let sandbox = (root["tools"] as? [String: Any])?["sandbox"] ?? root["sandbox"]
            if let on = sandbox as? Bool {
                settings.sandbox = on
            } else if let engine = sandbox as? String, !engine.isEmpty {
                settings.sandbox = true
            }
        }
        return (settings, servers)
    }

    /// Copilot CLI: `~/.copilot/mcp-config.json` (`COPILOT_HOME` moves it).
    static func copilot(_ places: HarnessLocations) -> (HarnessSettings, [MCPServerEntry]) {
        var settings = HarnessSettings(harness: "copilot", isInstalled: places.exists(places.copilotHome))
        let path = places.copilotHome + "/mcp-config.json"
        var servers: [MCPServerEntry] = []
        if let root = ConfigText.jsonObject(path, problems: &settings.problems) {
            settings.files.append(path)
            servers = MCPServerList.entries(root["mcpServers"], harness: "copilot", source: path, disabled: [])
        }
        return (settings, servers)
    }
}
