import AirlockCore
import AirlockWire
import FoundationEssentials

/// A pending action as the queue shows it: its tool, one-line summary, place and group. Worked
/// out when asked, not stored: a frame asks for the few dozen rows on screen, and storing these
/// strings for 10,000 actions cost more memory than the actions themselves.
struct QueueEntry {
    let item: QueuedAction

    init(_ item: QueuedAction) { self.item = item }

    /// Tool or kind as the reviewer knows it: Bash, Edit, Write, Patch, MCP, Web, Read.
    var tool: String {
        switch item.action.kind {
        case .shell: "Bash"
        case .fileRead: "Read"
        case .fileWrite: "Write"
        case .fileEdit: "Edit"
        case .patch: "Patch"
        case .mcp: "MCP"
        case .web: "Web"
        case .other(let name, _): name
        }
    }

    /// The text the summary line is made from: the command, the path, or server.tool.
    var summaryText: String {
        let action = item.action
        switch action.kind {
        case .shell(let command): return command
        case .fileRead(let path), .fileWrite(let path, _), .fileEdit(let path, _): return path
        case .patch(let patch):
            let paths = action.filePaths ?? []
            return paths.isEmpty ? String(patch.unicodeScalars.prefix(80)) : paths.joined(separator: " ")
        case .mcp(let call): return "\(call.server).\(call.tool)"
        case .web(let url): return url
        case .other(_, let input): return input
        }
    }

    /// One line: hidden characters made visible, newlines as `↵`. A row is at most a few
    /// hundred cells; the detail shows the rest.
    var summary: VisibleText { summary(limit: Self.summaryLimit) }

    static let summaryLimit = 400

    /// The summary cut after `limit` scalars (marked "…"), for a row `limit` cells wide.
    func summary(limit: Int) -> VisibleText {
        let text = summaryText
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return VisibleText.singleLine(text) }
        return VisibleText.singleLine(String(String.UnicodeScalarView(scalars.prefix(limit))) + "…")
    }

    /// Repository basename and short session, "api·7f3c".
    var place: String {
        let action = item.action
        let workspace = action.workspaceRoot.map { Self.lastComponent($0) } ?? "-"
        return action.session.map { "\(workspace)·\($0.prefix(4))" } ?? workspace
    }

    /// The category that matters most, for the queue's category column ("destructive_fs").
    var categoryMark: String {
        let categories = item.assessment.categories
        let mark = categories.first(where: \.isHardFloor) ?? categories.first { !$0.isReadOnly } ?? categories.first
        return mark?.rawValue ?? "-"
    }

    /// The command or tool with layout and session removed: equal for "similar" actions.
    var normalised: String {
        let action = item.action
        switch action.kind {
        case .shell(let command):
            let commands = item.assessment.commands
            return commands.isEmpty
                ? command.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                : commands.map { $0.joined(separator: " ") }.joined(separator: " ; ")
        case .fileRead: return "read"
        case .fileWrite: return "write"
        case .fileEdit: return "edit"
        case .patch: return "patch"
        case .mcp(let call): return "mcp \(call.server).\(call.tool)"
        case .web(let url): return "web " + Self.host(of: url)
        case .other(let name, _): return "other \(name)"
        }
    }

    /// A short human label for the group.
    var groupLabel: String {
        let categories = item.assessment.categories.map(\.rawValue).joined(separator: ",")
        return "\(tool) \(String(normalised.prefix(40))) [\(categories)]"
    }

    /// Equal for similar actions (`g`): the same normalised command or tool and the same
    /// categories, any session.
    var groupKey: String {
        normalised + "\u{0}" + item.assessment.categories.map(\.rawValue).joined(separator: ",")
    }

    /// Whether the lowercased `needle` occurs in the search text.
    /// Substring search over bytes, without bounds checks in the inner loop (it runs over
    /// every pending action when a filter starts).
    static func matches(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let first = pin[0]
                let last = hay.count - pin.count
                var start = 0
                while start <= last {
                    if hay[start] == first {
                        var offset = 1
                        while offset < pin.count, hay[start + offset] == pin[offset] { offset += 1 }
                        if offset == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// Queue order: riskier first, then older first, then by id so the order is total.
    static func precedes(_ a: QueuedAction, _ b: QueuedAction) -> Bool {
        precedes((a.assessment.risk, a.queuedAt, a.id), (b.assessment.risk, b.queuedAt, b.id))
    }

    static func precedes(_ a: (risk: Risk, queuedAt: Date, id: String), _ b: (risk: Risk, queuedAt: Date, id: String))
        -> Bool
    {
        if a.risk != b.risk { return a.risk > b.risk }
        if a.queuedAt != b.queuedAt { return a.queuedAt < b.queuedAt }
        return a.id < b.id
    }

    static func lastComponent(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
    }

    static func host(of url: String) -> String {
        let parts = url.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        let rest = parts.count == 2 ? parts[1] : Substring(url)
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }
}
