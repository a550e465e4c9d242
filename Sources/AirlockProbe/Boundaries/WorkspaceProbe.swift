import AirlockCore
import Foundation

/// Gathers `BoundaryFacts` for one workspace from git, the harnesses' settings files, the MCP
/// inventories and the trusted list, each reader within its budget, then judges them.
public struct WorkspaceProbe: Sendable {
    public var home: String
    public var environment: [String: String]
    public var stateDirectory: String
    public var configDirectory: String
    /// Boundaries run off the hot path, so their walks get more than an action's probe.
    public var budget: Duration

    public init(
        home: String, environment: [String: String], stateDirectory: String, configDirectory: String,
        budget: Duration = .milliseconds(500)
    ) {
        self.home = home
        self.environment = environment
        self.stateDirectory = stateDirectory
        self.configDirectory = configDirectory
        self.budget = budget
    }

    public var trustedListPath: String { configDirectory + "/trusted-repos" }

    /// The workspace for `directory`: its git top level, else the directory itself.
    public func workspace(for directory: String) -> String {
        if case .success(let top?) = Git.topLevel(of: directory, deadline: Deadline(budget: budget)) { return top }
        return directory
    }

    /// Facts for the workspace containing `directory`. `hooked` names the harnesses whose settings
    /// hold Airlock's hook; `policyTrust` says why the repository's policy file makes it trusted.
    public func facts(
        directory: String, hooked: Set<String>, audit: AuditState,
        policyTrust: @Sendable (String) -> String? = { _ in nil }
    ) -> BoundaryFacts {
        let git = GitStateReader.read(directory: directory, deadline: Deadline(budget: budget))
        let workspace: String
        if case .measured(let state) = git {
            workspace = state.topLevel
        } else {
            workspace = self.workspace(for: directory)
        }
        var problems: [String] = []

        let remotes: [GitState.Remote] = if case .measured(let state) = git { state.remotes } else { [] }
        let list = ConfigText.read(trustedListPath, problems: &problems).map(TrustedRepositories.init(text:))
        let trusted =
            list?.reason(workspace: workspace, remotes: remotes, listPath: trustedListPath) ?? policyTrust(workspace)

        let secrets = SecretScan.scan(workspace: workspace, home: home, deadline: Deadline(budget: budget))

        let places = HarnessLocations(home: home, workspace: workspace, environment: environment)
        let readers = [
            ClaudeSettingsReader.read(places), CodexConfigReader.read(places), OtherHarnessReaders.cursor(places),
            OtherHarnessReaders.gemini(places), OtherHarnessReaders.copilot(places),
        ]
        var harnesses: [HarnessSettings] = []
        var servers: [MCPServerFacts] = []
        let host = HostFacts(home: home)
        for (settings, entries) in readers {
            harnesses.append(settings)
            problems += settings.problems
            for entry in entries {
                let inventory = MCPInventory.read(
                    stateDirectory: stateDirectory, server: entry.airlockName ?? entry.name, problems: &problems)
                let tools = inventory.map { list in
                    list.tools.map { ClassedTool.classify(server: list.server, tool: $0, host: host) }
                }
                servers.append(MCPServerFacts(entry: entry, tools: tools))
            }
        }
        var facts = BoundaryFacts(
            workspace: workspace, git: git, trustedBecause: trusted, trustedListPath: trustedListPath,
            secrets: secrets, harnesses: harnesses, hookedHarnesses: hooked, mcpServers: servers, audit: audit,
            problems: problems)
        // A file under a home this process cannot search looks missing, not unreadable.
        if access(home, X_OK) != 0 { facts.unreadableHome = home }
        return facts
    }
}
