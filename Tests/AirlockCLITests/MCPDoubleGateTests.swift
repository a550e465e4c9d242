import Foundation
import Testing

/// A Claude Code MCP tool call through a real broker: the hook decides it, and `airlock mcp`
/// answers the `tools/call` carrying the same `claudecode/toolUseId` with that decision
/// instead of gating it afresh; a different call under another hook's id is gated on its own.
struct MCPDoubleGateTests {
    static func hookInput(_ note: String, id: String) -> Data {
        Data(
            #"{"session_id":"s1","cwd":"/home/dev/proj","hook_event_name":"PreToolUse","tool_name":"mcp__notes__delete_note","tool_input":{"name":"\#(note)"},"tool_use_id":"\#(id)","mcp_server":{"name":"notes","source":"dynamic"}}"#
                .utf8)
    }

    @Test func theProxyReusesTheHooksDecision() throws {
        let broker = try BrokerProcess()
        // No console is open, so the broker denies the hook's call; what matters is who decides
        // the proxy's call: the remembered hook decision, not a second gate.
        let first = try CLIRunner.run(
            ["claude"], stdin: Self.hookInput("a.txt", id: "toolu_e2e_1"), environment: broker.environment,
            executable: CLIRunner.hookBinary)
        #expect(first.stdout.contains(#""permissionDecision":"deny""#), "\(first.stdout)")
        let second = try CLIRunner.run(
            ["claude"], stdin: Self.hookInput("c.txt", id: "toolu_e2e_2"), environment: broker.environment,
            executable: CLIRunner.hookBinary)
        #expect(second.stdout.contains(#""permissionDecision":"deny""#))

        let directory = broker.directory
        try MCPCommandTests.server.write(
            to: directory.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        let requests = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"delete_note","arguments":{"name":"a.txt"},"_meta":{"claudecode/toolUseId":"toolu_e2e_1","progressToken":3}}}"#,
            // Another hook's id on a call with other arguments: gated normally.
            #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"delete_note","arguments":{"name":"b.txt"},"_meta":{"callId":"toolu_e2e_2"}}}"#,
        ]
        let output = try CLIRunner.run(
            ["mcp", "--name", "notes", "--", "python3", "server.py", directory.path + "/calls.log"],
            stdin: Data((requests.joined(separator: "\n") + "\n").utf8), environment: broker.environment,
            directory: directory)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        var texts: [Int: String] = [:]
        for line in output.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard let id = object["id"] as? Int, let result = object["result"] as? [String: Any],
                result["isError"] as? Bool == true
            else { continue }
            texts[id] = ((result["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
        }
        let reused = try #require(texts[3], "\(output.stdout)")
        #expect(reused.contains("decided at the harness's hook"))
        let gated = try #require(texts[4], "\(output.stdout)")
        #expect(!gated.contains("decided at the harness's hook"))
        #expect(gated.contains("Denied"))
    }
}
