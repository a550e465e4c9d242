/// A verdict with its reason and where it came from.
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

    /// What decided. Written as text (`rule:no-curl`, `human:alice`, `timeout`): on the wire
    /// in `source`, and in the decision log (`Decision+Coding.swift`).
    public enum Source: Sendable, Equatable, Hashable {
        case integrityFloor
        case rule(String)
        case exception(String)
        case hardFloor
        /// The command asks to run outside the harness's sandbox.
        case sandboxEscape
        /// A build, test, lint or install step would run files an agent changed that no human
        /// has seen (the broker's `UnseenWrites`).
        case unseenChange
        case mode(Mode)
        case human(String)
        case timeout
        case fallback
        /// Nothing decided: a human must.
        case unmatched
        /// The decision the harness's hook got for the same MCP call, reused for the proxy's gate
        /// of it; the associated value is the hook submission's action id.
        case hook(String)
        /// The agent disconnected before a reviewer answered; logged as a deny.
        case withdrawn

        public var ruleID: String? {
            if case .rule(let id) = self { return id }
            return nil
        }

        public var exceptionID: String? {
            if case .exception(let id) = self { return id }
            return nil
        }

        /// Whether a deny from this source reached an agent without a human deciding it (what
        /// the console and `airlock status` count). A withdrawn action was denied to nobody.
        public var isAutomatic: Bool {
            switch self {
            case .human, .withdrawn: false
            case .integrityFloor, .rule, .exception, .hardFloor, .sandboxEscape, .unseenChange, .mode, .timeout, .fallback,
                .unmatched, .hook:
                true
            }
        }
    }
}
