import AirlockCore
import Foundation
import Testing

@testable import AirlockWire

/// The fast `submit` reader either declines or agrees with JSONDecoder, line for line.
@Suite struct SubmitFastPathTests {
    let codec = WireCodec()

    static let params = #""action":{"kind":{"shell":{"command":"ls -la"}}},"harness":"claude""#

    static let lines: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"submit","params":{\#(params)}}"#,
        #"  { "jsonrpc" : "2.0" , "id" : "x/y" , "method" : "submit" , "params" : { "action" : { "kind" : { "shell" : { "command" : "ls" } } } } }  "#,
        #"{"params":{\#(params),"session":"s","cwd":"/w","agentPID":42,"deadlineMs":60000,"airlock":1},"method":"submit","id":null,"jsonrpc":"2.0"}"#,
        #"{"jsonrpc":"2.0","id":-7,"method":"submit","params":{"action":{"harness":"h","session":"in","agentPID":5,"cwd":"/a","workspaceRoot":"/root","raw":"{}","kind":{"fileRead":{"path":"/a/b"}}},"session":"out","agentPID":null,"cwd":null}}"#,
        #"{"jsonrpc":"2.0","id":2,"method":"submit","params":{"action":{"kind":{"fileWrite":{"path":"p","content":"c","extra":[1,{"a":null}]}}}}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"submit","params":{"action":{"kind":{"patch":{"text":"*** Begin Patch"}}}}}"#,
        #"{"jsonrpc":"2.0","id":4,"method":"submit","params":{"action":{"kind":{"web":{"url":"https://e.com/a?b=c"}}}}}"#,
        #"{"jsonrpc":"2.0","id":5,"method":"submit","params":{"action":{"kind":{"other":{"tool":"T","input":"i"}}}}}"#,
        #"{"jsonrpc":"2.0","id":6,"method":"submit","params":{"action":{"kind":{"shell":{"command":"échO 漢字 🚀"}}}},"x":{"deep":[[[true,false,null,1.5e3,-0.25,"s\"q"]]]}}"#,
        #"{"jsonrpc":"2.0","id":23,"method":"submit","params":{\#(params),"toolUseID":"toolu_01ABC"}}"#,
        #"{"jsonrpc":"2.0","id":24,"method":"submit","params":{\#(params),"toolUseID":null}}"#,
        // Lines the fast path must decline or agree on; the general path decides.
        #"{"jsonrpc":"2.0","id":25,"method":"submit","params":{\#(params),"toolUseID":"a","toolUseID":"b"}}"#,
        #"{"jsonrpc":"2.0","id":26,"method":"submit","params":{\#(params),"toolUseID":7}}"#,
        #"{"jsonrpc":"2.0","id":7,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a\nb \"q\" \u00e9"}}}}}"#,
        #"{"jsonrpc":"2.0","id":8,"method":"submit","params":{"action":{"kind":{"mcp":{"_0":{"server":"s","tool":"t","arguments":{},"isServerTrusted":false}}}}}}"#,
        #"{"jsonrpc":"2.0","id":9,"method":"submit","params":{"action":{"kind":{"shell":{"command":"ls"},"web":{"url":"u"}}}}}"#,
        #"{"jsonrpc":"2.0","id":10,"method":"submit","params":{"action":{"kind":{"shell":{"command":"ls"}}},"airlock":2}}"#,
        #"{"jsonrpc":"2.0","id":11,"method":"submit","params":{"action":{"kind":{"shell":{"command":"ls"}}},"agentPID":99999999999}}"#,
        #"{"jsonrpc":"2.0","id":12,"method":"submit","params":{"action":{"kind":{"shell":{"command":"ls"}}},"deadlineMs":1.5}}"#,
        #"{"jsonrpc":"2.0","id":13,"method":"submit","params":{"action":{"kind":{"shell":{"command":null}}}}}"#,
        #"{"jsonrpc":"2.0","id":14,"method":"submit","params":{"action":{"kind":{"shell":{}}}}}"#,
        #"{"jsonrpc":"2.0","id":15,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a","command":"b"}}}}}"#,
        #"{"jsonrpc":"2.0","id":16,"id":17,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}}}}"#,
        #"{"jsonrpc":"2.0","id":1.0,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}}}}"#,
        #"{"jsonrpc":"2.0","id":01,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}}}}"#,
        #"{"jsonrpc":"1.0","id":18,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}}}}"#,
        #"{"jsonrpc":"2.0","id":19,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}}}} trailing"#,
        #"{"jsonrpc":"2.0","id":20,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}}}"#,
        #"{"jsonrpc":"2.0","id":21,"method":"submit","params":{"harness":5,"action":{"kind":{"shell":{"command":"a"}}}}}"#,
        #"{"jsonrpc":"2.0","id":22,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}},"x":[1,]}}"#,
        #"{"jsonrpc":"2.0","id":23,"method":"submit","params":{"action":{"kind":{"fileEdit":{"path":"p","edits":[{"oldText":"a","newText":"b","replaceAll":false}]}}}}}"#,
        #"{"jsonrpc":"2.0","id":24,"method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}},"x":tru}}"#,
        #"{"jsonrpc":"2.0","method":"submit","params":{"action":{"kind":{"shell":{"command":"a"}}}}}"#,
    ]

    @Test(arguments: lines)
    func fastPathAgreesWithJSONDecoderOrDeclines(_ line: String) {
        let bytes = Array(line.utf8)
        guard let fast = SubmitFastPath.decode(bytes) else { return }
        #expect(codec.decodeGeneral(bytes) == .success(fast))
    }

    @Test(arguments: lines.prefix(11))
    func commonLinesTakeTheFastPath(_ line: String) {
        #expect(SubmitFastPath.decode(Array(line.utf8)) != nil)
    }

    @Test func linesThisCodecWritesTakeTheFastPath() throws {
        let kinds: [Action.Kind] = [
            .shell(command: "rm -rf build/ && echo 'done' | tee /tmp/x"), .fileRead(path: "/w/src/a.swift"),
            .fileWrite(path: "/w/a", content: "x"), .patch(text: "*** Begin Patch"), .web(url: "https://example.com/a"),
            .other(tool: "Task", input: "go"),
        ]
        for kind in kinds {
            let request = ClientRequest.submit(
                SubmitParams(
                    action: Action(harness: "claude", session: "s", agentPID: 7, cwd: "/w", kind: kind),
                    deadlineMs: 1000, toolUseID: "toolu_1"))
            let line = Array(try codec.encodeRequest(request, id: 3).dropLast())
            let fast = try #require(SubmitFastPath.decode(line), "\(kind)")
            #expect(fast == RequestEnvelope(id: 3, request: request))
            #expect(codec.decodeGeneral(line) == .success(fast))
        }
    }

    @Test func declinedLinesStillGetTheirErrors() {
        let line = Array(Self.lines[16].utf8)  // airlock 2
        #expect(SubmitFastPath.decode(line) == nil)
        if case .failure(let failure)? = codec.decodeRequest(line) {
            #expect(failure.error.knownCode == .unsupportedVersion)
        } else {
            Issue.record("accepted an unsupported version")
        }
    }
}
