import AirlockHookRuntime
import Testing

/// Only a well-formed decision for our own request counts; everything else falls back.
struct BrokerReplyTests {
    @Test func decisionsAreRead() {
        #expect(
            BrokerReply.read(
                Array(
                    #"{"id":1,"jsonrpc":"2.0","result":{"decision":"allow","id":"a-1","reason":"Allowed by mode.","source":"mode:workspace-edit"}}"#
                        .utf8))
                == .decided(allows: true, reason: "Allowed by mode."))
        #expect(
            BrokerReply.read(Array(#" {"result":{"reason":"No \"way\".","decision":"deny"},"id":1} "#.utf8))
                == .decided(allows: false, reason: #"No "way"."#))
    }

    @Test func notificationsAreSkipped() {
        #expect(BrokerReply.read(Array(#"{"jsonrpc":"2.0","method":"actionQueued","params":{}}"#.utf8)) == .skip)
    }

    @Test(
        arguments: [
            ("", "not JSON"),
            ("garbage", "not JSON"),
            (#"[{"id":1,"result":{"decision":"allow","reason":"r"}}]"#, "not JSON"),
            (#"{"id":2,"result":{"decision":"allow","reason":"r"}}"#, "did not send"),
            (#"{"id":"1","result":{"decision":"allow","reason":"r"}}"#, "did not send"),
            (#"{"id":null,"error":{"code":-32700,"message":"Parse error"}}"#, "did not send"),
            (#"{"id":1,"error":{"code":-32603,"message":"boom"}}"#, "refused the request: boom"),
            (#"{"id":1,"error":{"code":-32603,"message":"x"},"result":{"decision":"allow","reason":"r"}}"#, "refused"),
            (#"{"id":1,"result":{"decision":"ask","reason":"r"}}"#, "not a decision"),
            (#"{"id":1,"result":{"decision":"allow"}}"#, "not a decision"),
            (#"{"id":1,"result":"allow"}"#, "not a decision"),
        ])
    func anythingElseFails(_ line: String, _ why: String) {
        guard case .failed(let failure) = BrokerReply.read(Array(line.utf8)) else {
            Issue.record("accepted \(line)")
            return
        }
        #expect(failure.description.contains(why), "\(line): \(failure)")
    }
}
