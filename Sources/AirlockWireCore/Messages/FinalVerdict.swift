import AirlockCore

/// The only answers an agent ever gets: `ask` means the broker waits for a human, who then
/// answers allow or deny.
public enum FinalVerdict: String, Codable, Sendable, CaseIterable {
    case allow, deny

    /// The final form of a policy verdict; nil for `ask`.
    public init?(_ verdict: Verdict) {
        switch verdict {
        case .allow: self = .allow
        case .deny: self = .deny
        case .ask: return nil
        }
    }

    public var verdict: Verdict {
        switch self {
        case .allow: .allow
        case .deny: .deny
        }
    }
}
