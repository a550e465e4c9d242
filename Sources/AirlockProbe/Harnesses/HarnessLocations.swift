import Foundation

/// Where each harness keeps its settings and MCP servers (harness-protocols §1.1, §2.1, §3, §5),
/// for one user (`home`, `environment`) and one workspace.
public struct HarnessLocations: Sendable {
    public var home: String
    public var workspace: String
    public var environment: [String: String]

    public init(home: String, workspace: String, environment: [String: String]) {
        self.home = home
        self.workspace = workspace
        self.environment = environment
    }

    var claudeDirectory: String { nonEmpty("CLAUDE_CONFIG_DIR") ?? home + "/.claude" }
    var claudeJSON: String { home + "/.claude.json" }
    var codexHome: String { nonEmpty("CODEX_HOME") ?? home + "/.codex" }
    var copilotHome: String { nonEmpty("COPILOT_HOME") ?? home + "/.copilot" }

    private func nonEmpty(_ key: String) -> String? {
        guard let value = environment[key], !value.isEmpty else { return nil }
        return value
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
