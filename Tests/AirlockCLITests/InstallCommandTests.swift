import Foundation
import Testing

/// `airlock install` / `uninstall` change a project's Claude settings and put them back.
struct InstallCommandTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-install-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The JSON in `data` in one canonical spelling, for semantic comparison.
    static func canonical(_ data: Data) throws -> String {
        let value = try JSONSerialization.jsonObject(with: data)
        return String(
            decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func installThenUninstallClaudeProject() throws {
        let home = try Self.temporaryDirectory()
        let project = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: home)
            try? FileManager.default.removeItem(at: project)
        }
        let environment = ["HOME": home.path, "CLAUDE_CONFIG_DIR": ""]
        let settings = project.appendingPathComponent(".claude/settings.json")
        try FileManager.default.createDirectory(
            at: settings.deletingLastPathComponent(), withIntermediateDirectories: true)
        let original =
            #"{"permissions": {"allow": ["Bash(npm test)"]}, "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "say done"}]}]}}"#
        try Data(original.utf8).write(to: settings)

        let install = try CLIRunner.run(
            ["install", "--allow-dev", "claude", "--project", project.path], environment: environment)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("without a trust step"))
        let installed = try String(contentsOf: settings, encoding: .utf8)
        #expect(installed.contains("hook claude"))
        #expect(installed.contains("\"timeout\" : 900") || installed.contains("\"timeout\": 900"))

        let again = try CLIRunner.run(
            ["install", "--allow-dev", "claude", "--project", project.path], environment: environment)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already installed"))
        #expect(try String(contentsOf: settings, encoding: .utf8) == installed)

        let uninstall = try CLIRunner.run(["uninstall", "claude", "--project", project.path], environment: environment)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(try Self.canonical(Data(contentsOf: settings)) == Self.canonical(Data(original.utf8)))

        // Each change left a backup beside the file; the user's home was not touched.
        let backups = try FileManager.default.contentsOfDirectory(atPath: settings.deletingLastPathComponent().path)
            .filter { $0.contains(".airlock-backup-") }
        #expect(backups.count == 2)
        #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent(".claude").path))
    }

    @Test func brokenSettingsAreRefusedAndLeftAlone() throws {
        let project = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let settings = project.appendingPathComponent(".gemini/settings.json")
        try FileManager.default.createDirectory(
            at: settings.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: settings)

        let output = try CLIRunner.run(["install", "--allow-dev", "gemini", "--project", project.path])
        #expect(output.status != 0)
        #expect(output.stderr.contains(settings.path) || output.stderr.contains("settings.json"))
        #expect(try String(contentsOf: settings, encoding: .utf8) == "{ not json")
        let entries = try FileManager.default.contentsOfDirectory(atPath: settings.deletingLastPathComponent().path)
        #expect(entries == ["settings.json"])
    }

    @Test func privateSettingsStayPrivate() throws {
        let home = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let settings = home.appendingPathComponent(".gemini/settings.json")
        try FileManager.default.createDirectory(
            at: settings.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"env": {"API_KEY": "secret"}}"#.utf8).write(to: settings)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: settings.path)

        let output = try CLIRunner.run(
            ["install", "--allow-dev", "gemini", "--user"], environment: ["HOME": home.path])
        #expect(output.status == 0, "\(output.stderr)")
        let directory = settings.deletingLastPathComponent().path
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
    }

    @Test func installedCommandAnswersTheHook() throws {
        let project = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let install = try CLIRunner.run(["install", "--allow-dev", "claude", "--project", project.path])
        #expect(install.status == 0, "\(install.stderr)")
        let data = try Data(contentsOf: project.appendingPathComponent(".claude/settings.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let groups = try #require((root["hooks"] as? [String: Any])?["PreToolUse"] as? [[String: Any]])
        let handler = try #require((groups.first?["hooks"] as? [[String: Any]])?.first)
        let command = try #require(handler["command"] as? String)

        // Run it the way Claude does, through a shell, with no broker: the hook still denies.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        environment.merge(HookCommandTests.missingSocket) { _, new in new }
        process.environment = environment
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(HookCommandTests.claudeInput("rm -rf /"))
        try input.fileHandleForWriting.close()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let (decision, _) = try HookCommandTests.claudeDecision(
            CLIRunner.Output(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: ""))
        #expect(decision == "deny")
    }

    @Test func symlinkedSettingsStayALink() throws {
        let home = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: home) }
        let dotfiles = home.appendingPathComponent("dotfiles/cursor-hooks.json")
        try FileManager.default.createDirectory(
            at: dotfiles.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"version": 1, "hooks": {}}"#.utf8).write(to: dotfiles)
        let link = home.appendingPathComponent(".cursor/hooks.json")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: dotfiles)

        let output = try CLIRunner.run(
            ["install", "--allow-dev", "cursor", "--user"], environment: ["HOME": home.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == dotfiles.path)
        #expect(try String(contentsOf: dotfiles, encoding: .utf8).contains("hook cursor"))
    }

    /// A development build's path is refused: harnesses would run it before every tool call and
    /// lose it after `swift package clean`.
    @Test func aDevelopmentBuildIsRefusedUnlessAllowed() throws {
        let project = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let refused = try CLIRunner.run(["install", "claude", "--project", project.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("development build inside .build/"))
        #expect(refused.stderr.contains("scripts/install"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(".claude").path))
    }

    /// Installed (copied out of .build/, as scripts/install does), it writes its own path and
    /// says which hook it chose and why.
    @Test func anInstalledAirlockWritesItsOwnPathAndNamesTheHook() throws {
        let prefix = try Self.temporaryDirectory()
        let project = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: prefix)
            try? FileManager.default.removeItem(at: project)
        }
        let airlock = prefix.appendingPathComponent("airlock")
        try FileManager.default.copyItem(at: CLIRunner.binary, to: airlock)
        let alone = try CLIRunner.run(["install", "claude", "--project", project.path], executable: airlock)
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(alone.stdout.contains("Hook: \(airlock.path) hook — no airlock-hook beside"))
        let settings = try String(contentsOf: project.appendingPathComponent(".claude/settings.json"), encoding: .utf8)
        #expect(settings.contains("\(airlock.path) hook claude --timeout-ms 900000"))

        try FileManager.default.copyItem(at: CLIRunner.hookBinary, to: prefix.appendingPathComponent("airlock-hook"))
        let paired = try CLIRunner.run(["install", "claude", "--project", project.path], executable: airlock)
        #expect(paired.status == 0, "\(paired.stderr)")
        #expect(paired.stdout.contains("Hook: \(prefix.path)/airlock-hook — the airlock-hook beside airlock"))
        let updated = try String(contentsOf: project.appendingPathComponent(".claude/settings.json"), encoding: .utf8)
        #expect(updated.contains("\(prefix.path)/airlock-hook claude --timeout-ms 900000"))
        #expect(!updated.contains(" hook claude"))
    }
}
