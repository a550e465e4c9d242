import AirlockCore

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
