import AirlockCore

/// A JSON-RPC error object: a code, a message for people, optional data for programs.
public struct RPCError: Error, Codable, Equatable, Sendable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(_ code: RPCErrorCode, _ message: String, data: JSONValue? = nil) {
        self.code = code.rawValue
        self.message = message
        self.data = data
    }

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The named code, when it is one this protocol defines.
    public var knownCode: RPCErrorCode? { RPCErrorCode(rawValue: code) }

    public var description: String { "error \(code): \(message)" }
}

/// The error codes of the protocol: JSON-RPC's own, then Airlock's (-32001 and down).
public enum RPCErrorCode: Int, Codable, Sendable, CaseIterable {
    /// The line is not JSON (or not UTF-8).
    case parseError = -32700
    /// JSON, but not a JSON-RPC request: no method, wrong `jsonrpc`, a batch.
    case invalidRequest = -32600
    case methodNotFound = -32601
    /// The method exists but its params are missing or malformed.
    case invalidParams = -32602
    case internalError = -32603
    /// The line exceeded 1 MiB; it was discarded up to its newline.
    case lineTooLong = -32001
    /// A decision or grant came from inside the requesting agent's own process tree.
    case selfApprovalRefused = -32002
    /// No pending action or active exception has that id.
    case notFound = -32003
    /// The action was already answered (first decision wins).
    case alreadyResolved = -32004
    /// The request asked for a protocol version this broker does not speak.
    case unsupportedVersion = -32005
    /// The exception breaks a rule every grant must keep (expiry, cap, hard floor).
    case exceptionRefused = -32006
    /// The peer runs as another user.
    case permissionDenied = -32007
    /// A reviewer operation from a connection that has not shown who reviews: no controlling
    /// terminal (same-user broker), or not authenticated (review socket).
    case notAuthenticated = -32008
    /// Approving this needs the reviewer's passphrase again (`passphrase` in the params).
    case passphraseRequired = -32009
    /// The method is not served on this socket (agents may only submit on `agent.sock`).
    case notOnThisSocket = -32010
    /// An approval that adds nothing the action still needs (the same person again, not in
    /// the group the policy asks for, the person whose agent submitted it); nothing changed.
    case approvalNotCounted = -32011
}
