import AirlockWire

/// Who may call each method on which socket: the broker's one table of authorisation. A
/// method added to the protocol does not compile until it has its row here.
///
/// - `open`: anyone who reached the socket (the socket's own permissions and the broker's
///   uid check come first).
/// - `reviewer`: a human reviewer the broker can name from the connection. On the shared
///   socket of the same-user deployment: a process the kernel identifies, with a controlling
///   terminal, outside every requesting agent's process tree and terminal. On `review.sock`:
///   a connection authenticated with the reviewer's passphrase, or from Airlock's system user
///   or root (reached through `sudo`).
/// - `refused`: not served on that socket.
public enum MethodAccess: Sendable, Equatable {
    case open, reviewer, refused

    /// The rule for `method` on `listener`.
    public static func rule(_ method: RPCMethod, on listener: Listener) -> MethodAccess {
        let row = rules(method)
        switch listener {
        case .shared: return row.shared
        case .agent: return row.agent
        case .review: return row.review
        }
    }

    private static func rules(
        _ method: RPCMethod
    ) -> (shared: MethodAccess, agent: MethodAccess, review: MethodAccess) {
        switch method {
        //                               shared     agent      review
        case .submit: return (.open, .open, .refused)
        case .status: return (.open, .open, .open)
        case .list: return (.open, .refused, .reviewer)
        case .subscribe: return (.open, .refused, .reviewer)
        case .unsubscribe: return (.open, .refused, .open)
        case .decide: return (.reviewer, .refused, .reviewer)
        case .grant: return (.reviewer, .refused, .reviewer)
        case .revoke: return (.reviewer, .refused, .reviewer)
        case .recent: return (.open, .refused, .reviewer)
        case .trustList: return (.open, .refused, .reviewer)
        // Trusting a repository loosens Airlock: a reviewer's alone, like a grant.
        case .trust: return (.reviewer, .refused, .reviewer)
        case .untrust: return (.reviewer, .refused, .reviewer)
        // Trusting a repository's policy file lets its allow rules apply: the same.
        case .trustPolicy: return (.reviewer, .refused, .reviewer)
        case .untrustPolicy: return (.reviewer, .refused, .reviewer)
        case .authenticate: return (.refused, .refused, .open)
        }
    }
}
