import TOMLKit

/// Codex: `sandbox_mode`, `[sandbox_workspace_write] network_access`, `approval_policy` and
/// `[mcp_servers.<id>]` from `$CODEX_HOME/config.toml` and the project's `.codex/config.toml`
/// (harness-protocols §2.1, §2.2, §2.5). The project file wins, as in Codex.
enum CodexConfigReader {
    static func read(_ places: HarnessLocations) -> (HarnessSettings, [MCPServerEntry]) {
        var settings = HarnessSettings(
            harness: "codex",
            isInstalled: places.exists(places.codexHome) || places.exists(places.workspace + "/.codex"))
        var servers: [String: MCPServerEntry] = [:]
        var sandboxMode: String?
        var networkAccess: Bool?
        var approval: String?
        for path in [places.codexHome + "/config.toml", places.workspace + "/.codex/config.toml"] {
            guard let text = ConfigText.read(path, problems: &settings.problems) else { continue }
            let table: TOMLTable
            do {
                table = try TOMLTable(string: text)
            } catch let error as TOMLParseError {
                settings.problems.append("\(path):\(error.source.begin.line): not valid TOML")
                continue
            } catch {
                settings.problems.append("\(path): not valid TOML")
                continue
            }
            settings.files.append(path)
            if let mode = table["sandbox_mode"]?.string { sandboxMode = mode }
            if let policy = table["approval_policy"]?.string { approval = policy }
            if let write = table["sandbox_workspace_write"]?.table, let network = write["network_access"]?.bool {
                networkAccess = network
            }
            if let list = table["mcp_servers"]?.table {
                for name in list.keys.sorted() {
                    guard let server = list[name]?.table else { continue }
                    let disabled = server["enabled"]?.bool == false
                    if let command = server["command"]?.string {
                        let args =
                            (server["args"]?.array).map { array in
                                (0..<array.count).compactMap { array[$0].string }
                            } ?? []
                        servers[name] = .stdio(
                            harness: "codex", name: name, source: path, command: command, args: args,
                            isDisabled: disabled)
                    } else {
                        servers[name] = MCPServerEntry(
                            harness: "codex", name: name, source: path, transport: "http", isDisabled: disabled)
                    }
                }
            }
        }
        switch sandboxMode {
        case "read-only":
            settings.sandbox = true
            settings.network = false
        case "workspace-write":
            settings.sandbox = true
            settings.network = networkAccess ?? false  // off unless turned on
        case "danger-full-access":
            settings.sandbox = false
            settings.network = true
        default:
            // Not set: Codex's own default is a sandbox; not knowing the version, say unknown.
            settings.network = networkAccess
        }
        if approval == "never" && sandboxMode == "danger-full-access" { settings.bypassesPrompts = true }
        return (settings, servers.keys.sorted().compactMap { servers[$0] })
    }
}
