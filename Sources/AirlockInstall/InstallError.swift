/// Why a settings file could not be changed; nothing is written when this is thrown.
public enum InstallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not valid JSON (the parser's words attached).
    case notJSON(String)
    /// The file parses but has the wrong shape where Airlock's hook goes (a key path and what it should be).
    case unexpectedShape(String)
    /// The harness keeps no settings file at the requested scope.
    case unsupportedScope(String)

    public var description: String {
        switch self {
        case .notJSON(let detail): "is not valid JSON (\(detail))"
        case .unexpectedShape(let detail): "has an unexpected shape: \(detail)"
        case .unsupportedScope(let detail): detail
        }
    }
}
