/// The constants of the socket protocol (DESIGN §8): its version and its limits.
public enum WireProtocol {
    /// The protocol version this build speaks. Requests may carry it as `"airlock": 1` in their
    /// params; `subscribe` and `status` report it as `protocolVersion`.
    public static let version = 1
    /// The longest line, in bytes without its newline, that either side accepts.
    public static let maxLineBytes = 1 << 20
    /// The JSON-RPC version string every message carries.
    public static let jsonRPC = "2.0"
}
