import Foundation

/// The current context of a kubeconfig and its namespace, read from the small YAML subset
/// kubeconfigs use (no YAML package is available): top-level `current-context:`, and the
/// `contexts:` list whose items hold `name:` and a `context:` map with `cluster:`/`namespace:`.
public struct KubeContext: Sendable, Equatable, Codable {
    public var name: String
    public var cluster: String?
    /// nil means the context names none (kubectl then uses `default`).
    public var namespace: String?

    public init(name: String, cluster: String? = nil, namespace: String? = nil) {
        self.name = name
        self.cluster = cluster
        self.namespace = namespace
    }
}

public enum KubeConfig {
    /// The current context in `text`; nil when none is set. Flow-style (`{…}`) maps and anchors
    /// are not read: their values stay unknown rather than guessed.
    public static func currentContext(in text: String) -> KubeContext? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(Line.init)
        guard let current = lines.first(where: { $0.indent == 0 && $0.key == "current-context" })?.value,
            !current.isEmpty
        else { return nil }
        var context = KubeContext(name: current)
        // The `contexts:` block: from its key to the next top-level key.
        guard let start = lines.firstIndex(where: { $0.indent == 0 && $0.key == "contexts" }) else { return context }
        let block = lines[(start + 1)...].prefix { $0.isBlank || $0.indent > 0 || $0.isListItem }
        // Items start at lines with a dash at the block's item indent.
        let itemIndent = block.first { $0.isListItem }?.indent ?? 0
        var items: [[Line]] = []
        for line in block where !line.isBlank && !line.isComment {
            if line.isListItem && line.indent == itemIndent {
                items.append([line])
            } else if !items.isEmpty {
                items[items.count - 1].append(line)
            }
        }
        for item in items {
            // The item's own keys sit at itemIndent + 2 (the first one after "- ").
            let nameIndent = itemIndent + 2
            let name = item.first { $0.key == "name" && $0.contentIndent == nameIndent }?.value
            guard name == current else { continue }
            context.cluster = item.first { $0.key == "cluster" && $0.contentIndent > nameIndent }?.value
            context.namespace = item.first { $0.key == "namespace" && $0.contentIndent > nameIndent }?.value
            break
        }
        return context
    }

    /// One line: its indent, whether it is a list item, and its `key: value`.
    struct Line {
        var indent: Int
        /// Indent of the key itself (after a leading "- ").
        var contentIndent: Int
        var isListItem: Bool
        var isBlank: Bool
        var isComment: Bool
        var key: String?
        var value: String?

        init(_ raw: Substring) {
            let spaces = raw.prefix { $0 == " " }.count
            indent = spaces
            var content = raw.dropFirst(spaces)
            isBlank = content.allSatisfy(\.isWhitespace)
            isComment = content.hasPrefix("#")
            isListItem = content.hasPrefix("- ") || content == "-"
            if isListItem {
                content = content.dropFirst()
                let more = content.prefix { $0 == " " }.count
                content = content.dropFirst(more)
                contentIndent = spaces + 1 + more
            } else {
                contentIndent = spaces
            }
            guard !isComment, let colon = content.firstIndex(of: ":") else { return }
            let after = content[content.index(after: colon)...]
            guard after.isEmpty || after.first == " " else { return }
            key = Self.unquoted(content[..<colon])
            value = Self.scalar(after)
        }

        /// A plain or quoted scalar, comments removed; nil when empty (a nested map follows).
        static func scalar(_ text: Substring) -> String? {
            var value = text.trimmingWhitespace
            if value.first == "\"" || value.first == "'" {
                let quote = value.first
                let body = value.dropFirst()
                if let close = body.firstIndex(where: { $0 == quote }) { return String(body[..<close]) }
                return String(body)
            }
            if let hash = value.range(of: " #") { value = value[..<hash.lowerBound].trimmingWhitespace }
            return value.isEmpty ? nil : String(value)
        }

        static func unquoted(_ text: Substring) -> String {
            let trimmed = text.trimmingWhitespace
            if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
                return String(trimmed.dropFirst().dropLast())
            }
            return String(trimmed)
        }
    }
}

extension Substring {
    var trimmingWhitespace: Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return self[endIndex...] }
        return self[first...last]
    }
}
