/// Small URL helpers that never let a password through: remote URLs and database URLs are shown
/// to reviewers and written to reports.
enum URLText {
    /// `scheme://user:secret@host/path` → `scheme://host/path`; other text unchanged.
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + String(rest[rest.index(after: at)...])
    }

    /// The host of `scheme://[user[:pw]@]host[:port][/…]`, or nil.
    static func host(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        var authority = url[scheme.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            authority = authority[..<end]
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[authority.index(after: authority.startIndex)..<close])
        }
        if let colon = authority.firstIndex(of: ":") { authority = authority[..<colon] }
        // Several hosts ("h1,h2") name the first.
        if let comma = authority.firstIndex(of: ",") { authority = authority[..<comma] }
        return authority.isEmpty ? nil : String(authority)
    }
}
