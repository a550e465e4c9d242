/// Why a hook input could not become an action; the text goes back to the agent.
public enum HookError: Error, Equatable, Sendable, CustomStringConvertible {
    case notJSON
    case notAnObject
    case missingField(String)
    case unsupportedEvent(String)
    case tooLarge(limit: Int)
    /// An event that gates no tool call (PostToolUse, Stop, …): the hook has no opinion.
    case notAGate(String)

    public var description: String {
        switch self {
        case .notJSON: "the hook input is not JSON"
        case .notAnObject: "the hook input is not a JSON object"
        case .missingField(let name): "the hook input has no \(name)"
        case .unsupportedEvent(let name): "Airlock does not decide the hook event \(name)"
        case .notAGate(let name): "the hook event \(name) is not a tool call to decide"
        case .tooLarge(let limit): "the hook input is larger than \(limit / 1_048_576) MiB"
        }
    }
}

extension HookError {
    /// Lifecycle and after-the-fact events of the harnesses, lowercased; any other unknown
    /// event is refused, in case it is a gate we do not know yet.
    static let nonGatingEvents: Set<String> = [
        "posttooluse", "posttoolusefailure", "permissiondenied", "notification", "userpromptsubmit",
        "userpromptsubmitted", "beforesubmitprompt", "stop", "agentstop", "subagentstart", "subagentstop",
        "sessionstart", "sessionend", "precompact", "postcompact", "precompress", "aftertool", "beforeagent",
        "afteragent", "beforemodel", "aftermodel", "beforetoolselection", "afterfileedit",
        "aftershellexecution", "aftermcpexecution", "erroroccurred",
    ]

    /// The error for an event Airlock does not answer.
    static func unanswered(_ name: String) -> HookError {
        nonGatingEvents.contains(name.lowercased()) ? .notAGate(name) : .unsupportedEvent(name)
    }
}
