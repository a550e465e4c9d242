import AirlockCore
import AirlockProbe
import Foundation
import Testing

/// Realistic settings files for each harness, and broken ones: a clear problem naming the file,
/// never a crash, and the boundary at least fuzzy.
@Suite struct HarnessReaderTests {
    struct Setup {
        let home: TempRepository
        let workspace: TempRepository

        init() throws {
            home = try TempRepository(git: false)
            workspace = try TempRepository()
            try workspace.write("README.md")
            try workspace.commitAll()
        }

        func facts(hooked: Set<String> = [], environment: [String: String] = [:]) -> BoundaryFacts {
            WorkspaceProbe(
                home: home.root, environment: environment, stateDirectory: home.root + "/state",
                configDirectory: home.root + "/config", budget: .seconds(20)
            ).facts(directory: workspace.root, hooked: hooked, audit: .verified(records: 0))
        }

        func harness(_ facts: BoundaryFacts, _ name: String) throws -> HarnessSettings {
            guard let found = facts.harnesses.first(where: { $0.harness == name }) else { throw TestFailure(name) }
            return found
        }

        func remove() {
            home.remove()
            workspace.remove()
        }
    }

    @Test func claudeCodeDenyRulesSandboxAndServers() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.home.write(
            ".claude/settings.json",
            """
            {
              "permissions": {
                "allow": ["Bash(npm run test *)", "Read(./src/**)"],
                "deny": ["Read(./.env)", "Read(**/*.pem)", "WebFetch(domain:evil.example)", "Bash(curl *)"],
                "defaultMode": "acceptEdits"
              },
              "sandbox": { "enabled": true, "network": { "allowedDomains": ["registry.npmjs.org"] } }
            }
            """)
        try setup.workspace.write(
            ".claude/settings.local.json", #"{"permissions": {"deny": ["Read(secrets/)"]}}"#)
        try setup.home.write(
            ".claude.json",
            """
            {"numStartups": 12, "mcpServers": {"github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/"}},
             "projects": {"\(setup.workspace.root)": {"mcpServers": {"db": {"command": "npx", "args": ["-y", "@acme/db-mcp"],
               "env": {"DB_PASSWORD": "hunter2"}}}, "disabledMcpServers": ["github"]}}}
            """)
        try setup.workspace.write(
            ".mcp.json",
            #"{"mcpServers": {"git": {"command": "/usr/local/bin/airlock", "args": ["mcp", "--name", "git", "--", "uvx", "mcp-server-git"]}}}"#
        )
        let facts = setup.facts()
        let claude = try setup.harness(facts, "claude")
        let root = setup.workspace.root
        #expect(claude.isInstalled)
        #expect(claude.readDenies == [root + "/.env", root + "/**/*.pem", root + "/**/secrets"])
        #expect(claude.sandbox == true)
        #expect(claude.network == false)
        #expect(!claude.bypassesPrompts)
        let servers = facts.mcpServers.filter { $0.entry.harness == "claude" }.map(\.entry)
        #expect(servers.map(\.name) == ["github", "db", "git"])
        #expect(servers.map(\.isDisabled) == [true, false, false])
        #expect(servers[1].program == "npx")
        #expect(servers[2].airlockName == "git")
        #expect(facts.problems.isEmpty)
    }

