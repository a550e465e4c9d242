import AirlockCore
import AirlockHarness
import Testing

/// Claude Code's Bash `tool_input` may carry the model's `dangerouslyDisableSandbox`: the hook
/// keeps it (in the raw payload, which reaches the broker), and without a broker the local
/// answer is a deny, since leaving the sandbox needs a human.
@Suite struct SandboxRequestTests {
    static let input = #"""
        {"session_id":"s1","cwd":"/home/dev/proj","hook_event_name":"PreToolUse","tool_name":"Bash",
         "tool_input":{"command":"ls","description":"List","dangerouslyDisableSandbox":true},"tool_use_id":"t1"}
        """#

    @Test func theRequestTravelsWithTheAction() throws {
        let event = try Harness.claude.parse(Array(Self.input.utf8))
        #expect(event.action.kind == .shell(command: "ls"))
        #expect(event.action.asksToLeaveSandbox)
        let plain = try Harness.claude.parse(
            Array(Self.input.replacing(",\"dangerouslyDisableSandbox\":true", with: "").utf8))
        #expect(!plain.action.asksToLeaveSandbox)
    }

    @Test func withoutABrokerItIsDenied() throws {
        let event = try Harness.claude.parse(Array(Self.input.utf8))
        let answer = LocalFallback().decide(event.action, why: "no broker")
        #expect(!answer.allows)
        let plain = try Harness.claude.parse(
            Array(Self.input.replacing(",\"dangerouslyDisableSandbox\":true", with: "").utf8))
        #expect(LocalFallback().decide(plain.action, why: "no broker").allows)
    }
}
