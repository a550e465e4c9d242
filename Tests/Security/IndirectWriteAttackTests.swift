import Foundation
import Testing

/// The integrity floor judges real targets (issue 12): the agent reaches Airlock's or the
/// harness's files indirectly — through a symlink, a patch file, an archive, a checkout — or
/// runs a renamed copy of the airlock binary. Through a real broker and the real hook: each is
/// denied by the floor itself (not merely asked), and the plain forms stay allowed.
@Suite struct IndirectWriteAttackTests {
    static let floor = "Agents may not change Airlock"

    final class Workspace {
        let path = "/tmp/alsec-ws-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        init() throws {
            try FileManager.default.createDirectory(atPath: path + "/.claude", withIntermediateDirectories: true)
            try "{}".write(toFile: path + "/.claude/settings.json", atomically: true, encoding: .utf8)
        }
        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    static func writeTool(_ path: String, cwd: String) -> String {
        claudeInput(tool: "Write", input: ["file_path": path, "content": #"{"hooks": {}}"#], cwd: cwd)
    }

    @Test(.timeLimit(.minutes(1)))
    func aWriteThroughASymlinkToTheHarnessSettingsHitsTheFloor() throws {
        let workspace = try Workspace()
        try FileManager.default.createSymbolicLink(atPath: workspace.path + "/cfg", withDestinationPath: ".claude")
        try FileManager.default.createDirectory(atPath: workspace.path + "/src", withIntermediateDirectories: true)
        let broker = try ServeProcess()
        defer { broker.stop() }
        let attack = try broker.hook(Self.writeTool(workspace.path + "/cfg/settings.json", cwd: workspace.path))
        #expect(attack.decision == "deny")
        #expect(attack.reason.contains(Self.floor), "\(attack.reason)")
        let shell = try broker.hook(claudeBash("echo '{}' > cfg/settings.local.json", cwd: workspace.path))
        #expect(shell.reason.contains(Self.floor), "\(shell.reason)")
        let plain = try broker.hook(Self.writeTool(workspace.path + "/src/app.json", cwd: workspace.path))
        #expect(plain.decision == "allow", "\(plain.reason)")
    }

    @Test(.timeLimit(.minutes(1)))
    func aPatchThatRewritesTheHarnessSettingsHitsTheFloor() throws {
        let workspace = try Workspace()
        try workspace.write(
            "fix.patch",
            "--- a/.claude/settings.json\n+++ b/.claude/settings.json\n@@ -1 +1 @@\n-{}\n+{\"hooks\": {}}\n")
        try workspace.write("ok.patch", "--- a/src/a.c\n+++ b/src/a.c\n@@ -1 +1 @@\n-a\n+b\n")
        let broker = try ServeProcess()
        defer { broker.stop() }
        for command in ["git apply fix.patch", "patch -p1 < fix.patch", "patch -p1 -i fix.patch", "git am fix.patch"] {
            let answer = try broker.hook(claudeBash(command, cwd: workspace.path))
            #expect(answer.decision == "deny", "\(command)")
            #expect(answer.reason.contains(Self.floor), "\(command): \(answer.reason)")
        }
        let benign = try broker.hook(claudeBash("git apply ok.patch", cwd: workspace.path))
        #expect(benign.decision == "allow", "\(benign.reason)")
    }

    @Test(.timeLimit(.minutes(1)))
    func checkoutsAndArchivesThatWriteTheHarnessSettingsHitTheFloor() throws {
        let workspace = try Workspace()
        let staging = workspace.path + "/staging"
        try FileManager.default.createDirectory(atPath: staging + "/.claude", withIntermediateDirectories: true)
        try "{}".write(toFile: staging + "/.claude/settings.json", atomically: true, encoding: .utf8)
        _ = try run(["/usr/bin/env", "tar", "-cf", workspace.path + "/a.tar", "-C", staging, "."])
        let broker = try ServeProcess()
        defer { broker.stop() }
        for command in ["git checkout -- .claude/settings.json", "git restore .claude/settings.json", "tar -xf a.tar"] {
            let answer = try broker.hook(claudeBash(command, cwd: workspace.path))
            #expect(answer.decision == "deny", "\(command)")
            #expect(answer.reason.contains(Self.floor), "\(command): \(answer.reason)")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRenamedCopyOfAirlockGrantingItselfAnExceptionHitsTheFloor() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(atPath: workspace.path + "/tools", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Programs.airlock, toPath: workspace.path + "/tools/al")
        let broker = try ServeProcess()
        defer { broker.stop() }
        let command = "./tools/al policy grant --category destructive_fs --ttl 1h --reason cleanup"
        let answer = try broker.hook(claudeBash(command, cwd: workspace.path))
        #expect(answer.decision == "deny")
        #expect(answer.reason.contains(Self.floor), "\(answer.reason)")
        // The same copy under a name on the search path the broker uses.
        let other = try broker.hook(claudeBash("tools/al trust .", cwd: workspace.path))
        #expect(other.reason.contains(Self.floor), "\(other.reason)")
    }
}
