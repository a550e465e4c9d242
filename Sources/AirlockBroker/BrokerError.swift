#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a broker could not start or keep its socket.
public enum BrokerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another broker answers on this socket; one per socket.
    case alreadyRunning(socketPath: String)
    /// Unix socket paths are limited by the kernel (`sun_path`).
    case socketPathTooLong(String, limit: Int)
    /// The socket's directory could let another user replace or reach the socket.
    case unsafeDirectory(String, reason: String)
    /// Something that is not a socket sits where the socket should go; it is left alone.
    case notASocket(String)
    /// A system call on the socket path failed.
    case systemCall(String, path: String, errno: Int32)
    case bindFailed(String, reason: String)
    /// Team work was asked of a store that has no shared queue.
    case noSharedQueue

    public var description: String {
        switch self {
        case .noSharedQueue:
            "this broker's store has no shared queue (team mode needs a PostgreSQL store)"
        case .alreadyRunning(let path):
            "another airlock broker is already listening on \(path); stop it first, or set AIRLOCK_SOCKET to use another socket"
        case .socketPathTooLong(let path, let limit):
            "the socket path \(path) is longer than the \(limit) bytes Unix sockets allow; set AIRLOCK_SOCKET to a shorter path"
        case .unsafeDirectory(let path, let reason):
            "refusing to listen in \(path): \(reason)"
        case .notASocket(let path):
            "\(path) exists and is not a socket; move it away or set AIRLOCK_SOCKET to another path"
        case .systemCall(let call, let path, let code):
            "\(call) failed for \(path): \(String(cString: strerror(code)))"
        case .bindFailed(let path, let reason):
            "could not listen on \(path): \(reason)"
        }
    }
}
