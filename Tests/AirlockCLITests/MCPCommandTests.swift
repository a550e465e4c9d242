import Foundation
import Testing

/// `airlock mcp` in front of a tiny fake MCP server, with no broker so the local fallback decides.
struct MCPCommandTests {
    /// Answers initialize, tools/list (two tools) and tools/call (by echoing); logs every line it gets.
    static let server = """
        import json, sys
        log = open(sys.argv[1], "a")
        for line in sys.stdin:
            log.write(line)
            log.flush()
            msg = json.loads(line)
            if "id" not in msg:
                continue
            method = msg.get("method")
            if method == "initialize":
                result = {"protocolVersion": "2025-11-25", "capabilities": {"tools": {}},
                          "serverInfo": {"name": "notes", "version": "1"}}
            elif method == "tools/list":
                result = {"tools": [
                    {"name": "read_note", "inputSchema": {"type": "object"}, "annotations": {"readOnlyHint": True}},
                    {"name": "delete_note", "inputSchema": {"type": "object"}}]}
            elif method == "tools/call":
                result = {"content": [{"type": "text", "text": "echo " + msg["params"]["name"]}], "isError": False}
            else:
                print(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "error": {"code": -32601, "message": "unknown"}}),
                      flush=True)
                continue
            print(json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": result}), flush=True)
        """

    static let requests = [
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#,
        #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        #"{"jsonrpc":"2.0","id":"list-1","method":"tools/list"}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"read_note","arguments":{"name":"a.txt"}}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"delete_note","arguments":{"name":"a.txt"}}}"#,
        #"{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"delete_note","arguments":{"name":"b.txt"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}"#,
        "this is not json",
        #"{"jsonrpc":"2.0","id":6,"method":"ping"}"#,
    ]

