#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shell and gitignore-style globs: `*`, `?` and `[…]` within one path segment (fnmatch), and
/// `**` for any number of segments.
struct Glob: Sendable, Equatable {
    let segments: [String]

    init(_ pattern: String) {
        segments = pattern.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    static func hasMagic(_ text: String) -> Bool { text.contains { $0 == "*" || $0 == "?" || $0 == "[" } }

    /// Whether `path` (segments relative to where the glob starts) matches.
    func matches(_ path: [Substring]) -> Bool { Self.match(segments[...], path[...]) }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var tail = path
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let segment = path.first, fnmatch(first, String(segment), 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
