import Foundation

/// The user's list of trusted repositories (`<config>/trusted-repos`): one absolute path or
/// remote URL a line, `#` comments. A path covers the repository at that top level.
public struct TrustedRepositories: Sendable, Equatable {
    public var entries: [String]

    public init(text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.trimmingWhitespace
            return entry.isEmpty || entry.hasPrefix("#") ? nil : String(entry)
        }
    }

    /// Why `workspace` is trusted, or nil.
    public func reason(workspace: String, remotes: [GitState.Remote], listPath: String) -> String? {
        let trimmed = { (text: String) in text.hasSuffix("/") && text.count > 1 ? String(text.dropLast()) : text }
        if entries.contains(where: { trimmed($0) == workspace }) { return "listed in \(listPath)" }
        for remote in remotes where entries.contains(where: { Self.sameRemote($0, remote.url) }) {
            return "its remote \(remote.url) is listed in \(listPath)"
        }
        return nil
    }

    /// The list's text with `workspace` added on a line of its own (as `airlock trust` writes it).
    public static func adding(_ workspace: String, to text: String) -> String {
        let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
        return text + separator + workspace + "\n"
    }

    /// The list's text without the lines naming `workspace` or one of its remotes, and the
    /// entries taken out. Comments and other entries stay as they were.
    public static func removing(
        _ workspace: String, remotes: [GitState.Remote], from text: String
    ) -> (text: String, removed: [String]) {
        var removed: [String] = []
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let entry = String(line.trimmingWhitespace)
            let path = entry.hasSuffix("/") && entry.count > 1 ? String(entry.dropLast()) : entry
            if !entry.isEmpty, !entry.hasPrefix("#"),
                path == workspace || remotes.contains(where: { sameRemote(entry, $0.url) })
            {
                removed.append(entry)
            } else {
                kept.append(line)
            }
        }
        return (kept.joined(separator: "\n"), removed)
    }

    /// `https://host/a/b(.git)` and `git@host:a/b(.git)` name the same repository.
    static func sameRemote(_ a: String, _ b: String) -> Bool {
        key(a) == key(b) && !key(a).isEmpty
    }

    private static func key(_ url: String) -> String {
        var text = URLText.withoutCredentials(url).lowercased()
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let at = text.firstIndex(of: "@"), !text[..<at].contains("/") {
            text = String(text[text.index(after: at)...])
        }
        text = text.replacingOccurrences(of: ":", with: "/")
        if text.hasSuffix(".git") { text = String(text.dropLast(4)) }
        if text.hasSuffix("/") { text = String(text.dropLast()) }
        return text
    }
}
