import AirlockCore

/// The `submit` exchange as bytes, both ends, with the standard library alone: the hook
/// writes the request and reads the reply; the broker writes the reply (it reads the request
/// with every other request, `SubmitParams(json:)` behind `WireCodec`).
///
/// The fields are mapped once, in `SubmitParams+Coding.swift` and `Action+Coding.swift`; this
/// type only frames them as JSON-RPC lines. The hook links no Foundation JSON (its start-up
/// is on every tool call, docs/decisions.md); tests hold these lines against JSONDecoder.
public enum SubmitCodec {
    /// `{"id":1,"jsonrpc":"2.0","method":"submit","params":{…}}` and a newline; without an id
    /// it is a JSON-RPC notification (decided and logged, never answered).
    public static func request(_ params: SubmitParams, id: RequestID?) -> [UInt8] {
        var members: [String: JSONValue] = [
            "jsonrpc": .string(WireProtocol.jsonRPC), "method": .string("submit"), "params": params.json,
        ]
        members["id"] = id?.json
        return line(members)
    }

    /// `{"id":…,"jsonrpc":"2.0","result":{…}}` and a newline: the answer every agent waits for.
    /// The envelope's keys are written in their sorted order around the result's own JSON.
    public static func response(_ result: SubmitResult, id: RequestID) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + result.reason.utf8.count)
        bytes += #"{"id":"#.utf8
        id.json.write(to: &bytes)
        bytes += #","jsonrpc":""#.utf8
        bytes += WireProtocol.jsonRPC.utf8
        bytes += #"","result":"#.utf8
        result.json.write(to: &bytes)
        bytes += "}\n".utf8
        return bytes
    }

    /// What one line from the broker means to a client waiting for the answer to request `id`.
    /// Only a reply to that id counts: a notification is skipped, and anything else (not JSON,
    /// another id, an error, a result that is not a decision) is a failure the caller must not
    /// trust.
    public static func reply(_ line: some Collection<UInt8>, to id: RequestID) -> SubmitReply {
        guard let value = try? JSONValue.parse(line), case .object(let message) = value else {
            return .failed("the broker sent something that is not JSON")
        }
        let replyID = message["id"] ?? .null
        if replyID == .null, message["method"] != nil { return .notification }
        guard replyID == id.json else { return .failed("the broker answered a request this client did not send") }
        if let error = message["error"] {
            return .failed("the broker refused the request: \(error["message"]?.stringValue ?? "no reason given")")
        }
        guard let result = message["result"], let answer = try? SubmitResult(json: result) else {
            return .failed("the broker's answer is not a decision")
        }
        return .decided(answer)
    }

    private static func line(_ members: [String: JSONValue]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        JSONValue.object(members).write(to: &bytes)
        bytes.append(0x0A)
        return bytes
    }
}

/// One line read by a client waiting for its submit's answer.
public enum SubmitReply: Equatable, Sendable {
    /// The broker's decision.
    case decided(SubmitResult)
    /// A notification; keep reading.
    case notification
    /// Not an answer to trust, and why.
    case failed(String)
}