    /// The settings the sandboxed deployment depends on, read the cautious way over every file.
    @Test func claudeCodeSandboxDetails() throws {
        let setup = try Setup()
        defer { setup.remove() }
        #expect(try setup.harness(setup.facts(), "claude").sandboxDetails == HarnessSandbox(harness: "claude"))
        try setup.home.write(
            ".claude/settings.json",
            #"{"sandbox": {"enabled": true, "failIfUnavailable": true, "allowUnsandboxedCommands": false}}"#)
        let recommended = try setup.harness(setup.facts(), "claude").sandboxDetails
        #expect(recommended?.isRecommended == true)
        #expect(recommended?.voidsEscapeRequests == true)
        #expect(BoundaryEvaluator.report(setup.facts()).sandbox(for: "claude") == recommended)
        // A project file that allows unsandboxed commands wins over the user's refusal.
        try setup.workspace.write(".claude/settings.local.json", #"{"sandbox": {"allowUnsandboxedCommands": true}}"#)
        let weakened = try setup.harness(setup.facts(), "claude").sandboxDetails
        #expect(weakened?.allowsUnsandboxedCommands == true)
        #expect(weakened?.voidsEscapeRequests == false)
        #expect(weakened?.isEnabled == true)
    }

    @Test func codexSandboxNetworkAndServers() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.home.write(
            ".codex/config.toml",
            """
            model = "gpt-5.5"
            approval_policy = "on-request"
            sandbox_mode = "workspace-write"

            [sandbox_workspace_write]
            network_access = true
            writable_roots = ["/tmp"]

            [projects."\(setup.workspace.root)"]
            trust_level = "trusted"

            [mcp_servers.context7]
            command = "npx"
            args = ["-y", "@upstash/context7-mcp"]

            [mcp_servers.figma]
            url = "https://mcp.figma.com/mcp"
            bearer_token_env_var = "FIGMA_OAUTH_TOKEN"
            enabled = false
            """)
        let facts = setup.facts()
        let codex = try setup.harness(facts, "codex")
        #expect(codex.isInstalled)
        #expect(codex.sandbox == true)
        #expect(codex.network == true)
        let servers = facts.mcpServers.map(\.entry).filter { $0.harness == "codex" }
        #expect(servers.map(\.name) == ["context7", "figma"])
        #expect(servers.map(\.transport) == ["stdio", "http"])
        #expect(servers.map(\.isDisabled) == [false, true])
        let command = BoundaryEvaluator.report(facts).boundary(.commandExecution)
        #expect(command?.state == .fuzzy)
        #expect(command?.reasons == ["Codex: commands may reach the network without asking"])
    }

    @Test func codexFullAccessWithoutPromptsIsOpen() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.home.write(
            ".codex/config.toml", "sandbox_mode = \"danger-full-access\"\napproval_policy = \"never\"\n")
        let facts = setup.facts()
        #expect(try setup.harness(facts, "codex").bypassesPrompts)
        #expect(BoundaryEvaluator.report(facts).boundary(.commandExecution)?.state == .open)
        // Airlock's hook gates it again.
        #expect(BoundaryEvaluator.report(setup.facts(hooked: ["codex"])).boundary(.commandExecution)?.state == .clear)
    }

    @Test func cursorGeminiAndCopilot() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.home.write(".cursor/mcp.json", #"{"mcpServers": {"linear": {"url": "https://mcp.linear.app/sse"}}}"#)
        try setup.workspace.write(".cursorignore", "# keep secrets out\n.env*\n/config/credentials.json\n")
        try setup.home.write(
            ".gemini/settings.json",
            #"{"tools": {"sandbox": "docker"}, "mcp": {"excluded": ["slack"]}, "mcpServers": {"slack": {"command": "npx"}, "pg": {"httpUrl": "https://pg.example/mcp", "trust": true}}}"#
        )
        try setup.home.write(
            ".copilot/mcp-config.json",
            #"{"mcpServers": {"playwright": {"type": "local", "command": "npx", "args": ["@playwright/mcp"]}}}"#)
        let facts = setup.facts()
        let root = setup.workspace.root
        #expect(
            try setup.harness(facts, "cursor").readDenies == [root + "/**/.env*", root + "/config/credentials.json"])
        #expect(try setup.harness(facts, "gemini").sandbox == true)
        #expect(try setup.harness(facts, "copilot").isInstalled)
        let names = facts.mcpServers.map { "\($0.entry.harness)/\($0.entry.name)/\($0.entry.isDisabled)" }
        #expect(names == ["cursor/linear/false", "gemini/pg/false", "gemini/slack/true", "copilot/playwright/false"])
    }

    @Test(arguments: [
        (".claude/settings.json", "{\"permissions\": {\"deny\": [\"Read(./.env)\"", "not valid JSON"),
        (".claude.json", "[1, 2]", "the top level is not a JSON object"),
        (".codex/config.toml", "sandbox_mode = \"read-only\n[mcp_servers.x", "not valid TOML"),
        (".cursor/mcp.json", "\u{FEFF}{oops}", "not valid JSON"),
        (".gemini/settings.json", "", ""),
    ])
    func brokenFilesGiveAClearMessageNeverACrash(file: String, text: String, message: String) throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.home.write(file, text)
        try setup.workspace.write(".env", "TOKEN=x")
        let facts = setup.facts()
        if message.isEmpty {
            #expect(facts.problems.isEmpty)  // an empty file is an empty configuration
        } else {
            #expect(facts.problems.count == 1)
            #expect(facts.problems.first?.hasPrefix(setup.home.root + "/" + file) == true)
            #expect(facts.problems.first?.contains(message) == true)
        }
        // Whatever the file said, nothing denies the .env now: the boundary is not clear.
        #expect(BoundaryEvaluator.report(facts).boundary(.filesAndSecrets)?.state != .clear)
    }

    @Test func aDirectoryWhereAFileShouldBeIsAProblem() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try FileManager.default.createDirectory(
            atPath: setup.home.root + "/.claude/settings.json", withIntermediateDirectories: true)
        #expect(setup.facts().problems == [setup.home.root + "/.claude/settings.json: is a directory, not a file"])
    }
}
