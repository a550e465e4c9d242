import AirlockCore

/// Reads the broker's answer to the hook's `submit` from reply lines, without Codable.
///
/// Only a reply to our own request id counts: notifications are skipped, and anything else
/// (not JSON, another id, an error object, a result that is not a decision) is a failure, so
/// the caller decides locally rather than trusting it.
public enum BrokerReply {
    /// What one line means for the waiting hook.
    public enum Reading: Equatable {
        /// A decision: allow or deny with the broker's reason.
        case decided(allows: Bool, reason: String)
        /// A notification; keep reading.
        case skip
        case failed(BrokerFailure)
    }

    public static func read(_ line: some Collection<UInt8>, expecting id: Int = SubmitLine.requestID) -> Reading {
        guard let value = try? JSONValue.parse(line), case .object(let message) = value else {
            return .failed(BrokerFailure("the broker sent something that is not JSON"))
        }
        let replyID = message["id"] ?? .null
        if replyID == .null, message["method"] != nil { return .skip }
        guard replyID == .number(Double(id)) else {
            return .failed(BrokerFailure("the broker answered a request the hook did not send"))
        }
        if let error = message["error"] {
            let text = error["message"]?.stringValue ?? "no reason given"
            return .failed(BrokerFailure("the broker refused the request: \(text)"))
        }
        guard let result = message["result"], let decision = result["decision"]?.stringValue,
            decision == "allow" || decision == "deny", let reason = result["reason"]?.stringValue
        else {
            return .failed(BrokerFailure("the broker's answer is not a decision"))
        }
        return .decided(allows: decision == "allow", reason: reason)
    }
}
