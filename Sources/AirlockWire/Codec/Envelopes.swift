import AirlockCore

/// One request line, read in a single pass: the fields that say what it is, read leniently
/// so that each problem gets its own JSON-RPC error, then the params its method takes.
struct RequestLine: Decodable {
    var jsonrpc: String?
    /// Nil when absent (a notification) or of the wrong type (see `isIDValid`).
    var id: RequestID?
    var isIDValid = true
    var method: String?
    /// `params.airlock`, the protocol version the client speaks.
    var version: Int?
    /// The typed request, or why its params did not decode; nil when the method is unknown.
    var request: Result<ClientRequest, DecodingError>?

    private enum CodingKeys: String, CodingKey { case jsonrpc, id, method, params }
    private enum ParamsKeys: String, CodingKey { case airlock }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        jsonrpc = try? container.decodeIfPresent(String.self, forKey: .jsonrpc)
        if container.contains(.id) {
            if let id = try? container.decode(RequestID.self, forKey: .id) {
                self.id = id
            } else {
                isIDValid = false
            }
        }
        method = try? container.decodeIfPresent(String.self, forKey: .method)
        if let params = try? container.nestedContainer(keyedBy: ParamsKeys.self, forKey: .params) {
            version = try? params.decodeIfPresent(Int.self, forKey: .airlock)
        }
        guard let method = method.flatMap(RPCMethod.init(rawValue:)) else { return }
        do {
            switch method {
            case .submit: request = .success(.submit(try container.decode(SubmitParams.self, forKey: .params)))
            case .subscribe:
                request = .success(
                    .subscribe(
                        try container.decodeIfPresent(SubscribeParams.self, forKey: .params) ?? SubscribeParams()))
            case .unsubscribe: request = .success(.unsubscribe)
            case .decide: request = .success(.decide(try container.decode(DecideParams.self, forKey: .params)))
            case .grant: request = .success(.grant(try container.decode(GrantParams.self, forKey: .params)))
            case .revoke: request = .success(.revoke(try container.decode(RevokeParams.self, forKey: .params)))
            case .list: request = .success(.list)
            case .status: request = .success(.status)
            }
        } catch let error as DecodingError {
            request = .failure(error)
        }
    }
}

/// The fields of a line from the broker that say what it is.
struct ServerHeader: Decodable {
    var id: RequestID?
    var method: String?
    var error: RPCError?
    var hasResult: Bool

    private enum CodingKeys: String, CodingKey { case id, method, error, result }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(RequestID.self, forKey: .id)
        method = try container.decodeIfPresent(String.self, forKey: .method)
        error = try container.decodeIfPresent(RPCError.self, forKey: .error)
        hasResult = container.contains(.result)
    }
}

struct ParamsBox<P: Decodable>: Decodable {
    var params: P
}

struct ResultBox<R: Decodable>: Decodable {
    var result: R
}

/// Type-erases a payload so one envelope type serves every method.
struct AnyEncodable: Encodable, Sendable {
    let value: any Encodable & Sendable

    init(_ value: any Encodable & Sendable) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

struct ResponseEnvelope: Encodable {
    var jsonrpc = WireProtocol.jsonRPC
    var id: RequestID
    var result: AnyEncodable
}

struct ErrorEnvelope: Encodable {
    var jsonrpc = WireProtocol.jsonRPC
    var id: RequestID
    var error: RPCError
}

struct NotificationEnvelope: Encodable {
    var jsonrpc = WireProtocol.jsonRPC
    var method: String
    var params: AnyEncodable
}

struct RequestEnvelopeOut: Encodable {
    var jsonrpc = WireProtocol.jsonRPC
    var id: RequestID?
    var method: String
    var params: AnyEncodable?

    private enum CodingKeys: String, CodingKey { case jsonrpc, id, method, params }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(jsonrpc, forKey: .jsonrpc)
        // A request without an id is a notification, so the key must be absent, not null.
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(method, forKey: .method)
        try container.encodeIfPresent(params, forKey: .params)
    }
}
