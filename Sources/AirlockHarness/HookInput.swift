#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AirlockCore

/// A parsed hook payload with the lookups every adapter needs.
struct HookInput: Sendable {
    var payload: [String: JSONValue]
    var raw: String
    var harness: Harness
    var deadlineMs: Int

    /// The first of `keys` that holds a string.
    func string(_ keys: String...) -> String? {
        keys.lazy.compactMap { payload[$0]?.stringValue }.first
    }

    /// The tool's arguments: an object, or a JSON string holding one (Cursor MCP, Copilot camelCase).
    func arguments(_ keys: String...) -> JSONValue {
        for key in keys {
            switch payload[key] {
            case .object(let object)?:
                return .object(object)
            case .string(let text)?:
                if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) { return value }
                return .object(["text": .string(text)])
            default:
                continue
            }
        }
        return .object([:])
    }

    func event(_ name: HookEvent.Name, kind: Action.Kind, session: String?, cwd: String?) -> HookEvent {
        let action = Action(harness: harness.rawValue, session: session, cwd: cwd, kind: kind, raw: raw)
        return HookEvent(harness: harness, name: name, action: action, deadlineMs: deadlineMs)
    }
}

extension JSONValue {
    /// A string member, or nil.
    func string(_ key: String) -> String? { self[key]?.stringValue }
}

/// Tool names shared by Claude Code and Codex (Codex mirrors Claude's shapes).
enum ClaudeTools {
    static func kind(tool: String, input: JSONValue, mcpServer: String?) -> Action.Kind {
        switch tool {
        case "Bash", "PowerShell":
            if let command = input.string("command") { return .shell(command: command) }
        case "Write":
            if let path = input.string("file_path") { return .fileWrite(path: path, content: input.string("content") ?? "") }
        case "Edit":
            if let path = input.string("file_path") {
                let edit = FileEdit(oldText: input.string("old_string") ?? "", newText: input.string("new_string") ?? "",
                                    replaceAll: input["replace_all"]?.boolValue ?? false)
                return .fileEdit(path: path, edits: [edit])
            }
        case "Read":
            if let path = input.string("file_path") { return .fileRead(path: path) }
        case "WebFetch":
            if let url = input.string("url") { return .web(url: url) }
        case "apply_patch":
            if let patch = input.string("command") { return .patch(text: patch) }
        default:
            if let call = MCPName.claude(tool, server: mcpServer, arguments: input) { return .mcp(call) }
        }
        return .other(tool: tool, input: input.canonicalText)
    }
}

/// Splits harness-specific MCP tool names into server and tool.
enum MCPName {
    /// `mcp__server__tool`; the harness's own server name wins when it prefixes the rest.
    static func claude(_ name: String, server: String?, arguments: JSONValue) -> MCPCall? {
        guard name.hasPrefix("mcp__") else { return nil }
        let rest = String(name.dropFirst(5))
        if let server, rest.hasPrefix(server + "__"), rest.count > server.count + 2 {
            return MCPCall(server: server, tool: String(rest.dropFirst(server.count + 2)), arguments: arguments)
        }
        guard let separator = rest.firstRange(of: "__"), separator.lowerBound > rest.startIndex,
              separator.upperBound < rest.endIndex else { return nil }
        return MCPCall(server: String(rest[..<separator.lowerBound]), tool: String(rest[separator.upperBound...]),
                       arguments: arguments)
    }

    /// Gemini's `mcp_<server>_<tool>`: its policy parser splits at the first `_` after `mcp_`.
    static func gemini(_ name: String, server: String?, arguments: JSONValue) -> MCPCall? {
        guard name.hasPrefix("mcp_") else { return nil }
        let rest = String(name.dropFirst(4))
        if let server, rest.hasPrefix(server + "_"), rest.count > server.count + 1 {
            return MCPCall(server: server, tool: String(rest.dropFirst(server.count + 1)), arguments: arguments)
        }
        guard let separator = rest.firstIndex(of: "_"), separator > rest.startIndex,
              rest.index(after: separator) < rest.endIndex else { return nil }
        return MCPCall(server: String(rest[..<separator]), tool: String(rest[rest.index(after: separator)...]),
                       arguments: arguments)
    }
}

/// Reasons are capped: Claude cuts output strings at 10,000 characters.
func capped(_ reason: String) -> String {
    reason.count > 4000 ? String(reason.prefix(4000)) + "…" : reason
}
