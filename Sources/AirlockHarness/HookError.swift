/// Why a hook input could not become an action; the text goes back to the agent.
public enum HookError: Error, Equatable, Sendable, CustomStringConvertible {
    case notJSON
    case notAnObject
    case missingField(String)
    case unsupportedEvent(String)
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .notJSON: "the hook input is not JSON"
        case .notAnObject: "the hook input is not a JSON object"
        case .missingField(let name): "the hook input has no \(name)"
        case .unsupportedEvent(let name): "Airlock does not decide the hook event \(name)"
        case .tooLarge(let limit): "the hook input is larger than \(limit / 1_048_576) MiB"
        }
    }
}
