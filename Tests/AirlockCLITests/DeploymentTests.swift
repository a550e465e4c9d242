import Foundation
import Testing

/// `airlock install claude --sandbox` and what `airlock doctor` then says about the deployment.
@Suite struct DeploymentTests {
    typealias Box = DoctorCommandTests.Sandbox

    /// A PATH holding stand-ins for the programs Claude Code's sandbox needs, and `git`.
    static func path(in box: Box, with programs: [String]) throws -> String {
        let bin = box.home + "/bin-" + programs.joined(separator: "-")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for program in programs {
            try "#!/bin/sh\nexit 0\n".write(toFile: bin + "/" + program, atomically: true, encoding: .utf8)
            chmod(bin + "/" + program, 0o755)
        }
        // Only git beside them, so the machine's own bwrap and socat are out of sight.
        let git = try #require(
            ["/usr/bin/git", "/usr/local/bin/git", "/bin/git"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            })
        try? FileManager.default.createSymbolicLink(atPath: bin + "/git", withDestinationPath: git)
        return bin
    }

    func deployment(_ box: Box, path: String) throws -> [String: Any] {
        var environment = box.environment
        environment["PATH"] = path
        let output = try CLIRunner.run(["doctor", "--json", box.repo], environment: environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        return try #require(object["deployment"] as? [String: Any], "\(output.stdout)\(output.stderr)")
    }

    func checks(_ deployment: [String: Any]) -> [String: Bool] {
        var result: [String: Bool] = [:]
        for check in deployment["checks"] as? [[String: Any]] ?? [] {
            result[check["name"] as? String ?? "?"] = check["isMet"] as? Bool
        }
        return result
    }

    @Test func installWritesTheSandboxSettingsOnceAndDoctorChecksThem() throws {
        let box = try Box()
        defer { box.remove() }
        let both = try Self.path(in: box, with: ["bwrap", "socat"])

        let before = try deployment(box, path: both)
        #expect(before["name"] as? String == "same_user")
        #expect(checks(before)["sandbox.enabled"] == false)
        #expect(checks(before)["bubblewrap"] == true)

        let install = try CLIRunner.run(
            ["install", "--allow-dev", "claude", "--sandbox"], environment: box.environment)
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("allowUnsandboxedCommands false"))
        let settingsPath = box.home + "/.claude/settings.json"
        let written = try String(contentsOfFile: settingsPath, encoding: .utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        let sandbox = try #require(root["sandbox"] as? [String: Any])
        #expect(sandbox["enabled"] as? Bool == true && sandbox["failIfUnavailable"] as? Bool == true)
        #expect(sandbox["allowUnsandboxedCommands"] as? Bool == false)
        #expect(root["hooks"] != nil)

        let again = try CLIRunner.run(["install", "--allow-dev", "claude", "--sandbox"], environment: box.environment)
        #expect(again.stdout.contains("nothing changed"), "\(again.stdout)")
        #expect(try String(contentsOfFile: settingsPath, encoding: .utf8) == written)

        let after = try deployment(box, path: both)
        let met = checks(after)
        for name in [
            "sandbox.enabled", "sandbox.failIfUnavailable", "sandbox.allowUnsandboxedCommands", "bubblewrap", "socat",
        ] {
            #expect(met[name] == true, "\(name): \(after)")
        }
        // CI runs as root, whom no sandbox contains: there the deployment stays "same user".
        #expect(met["not root"] == (getuid() != 0))
        #expect(after["name"] as? String == (getuid() == 0 ? "same_user" : "same_user_sandboxed"))

        let noSocat = try deployment(box, path: try Self.path(in: box, with: ["bwrap"]))
        #expect(checks(noSocat)["socat"] == false)
        #expect(noSocat["name"] as? String == "same_user")
    }

    @Test func anEditedSettingIsNamed() throws {
        let box = try Box()
        defer { box.remove() }
        try box.write(
            box.home + "/.claude/settings.json",
            #"{"sandbox": {"enabled": true, "failIfUnavailable": true, "allowUnsandboxedCommands": true}}"#)
        let report = try deployment(box, path: try Self.path(in: box, with: ["bwrap", "socat"]))
        #expect(checks(report)["sandbox.allowUnsandboxedCommands"] == false)
        #expect((report["summary"] as? String)?.contains("sandbox.allowUnsandboxedCommands") == true)
        var environment = box.environment
        environment["PATH"] = try Self.path(in: box, with: ["bwrap", "socat"])
        let text = try CLIRunner.run(["doctor", box.repo], environment: environment)
        #expect(text.stdout.contains("NO   sandbox.allowUnsandboxedCommands"), "\(text.stdout)")
    }

    @Test(arguments: [
        ["install", "--allow-dev", "claude", "--sandbox", "--project", "/tmp"],
        ["install", "--allow-dev", "codex", "--sandbox"],
    ])
    func theSandboxFlagIsForClaudesUserSettings(_ arguments: [String]) throws {
        let box = try Box()
        defer { box.remove() }
        let output = try CLIRunner.run(arguments, environment: box.environment)
        #expect(output.status != 0)
        #expect(output.stderr.contains("--sandbox"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.home + "/.claude/settings.json"))
        #expect(!FileManager.default.fileExists(atPath: box.home + "/.codex/hooks.json"))
    }
}
