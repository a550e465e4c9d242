import AirlockCore
import FoundationEssentials

/// Turns lines into messages and messages into lines, for both ends of the socket.
///
/// Lines passed in are without their newline; lines returned end with `\n`. Dates travel as
/// ISO 8601 text with milliseconds (`2026-11-25T10:00:00.000Z`); keys are sorted, so equal
/// messages are equal lines; unknown fields are ignored.
public struct WireCodec: Sendable {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder

    public init() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(WireDates.withFraction))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = WireDates.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 date")
            }
            return date
        }
        self.encoder = encoder
        self.decoder = decoder
    }

    // MARK: Server side

    /// Decodes one request line. Nil for a line of only whitespace; a failure carries the
    /// request id when one could be read, so the error reply can name it.
    ///
    /// The line is read once into a `JSONValue` (the standard library's reader, as in the hook:
    /// of duplicate keys the last wins); `submit`'s params are mapped from it directly, the
    /// other methods' params through JSONDecoder.
    public func decodeRequest(_ line: [UInt8]) -> Result<RequestEnvelope, RequestFailure>? {
        guard let first = line.first(where: { !Self.isJSONWhitespace($0) }) else { return nil }
        if first == UInt8(ascii: "[") {
            // Valid JSON or not, a batch is not something this protocol takes.
            return .failure(
                RequestFailure(
                    id: .null,
                    error: RPCError(.invalidRequest, "batch requests are not supported; send one request per line")))
        }
        guard let value = try? JSONValue.parse(line) else {
            return .failure(
                RequestFailure(id: .null, error: RPCError(.parseError, "parse error: the line is not valid JSON")))
        }
        let header: RequestHeader
        do {
            header = try RequestHeader(value)
        } catch {
            return .failure(error)
        }
        do {
            return .success(RequestEnvelope(id: header.id, request: try request(header)))
        } catch {
            return .failure(
                RequestFailure(
                    id: header.id ?? .null,
                    error: RPCError(.invalidParams, "invalid params for \(header.method.rawValue): \(error)")))
        }
    }

    /// The typed request; the error names the field at fault, never its value.
    private func request(_ header: RequestHeader) throws(ParamsProblem) -> ClientRequest {
        switch header.method {
        case .submit:
            do {
                return .submit(try SubmitParams(json: header.params ?? .null))
            } catch {
                throw ParamsProblem(error.description(root: "params"))
            }
        case .subscribe: return .subscribe(try params(header.params) ?? SubscribeParams())
        case .unsubscribe: return .unsubscribe
        case .decide: return .decide(try required(header.params))
        case .grant: return .grant(try required(header.params))
        case .revoke: return .revoke(try required(header.params))
        case .list: return .list
        case .status: return .status
        case .trust: return .trust(try required(header.params))
        case .untrust: return .untrust(try required(header.params))
        case .trustList: return .trustList
        case .trustPolicy: return .trustPolicy(try required(header.params))
        case .untrustPolicy: return .untrustPolicy(try required(header.params))
        case .recent: return .recent(try params(header.params) ?? RecentParams())
        case .authenticate: return .authenticate(try required(header.params))
        }
    }

    private func required<P: Decodable>(_ value: JSONValue?) throws(ParamsProblem) -> P {
        guard let params: P = try params(value) else { throw ParamsProblem("params is missing") }
        return params
    }

    private func params<P: Decodable>(_ value: JSONValue?) throws(ParamsProblem) -> P? {
        guard let value else { return nil }
        do {
            return try decoder.decode(P.self, from: Data(value.jsonBytes))
        } catch let error as DecodingError {
            throw ParamsProblem(Self.describe(error))
        } catch {
            throw ParamsProblem("params is invalid")
        }
    }

    /// Why a request's params could not be read.
    private struct ParamsProblem: Error, CustomStringConvertible {
        var description: String

        init(_ description: String) {
            self.description = description
        }
    }

    /// The line answering request `id` with `result`.
    public func encodeResult(_ result: ServerResult, id: RequestID) -> [UInt8] {
        // The one answer on the hot path, written as the hook reads it.
        if case .submit(let submit) = result { return SubmitCodec.response(submit, id: id) }
        return encodeLine(ResponseEnvelope(id: id, result: AnyEncodable(result.payload)))
            ?? encodeError(RPCError(.internalError, "the result could not be encoded"), id: id)
    }

    /// The line answering request `id` (null when it could not be read) with an error.
    public func encodeError(_ error: RPCError, id: RequestID?) -> [UInt8] {
        if let line = encodeLine(ErrorEnvelope(id: id ?? .null, error: error)) { return line }
        // Only `data` can fail to encode (a non-finite number); the rest always can.
        var plain = error
        plain.data = nil
        return encodeLine(ErrorEnvelope(id: id ?? .null, error: plain)) ?? Array(
            #"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"internal error"}}"#.utf8) + [10]
    }

    /// The line carrying a notification to consoles; nil if it could not be encoded.
    public func encodeNotification(_ notification: ServerNotification) -> [UInt8]? {
        encodeLine(
            NotificationEnvelope(method: notification.method.rawValue, params: AnyEncodable(notification.payload)))
    }

    // MARK: Client side

    /// The line for a request; a nil id sends it as a notification (no reply).
    public func encodeRequest(_ request: ClientRequest, id: RequestID?) throws(WireError) -> [UInt8] {
        let params: (any Encodable & Sendable)?
        switch request {
        case .submit(let value): return SubmitCodec.request(value, id: id)
        case .subscribe(let value): params = value
        case .decide(let value): params = value
        case .grant(let value): params = value
        case .revoke(let value): params = value
        case .trust(let value), .untrust(let value): params = value
        case .trustPolicy(let value), .untrustPolicy(let value): params = value
        case .recent(let value): params = value
        case .authenticate(let value): params = value
        case .unsubscribe, .list, .status, .trustList: params = nil
        }
        let envelope = RequestEnvelopeOut(
            id: id, method: request.method.rawValue, params: params.map(AnyEncodable.init))
        guard let line = encodeLine(envelope) else { throw .unencodable }
        return line
    }

    /// Reads one line a broker sent: a response (decode its result with `result(_:from:)`),
    /// an error, or a notification.
    public func decodeServerMessage(_ line: [UInt8]) throws(WireError) -> ServerMessage {
        let data = Data(line)
        let header: ServerHeader
        do {
            header = try decoder.decode(ServerHeader.self, from: data)
        } catch {
            throw .malformed("not a JSON-RPC message")
        }
        if let error = header.error { return .error(id: header.id, error) }
        if let name = header.method {
            guard let method = NotificationMethod(rawValue: name) else {
                throw .malformed("unknown notification \(name)")
            }
            do {
                switch method {
                case .actionQueued: return .notification(.actionQueued(try params(ActionQueued.self, data)))
                case .actionResolved: return .notification(.actionResolved(try params(ActionResolved.self, data)))
                case .actionExpired: return .notification(.actionExpired(try params(ActionExpired.self, data)))
                case .exceptionGranted: return .notification(.exceptionGranted(try params(ExceptionGranted.self, data)))
                case .exceptionRevoked: return .notification(.exceptionRevoked(try params(ExceptionRevoked.self, data)))
                case .exceptionExpired: return .notification(.exceptionExpired(try params(ExceptionExpired.self, data)))
                case .storeHealthChanged:
                    return .notification(.storeHealthChanged(try params(StoreHealth.self, data)))
                case .actionDecided: return .notification(.actionDecided(try params(ActionDecided.self, data)))
                case .boundariesMeasured:
                    return .notification(.boundariesMeasured(try params(BoundariesMeasured.self, data)))
                case .logAnchored: return .notification(.logAnchored(try params(LogAnchor.self, data)))
                case .exceptionRejected:
                    return .notification(.exceptionRejected(try params(RejectedException.self, data)))
                }
            } catch let error as DecodingError {
                throw .malformed("\(name): " + Self.describe(error))
            } catch {
                throw .malformed(name)
            }
        }
        guard header.hasResult, let id = header.id else { throw .malformed("neither result, error nor notification") }
        return .response(id: id)
    }

    /// The typed result of a response line.
    public func result<R: Decodable>(_ type: R.Type, from line: [UInt8]) throws(WireError) -> R {
        do {
            return try decoder.decode(ResultBox<R>.self, from: Data(line)).result
        } catch let error as DecodingError {
            throw .malformed("result: " + Self.describe(error))
        } catch {
            throw .malformed("result")
        }
    }

    // MARK: Helpers

    private func params<P: Decodable>(_ type: P.Type, _ data: Data) throws -> P {
        try decoder.decode(ParamsBox<P>.self, from: data).params
    }

    private func encodeLine(_ value: some Encodable) -> [UInt8]? {
        guard var bytes = try? encoder.encode(value) else { return nil }
        // JSONEncoder escapes control characters inside strings and adds no whitespace, so the
        // only newline in the line is this one.
        bytes.append(UInt8(ascii: "\n"))
        return Array(bytes)
    }

    static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A decoding error as a path and a kind, never echoing the values that were sent.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = (codingPath + (last.map { [$0] } ?? [])).filter { $0.stringValue != "params" }
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "params" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath, key)) is missing"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)) must not be null"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) has the wrong type (expected \(type))"
        case .dataCorrupted(let context): return "\(path(context.codingPath)) is invalid"
        @unknown default: return "invalid"
        }
    }
}

/// A request that could not be taken: the error to send and the id to send it to.
public struct RequestFailure: Error, Equatable, Sendable {
    public var id: RequestID
    public var error: RPCError

    public init(id: RequestID, error: RPCError) {
        self.id = id
        self.error = error
    }
}

/// One line from the broker, as a client reads it.
public enum ServerMessage: Equatable, Sendable {
    /// A successful response; decode its payload with `WireCodec.result(_:from:)`.
    case response(id: RequestID)
    case error(id: RequestID?, RPCError)
    case notification(ServerNotification)
}

/// Why a line could not be read or written.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case unencodable

    public var description: String {
        switch self {
        case .malformed(let what): "malformed message: \(what)"
        case .unencodable: "the message could not be encoded"
        }
    }
}

/// Date formats used on the wire.
enum WireDates {
    static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    static let plain = Date.ISO8601FormatStyle()

    static func parse(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? plain.parse(text))
    }
}
