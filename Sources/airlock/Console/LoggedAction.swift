import AirlockConsole
import AirlockCore
import AirlockStore
import Foundation

/// Rebuilds logged decisions as actions for an exception's coverage preview. The log keeps a
/// redacted one-line summary, not the action, so this reads the summary back in the shapes
/// `Action.logSummary` writes ("read p", "write p (n bytes)", "edit p (n edits)", "patch a, b",
/// "mcp server/tool {…}", "fetch url", else a shell command) and classifies it again.
enum LoggedAction {
    static func recentAction(_ entry: DecisionLogEntry, host: HostFacts) -> RecentAction {
        let action = Action(
            harness: entry.harness, session: entry.session, cwd: entry.workspace, workspaceRoot: entry.workspace,
            kind: kind(fromSummary: entry.summary))
        return RecentAction(
            time: entry.time, action: action, assessment: Classifier.assess(action, host: host), verdict: entry.verdict)
    }

    static func kind(fromSummary summary: String) -> Action.Kind {
        if let path = strip(summary, prefix: "read ", suffixPattern: nil) { return .fileRead(path: path) }
        if let path = strip(summary, prefix: "write ", suffixPattern: " bytes)") {
            return .fileWrite(path: path, content: "")
        }
        if let path = strip(summary, prefix: "edit ", suffixPattern: " edit)")
            ?? strip(
                summary, prefix: "edit ", suffixPattern: " edits)")
        {
            return .fileEdit(path: path, edits: [])
        }
        if summary.hasPrefix("patch ") {
            let paths = summary.dropFirst("patch ".count).split(separator: ", ").map(String.init)
            let body = paths.map { "*** Update File: \($0)\n" }.joined()
            return .patch(text: "*** Begin Patch\n\(body)*** End Patch\n")
        }
        if summary.hasPrefix("mcp "), let call = mcpCall(summary.dropFirst("mcp ".count)) { return .mcp(call) }
        if summary.hasPrefix("fetch "), !summary.contains(" ", after: "fetch ".count) {
            return .web(url: String(summary.dropFirst("fetch ".count)))
        }
        return .shell(command: summary)
    }

    /// "p (n bytes)" → "p" when the text has that shape; "read p" has no suffix.
    private static func strip(_ summary: String, prefix: String, suffixPattern: String?) -> String? {
        guard summary.hasPrefix(prefix) else { return nil }
        let rest = summary.dropFirst(prefix.count)
        guard let suffixPattern else {
            // A shell command such as `read -r line` is not a file read: paths here have no spaces
            // before options, so only a single word (or an absolute path) counts.
            return rest.hasPrefix("-") || rest.isEmpty ? nil : String(rest)
        }
        guard rest.hasSuffix(suffixPattern), let open = rest.lastIndex(of: "(") else { return nil }
        let count = rest[rest.index(after: open)...].dropLast(suffixPattern.count)
        guard !count.isEmpty, count.allSatisfy(\.isNumber), open > rest.startIndex else { return nil }
        return String(rest[..<rest.index(before: open)])
    }

    private static func mcpCall(_ text: Substring) -> MCPCall? {
        let name = text.prefix { $0 != " " }
        guard let slash = name.firstIndex(of: "/") else { return nil }
        let server = String(name[..<slash])
        let tool = String(name[name.index(after: slash)...])
        guard !server.isEmpty, !tool.isEmpty else { return nil }
        let argumentText = text.dropFirst(name.count).drop { $0 == " " }
        let arguments = (try? JSONDecoder().decode(JSONValue.self, from: Data(argumentText.utf8))) ?? .object([:])
        return MCPCall(server: server, tool: tool, arguments: arguments)
    }
}

extension String {
    fileprivate func contains(_ character: Character, after offset: Int) -> Bool {
        dropFirst(offset).contains(character)
    }
}
