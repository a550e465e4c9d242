import AirlockWire

/// What a broker in team mode needs beyond a lone broker's configuration.
public struct TeamSettings: Sendable {
    /// This broker's user, host and id, as other consoles label its actions.
    public var origin: ActionOrigin
    /// How long after the last good read of the team's exceptions this broker still applies
    /// allow exceptions while the database is unreachable; after it, what they would allow is
    /// asked for again. Deny exceptions stay: they only make the broker stricter.
    public var exceptionStaleness: Duration

    public init(origin: ActionOrigin, exceptionStaleness: Duration = .seconds(30)) {
        self.origin = origin
        self.exceptionStaleness = exceptionStaleness
    }

    /// Whether a stored exception's granter can be one of the team's reviewers. Brokers in a
    /// team name reviewers `account@host` from the kernel; a row that carries the team's seal
    /// came through one of them, so another machine's account is taken on the seal's word, and
    /// this machine's must exist here.
    public func isKnownGranter(_ name: String, isLocalAccount: (String) -> Bool) -> Bool {
        guard let at = name.lastIndex(of: "@") else { return false }
        let account = String(name[..<at])
        let host = String(name[name.index(after: at)...])
        guard !account.isEmpty, !host.isEmpty else { return false }
        return host != origin.host || isLocalAccount(account)
    }
}
