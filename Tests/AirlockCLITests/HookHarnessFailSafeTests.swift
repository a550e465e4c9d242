import Foundation
import Testing

/// Every harness gets an explicit deny for a destructive command, in its own format and
/// before its deadline, whether the broker is missing, silent or lying about another request.
struct HookHarnessFailSafeTests {
    /// A PreToolUse-style input asking to run `rm -rf /`, and where each format keeps its verdict.
    static let cases: [(harness: String, input: String, verdict: [String])] = [
        (
            "claude",
            #"{"hook_event_name":"PreToolUse","session_id":"s","cwd":"/p","tool_name":"Bash","tool_input":{"command":"rm -rf /"},"tool_use_id":"t"}"#,
            ["hookSpecificOutput", "permissionDecision"]
        ),
        (
            "codex",
            #"{"hook_event_name":"PreToolUse","session_id":"s","cwd":"/p","tool_name":"Bash","tool_input":{"command":"rm -rf /"},"tool_use_id":"t"}"#,
            ["hookSpecificOutput", "permissionDecision"]
        ),
        ("cursor", #"{"hook_event_name":"beforeShellExecution","command":"rm -rf /","cwd":"/p"}"#, ["permission"]),
        (
            "gemini",
            #"{"hook_event_name":"BeforeTool","cwd":"/p","tool_name":"run_shell_command","tool_input":{"command":"rm -rf /"}}"#,
            ["decision"]
        ),
        (
            "copilot",
            #"{"sessionId":"s","timestamp":1,"cwd":"/p","toolName":"bash","toolArgs":"{\"command\":\"rm -rf /\"}"}"#,
            ["permissionDecision"]
        ),
    ]

    enum Broker: String, CaseIterable {
        case missing, silent, wrongID
    }

    @Test(arguments: HookEntry.allCases, Broker.allCases)
    func destructionIsDeniedInEveryFormat(_ hook: HookEntry, _ kind: Broker) throws {
        let fake: FakeBroker? =
            switch kind {
            case .missing: nil
            case .silent: try FakeBroker(reply: nil)
            case .wrongID:
                try FakeBroker(
                    reply:
                        #"{"jsonrpc":"2.0","id":7,"result":{"id":"a","decision":"allow","reason":"ok","source":"x"}}"#)
            }
        let socket = fake?.path ?? "/tmp/airlock-no-such-dir-\(getpid())/airlock.sock"
        for (harness, input, path) in Self.cases {
            let started = Date()
            let output = try hook.run(
                harness, ["--timeout-ms", "600"], stdin: Data(input.utf8), environment: ["AIRLOCK_SOCKET": socket])
            // Within the 600 ms deadline, with slack for a loaded machine starting the process.
            #expect(Date().timeIntervalSince(started) < 5, "\(harness)")
            #expect(output.status == 0, "\(harness)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(harness)")
            var value: Any? = object
            for key in path { value = (value as? [String: Any])?[key] }
            #expect(value as? String == "deny", "\(harness): \(output.stdout)")
            #expect(output.stdout.contains("airlock serve"), "\(harness)")
        }
    }

    @Test func fastHookRefusesBadArgumentsWithAnError() throws {
        let output = try CLIRunner.run(["nonsense"], stdin: Data(), executable: CLIRunner.hookBinary)
        #expect(output.status == 2)
        #expect(output.stderr.contains("usage: airlock-hook"))
        #expect(output.stdout.isEmpty)
    }
}
