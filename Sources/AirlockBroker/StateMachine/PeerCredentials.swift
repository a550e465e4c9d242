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
