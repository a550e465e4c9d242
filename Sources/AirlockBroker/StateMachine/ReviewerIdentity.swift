/// Who decided, as the broker knows it from the connection: the kernel's uid and pid, the
/// process's controlling terminal, and how (whether) the reviewer was authenticated. Never
/// from a field the client fills in. Its `logged` text goes into the decision log.
public struct ReviewerIdentity: Equatable, Sendable {
    public enum Authentication: String, Sendable {
        /// The reviewer's passphrase, checked against its scrypt hash in Airlock's store.
        case passphrase
        /// Airlock's system user or root: reached through `sudo`, whose password is the proof.
        case systemUser = "system user"
    }

    public var name: String
    public var uid: UInt32?
    public var pid: Int32?
    /// The controlling terminal's name (`pts/3`), when the process has one.
    public var terminal: String?
    /// Nil on the same-user deployment's shared socket, where nothing but the terminal is shown.
    public var authentication: Authentication?

    public var logged: String {
        var facts: [String] = []
        if let uid { facts.append("uid \(uid)") }
        if let pid { facts.append("pid \(pid)") }
        facts.append(terminal.map { "terminal \($0)" } ?? "no terminal")
        let how =
            authentication.map { "authenticated by \($0.rawValue)" }
            ?? "not authenticated (same-user broker: a controlling terminal was required)"
        return facts.joined(separator: ", ") + "; " + how
    }
}