    @Test func gatesToolCallsAndPassesTheRest() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-mcp-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.server.write(to: directory.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("calls.log").path

        let input = Data((Self.requests.joined(separator: "\n") + "\n").utf8)
        let state = directory.appendingPathComponent("state").path
        let output = try CLIRunner.run(
            ["mcp", "--name", "notes", "--", "python3", "server.py", log], stdin: input,
            environment: HookCommandTests.missingSocket.merging(["AIRLOCK_STATE_DIR": state]) { $1 },
            directory: directory)
        #expect(output.status == 0, "stderr: \(output.stderr)")

        var byID: [String: [String: Any]] = [:]
        var parseErrors = 0
        for line in output.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if object["id"] is NSNull {
                parseErrors += 1
                #expect((object["error"] as? [String: Any])?["code"] as? Int == -32700)
            } else {
                byID["\(object["id"] ?? "")"] = object
            }
        }
        #expect(parseErrors == 1)
        #expect(Set(byID.keys) == ["1", "list-1", "3", "4", "5", "6"])
        #expect((byID["1"]?["result"] as? [String: Any])?["serverInfo"] != nil)
        #expect(((byID["list-1"]?["result"] as? [String: Any])?["tools"] as? [Any])?.count == 2)
        let read = try #require(byID["3"]?["result"] as? [String: Any])
        #expect(read["isError"] as? Bool == false)
        for id in ["4", "5"] {
            let denied = try #require(byID[id]?["result"] as? [String: Any])
            #expect(denied["isError"] as? Bool == true)
            let text = ((denied["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
            #expect(text.hasPrefix("Denied by Airlock: "))
            #expect(text.contains("airlock serve"))
        }
        #expect((byID["4"]?["result"] as? [String: Any])?["resultType"] == nil)
        #expect((byID["5"]?["result"] as? [String: Any])?["resultType"] as? String == "complete")

        // The server saw everything but the denied calls and the garbage, unchanged.
        let seen = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Set(seen) == Set(Self.requests.filter { !$0.contains("delete_note") && $0.hasPrefix("{") }))

        // The tools/list it saw is recorded for `airlock doctor`: names and annotations only.
        let inventory = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: state + "/mcp-inventory/notes.json"))) as? [String: Any])
        #expect(inventory["server"] as? String == "notes")
        let tools = inventory["tools"] as? [[String: Any]] ?? []
        #expect(tools.map { $0["name"] as? String } == ["delete_note", "read_note"])
        #expect((tools.last?["annotations"] as? [String: Any])?["readOnlyHint"] as? Bool == true)
    }

    /// Runs the fake server behind `airlock mcp --name notes` with `input` as the client's lines.
    static func runProxy(_ input: Data, environment: [String: String]) throws -> (CLIRunner.Output, [String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("airlock-mcp-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.server.write(to: directory.appendingPathComponent("server.py"), atomically: true, encoding: .utf8)
        let log = directory.appendingPathComponent("calls.log").path
        // The inventory goes to the test's own state folder, never the user's.
        let output = try CLIRunner.run(
            ["mcp", "--name", "notes", "--", "python3", "server.py", log], stdin: input,
            environment: environment.merging(["AIRLOCK_STATE_DIR": directory.appendingPathComponent("state").path]) {
                $1
            },
            directory: directory)
        let seen = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        return (output, seen)
    }

    /// The ids of the answers, in the order the proxy wrote them.
    static func ids(_ output: CLIRunner.Output) -> [String] {
        output.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).map { "\($0["id"] ?? "")" }
        }
    }

    @Test func aHeldCallDoesNotBlockOtherTraffic() throws {
        // The broker never answers, so the call waits out its budget and then falls back locally.
        let broker = try FakeBroker(reply: nil)
        let lines = [
            Self.requests[0],
            #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"read_note","arguments":{"name":"a"}}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"tools/list"}"#,
        ]
        let started = Date()
        let (output, seen) = try Self.runProxy(
            Data((lines.joined(separator: "\n") + "\n").utf8),
            environment: ["AIRLOCK_SOCKET": broker.path, "AIRLOCK_HOOK_TIMEOUT_MS": "2000"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(Date().timeIntervalSince(started) >= 1.5)
        #expect(Self.ids(output).count == 4)
        #expect(Self.ids(output).last == "2")
        #expect(seen.last == lines[1])
        let submitted = try #require(broker.requests.first)
        #expect(submitted.contains(#""method":"submit""#))
        #expect(submitted.contains(#""harness":"mcp""#))
        #expect(submitted.contains(#""server":"notes""#))
        #expect(submitted.contains(#""tool":"read_note""#))
    }

    @Test func anOversizedLineIsRefusedAndTheConnectionSurvives() throws {
        let huge =
            #"{"jsonrpc":"2.0","id":9,"method":"ping","params":{"x":""# + String(repeating: "x", count: 5 << 20)
            + #""}}"#
        let input = Data((huge + "\n" + #"{"jsonrpc":"2.0","id":10,"method":"ping"}"# + "\n").utf8)
        let (output, seen) = try Self.runProxy(input, environment: HookCommandTests.missingSocket)
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""id":null,"error":{"code":-32600"#) == true)
        #expect(Self.ids(output).last == "10")
        #expect(seen == [#"{"jsonrpc":"2.0","id":10,"method":"ping"}"#])
    }

    @Test func serverExitStatusPassesThrough() throws {
        let output = try CLIRunner.run(
            ["mcp", "--", "/bin/sh", "-c", "echo server-log >&2; exit 3"], stdin: Data(),
            environment: HookCommandTests.missingSocket)
        #expect(output.status == 3)
        #expect(output.stderr.contains("server-log"))
    }

    @Test func aGrandchildHoldingTheServerOutputDoesNotHoldTheProxy() throws {
        let started = Date()
        let output = try CLIRunner.run(
            ["mcp", "--", "/bin/sh", "-c", "sleep 20 2>/dev/null & exit 4"], stdin: Data(),
            environment: HookCommandTests.missingSocket)
        #expect(output.status == 4)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aServerThatIgnoresTheClosedInputIsTerminated() throws {
        let started = Date()
        let output = try CLIRunner.run(
            ["mcp", "--", "/bin/sh", "-c", "trap 'exit 7' TERM; while :; do sleep 0.1; done"], stdin: Data(),
            environment: HookCommandTests.missingSocket)
        #expect(output.status == 7)
        #expect(Date().timeIntervalSince(started) >= 4)
    }
}
