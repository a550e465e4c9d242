import AirlockStore
import Foundation
import Testing

/// `airlock doctor --json` on prepared workspaces, with a temporary HOME so the user's own
/// configuration never leaks in.
@Suite struct DoctorCommandTests {
    struct Sandbox {
        let home: String
        let repo: String

        init() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent(
                "airlock-doctor-\(UUID().uuidString)"
            )
            .resolvingSymlinksInPath().path
            home = base + "/home"
            repo = base + "/repo"
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
            try git("init", "-q", "-b", "main")
            try git("config", "user.name", "Doctor Test")
            try git("config", "user.email", "doctor@example.com")
            try git("config", "commit.gpgsign", "false")
        }

        var environment: [String: String] {
            [
                "HOME": home, "AIRLOCK_STATE_DIR": home + "/state", "AIRLOCK_CONFIG_DIR": home + "/config",
                "AIRLOCK_SOCKET": home + "/no-broker.sock", "XDG_CONFIG_HOME": "", "XDG_STATE_HOME": "",
                "CLAUDE_CONFIG_DIR": "", "CODEX_HOME": "", "COPILOT_HOME": "", "KUBECONFIG": "",
                "GIT_CONFIG_GLOBAL": "/dev/null",
            ]
        }

        func write(_ path: String, _ text: String) throws {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func git(_ arguments: String...) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", repo] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            if process.terminationStatus != 0 { throw CLIFailure("git \(arguments) failed") }
        }

        func doctor() throws -> (status: Int32, json: [String: Any]) {
            let output = try CLIRunner.run(["doctor", "--json", repo], environment: environment)
            guard let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            else { throw CLIFailure("not JSON: \(output.stdout) \(output.stderr)") }
            return (output.status, object)
        }

        func states(_ json: [String: Any]) -> [String: String] {
            var states: [String: String] = [:]
            for boundary in json["boundaries"] as? [[String: Any]] ?? [] {
                states[boundary["kind"] as? String ?? "?"] = boundary["state"] as? String
            }
            return states
        }

        func remove() { try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent) }
    }

    struct CLIFailure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    @Test func anUnknownRepoWithAReadableEnvAndAnUnscopedServerIsNotClear() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write(box.repo + "/app.py", "print('hi')\n")
        try box.write(box.repo + "/.env", "STRIPE_KEY=sk_live_abc\n")
        try box.git("add", "app.py")
        try box.git("commit", "-qm", "init")
        try box.write(box.home + "/.claude/settings.json", #"{"permissions": {"allow": ["Bash(ls *)"]}}"#)
        try box.write(
            box.repo + "/.mcp.json", #"{"mcpServers": {"prod-db": {"command": "npx", "args": ["-y", "@acme/pg-mcp"]}}}"#
        )

        let (status, json) = try box.doctor()
        #expect(status == 1)
        #expect(json["version"] as? Int == 1)
        #expect(json["workspace"] as? String == box.repo)
        #expect(json["status"] as? String == "open")
        let states = box.states(json)
        #expect(states["repository_trust"] == "fuzzy")
        #expect(states["files_and_secrets"] == "open")
        #expect(states["mcp_tool_scope"] == "open")
        #expect(json["recommendation"] as? String == "stop")
        #expect(json["effectiveMode"] == nil)
        let servers = json["mcpServers"] as? [[String: Any]] ?? []
        #expect(servers.map { $0["name"] as? String } == ["prod-db"])
        #expect(servers.first?["isInventoried"] as? Bool == false)
        #expect((json["store"] as? [String: Any])?["state"] as? String == "missing")
        #expect((json["broker"] as? [String: Any])?["isRunning"] as? Bool == false)
        // The secret's value never reaches the report.
        let text = try CLIRunner.run(["doctor", box.repo], environment: box.environment).stdout
        #expect(!text.contains("sk_live_abc"))
        #expect(text.contains("OPEN  files and secrets"))
        #expect(!FileManager.default.fileExists(atPath: box.home + "/state"))  // a check creates nothing
    }

    @Test func aCleanTrustedRepoWithSecretsDeniedIsClear() throws {
        let box = try Sandbox()
        defer { box.remove() }
        try box.write(box.repo + "/app.py", "print('hi')\n")
        try box.write(box.repo + "/.gitignore", ".env\n")
        try box.write(box.repo + "/.env", "STRIPE_KEY=sk_live_abc\n")
        try box.git("add", "-A")
        try box.git("commit", "-qm", "init")
        let bare = box.repo + "-remote.git"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "init", "-q", "--bare", bare]
        try process.run()
        process.waitUntilExit()
        try box.git("remote", "add", "origin", bare)
        try box.git("push", "-q", "-u", "origin", "main")
        try box.write(box.home + "/config/trusted-repos", "# inspected\n\(box.repo)\n")
        try box.write(
            box.home + "/.claude/settings.json",
            #"{"permissions": {"deny": ["Read(./.env)", "Read(./.env.*)"]}, "sandbox": {"enabled": true}}"#)
        // The broker's store, with an intact (empty) log.
        try FileManager.default.createDirectory(atPath: box.home + "/state", withIntermediateDirectories: true)
        _ = try PolicyStore.open(path: StorePaths.defaultDatabase(stateDirectory: box.home + "/state"))

        let (status, json) = try box.doctor()
        #expect(status == 0)
        #expect(json["status"] as? String == "clear")
        #expect(box.states(json).values.sorted() == ["clear", "clear", "clear", "clear", "clear"])
        #expect(json["recommendation"] as? String == "chosen_mode")
        #expect(json["effectiveMode"] as? String == "workspace-edit")
        #expect((json["store"] as? [String: Any])?["state"] as? String == "verified")
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let output = try CLIRunner.run(["doctor", "/nonexistent/airlock-doctor"], environment: ["HOME": "/tmp"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("/nonexistent/airlock-doctor is not a directory"))
    }
}

