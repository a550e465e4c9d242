/// A verdict with its reason and where it came from (DESIGN §6).
public struct Decision: Codable, Sendable, Equatable {
    public var verdict: Verdict
    /// Goes back to the agent on deny, in words it can act on.
    public var reason: String
    public var source: Source

    public init(_ verdict: Verdict, reason: String, source: Source) {
        self.verdict = verdict
        self.reason = reason
        self.source = source
    }

    public enum Source: Codable, Sendable, Equatable, CustomStringConvertible {
        case integrityFloor
        case rule(String)
        case exception(String)
        case hardFloor
        /// The command asks to run outside the harness's sandbox.
        case sandboxEscape
        case mode(Mode)
        case human(String)
        case timeout
        case fallback
        /// Nothing decided: a human must.
        case unmatched

        public var description: String {
            switch self {
            case .integrityFloor: "integrity_floor"
            case .rule(let id): "rule:\(id)"
            case .exception(let id): "exception:\(id)"
            case .hardFloor: "hard_floor"
            case .sandboxEscape: "sandbox_escape"
            case .mode(let mode): "mode:\(mode.rawValue)"
            case .human(let who): "human:\(who)"
            case .timeout: "timeout"
            case .fallback: "fallback"
            case .unmatched: "default"
            }
        }

        public var ruleID: String? {
            if case .rule(let id) = self { return id }
            return nil
        }

        public var exceptionID: String? {
            if case .exception(let id) = self { return id }
            return nil
        }
    }
}
