import AirlockCore
import Foundation
import Testing

@testable import AirlockHarness

/// The MCP proxy's pure half over the captured transcripts of real clients and servers.
struct MCPProxyCoreTests {
    struct Transcript: Sendable, CustomStringConvertible {
        var file: String
        /// The tools/call requests in the transcript: id, tool, whether it is 2026-07-28.
        var calls: [(id: Int, tool: String, isModern: Bool)]
        var session: String?
        var description: String { file }
    }

    static let transcripts: [Transcript] = [
        Transcript(
            file: "mcp_proxy_transcript_legacy_2025-11-25",
            calls: [(3, "write_note", false), (4, "read_note", false), (5, "delete_note", false)]),
        Transcript(
            file: "mcp_proxy_transcript_modern_2026-07-28",
            calls: [(3, "write_note", true), (4, "read_note", true), (5, "delete_note", true)]),
        Transcript(
            file: "mcp_proxy_transcript_claude_code_client", calls: [(4, "read_note", true), (5, "delete_note", true)]),
        Transcript(
            file: "mcp_proxy_transcript_codex_client", calls: [(2, "read_note", false)],
            session: "01a214aa-6d7d-7241-90c5-7a9c23c042b2"),
    ]

    /// Each transcript line: its direction and the message as one JSON line.
    static func lines(_ file: String) throws -> [(dir: String, message: [String: Any], bytes: [UInt8])] {
        let url = SampleTests.directory.appendingPathComponent(file + ".jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let message = try #require(entry["msg"] as? [String: Any])
            let bytes = Array(try JSONSerialization.data(withJSONObject: message))
            return (try #require(entry["dir"] as? String), message, bytes)
        }
    }

    @Test("every tools/call is gated, everything else passes", arguments: transcripts)
    func transcript(_ expected: Transcript) throws {
        var core = MCPProxyCore(server: "demo")
        var gated: [MCPToolCall] = []
        for (dir, message, bytes) in try Self.lines(expected.file) {
            if dir == "s2c" {
                core.fromServer(bytes)
                continue
            }
            switch core.fromClient(bytes) {
            case .gate(let call):
                #expect(message["method"] as? String == "tools/call")
                let params = try #require(message["params"] as? [String: Any])
                let arguments = try JSONDecoder().decode(
                    JSONValue.self, from: JSONSerialization.data(withJSONObject: params["arguments"] ?? [:]))
                #expect(call.arguments == arguments)
                #expect(call.raw == String(decoding: bytes, as: UTF8.self))
                gated.append(call)
            case .forward:
                #expect(message["method"] as? String != "tools/call")
            case let other:
                Issue.record("unexpected \(other) for \(message)")
            }
        }
        #expect(gated.map(\.id) == expected.calls.map { .number(Double($0.id)) })
        #expect(gated.map(\.tool) == expected.calls.map(\.tool))
        #expect(gated.map(\.isModern) == expected.calls.map(\.isModern))
        #expect(gated.allSatisfy { $0.session == expected.session })
        // Every transcript lists the demo server's tools before calling them.
        #expect(
            core.annotations["read_note"]
                == MCPAnnotations(title: "Read note", readOnlyHint: true, openWorldHint: false))
        #expect(
            core.annotations["delete_note"]
                == MCPAnnotations(
                    readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false))
        let action = core.action(for: try #require(gated.last), cwd: "/proj")
        #expect(action.harness == "mcp")
        #expect(action.cwd == "/proj")
        guard case .mcp(let call) = action.kind else {
            Issue.record("not an MCP action: \(action.kind)")
            return
        }
        #expect(call.server == "demo")
        #expect(call.tool == expected.calls.last?.tool)
        #expect(call.annotations == core.annotations[call.tool])
        #expect(call.isServerTrusted == false)
    }

