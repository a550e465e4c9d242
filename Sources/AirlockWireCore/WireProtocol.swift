/// The constants of the socket protocol (docs/protocol.md): its version and its limits.
public enum WireProtocol {
    /// The protocol version this build speaks and writes. Requests may carry it as
    /// `"airlock": 2` in their params; `subscribe` and `status` report it as `protocolVersion`.
    public static let version = 2
    /// The versions a request may name. Version 1 spelled enum values with Swift's `"_0"`
    /// (`{"mcp": {"_0": {…}}}`); that form is still read, and goes with version 3.
    public static let acceptedVersions = 1...2
    /// The longest line, in bytes without its newline, that either side accepts.
    public static let maxLineBytes = 1 << 20
    /// The JSON-RPC version string every message carries.
    public static let jsonRPC = "2.0"
}
