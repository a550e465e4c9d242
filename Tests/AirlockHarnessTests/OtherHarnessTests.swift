import AirlockCore
import Testing

@testable import AirlockHarness

/// Cursor, Gemini and Copilot inputs, in the shapes harness-protocols §3 documents.
struct OtherHarnessTests {
    func parse(_ harness: Harness, _ json: String) throws -> HookEvent {
        try harness.parse(Array(json.utf8))
    }

    @Test func cursor() throws {
        let shell = try parse(
            .cursor,
            #"{"hook_event_name":"beforeShellExecution","command":"npm install express","cwd":"/proj","conversation_id":"c1"}"#
        )
        #expect(shell.action.kind == .shell(command: "npm install express"))
        #expect(shell.action.cwd == "/proj")
        #expect(shell.action.session == "c1")
        #expect(shell.deadlineMs == 30_000)
        let mcp = try parse(
            .cursor,
            #"{"hook_event_name":"beforeMCPExecution","tool_name":"database_query","tool_input":"{\"query\":\"SELECT 1\"}","url":"http://localhost:3000","workspace_roots":["/proj"]}"#
        )
        #expect(
            mcp.action.kind
                == .mcp(
                    MCPCall(
                        server: "http://localhost:3000", tool: "database_query",
                        arguments: .object(["query": .string("SELECT 1")]))))
        #expect(mcp.action.cwd == "/proj")
        let read = try parse(.cursor, #"{"hook_event_name":"beforeReadFile","file_path":"/abs/.env","content":"X=1"}"#)
        #expect(read.action.kind == .fileRead(path: "/abs/.env"))
        let tool = try parse(
            .cursor,
            #"{"hook_event_name":"preToolUse","tool_name":"Shell","tool_input":{"command":"npm install","working_directory":"/project"},"cwd":"/project"}"#
        )
        #expect(tool.action.kind == .shell(command: "npm install"))
        #expect(tool.name == .preToolUse)
    }

    @Test func gemini() throws {
        let shell = try parse(
            .gemini,
            #"{"hook_event_name":"BeforeTool","session_id":"g1","cwd":"/p","tool_name":"run_shell_command","tool_input":{"command":"ls","dir_path":"sub"}}"#
        )
        #expect(shell.action.kind == .shell(command: "ls"))
        #expect(shell.action.cwd == "/p/sub")
        #expect(shell.deadlineMs == 60_000)
        let write = try parse(
            .gemini,
            #"{"hook_event_name":"BeforeTool","cwd":"/p","tool_name":"write_file","tool_input":{"file_path":"/p/a","content":"x"}}"#
        )
        #expect(write.action.kind == .fileWrite(path: "/p/a", content: "x"))
        let replace = try parse(
            .gemini,
            #"{"hook_event_name":"BeforeTool","tool_name":"replace","tool_input":{"file_path":"/p/a","old_string":"a","new_string":"b","allow_multiple":true}}"#
        )
        #expect(
            replace.action.kind
                == .fileEdit(path: "/p/a", edits: [FileEdit(oldText: "a", newText: "b", replaceAll: true)]))
        let mcp = try parse(
            .gemini, #"{"hook_event_name":"BeforeTool","tool_name":"mcp_git_git_reset","tool_input":{"repo":"."}}"#)
        #expect(
            mcp.action.kind
                == .mcp(MCPCall(server: "git", tool: "git_reset", arguments: .object(["repo": .string(".")]))))
        #expect(throws: HookError.notAGate("AfterTool")) {
            try parse(.gemini, #"{"hook_event_name":"AfterTool","tool_name":"read_file"}"#)
        }
    }

    @Test func copilot() throws {
        let camel = try parse(
            .copilot,
            #"{"sessionId":"s","timestamp":1,"cwd":"/c","toolName":"bash","toolArgs":"{\"command\":\"rm -rf dist\"}"}"#)
        #expect(camel.action.kind == .shell(command: "rm -rf dist"))
        #expect(camel.action.session == "s")
        #expect(camel.deadlineMs == 30_000)
        let snake = try parse(
            .copilot,
            #"{"hook_event_name":"PreToolUse","session_id":"s","cwd":"/c","tool_name":"edit","tool_input":{"path":"/c/a","old_str":"x","new_str":"y"}}"#
        )
        #expect(snake.action.kind == .fileEdit(path: "/c/a", edits: [FileEdit(oldText: "x", newText: "y")]))
        let request = try parse(
            .copilot, #"{"hook_event_name":"permissionRequest","toolName":"view","toolArgs":{"path":"/c/a"}}"#)
        #expect(request.name == .permissionRequest)
        #expect(request.action.kind == .fileRead(path: "/c/a"))
    }
}
