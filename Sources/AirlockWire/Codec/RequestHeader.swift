import AirlockCore

/// What a request line is, read from its JSON in the order JSON-RPC's errors are judged: an
/// object, a valid id, `"jsonrpc": "2.0"`, a method this broker answers, a protocol version it
/// speaks. Each failure carries the id to answer when one could be read.
struct RequestHeader {
    /// Nil when absent: a JSON-RPC notification.
    var id: RequestID?
    var method: RPCMethod
    /// Nil when the request has none.
    var params: JSONValue?

    init(_ value: JSONValue) throws(RequestFailure) {
        guard case .object(let members) = value else {
            throw RequestFailure(id: .null, error: RPCError(.invalidRequest, "a request must be a JSON object"))
        }
        if let idValue = members["id"] {
            guard let id = try? RequestID(json: idValue) else {
                throw RequestFailure(
                    id: .null, error: RPCError(.invalidRequest, "\"id\" must be a string, an integer or null"))
            }
            self.id = id
        }
        let replyID = id ?? .null
        guard members["jsonrpc"] == .string(WireProtocol.jsonRPC) else {
            throw RequestFailure(id: replyID, error: RPCError(.invalidRequest, "\"jsonrpc\" must be \"2.0\""))
        }
        guard case .string(let name)? = members["method"] else {
            throw RequestFailure(id: replyID, error: RPCError(.invalidRequest, "\"method\" must be a string"))
        }
        guard let method = RPCMethod(rawValue: name) else {
            let known = RPCMethod.allCases.map(\.rawValue).joined(separator: ", ")
            throw RequestFailure(
                id: replyID, error: RPCError(.methodNotFound, "method not found; this broker answers \(known)"))
        }
        self.method = method
        params = members["params"].flatMap { $0 == .null ? nil : $0 }
        if case .number(let version)? = params?["airlock"],
            Int(exactly: version).map(WireProtocol.acceptedVersions.contains) != true
        {
            let accepted = WireProtocol.acceptedVersions
            throw RequestFailure(
                id: replyID,
                error: RPCError(
                    .unsupportedVersion,
                    "protocol version \(version.formatted) is not supported; this broker speaks "
                        + "\(accepted.lowerBound) to \(accepted.upperBound)",
                    data: .object(["supported": .array(accepted.map { .number(Double($0)) })])))
        }
    }
}

extension Double {
    /// `2`, not `2.0`, for whole numbers in messages.
    fileprivate var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
