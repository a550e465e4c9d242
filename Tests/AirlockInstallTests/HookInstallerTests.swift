import AirlockHarness
import AirlockInstall
import Foundation
import Testing

/// The installer changes only Airlock's hook, is idempotent, and uninstall gives back the original.
struct HookInstallerTests {
    static let binary = "/opt/airlock/bin/airlock"

    /// Realistic existing settings per harness: other hooks, permissions, unknown keys.
    static func existing(_ harness: Harness) -> String {
        switch harness {
        case .claude:
            #"""
            {
              "model": "opus",
              "permissions": {"allow": ["Bash(npm test)", "Read(./src/**)"], "deny": ["Bash(curl *)"], "defaultMode": "acceptEdits"},
              "hooks": {
                "PreToolUse": [
                  {"matcher": "Bash", "hooks": [{"type": "command", "command": "~/bin/lint-guard.sh", "timeout": 30}]}
                ],
                "PostToolUse": [
                  {"matcher": "Edit|Write", "hooks": [{"type": "command", "command": "prettier --write \"$FILE\""}]}
                ]
              },
              "env": {"FOO": "bar"},
              "futureKey": {"nested": [1, 2.5, true, null]}
            }
            """#
        case .codex:
            #"""
            {"hooks": {"PreToolUse": [{"matcher": "^Bash$", "hooks": [{"type": "command", "command": "/usr/local/bin/audit-bash", "timeout": 10}]}],
                       "Stop": [{"hooks": [{"type": "command", "command": "notify-send done"}]}]}}
            """#
        case .gemini:
            #"""
            {"theme": "GitHub", "tools": {"allowed": ["run_shell_command(git status)"]},
             "hooks": {"BeforeTool": [{"matcher": "write_file", "hooks": [{"type": "command", "command": "check-write", "timeout": 5000}]}]},
             "mcpServers": {"git": {"command": "uvx", "args": ["mcp-server-git"]}}}
            """#
        case .cursor:
            #"""
            {"version": 1, "hooks": {"afterFileEdit": [{"command": "./format.sh"}],
              "beforeShellExecution": [{"command": "./guard.sh", "timeout": 20, "matcher": "rm"}]}}
            """#
        case .copilot:
            #"""
            {"version": 1, "hooks": {"sessionStart": [{"type": "command", "bash": "echo hi", "timeoutSec": 5}]}}
            """#
        }
    }

    static func object(_ text: String?) throws -> [String: Any] {
        let text = try #require(text)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The JSON value of `text` in one canonical spelling, for semantic comparison.
    static func canonical(_ text: String?) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: try object(text), options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The `hooks[event]` list, as dictionaries.
    static func list(_ root: [String: Any], _ event: String) -> [[String: Any]] {
        ((root["hooks"] as? [String: Any])?[event] as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    @Test(arguments: Harness.allCases)
    func installAddsOnlyTheHookAndIsIdempotent(harness: Harness) throws {
        let installer = HookInstaller(harness: harness, executable: Self.binary)
        let original = Self.existing(harness)
        let once = try installer.install(into: original)
        #expect(once != original)
        #expect(try installer.install(into: once) == once)

        // Everything but Airlock's entry is as before.
        let removed = try #require(try installer.uninstall(from: once))
        #expect(try Self.canonical(removed) == Self.canonical(original))
        // Uninstalling again changes nothing.
        #expect(try installer.uninstall(from: removed) == removed)
        // Uninstalling from a file that never had it returns it byte for byte.
        #expect(try installer.uninstall(from: original) == original)
    }

    @Test func claudeHookShape() throws {
        let installer = HookInstaller(harness: .claude, executable: Self.binary)
        let root = try Self.object(try installer.install(into: Self.existing(.claude)))
        let groups = Self.list(root, "PreToolUse")
        #expect(groups.count == 2)
        #expect(groups[0]["matcher"] as? String == "Bash")  // the user's own group stays first
        let ours = groups[1]
        #expect(ours["matcher"] as? String == "*")
        let handler = try #require((ours["hooks"] as? [Any])?.first as? [String: Any])
        #expect(handler["type"] as? String == "command")
        #expect(handler["timeout"] as? Int == 900)
        #expect(handler["command"] as? String == "/opt/airlock/bin/airlock hook claude --timeout-ms 900000")
        #expect(Self.list(root, "PostToolUse").count == 1)
        #expect((root["permissions"] as? [String: Any])?["deny"] as? [String] == ["Bash(curl *)"])
        #expect(root["futureKey"] != nil)
    }

    @Test func otherHarnessShapes() throws {
        let gemini = try Self.object(HookInstaller(harness: .gemini).install(into: nil))
        let geminiHandler = try #require(
            (Self.list(gemini, "BeforeTool").first?["hooks"] as? [Any])?.first as? [String: Any])
        #expect(geminiHandler["timeout"] as? Int == 900_000)
        #expect(geminiHandler["command"] as? String == "airlock hook gemini --timeout-ms 900000")

        let cursor = try Self.object(HookInstaller(harness: .cursor).install(into: nil))
        #expect(cursor["version"] as? Int == 1)
        let cursorEntry = try #require(Self.list(cursor, "preToolUse").first)
        #expect(cursorEntry["failClosed"] as? Bool == true)
        #expect(cursorEntry["timeout"] as? Int == 900)

        let copilot = try Self.object(HookInstaller(harness: .copilot).install(into: nil))
        let copilotEntry = try #require(Self.list(copilot, "preToolUse").first)
        #expect(copilotEntry["timeoutSec"] as? Int == 900)
        #expect(copilotEntry["bash"] as? String == "airlock hook copilot --timeout-ms 900000")

        let codex = try Self.object(HookInstaller(harness: .codex).install(into: nil))
        let codexGroup = try #require(Self.list(codex, "PreToolUse").first)
        #expect(codexGroup["matcher"] as? String == "*")
        #expect((codexGroup["hooks"] as? [Any])?.count == 1)
    }

    @Test func reinstallWithAnotherPathReplacesTheOldEntry() throws {
        let first = try HookInstaller(harness: .claude, executable: "/old/airlock").install(into: nil)
        let second = try HookInstaller(harness: .claude, executable: "/new dir/airlock").install(into: first)
        let groups = Self.list(try Self.object(second), "PreToolUse")
        #expect(groups.count == 1)
        let handler = try #require((groups.first?["hooks"] as? [Any])?.first as? [String: Any])
        #expect(handler["command"] as? String == "'/new dir/airlock' hook claude --timeout-ms 900000")
    }

    @Test func theSmallHookIsInstalledWhenThereIsOne() throws {
        let installer = HookInstaller(
            harness: .claude, executable: "/opt/air lock/airlock", hookExecutable: "/opt/air lock/airlock-hook")
        #expect(installer.command == "'/opt/air lock/airlock-hook' claude --timeout-ms 900000")
        let text = try installer.install(into: nil)
        let handler = try #require(
            (Self.list(try Self.object(text), "PreToolUse").first?["hooks"] as? [Any])?.first as? [String: Any])
        #expect(handler["timeout"] as? Int == 900)
        // Switching between the two forms replaces the entry, and uninstall finds either.
        let back = try HookInstaller(harness: .claude, executable: "/usr/bin/airlock").install(into: text)
        #expect(Self.list(try Self.object(back), "PreToolUse").count == 1)
        #expect(installer.isAirlock("/usr/local/bin/airlock-hook claude --timeout-ms 900000"))
        #expect(installer.isAirlock("'/opt/air lock/airlock-hook' claude"))
        #expect(!installer.isAirlock("/usr/local/bin/airlock-hook codex"))
        #expect(!installer.isAirlock("my-hook claude"))
    }

    @Test func sharedGroupKeepsTheOtherHandlers() throws {
        let text = #"""
            {"hooks": {"PreToolUse": [{"matcher": "*", "hooks": [
              {"type": "command", "command": "/usr/bin/airlock hook claude", "timeout": 900},
              {"type": "command", "command": "logger tool"}]}]}}
            """#
        let removed = try #require(try HookInstaller(harness: .claude).uninstall(from: text))
        let groups = Self.list(try Self.object(removed), "PreToolUse")
        #expect(groups.count == 1)
        #expect((groups.first?["hooks"] as? [Any])?.count == 1)
    }

    @Test func anotherHarnessesHookIsNotOurs() throws {
        // A Codex hook in a Claude file is not what `uninstall claude` removes.
        let text = #"{"hooks": {"PreToolUse": [{"hooks": [{"type": "command", "command": "airlock hook codex"}]}]}}"#
        #expect(try HookInstaller(harness: .claude).uninstall(from: text) == text)
    }

    @Test(arguments: [
        "{\"hooks\": [", "not json at all", "[1, 2]", "{\"hooks\": []}", "{\"hooks\": {\"PreToolUse\": {}}}",
    ])
    func brokenFilesAreRefused(text: String) {
        #expect(throws: InstallError.self) { try HookInstaller(harness: .claude).install(into: text) }
    }

    @Test func brokenFileRefusedOnUninstall() {
        #expect(throws: InstallError.self) { try HookInstaller(harness: .gemini).uninstall(from: "{oops") }
    }

    @Test func emptyOrMissingFileStartsFresh() throws {
        let installer = HookInstaller(harness: .claude)
        #expect(try installer.install(into: nil) == installer.install(into: "  \n"))
        let created = try installer.install(into: nil)
        let removed = try #require(try installer.uninstall(from: created))
        #expect(installer.isVacant(removed))
        #expect(try installer.uninstall(from: nil) == nil)
    }

    @Test func locations() throws {
        let env = ["CLAUDE_CONFIG_DIR": "/cfg/claude", "CODEX_HOME": "/cfg/codex"]
        #expect(
            try SettingsLocation.path(for: .claude, scope: .user, environment: env, home: "/h")
                == "/cfg/claude/settings.json")
        #expect(
            try SettingsLocation.path(for: .claude, scope: .user, environment: [:], home: "/h")
                == "/h/.claude/settings.json")
        #expect(
            try SettingsLocation.path(for: .claude, scope: .project("/p"), environment: env, home: "/h")
                == "/p/.claude/settings.json")
        #expect(
            try SettingsLocation.path(for: .codex, scope: .user, environment: env, home: "/h")
                == "/cfg/codex/hooks.json")
        #expect(
            try SettingsLocation.path(for: .codex, scope: .project("/p"), environment: [:], home: "/h")
                == "/p/.codex/hooks.json")
        #expect(
            try SettingsLocation.path(for: .gemini, scope: .user, environment: [:], home: "/h")
                == "/h/.gemini/settings.json")
        #expect(
            try SettingsLocation.path(for: .cursor, scope: .project("/p"), environment: [:], home: "/h")
                == "/p/.cursor/hooks.json")
        #expect(
            try SettingsLocation.path(for: .copilot, scope: .project("/p"), environment: [:], home: "/h")
                == "/p/.github/hooks/airlock.json")
        #expect(throws: InstallError.self) {
            try SettingsLocation.path(for: .copilot, scope: .user, environment: [:], home: "/h")
        }
        #expect(SettingsLocation.trustStep(for: .codex, scope: .user).contains("/hooks"))
    }
}
