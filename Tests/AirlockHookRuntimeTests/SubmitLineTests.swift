import AirlockCore
import AirlockHookRuntime
import AirlockWire
import Testing

/// The hand-written submit line is what the broker's decoder reads back, for every action kind.
struct SubmitLineTests {
    static let kinds: [Action.Kind] = [
        .shell(command: #"rm -rf "build dir" && echo 'é' | tee /tmp/x\n"#),
        .fileRead(path: "/w/src/a.swift"),
        .fileWrite(path: "/w/a", content: "line 1\nline 2\t\u{1}"),
        .fileEdit(
            path: "/w/a",
            edits: [FileEdit(oldText: "a", newText: "b"), FileEdit(oldText: "c", newText: "", replaceAll: true)]),
        .patch(text: "*** Begin Patch\n*** Add File: x\n+y\n*** End Patch\n"),
        .mcp(
            MCPCall(
                server: "git", tool: "git_reset", arguments: .object(["repo_path": .string("."), "n": .number(2.5)]))),
        .mcp(
            MCPCall(
                server: "notes", tool: "read_note", arguments: .object(["tags": .array([.bool(true), .null])]),
                annotations: MCPAnnotations(title: "Read", readOnlyHint: true), isServerTrusted: true)),
        .web(url: "https://example.com/a?b=c"),
        .other(tool: "Task", input: #"{"prompt":"go"}"#),
    ]

    @Test(arguments: kinds)
    func brokerDecodesWhatTheHookWrites(_ kind: Action.Kind) throws {
        let action = Action(
            harness: "claude", session: "s1", agentPID: 4242, cwd: "/w", kind: kind, raw: #"{"tool_name":"Bash"}"#)
        let line = SubmitLine.encode(action, deadlineMs: 540_000, toolUseID: "toolu_01")
        #expect(line.last == 0x0A)
        let decoded = WireCodec().decodeRequest(Array(line.dropLast()))
        guard case .success(let envelope)? = decoded, case .submit(let params) = envelope.request else {
            Issue.record("not a submit: \(String(decoding: line, as: UTF8.self))")
            return
        }
        #expect(envelope.id == .number(Int64(SubmitLine.requestID)))
        #expect(params == SubmitParams(action: action, deadlineMs: 540_000, toolUseID: "toolu_01"))
    }

    @Test func optionalFieldsAreLeftOut() throws {
        let action = Action(harness: "exec", kind: .shell(command: "ls"))
        let text = String(decoding: SubmitLine.encode(action, deadlineMs: nil, toolUseID: nil), as: UTF8.self)
        #expect(
            text
                == #"{"id":1,"jsonrpc":"2.0","method":"submit","params":{"action":{"harness":"exec","kind":{"shell":{"command":"ls"}}},"airlock":1,"harness":"exec"}}"#
                + "\n")
    }
}
