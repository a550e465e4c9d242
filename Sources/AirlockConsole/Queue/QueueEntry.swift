import AirlockCore
import AirlockWire
import FoundationEssentials

/// A pending action plus what the queue needs again and again, computed once when it arrives:
/// its one-line summary, its search text, its group key. A class, immutable: the queue, the
/// filter and coverage counts pass 10,000 of these around, and a reference costs one retain
/// where a struct of a dozen strings and arrays costs a dozen.
final class QueueEntry: Sendable {
    let item: QueuedAction
    /// Tool or kind as the reviewer knows it: Bash, Edit, Write, Patch, MCP, Web, Read.
    let tool: String
    /// One line: the command, the path, or server/tool; hidden characters already made visible.
    let summary: VisibleText
    /// Repository basename and short session, "api·7f3c".
    let place: String
    /// Lowercased UTF-8 of everything a filter can match.
    let searchBytes: [UInt8]
    /// Actions with equal keys are "similar": same normalised command or tool and same categories.
    let groupKey: String
    /// A short human label for the group.
    let groupLabel: String
    /// The category that matters most, for the queue's category column ("destructive_fs").
    let categoryMark: String

    init(_ item: QueuedAction) {
        self.item = item
        let action = item.action
        let tool: String
        let text: String
        let normalised: String
        switch action.kind {
        case .shell(let command):
            tool = "Bash"
            text = command
            normalised =
                item.assessment.commands.isEmpty
                ? command.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                : item.assessment.commands.map { $0.joined(separator: " ") }.joined(separator: " ; ")
        case .fileRead(let path):
            tool = "Read"
            text = path
            normalised = "read"
        case .fileWrite(let path, _):
            tool = "Write"
            text = path
            normalised = "write"
        case .fileEdit(let path, _):
            tool = "Edit"
            text = path
            normalised = "edit"
        case .patch(let patch):
            tool = "Patch"
            let paths = action.filePaths ?? []
            text = paths.isEmpty ? String(patch.prefix(80)) : paths.joined(separator: " ")
            normalised = "patch"
        case .mcp(let call):
            tool = "MCP"
            text = "\(call.server).\(call.tool)"
            normalised = "mcp \(call.server).\(call.tool)"
        case .web(let url):
            tool = "Web"
            text = url
            normalised = "web " + Self.host(of: url)
        case .other(let name, let input):
            tool = name
            text = input
            normalised = "other \(name)"
        }
        self.tool = tool
        // A line on screen is at most a few hundred cells; the detail shows the rest.
        let scalars = text.unicodeScalars
        self.summary = VisibleText.singleLine(
            scalars.count > 400 ? String(String.UnicodeScalarView(scalars.prefix(400))) + "…" : text)
        let workspace = action.workspaceRoot.map { Self.lastComponent($0) } ?? "-"
        let session = action.session.map { String($0.prefix(4)) }
        self.place = session.map { "\(workspace)·\($0)" } ?? workspace
        let categories = item.assessment.categories.map(\.rawValue).joined(separator: ",")
        let categoryList = item.assessment.categories
        let mark =
            categoryList.first(where: \.isHardFloor) ?? categoryList.first { !$0.isReadOnly } ?? categoryList.first
        self.categoryMark = mark?.rawValue ?? "-"
        self.groupKey = normalised + "\u{0}" + categories
        self.groupLabel = "\(tool) \(String(normalised.prefix(40))) [\(categories)]"
        let search = [action.harness, tool, self.place, summary.string, categories, item.reason].joined(separator: " ")
        self.searchBytes = Array(search.lowercased().utf8)
    }

    /// Whether the lowercased `needle` occurs in the search text.
    func matches(_ needle: [UInt8]) -> Bool { Self.matches(searchBytes, needle) }

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
    static func precedes(_ lhs: QueueEntry, _ rhs: QueueEntry) -> Bool {
        let (a, b) = (lhs.item, rhs.item)
        if a.assessment.risk != b.assessment.risk { return a.assessment.risk > b.assessment.risk }
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
