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
    /// The decisions made lately, automatic ones included.
    case recent(RecentParams)

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
        case .recent: .recent
        }
    }
}

/// The methods a broker answers.
public enum RPCMethod: String, Codable, Sendable, CaseIterable {
    case submit, subscribe, unsubscribe, decide, grant, revoke, list, status, trust, untrust, trustList, recent
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
