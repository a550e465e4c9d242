import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PeerCredentials {
    /// The kernel's record of who connected to `channel`: SO_PEERCRED on Linux,
    /// LOCAL_PEERCRED and LOCAL_PEERPID on macOS.
    static func read(from channel: any Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(PeerCredentials(pid: nil, uid: nil))
        }
        #if os(Linux)
            let future: EventLoopFuture<LinuxPeerCredentials> = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED))
            return future.map { PeerCredentials(pid: $0.pid, uid: $0.uid) }
        #elseif canImport(Darwin)
            let credentials: EventLoopFuture<xucred> = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_LOCAL), name: SocketOptionName(LOCAL_PEERCRED))
            let pid: EventLoopFuture<pid_t> = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(SOL_LOCAL), name: SocketOptionName(LOCAL_PEERPID))
            return credentials.and(pid).map { PeerCredentials(pid: $0.1, uid: $0.0.cr_uid) }
        #else
            return channel.eventLoop.makeSucceededFuture(PeerCredentials(pid: nil, uid: nil))
        #endif
    }
}

#if os(Linux)
    /// Glibc's `struct ucred`, which Swift does not import (it needs `_GNU_SOURCE`): same fields,
    /// same layout.
    struct LinuxPeerCredentials: Sendable {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }
#endif