/// `airlock serve` applies the workspace's boundaries once measured, in the background.
@Suite struct ServeBoundaryTests {
    static func hook(_ command: String, cwd: String, environment: [String: String]) throws -> String {
        let input: [String: Any] = [
            "session_id": "s1", "cwd": cwd, "hook_event_name": "PreToolUse", "tool_name": "Bash",
            "tool_input": ["command": command], "tool_use_id": "t1",
        ]
        let output = try CLIRunner.run(
            ["hook", "claude"], stdin: try JSONSerialization.data(withJSONObject: input), environment: environment)
        return output.stdout
    }

    /// A new, untrusted directory is read-only from its very first action (it waits for the
    /// report); with no console the agent is told how to trust it; `airlock trust` does, through
    /// the broker, at once and on the record.
    @Test func anUntrustedWorkspaceIsReadOnlyUntilTrusted() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-serve-\(UUID().uuidString)")
            .resolvingSymlinksInPath().path
        let workspace = home + "/plain-dir"  // no git, no trust, no harness settings
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let broker = try BrokerProcess(extra: [
            "HOME": home, "CLAUDE_CONFIG_DIR": "", "CODEX_HOME": "", "COPILOT_HOME": "", "XDG_CONFIG_HOME": "",
            "AIRLOCK_IGNORE_BOUNDARIES": "0",
        ])
        var environment = broker.environment
        environment["AIRLOCK_HOOK_TIMEOUT_MS"] = "20000"
        let answer = try Self.hook("touch notes.txt", cwd: workspace, environment: environment)
        #expect(answer.contains("\"deny\""))
        #expect(answer.contains("\(workspace) is not a trusted repository"))
        #expect(answer.contains("airlock trust \(workspace)"))
        #expect(try Self.hook("ls", cwd: workspace, environment: environment).contains("\"allow\""))

        // A reviewer's operation: from a terminal (an agent's tool call has none and is refused).
        let refused = try CLIRunner.run(["trust", workspace], environment: environment)
        #expect(refused.status != 0 && refused.stderr.contains("controlling terminal"), "\(refused.stderr)")
        // The broker records the account it names from the connection, not `--reviewer`.
        let trusted = try CLIRunner.runInTerminal(["trust", workspace, "--reviewer", "rita"], environment: environment)
        #expect(trusted.status == 0, "\(trusted.stdout)\(trusted.stderr)")
        #expect(trusted.stdout.contains("Trusted \(workspace) (no remote)"))
        #expect(try Self.hook("touch notes.txt", cwd: workspace, environment: environment).contains("\"allow\""))
        let list = try CLIRunner.run(["trust", "--list"], environment: environment)
        #expect(list.stdout.contains(workspace))
        let audit = try CLIRunner.run(["audit"], environment: environment)
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        #expect(audit.stdout.contains("airlock trust \(workspace)  [human:\(me)]"), "\(audit.stdout)")
        #expect(!audit.stdout.contains("rita"))

        let untrusted = try CLIRunner.runInTerminal(["untrust", workspace], environment: environment)
        #expect(untrusted.stdout.contains("is off"))
        #expect(try Self.hook("touch more.txt", cwd: workspace, environment: environment).contains("\"deny\""))
    }

    /// AIRLOCK_IGNORE_BOUNDARIES=1 in the broker's environment (a broker the console starts takes
    /// no flags) keeps the chosen mode: the broker says so, and measures nothing.
    @Test func theEnvironmentCanTurnBoundariesOff() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-serve-\(UUID().uuidString)")
            .resolvingSymlinksInPath().path
        let workspace = home + "/plain-dir"
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let broker = try BrokerProcess(extra: [
            "HOME": home, "CLAUDE_CONFIG_DIR": "", "CODEX_HOME": "", "COPILOT_HOME": "", "XDG_CONFIG_HOME": "",
            "AIRLOCK_IGNORE_BOUNDARIES": "1",
        ])
        try broker.waitForOutput(containing: "workspace boundaries ignored")
        var environment = broker.environment
        environment["AIRLOCK_HOOK_TIMEOUT_MS"] = "20000"
        // The broker never asks for a measurement then (BoundaryModeTests shows the machine side).
        for _ in 0..<3 {
            let answer = try Self.hook("touch notes.txt", cwd: workspace, environment: environment)
            #expect(!answer.contains("boundaries not clear"))
            #expect(answer.contains("\"allow\""))
        }
    }
}
