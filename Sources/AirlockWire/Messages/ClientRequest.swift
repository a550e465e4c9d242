/// A request a client sends: agents `submit`, consoles the rest.
public enum ClientRequest: Equatable, Sendable {
    case submit(SubmitParams)
    case subscribe(SubscribeParams)
    case unsubscribe
    case decide(DecideParams)
    case grant(GrantParams)
    case revoke(RevokeParams)
    case list
    case status
    /// Reviewer operations on the trusted list (protocol.md, "trust").
    case trust(TrustParams)
    case untrust(TrustParams)
    case trustList
    /// Reviewer operations on a repository's policy file (protocol.md, "trustPolicy").
    case trustPolicy(PolicyTrustParams)
    case untrustPolicy(PolicyTrustParams)
    /// The decisions made lately, automatic ones included.
    case recent(RecentParams)
    case authenticate(AuthenticateParams)

    /// The JSON-RPC method name.
    public var method: RPCMethod {
        switch self {
        case .submit: .submit
        case .subscribe: .subscribe
        case .unsubscribe: .unsubscribe
        case .decide: .decide
        case .grant: .grant
        case .revoke: .revoke
        case .list: .list
        case .status: .status
        case .trust: .trust
        case .untrust: .untrust
        case .trustList: .trustList
        case .trustPolicy: .trustPolicy
        case .untrustPolicy: .untrustPolicy
        case .recent: .recent
        case .authenticate: .authenticate
        }
    }
}

/// The methods a broker answers.
public enum RPCMethod: String, Codable, Sendable, CaseIterable {
    case submit, subscribe, unsubscribe, decide, grant, revoke, list, status, trust, untrust, trustList, recent
    case authenticate, trustPolicy, untrustPolicy
}

/// One decoded request line: the request and its id. A nil id makes it a JSON-RPC
/// notification, which gets no reply.
public struct RequestEnvelope: Equatable, Sendable {
    public var id: RequestID?
    public var request: ClientRequest

    public init(id: RequestID?, request: ClientRequest) {
        self.id = id
        self.request = request
    }
}

extension ClientRequest {
    /// The same request carrying the reviewer's passphrase, for one the broker answered with
    /// `passphraseRequired`; nil for requests that take none.
    public func withPassphrase(_ passphrase: String) -> ClientRequest? {
        switch self {
        case .decide(var params):
            params.passphrase = passphrase
            return .decide(params)
        case .grant(var params):
            params.passphrase = passphrase
            return .grant(params)
        case .trust(var params):
            params.passphrase = passphrase
            return .trust(params)
        case .trustPolicy(var params):
            params.passphrase = passphrase
            return .trustPolicy(params)
        case .authenticate:
            return .authenticate(AuthenticateParams(passphrase: passphrase))
        case .submit, .subscribe, .unsubscribe, .revoke, .list, .status, .untrust, .trustList, .recent, .untrustPolicy:
            return nil
        }
    }
}
