import Foundation
import Testing

/// `airlock hook` and `airlock exec` stay explicit and safe when the broker is down, stuck or
/// answering garbage.
struct HookCommandTests {
    static let missingSocket = ["AIRLOCK_SOCKET": "/tmp/airlock-no-such-dir-\(getpid())/airlock.sock"]

    static func claudeInput(_ command: String, event: String = "PreToolUse") -> Data {
        let object: [String: Any] = [
            "session_id": "s1", "cwd": "/home/dev/proj", "hook_event_name": event, "tool_name": "Bash",
            "tool_input": ["command": command], "tool_use_id": "t1",
        ]
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    /// The Claude PreToolUse decision and its reason, checking the output's shape on the way.
    static func claudeDecision(_ output: CLIRunner.Output) throws -> (String, String) {
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let specific = try #require(object["hookSpecificOutput"] as? [String: Any])
        #expect(specific["hookEventName"] as? String == "PreToolUse")
        let decision = try #require(specific["permissionDecision"] as? String)
        return (decision, try #require(specific["permissionDecisionReason"] as? String))
    }

    @Test(arguments: HookEntry.allCases)
    func brokerDownDeniesDestruction(_ hook: HookEntry) throws {
        let output = try hook.run(
            "claude", stdin: Self.claudeInput("rm -rf /"), environment: Self.missingSocket)
        let (decision, reason) = try Self.claudeDecision(output)
        #expect(decision == "deny")
        #expect(reason.contains("airlock serve"))
        #expect(reason.contains("no broker is listening"))
    }

    @Test(arguments: HookEntry.allCases)
    func brokerDownAllowsReads(_ hook: HookEntry) throws {
        let output = try hook.run(
            "claude", stdin: Self.claudeInput("ls"), environment: Self.missingSocket)
        #expect(try Self.claudeDecision(output).0 == "allow")
    }

    @Test(arguments: HookEntry.allCases)
    func unreadableInputIsDenied(_ hook: HookEntry) throws {
        let output = try hook.run(
            "claude", stdin: Data("rm -rf /".utf8), environment: Self.missingSocket)
        let (decision, reason) = try Self.claudeDecision(output)
        #expect(decision == "deny")
        #expect(reason.contains("not JSON"))
    }

    @Test(arguments: HookEntry.allCases)
    func codexPermissionRequestBrokerDown(_ hook: HookEntry) throws {
        let input = Self.claudeInput("rm -rf /", event: "PermissionRequest")
        let output = try hook.run(
            "codex", stdin: input, environment: Self.missingSocket)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let decision = (object["hookSpecificOutput"] as? [String: Any])?["decision"] as? [String: Any]
        #expect(decision?["behavior"] as? String == "deny")
        #expect((decision?["message"] as? String)?.contains("airlock serve") == true)
    }

    @Test("a silent broker still gets an explicit answer in time", arguments: HookEntry.allCases, ["rm -rf /", "ls"])
    func silentBroker(_ hook: HookEntry, _ command: String) throws {
        let broker = try FakeBroker(reply: nil)
        let started = Date()
        let output = try hook.run(
            "claude", stdin: Self.claudeInput(command),
            // The local decision has a twentieth of the deadline before the watchdog's deny: 400 ms
            // left 20 ms, too little for a fresh process on a loaded machine.
            environment: ["AIRLOCK_SOCKET": broker.path, "AIRLOCK_HOOK_TIMEOUT_MS": "4000"])
        #expect(Date().timeIntervalSince(started) < 10)
        let (decision, reason) = try Self.claudeDecision(output)
        #expect(decision == (command == "ls" ? "allow" : "deny"))
        #expect(reason.contains("decided locally"))
    }

    @Test(
        "a garbage answer falls back",
        arguments: HookEntry.allCases,
        [
            "this is not json",
            #"{"jsonrpc":"2.0","id":1,"result":{"decision":"maybe"}}"#,
            #"{"jsonrpc":"2.0","id":1,"result":{"decision":"allow"}}"#,
            // An allow for another request, and an error object: neither answers ours.
            #"{"jsonrpc":"2.0","id":2,"result":{"id":"a1","decision":"allow","reason":"r","source":"mode:auto"}}"#,
            #"{"jsonrpc":"2.0","id":"1","result":{"id":"a1","decision":"allow","reason":"r","source":"mode:auto"}}"#,
            #"{"jsonrpc":"2.0","id":1,"error":{"code":-32603,"message":"internal error"}}"#,
            #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}}"#,
            #"[{"jsonrpc":"2.0","id":1,"result":{"id":"a1","decision":"allow","reason":"r","source":"x"}}]"#,
        ])
    func garbageBroker(_ hook: HookEntry, _ reply: String) throws {
        let broker = try FakeBroker(reply: reply)
        let output = try hook.run(
            "claude", stdin: Self.claudeInput("rm -rf /"),
            environment: ["AIRLOCK_SOCKET": broker.path, "AIRLOCK_HOOK_TIMEOUT_MS": "5000"])
        let (decision, reason) = try Self.claudeDecision(output)
        #expect(decision == "deny")
        #expect(reason.contains("airlock serve"))
    }

    @Test(arguments: HookEntry.allCases)
    func brokerHangingUpFallsBack(_ hook: HookEntry) throws {
        let broker = try FakeBroker(reply: nil, hangUp: true)
        // A large input makes the write outlive the hang-up (EPIPE, not SIGPIPE).
        let input = Self.claudeInput("rm -rf / # " + String(repeating: "x", count: 400_000))
        let output = try hook.run(
            "claude", stdin: input,
            environment: ["AIRLOCK_SOCKET": broker.path, "AIRLOCK_HOOK_TIMEOUT_MS": "5000"])
        let (decision, reason) = try Self.claudeDecision(output)
        #expect(decision == "deny")
        #expect(reason.contains("decided locally"))
    }

    @Test(arguments: HookEntry.allCases)
    func brokerDecisionIsPrintedAndRequestIsWellFormed(_ hook: HookEntry) throws {
        let broker = try FakeBroker(
            reply:
                #"{"jsonrpc":"2.0","id":1,"result":{"id":"a1","decision":"deny","reason":"Denied by rule r1.","source":"rule:r1"}}"#
        )
        let output = try hook.run(
            "claude", stdin: Self.claudeInput("ls"),
            environment: ["AIRLOCK_SOCKET": broker.path, "AIRLOCK_HOOK_TIMEOUT_MS": "5000"])
        let (decision, reason) = try Self.claudeDecision(output)
        #expect(decision == "deny")
        #expect(reason == "Denied by rule r1.")
        let line = try #require(broker.requests.first)
        let request = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(request["method"] as? String == "submit")
        let params = try #require(request["params"] as? [String: Any])
        #expect(params["airlock"] as? Int == 2)
        let action = try #require(params["action"] as? [String: Any])
        #expect(action["harness"] as? String == "claude")
        #expect(action["session"] as? String == "s1")
        #expect(action["cwd"] as? String == "/home/dev/proj")
        #expect(action["agentPID"] is Int)
        #expect((params["deadlineMs"] as? Int).map { $0 > 0 && $0 < 5000 } == true)
        let kind = action["kind"] as? [String: Any]
        #expect((kind?["shell"] as? [String: Any])?["command"] as? String == "ls")
    }

    @Test(arguments: HookEntry.allCases)
    func inputThatNeverEndsStillGetsAnAnswer(_ hook: HookEntry) throws {
        let process = Process()
        process.executableURL = hook.executable
        process.arguments = hook.arguments("claude")
        process.environment = ProcessInfo.processInfo.environment.merging(
            Self.missingSocket.merging(["AIRLOCK_HOOK_TIMEOUT_MS": "300"]) { _, new in new }
        ) { _, new in new }
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // Half an input, and stdin left open: only the watchdog can answer.
        input.fileHandleForWriting.write(Data(#"{"hook_event_name":"PreToolUse","#.utf8))
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try input.fileHandleForWriting.close()
        let (decision, reason) = try Self.claudeDecision(
            CLIRunner.Output(
                status: process.terminationStatus,
                stdout: String(decoding: data, as: UTF8.self), stderr: ""))
        #expect(decision == "deny")
        #expect(reason.contains("did not arrive in time"))
    }

    @Test(arguments: HookEntry.allCases)
    func observationEventsGetNoOpinion(_ hook: HookEntry) throws {
        let output = try hook.run(
            "claude", stdin: Self.claudeInput("ls", event: "PostToolUse"),
            environment: Self.missingSocket)
        #expect(output.status == 0)
        #expect(output.stdout.isEmpty)
    }

    @Test(arguments: HookEntry.allCases)
    func realBrokerDecides(_ hook: HookEntry) throws {
        let broker = try BrokerProcess()
        var environment = broker.environment
        environment["AIRLOCK_HOOK_TIMEOUT_MS"] = "20000"
        let allowed = try hook.run(
            "claude", stdin: Self.claudeInput("ls"), environment: environment)
        let (decision, reason) = try Self.claudeDecision(allowed)
        #expect(decision == "allow")
        #expect(!reason.contains("decided locally"))
        let denied = try hook.run(
            "codex", stdin: Self.claudeInput("rm -rf /"), environment: environment)
        let (verdict, why) = try Self.claudeDecision(denied)
        #expect(verdict == "deny")
        #expect(!why.contains("decided locally"))
        let refused = try CLIRunner.run(["exec", "--", "rm", "-rf", "/"], environment: environment)
        #expect(refused.status == 126)
        let ran = try CLIRunner.run(["exec", "--", "echo", "hi there"], environment: environment)
        #expect(ran.status == 0)
        #expect(ran.stdout == "hi there\n")
    }

    @Test func execRunsAllowedCommands() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "airlock-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = FileManager.default.createFile(
            atPath: directory.appendingPathComponent("marker.txt").path, contents: Data())
        let output = try CLIRunner.run(["exec", "--", "ls"], environment: Self.missingSocket, directory: directory)
        #expect(output.status == 0)
        #expect(output.stdout.contains("marker.txt"))
        let missing = try CLIRunner.run(
            ["exec", "--", "ls", "no such file"], environment: Self.missingSocket, directory: directory)
        #expect(missing.status != 0 && missing.status != 126)
    }

    @Test func execRefusesDestruction() throws {
        let output = try CLIRunner.run(["exec", "--", "rm", "-rf", "/"], environment: Self.missingSocket)
        #expect(output.status == 126)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.contains("airlock serve"))
    }
}
