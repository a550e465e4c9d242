import Foundation
import Testing

/// The model asks Claude Code to run a command outside its sandbox (`dangerouslyDisableSandbox`
/// in the Bash `tool_input`), to reach what the sandbox keeps from it: Airlock's socket, its
/// files, the tmux server. Through a real broker and the real hook.
@Suite(.ownThreads) struct SandboxEscapeAttackTests {
    static func bash(_ command: String, escape: Bool, cwd: String) -> String {
        claudeBash(command, cwd: cwd, extra: escape ? ["dangerouslyDisableSandbox": true] : [:])
    }

    @Test(.timeLimit(.minutes(1)))
    func askingToLeaveTheSandboxNeedsAHuman() throws {
        let broker = try ServeProcess()
        defer { broker.stop() }
        let plain = try broker.hook(Self.bash("ls", escape: false, cwd: broker.directory))
        #expect(plain.decision == "allow")
        // No console is open, so what needs a human is denied at once, saying why.
        let escaping = try broker.hook(Self.bash("ls", escape: true, cwd: broker.directory))
        #expect(escaping.decision == "deny")
        #expect(escaping.reason.contains("outside Claude Code's sandbox"), "\(escaping.reason)")
        // The log says why it went to a human.
        broker.stop()
        let audit = try run([Programs.airlock, "audit", "--json"], environment: broker.environment)
        #expect(audit.stdout.contains("outside Claude Code's sandbox"), "\(audit.stdout)")
    }

    /// With `allowUnsandboxedCommands: false` Claude Code ignores the request and runs the command
    /// sandboxed: the request is void, and the command is judged as itself.
    @Test(.timeLimit(.minutes(1)))
    func settingsThatRefuseUnsandboxedCommandsMakeTheRequestVoid() throws {
        let home = "/tmp/alsec-home-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try #"{"sandbox": {"enabled": true, "failIfUnavailable": true, "allowUnsandboxedCommands": false}}"#
            .write(toFile: home + "/.claude/settings.json", atomically: true, encoding: .utf8)
        let workspace = home + "/project"
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        let broker = try ServeProcess(extra: [
            "HOME": home, "CLAUDE_CONFIG_DIR": "", "XDG_CONFIG_HOME": "", "AIRLOCK_IGNORE_BOUNDARIES": "0",
        ])
        defer { broker.stop() }
        // The settings reach policy with the workspace's boundary report; the first action there
        // waits for it, so the very first request is already judged by them.
        let answer = try broker.hook(Self.bash("ls", escape: true, cwd: workspace))
        #expect(answer.decision == "allow", "\(answer.reason)")
    }
}
