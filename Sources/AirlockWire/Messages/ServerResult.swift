/// The result of a request, typed by method.
public enum ServerResult: Equatable, Sendable {
    case submit(SubmitResult)
    case subscribe(SubscribeResult)
    case decide(DecideResult)
    case grant(GrantResult)
    case revoke(RevokeResult)
    case list(ListResult)
    case status(StatusResult)
    case trust(TrustResult)
    case trustList(TrustListResult)
    case policyTrust(PolicyTrustResult)
    case recent(RecentResult)
    case authenticate(AuthenticateResult)
    case empty

    /// The payload as an encodable value, for the envelope.
    var payload: any Encodable & Sendable {
        switch self {
        case .submit(let result): result
        case .subscribe(let result): result
        case .decide(let result): result
        case .grant(let result): result
        case .revoke(let result): result
        case .list(let result): result
        case .status(let result): result
        case .trust(let result): result
        case .trustList(let result): result
        case .policyTrust(let result): result
        case .recent(let result): result
        case .authenticate(let result): result
        case .empty: EmptyResult()
        }
    }
}
