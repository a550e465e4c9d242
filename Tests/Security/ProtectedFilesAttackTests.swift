import Foundation
import Testing

/// An agent cannot trust a repository, nor loosen Airlock in any other way: writing the trusted
/// list, Airlock's config, policy or store, running `airlock trust`, or taking Airlock's hook out
/// of a harness's settings is refused at the integrity floor, from every agent tool, through the
/// real hook and a real broker, in a trusted workspace where ordinary edits run.
@Suite struct ProtectedFilesAttackTests {
    struct Attempt: Sendable, CustomTestStringConvertible {
        var tool: String
        /// The tool input; `$CONFIG`, `$STATE`, `$HOME` and `$PROJECT` are put in.
        var input: [String: String]
        var testDescription: String { "\(tool) \(input.values.sorted().joined(separator: " "))" }
    }

    static let attempts: [Attempt] = [
        Attempt(tool: "Bash", input: ["command": "echo $PROJECT >> $CONFIG/trusted-repos"]),
        Attempt(tool: "Bash", input: ["command": "printf '%s\\n' / > $CONFIG/trusted-repos"]),
        Attempt(tool: "Bash", input: ["command": "cp /tmp/list $CONFIG/trusted-repos"]),
        Attempt(tool: "Bash", input: ["command": "airlock trust $PROJECT"]),
        Attempt(tool: "Bash", input: ["command": "cd $PROJECT && airlock trust"]),
        Attempt(tool: "Bash", input: ["command": "airlock untrust $PROJECT"]),
        Attempt(tool: "Bash", input: ["command": "airlock uninstall claude --project $PROJECT"]),
        Attempt(tool: "Bash", input: ["command": "rm -f $STATE/airlock.sqlite"]),
        Attempt(tool: "Bash", input: ["command": "echo 'mode = \"auto-loop\"' > $CONFIG/policy.toml"]),
        Attempt(tool: "Bash", input: ["command": "rm $PROJECT/.claude/settings.json"]),
        Attempt(tool: "Bash", input: ["command": "echo '{}' > $HOME/.claude/settings.json"]),
        Attempt(tool: "Write", input: ["file_path": "$CONFIG/trusted-repos", "content": "$PROJECT\n"]),
        Attempt(tool: "Write", input: ["file_path": "$CONFIG/config.toml", "content": "notify = \"true\"\n"]),
        Attempt(tool: "Write", input: ["file_path": "$CONFIG/policy.toml", "content": "mode = \"auto-loop\"\n"]),
        Attempt(tool: "Write", input: ["file_path": "$STATE/airlock.sqlite", "content": ""]),
        Attempt(tool: "Write", input: ["file_path": "$PROJECT/.claude/settings.json", "content": "{}"]),
        Attempt(tool: "Write", input: ["file_path": "$PROJECT/.airlock/policy.toml", "content": "[[allow]]\n"]),
        Attempt(
            tool: "Edit",
            input: [
                "file_path": "$PROJECT/.claude/settings.json", "old_string": "\"PreToolUse\"", "new_string": "\"Off\"",
            ]),
        Attempt(
            tool: "Edit",
            input: ["file_path": "$HOME/.claude/settings.json", "old_string": "airlock-hook", "new_string": "true"]),
        Attempt(
            tool: "Edit", input: ["file_path": "$CONFIG/trusted-repos", "old_string": "", "new_string": "$PROJECT"]),
        Attempt(
            tool: "apply_patch",
            input: ["command": "*** Begin Patch\n*** Add File: $CONFIG/trusted-repos\n+$PROJECT\n*** End Patch\n"]),
    ]

    @Test(.timeLimit(.minutes(2)))
    func everyAttemptIsRefusedAtTheIntegrityFloor() throws {
        let home = "/tmp/alsec-prot-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let project = home + "/project"
        try FileManager.default.createDirectory(atPath: project + "/.claude", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let broker = try ServeProcess(extra: ["HOME": home, "AIRLOCK_IGNORE_BOUNDARIES": "0"])
        defer { broker.stop() }
        // The user trusted this repository (as `airlock trust` leaves it): ordinary edits run.
        try FileManager.default.createDirectory(
            atPath: broker.environment["AIRLOCK_CONFIG_DIR"] ?? "", withIntermediateDirectories: true)
        try (project + "\n").write(
            toFile: (broker.environment["AIRLOCK_CONFIG_DIR"] ?? "") + "/trusted-repos", atomically: true,
            encoding: .utf8)
        let ordinary = try broker.hook(
            claudeInput(tool: "Write", input: ["file_path": project + "/notes.txt", "content": "hi"], cwd: project))
        #expect(ordinary.decision == "allow", "\(ordinary.reason)")

        let places = [
            "$CONFIG": broker.environment["AIRLOCK_CONFIG_DIR"] ?? "",
            "$STATE": broker.environment["AIRLOCK_STATE_DIR"] ?? "",
            "$HOME": home, "$PROJECT": project,
        ]
        for attempt in Self.attempts {
            var input: [String: Any] = [:]
            for (key, value) in attempt.input {
                input[key] = places.reduce(value) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            }
            let answer = try broker.hook(claudeInput(tool: attempt.tool, input: input, cwd: project))
            #expect(answer.decision == "deny", "\(attempt.testDescription): \(answer.reason)")
            #expect(
                answer.reason.contains("Agents may not change Airlock or their own hooks"),
                "\(attempt.testDescription): \(answer.reason)")
        }
    }
}
