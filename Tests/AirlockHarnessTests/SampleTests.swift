import AirlockCore
import Foundation
import Testing

@testable import AirlockHarness

/// Every captured real hook input parses into the action it describes.
struct SampleTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples")

    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var name: HookEvent.Name?
        var kind: Action.Kind?
        var description: String { file }
    }

    static let demoDelete = Action.Kind.mcp(
        MCPCall(server: "demo", tool: "delete_note", arguments: .object(["name": .string("a.txt")])))

    static let expected: [Expected] = [
        Expected(file: "claude_PreToolUse_Bash", name: .preToolUse, kind: .shell(command: "rm -rf build")),
        Expected(
            file: "claude_PreToolUse_Edit", name: .preToolUse,
            kind: .fileEdit(path: "/home/dev/proj/app.py", edits: [FileEdit(oldText: "pritn", newText: "print")])),
        Expected(file: "claude_PreToolUse_Read", name: .preToolUse, kind: .fileRead(path: "/home/dev/proj/app.py")),
        Expected(
            file: "claude_PreToolUse_Write", name: .preToolUse,
            kind: .fileWrite(path: "/home/dev/proj/notes.txt", content: "hello from the mock model\n")),
        Expected(file: "claude_PreToolUse_mcp", name: .preToolUse, kind: demoDelete),
        Expected(
            file: "claude_PermissionRequest_Bash", name: .permissionRequest, kind: .shell(command: "rm -rf build")),
        Expected(
            file: "claude_PermissionRequest_Write", name: .permissionRequest,
            kind: .fileWrite(path: "/home/dev/proj/n.txt", content: "x")),
        Expected(file: "claude_PermissionRequest_mcp", name: .permissionRequest, kind: demoDelete),
        Expected(file: "claude_PostToolUse_Bash", name: nil, kind: nil),
        Expected(file: "codex_PreToolUse_Bash", name: .preToolUse, kind: .shell(command: "rm -rf build")),
        Expected(
            file: "codex_PreToolUse_apply_patch", name: .preToolUse,
            kind: .patch(text: "*** Begin Patch\n*** Add File: hello.txt\n+hello from codex mock\n*** End Patch\n")),
        Expected(file: "codex_PreToolUse_mcp", name: .preToolUse, kind: demoDelete),
        Expected(
            file: "codex_PermissionRequest_Bash", name: .permissionRequest,
            kind: .shell(command: "touch /home/dev/testbed/codex_outside_marker.txt")),
        Expected(file: "codex_PostToolUse_Bash", name: nil, kind: nil),
    ]

    @Test("every sample is covered")
    func everySampleIsCovered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        #expect(Set(files) == Set(Self.expected.map(\.file)))
    }

    @Test("samples parse into their actions", arguments: expected)
    func parses(_ expected: Expected) throws {
        let bytes = try Data(contentsOf: Self.directory.appendingPathComponent(expected.file + ".json"))
        let harness = try #require(Harness(rawValue: String(expected.file.prefix { $0 != "_" })))
        guard let name = expected.name, let kind = expected.kind else {
            #expect(throws: HookError.notAGate("PostToolUse")) { try harness.parse(bytes) }
            return
        }
        let event = try harness.parse(bytes)
        let payload = try #require(JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        #expect(event.name == name)
        #expect(event.action.kind == kind)
        #expect(event.action.harness == harness.rawValue)
        #expect(event.action.session == payload["session_id"] as? String)
        #expect(event.action.cwd == "/home/dev/proj")
        #expect(event.action.raw == String(decoding: bytes, as: UTF8.self))
        #expect(event.deadlineMs == 600_000)
    }

    @Test func garbageIsAnError() {
        #expect(throws: HookError.notJSON) { try Harness.claude.parse(Array("rm -rf /".utf8)) }
        #expect(throws: HookError.notAnObject) { try Harness.codex.parse(Array("[1]".utf8)) }
        #expect(throws: HookError.missingField("tool_name")) {
            try Harness.claude.parse(Array(#"{"hook_event_name":"PreToolUse"}"#.utf8))
        }
    }

    @Test func unknownEventsAreRefused() {
        #expect(throws: HookError.unsupportedEvent("PreToolUseV2")) {
            try Harness.claude.parse(Array(#"{"hook_event_name":"PreToolUseV2","tool_name":"Bash"}"#.utf8))
        }
    }

    @Test func deadlineOverride() throws {
        let event = try Harness.claude.parse(
            Array(#"{"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}"#.utf8),
            deadlineMs: 1234)
        #expect(event.deadlineMs == 1234)
        #expect(Harness.gemini.defaultDeadlineMs == 60_000)
        #expect(Harness.copilot.defaultDeadlineMs == 30_000)
    }
}
