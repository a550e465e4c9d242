/// Which socket a connection came in on; with the connection's authentication it decides what
/// the connection may ask (`MethodAccess`).
public enum Listener: String, Sendable, CaseIterable {
    /// The same-user deployment's one socket, for its user's hooks and consoles alike.
    case shared
    /// The separated deployment's `agent.sock`: any local user (or a group) submits actions.
    case agent
    /// The separated deployment's `review.sock`: reviewers, once authenticated.
    case review
}