    /// Real clients put their hook's `tool_use_id` in `_meta` (real-clients §3); the gate passes it on.
    @Test(
        "tools/call carries the hook's tool_use_id",
        arguments: [
            ("mcp_proxy_transcript_claude_code_client", ["toolu_mock_00_790afc028cb5", "toolu_mock_01_8089801718f5"]),
            ("mcp_proxy_transcript_codex_client", ["call_mock_01_e0702876"]),
            ("mcp_proxy_transcript_legacy_2025-11-25", [nil, nil, nil]),
        ] as [(String, [String?])])
    func toolUseIDs(_ file: String, _ expected: [String?]) throws {
        var core = MCPProxyCore(server: "demo")
        var found: [String?] = []
        for (dir, _, bytes) in try Self.lines(file) where dir == "c2s" {
            if case .gate(let call) = core.fromClient(bytes) { found.append(call.toolUseID) }
        }
        #expect(found == expected)
    }

    @Test func denialIsAToolExecutionError() {
        let legacy = MCPToolCall(id: .number(5), tool: "delete_note")
        #expect(
            MCPProxyCore.denial(for: legacy, reason: "no \"deletes\"")
                == #"{"jsonrpc":"2.0","id":5,"result":{"content":[{"type":"text","text":"Denied by Airlock: no \"deletes\""}],"isError":true}}"#
        )
        let modern = MCPToolCall(id: .string("call-7"), tool: "delete_note", isModern: true)
        #expect(
            MCPProxyCore.denial(for: modern, reason: "risky")
                == #"{"jsonrpc":"2.0","id":"call-7","result":{"content":[{"type":"text","text":"Denied by Airlock: risky"}],"isError":true,"resultType":"complete"}}"#
        )
    }

    @Test func malformedLinesAreAnsweredNotForwarded() {
        var core = MCPProxyCore(server: "s")
        #expect(
            core.fromClient(Array("{not json".utf8))
                == .reply(
                    #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error: the line is not JSON"}}"#
                ))
        guard case .reply(let batch) = core.fromClient(Array(#"[{"jsonrpc":"2.0","id":1,"method":"tools/call"}]"#.utf8))
        else {
            Issue.record("a batch was not refused")
            return
        }
        #expect(batch.contains("-32600"))
        guard
            case .reply(let nameless) = core.fromClient(
                Array(#"{"jsonrpc":"2.0","id":"x","method":"tools/call"}"#.utf8))
        else {
            Issue.record("a nameless call was not refused")
            return
        }
        #expect(nameless.hasPrefix(#"{"jsonrpc":"2.0","id":"x","error":{"code":-32602"#))
        guard
            case .drop = core.fromClient(Array(#"{"jsonrpc":"2.0","method":"tools/call","params":{"name":"t"}}"#.utf8))
        else {
            Issue.record("a tools/call notification was not dropped")
            return
        }
    }

    @Test func passThroughTraffic() {
        var core = MCPProxyCore(server: "s")
        for line in [
            #"{"jsonrpc":"2.0","id":"server-discover-probe-1","method":"server/discover","params":{}}"#,
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":7,"result":{"action":"accept"}}"#,
            #"{"jsonrpc":"2.0","id":"listen:0","method":"subscriptions/listen"}"#,
        ] {
            #expect(core.fromClient(Array(line.utf8)) == .forward)
        }
    }

    @Test func paginatedToolListsAreAllLearned() {
        var core = MCPProxyCore(server: "s")
        #expect(core.fromClient(Array(#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#.utf8)) == .forward)
        core.fromServer(
            Array(
                #"{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"a","annotations":{"readOnlyHint":true}}],"nextCursor":"p2"}}"#
                    .utf8))
        #expect(
            core.fromClient(Array(#"{"jsonrpc":"2.0","id":"2","method":"tools/list","params":{"cursor":"p2"}}"#.utf8))
                == .forward)
        // A result for another request with the same shape teaches nothing.
        core.fromServer(
            Array(
                #"{"jsonrpc":"2.0","id":9,"result":{"tools":[{"name":"b","annotations":{"readOnlyHint":true}}]}}"#.utf8)
        )
        core.fromServer(
            Array(
                #"{"jsonrpc":"2.0","id":"2","result":{"tools":[{"name":"c","annotations":{"destructiveHint":true}}]}}"#
                    .utf8))
        #expect(core.annotations["a"] == MCPAnnotations(readOnlyHint: true))
        #expect(core.annotations["b"] == nil)
        #expect(core.annotations["c"] == MCPAnnotations(destructiveHint: true))
    }
}
