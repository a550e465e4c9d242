import AirlockCore

/// Claude Code: `permissions.deny` Read rules, `permissions.defaultMode` and `sandbox` from the
/// user, project and local settings files (harness-protocols §1.1, §1.6–1.8); MCP servers from
/// `~/.claude.json` (user and per-project scope) and the project's `.mcp.json` (§5).
enum ClaudeSettingsReader {
    static func read(_ places: HarnessLocations) -> (HarnessSettings, [MCPServerEntry]) {
        let userFile = places.claudeDirectory + "/settings.json"
        let files: [(path: String, base: String)] = [
            ("/etc/claude-code/managed-settings.json", places.workspace),
            (userFile, places.home),
            (places.workspace + "/.claude/settings.json", places.workspace),
            (places.workspace + "/.claude/settings.local.json", places.workspace),
        ]
        var settings = HarnessSettings(
            harness: "claude",
            isInstalled: places.exists(places.claudeDirectory) || places.exists(places.claudeJSON)
                || places.exists(places.workspace + "/.claude"))
        var disabledProjectServers: Set<String> = []
        var sandboxValues: (enabled: [Bool], failIfUnavailable: [Bool], allowUnsandboxed: [Bool]) = ([], [], [])
        for file in files {
            guard let object = ConfigText.jsonObject(file.path, problems: &settings.problems) else { continue }
            settings.files.append(file.path)
            if let permissions = object["permissions"] as? [String: Any] {
                for rule in permissions["deny"] as? [Any] ?? [] {
                    guard let rule = rule as? String, let glob = readDeny(rule, places: places, base: file.base)
                    else { continue }
                    settings.readDenies.append(glob)
                }
                if permissions["defaultMode"] as? String == "bypassPermissions" { settings.bypassesPrompts = true }
            }
            if let sandbox = object["sandbox"] as? [String: Any] {
                if let enabled = sandbox["enabled"] as? Bool {
                    settings.sandbox = enabled
                    sandboxValues.enabled.append(enabled)
                }
                if let value = sandbox["failIfUnavailable"] as? Bool { sandboxValues.failIfUnavailable.append(value) }
                if let value = sandbox["allowUnsandboxedCommands"] as? Bool {
                    sandboxValues.allowUnsandboxed.append(value)
                }
            }
            for name in object["disabledMcpjsonServers"] as? [Any] ?? [] {
                if let name = name as? String { disabledProjectServers.insert(name) }
            }
        }
        settings.sandboxDetails = sandboxDetails(sandboxValues)
        // Sandboxed Bash reaches only allowlisted domains through the proxy; new ones prompt.
        settings.network = settings.bypassesPrompts ? true : settings.sandbox == true ? false : nil

        var servers: [MCPServerEntry] = []
        if let root = ConfigText.jsonObject(places.claudeJSON, problems: &settings.problems) {
            settings.files.append(places.claudeJSON)
            servers += MCPServerList.entries(
                root["mcpServers"], harness: "claude", source: places.claudeJSON, disabled: [])
            if let projects = root["projects"] as? [String: Any],
                let project = projects[places.workspace] as? [String: Any]
            {
                let disabled = Set((project["disabledMcpServers"] as? [Any] ?? []).compactMap { $0 as? String })
                servers = servers.map { entry in
                    var entry = entry
                    if disabled.contains(entry.name) { entry.isDisabled = true }
                    return entry
                }
                servers += MCPServerList.entries(
                    project["mcpServers"], harness: "claude", source: places.claudeJSON, disabled: disabled)
                disabledProjectServers.formUnion(
                    (project["disabledMcpjsonServers"] as? [Any] ?? []).compactMap { $0 as? String })
            }
        }
        let projectMCP = places.workspace + "/.mcp.json"
        if let root = ConfigText.jsonObject(projectMCP, problems: &settings.problems) {
            servers += MCPServerList.entries(
                root["mcpServers"], harness: "claude", source: projectMCP, disabled: disabledProjectServers)
        }
        return (settings, servers)
    }

    /// The sandbox settings over all files, each read the cautious way: the sandbox counts as on,
    /// and as failing closed, only when no file turns it off; unsandboxed commands count as
    /// refused only when no file allows them. Files `--settings` adds are not visible here.
    static func sandboxDetails(_ values: (enabled: [Bool], failIfUnavailable: [Bool], allowUnsandboxed: [Bool]))
        -> HarnessSandbox
    {
        func cautious(_ values: [Bool], unsafe: Bool) -> Bool? {
            if values.contains(unsafe) { return unsafe }
            return values.isEmpty ? nil : !unsafe
        }
        return HarnessSandbox(
            harness: "claude", isEnabled: cautious(values.enabled, unsafe: false),
            failsIfUnavailable: cautious(values.failIfUnavailable, unsafe: false),
            allowsUnsandboxedCommands: cautious(values.allowUnsandboxed, unsafe: true))
    }

    /// The absolute glob a `Read(…)` deny rule covers, or nil for other tools.
    /// `//abs`, `~/home`, `/settings-source-relative`, `./cwd-relative`, bare gitignore names.
    static func readDeny(_ rule: String, places: HarnessLocations, base: String) -> String? {
        if rule == "Read" || rule == "Read(*)" || rule == "Read(**)" { return "/**" }
        guard rule.hasPrefix("Read("), rule.hasSuffix(")") else { return nil }
        let pattern = String(rule.dropFirst(5).dropLast())
        return ReadPattern.absolute(pattern, workspace: places.workspace, home: places.home, sourceBase: base)
    }
}

/// Gitignore-style read patterns made absolute, so one matcher serves every harness.
enum ReadPattern {
    static func absolute(_ pattern: String, workspace: String, home: String, sourceBase: String) -> String? {
        guard !pattern.isEmpty else { return nil }
        if pattern.hasPrefix("//") { return String(pattern.dropFirst()) }
        if pattern.hasPrefix("~/") { return home + String(pattern.dropFirst()) }
        if pattern.hasPrefix("./") { return workspace + String(pattern.dropFirst()) }
        if pattern.hasPrefix("/") { return sourceBase + pattern }
        // No slash inside: a name that matches at any depth (gitignore).
        let trimmed = pattern.hasSuffix("/") ? String(pattern.dropLast()) : pattern
        if !trimmed.contains("/") { return workspace + "/**/" + trimmed }
        return workspace + "/" + trimmed
    }

    /// Whether `path` (absolute) is covered by any of `globs` (absolute), including by a
    /// directory glob that holds it.
    static func covers(_ globs: [String], _ path: String) -> Bool {
        let segments = path.split(separator: "/")
        for pattern in globs {
            let glob = Glob(pattern)
            if glob.matches(segments) { return true }
            // A directory rule (`secrets/`) covers what lies below it.
            for length in stride(from: segments.count - 1, through: 1, by: -1)
            where glob.matches(Array(segments.prefix(length))) {
                return true
            }
        }
        return false
    }
}
