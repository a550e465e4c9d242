/// Names one client connection for the state machine; the shell maps it to a channel.
public struct ConnectionID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(_ rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public static func < (lhs: ConnectionID, rhs: ConnectionID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "#\(rawValue)" }
}

/// Who is on the other end of a connection, as the kernel reports it (SO_PEERCRED).
public struct PeerCredentials: Equatable, Sendable {
    /// The peer's process id when it connected; nil when the platform cannot tell.
    public var pid: Int32?
    public var uid: UInt32?

    public init(pid: Int32?, uid: UInt32?) {
        self.pid = pid
        self.uid = uid
    }
}
