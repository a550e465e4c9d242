import AirlockCore
import Foundation
import Testing

@testable import AirlockWire

/// The one submit codec, held against Foundation's JSONDecoder reading the documented shape.
@Suite struct SubmitCodecTests {
    static let seeds: [UInt64] = Array(1...40)

    /// What the hook writes, JSONDecoder reads as the document says, and the broker reads the same.
    @Test(arguments: seeds)
    func brokerAndOracleReadWhatTheHookWrites(seed: UInt64) throws {
        var generator = ActionGenerator(seed: seed)
        for _ in 0..<25 {
            let params = generator.params()
            let line = SubmitCodec.request(params, id: 7)
            #expect(line.last == 0x0A && !line.dropLast().contains(0x0A))
            let oracle = try JSONDecoder().decode(OracleLine.self, from: Data(line.dropLast()))
            #expect(oracle.jsonrpc == "2.0" && oracle.id == 7 && oracle.method == "submit")
            #expect(oracle.params.airlock == WireProtocol.version)
            #expect(oracle.submitParams == params)
            let envelope = try #require(try WireCodec().decodeRequest(Array(line.dropLast()))?.get())
            #expect(envelope == RequestEnvelope(id: 7, request: .submit(params)))
        }
    }

    /// Lines written by hand (other clients, other spacing and order, escapes): the broker
    /// reads exactly what the oracle reads.
    static let handWritten: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"submit","params":{"action":{"kind":{"shell":{"command":"ls -la"}}},"harness":"claude"}}"#,
        #"  { "jsonrpc" : "2.0" , "id" : 2 , "method" : "submit" , "params" : { "action" : { "kind" : { "shell" : { "command" : "ls" } } } } }  "#,
        #"{"params":{"action":{"kind":{"shell":{"command":"x"}}},"session":"s","cwd":"/w","agentPID":42,"deadlineMs":60000,"airlock":1},"method":"submit","id":3,"jsonrpc":"2.0"}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"submit","params":{"action":{"harness":"h","session":"in","agentPID":5,"cwd":"/a","workspaceRoot":"/root","raw":"{}","kind":{"fileRead":{"path":"/a/b"}}},"session":"out"}}"#,
        #"{"jsonrpc":"2.0","id":5,"method":"submit","params":{"action":{"kind":{"fileWrite":{"path":"p","content":"c","extra":[1,{"a":null}]}}}}}"#,
        #"{"jsonrpc":"2.0","id":6,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a\nb \"q\" \u00e9 \ud83d\ude80 \/"}}}}}"#,
        #"{"jsonrpc":"2.0","id":7,"method":"submit","params":{"action":{"kind":{"mcp":{"server":"s","tool":"t","arguments":{"n":2.5},"isServerTrusted":false}}}}}"#,
        #"{"jsonrpc":"2.0","id":8,"method":"submit","params":{"action":{"kind":{"fileEdit":{"path":"p","edits":[{"oldText":"a","newText":"b","replaceAll":true}]}}}},"x":{"deep":[[[true,false,null,1.5e3,-0.25]]]}}"#,
        #"{"jsonrpc":"2.0","id":9,"method":"submit","params":{"action":{"kind":{"web":{"url":"https://e.com/a?b=c"}}},"toolUseID":"toolu_01ABC","deadlineMs":1000}}"#,
    ]

    @Test(arguments: handWritten)
    func handWrittenLinesAgreeWithTheOracle(_ line: String) throws {
        let oracle = try JSONDecoder().decode(OracleLine.self, from: Data(line.utf8))
        let envelope = try #require(try WireCodec().decodeRequest(Array(line.utf8))?.get())
        #expect(
            envelope == RequestEnvelope(id: .number(oracle.id), request: .submit(try #require(oracle.submitParams))))
    }

    /// Protocol 1 wrote an MCP call as `{"mcp":{"_0":{…}}}`; it is read until protocol 3.
    @Test func protocolOneMCPFormIsStillRead() throws {
        let line =
            #"{"jsonrpc":"2.0","id":1,"method":"submit","params":{"action":{"kind":{"mcp":{"_0":{"server":"s","tool":"t","arguments":{},"isServerTrusted":true}}}},"airlock":1}}"#
        guard case .submit(let params) = try WireCodec().decodeRequest(Array(line.utf8))?.get().request else {
            Issue.record("not a submit")
            return
        }
        #expect(params.action.kind == .mcp(MCPCall(server: "s", tool: "t", isServerTrusted: true)))
    }

    /// The broker's answer, read by the oracle and by the hook alike.
    @Test(arguments: seeds.prefix(10))
    func repliesReadTheSameEverywhere(seed: UInt64) throws {
        var generator = ActionGenerator(seed: seed)
        let sources: [Decision.Source] = [
            .rule(generator.text()), .exception("x-1"), .human(generator.text()), .mode(.autoLoop), .timeout, .fallback,
            .hook("t-7"), .integrityFloor,
        ]
        for source in sources {
            let result = SubmitResult(
                id: generator.text(), decision: Bool.random(using: &generator) ? .allow : .deny,
                reason: generator.text(), source: source)
            let line = WireCodec().encodeResult(.submit(result), id: 1)
            #expect(line == SubmitCodec.response(result, id: 1))
            let oracle = try JSONDecoder().decode(OracleReply.self, from: Data(line.dropLast()))
            #expect(oracle.result.decision == result.decision.rawValue)
            #expect(oracle.result.reason == result.reason && oracle.result.source == source.description)
            #expect(oracle.result.ruleID == source.ruleID && oracle.result.exceptionID == source.exceptionID)
            #expect(SubmitCodec.reply(line.dropLast(), to: 1) == .decided(result))
            #expect(try WireCodec().result(SubmitResult.self, from: Array(line.dropLast())) == result)
        }
    }

    @Test func notificationsAreSkipped() {
        let line = #"{"jsonrpc":"2.0","method":"actionQueued","params":{}}"#
        #expect(SubmitCodec.reply(Array(line.utf8), to: 1) == .notification)
    }

    /// Only a well-formed decision for our own request counts; everything else is a failure.
    @Test(
        arguments: [
            ("", "not JSON"),
            ("garbage", "not JSON"),
            (#"[{"id":1,"result":{"decision":"allow","reason":"r"}}]"#, "not JSON"),
            (#"{"id":2,"result":{"id":"a","decision":"allow","reason":"r","source":"timeout"}}"#, "did not send"),
            (#"{"id":"1","result":{"id":"a","decision":"allow","reason":"r","source":"timeout"}}"#, "did not send"),
            (#"{"id":null,"error":{"code":-32700,"message":"Parse error"}}"#, "did not send"),
            (#"{"id":1,"error":{"code":-32603,"message":"boom"}}"#, "refused the request: boom"),
            (#"{"id":1,"error":{"code":-32603,"message":"x"},"result":{"decision":"allow","reason":"r"}}"#, "refused"),
            (#"{"id":1,"result":{"id":"a","decision":"ask","reason":"r","source":"default"}}"#, "not a decision"),
            (#"{"id":1,"result":{"id":"a","decision":"allow","source":"timeout"}}"#, "not a decision"),
            (#"{"id":1,"result":{"id":"a","decision":"allow","reason":"r","source":"nobody"}}"#, "not a decision"),
            (#"{"id":1,"result":"allow"}"#, "not a decision"),
        ])
    func anythingElseFails(_ line: String, _ why: String) {
        guard case .failed(let failure) = SubmitCodec.reply(Array(line.utf8), to: 1) else {
            Issue.record("accepted \(line)")
            return
        }
        #expect(failure.contains(why), "\(line): \(failure)")
    }

    /// The bytes the hook sends for the common case, pinned (`docs/protocol.md` shows them).
    @Test func theHooksLineIsPinned() {
        let params = SubmitParams(action: Action(harness: "exec", kind: .shell(command: "ls")))
        #expect(
            String(decoding: SubmitCodec.request(params, id: 1), as: UTF8.self)
                == #"{"id":1,"jsonrpc":"2.0","method":"submit","params":{"action":{"harness":"exec","kind":{"shell":{"command":"ls"}}},"airlock":2}}"#
                + "\n")
    }
}
