/// The text form of a decision's source, on the wire and in the decision log: a tag, and after
/// a colon the rule, exception, mode, reviewer or action it names.
///
/// | source | text |
/// |---|---|
/// | integrity floor | `integrity_floor` |
/// | a policy rule | `rule:<id>` |
/// | an exception | `exception:<id>` |
/// | the hard floor's ask | `hard_floor` |
/// | a request to run outside the harness's sandbox | `sandbox_escape` |
/// | a runner step over agent changes no human has seen | `unseen_change` |
/// | the mode's default | `mode:<mode>` |
/// | a reviewer | `human:<reviewer>` |
/// | no reviewer in time | `timeout` |
/// | no console, a full queue, the broker stopping | `fallback` |
/// | nothing matched: a human must | `default` |
/// | the hook's decision reused by the MCP proxy's gate | `hook:<action id>` |
/// | withdrawn by the agent | `withdrawn` |
extension Decision.Source: CustomStringConvertible, LosslessStringConvertible, JSONCodable {
    public var description: String {
        switch self {
        case .integrityFloor: "integrity_floor"
        case .rule(let id): "rule:\(id)"
        case .exception(let id): "exception:\(id)"
        case .hardFloor: "hard_floor"
        case .sandboxEscape: "sandbox_escape"
        case .unseenChange: "unseen_change"
        case .mode(let mode): "mode:\(mode.rawValue)"
        case .human(let who): "human:\(who)"
        case .timeout: "timeout"
        case .fallback: "fallback"
        case .unmatched: "default"
        case .hook(let actionID): "hook:\(actionID)"
        case .withdrawn: "withdrawn"
        }
    }

    /// The source `text` names; nil when this version does not know its tag (or a mode).
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let tag = parts[0]
        guard parts.count == 2 else {
            switch tag {
            case "integrity_floor": self = .integrityFloor
            case "hard_floor": self = .hardFloor
            case "sandbox_escape": self = .sandboxEscape
            case "unseen_change": self = .unseenChange
            case "timeout": self = .timeout
            case "fallback": self = .fallback
            case "default": self = .unmatched
            case "withdrawn": self = .withdrawn
            default: return nil
            }
            return
        }
        let name = String(parts[1])
        switch tag {
        case "rule": self = .rule(name)
        case "exception": self = .exception(name)
        case "human": self = .human(name)
        case "hook": self = .hook(name)
        case "mode":
            guard let mode = Mode(rawValue: name) else { return nil }
            self = .mode(mode)
        default: return nil
        }
    }

    public init(json: JSONValue) throws(JSONShapeError) {
        guard case .string(let text) = json, let source = Decision.Source(text) else {
            throw JSONShapeError(.wrongType(expected: "a decision source such as rule:<id>"))
        }
        self = source
    }

    public var json: JSONValue { .string(description) }
}
