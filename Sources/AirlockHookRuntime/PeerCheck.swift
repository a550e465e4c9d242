#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides whether the process at the other end of a connected Unix socket is a broker Airlock
/// may believe, before a byte of its answer is read. Anyone who can put a listener at the socket
/// path could otherwise answer `allow` to every tool call (docs/security.md).
///
/// Trusted: a server running as this process's own user, or as Airlock's system user
/// (`airlock`, or `AIRLOCK_SYSTEM_USER`) in the separated deployment, whose socket directory
/// belongs to that same user and is writable by nobody else. The credentials come from the
/// kernel (`SO_PEERCRED`, `getpeereid`), never from anything the server says.
public struct PeerCheck: Sendable {
    /// The uid this process runs as.
    public var ownUID: UInt32
    /// The name of Airlock's system user, looked up only when a peer is not our own uid.
    public var systemUserName: String
    /// Where system users are listed; read directly, so a statically linked hook needs no NSS.
    public var passwordFile: String
    /// The separated deployment (`--system` in the hook's command line): only Airlock's system
    /// user is believed, never this process's own uid — which is the agent's.
    public var believesOnlySystemUser = false
    /// With `believesOnlySystemUser`: a system user that is this process's own account is not
    /// believed either. The hook sets it — it runs as the agent, never as Airlock's user — so a
    /// system user's name the agent got into its environment cannot be its own. (Clients run
    /// as Airlock's user through `sudo -u airlock` legitimately share its uid, and send no
    /// passphrase there.)
    public var refusesOwnAccount = false

    public static let defaultSystemUser = "airlock"

    public init(
        ownUID: UInt32 = getuid(), systemUserName: String = defaultSystemUser, passwordFile: String = "/etc/passwd"
    ) {
        self.ownUID = ownUID
        self.systemUserName = systemUserName
        self.passwordFile = passwordFile
    }

    /// The check for this process: `AIRLOCK_SYSTEM_USER` names the system user (tests use it).
    public init(environment: [String: String]) {
        let name = environment["AIRLOCK_SYSTEM_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultSystemUser
        self.init(systemUserName: name)
    }

    /// Nil when the server on `descriptor` (connected to `socketPath`) may be trusted; otherwise why not.
    public func problem(descriptor: Int32, socketPath: String) -> String? {
        guard let peer = Self.peerUID(descriptor) else {
            return "the kernel did not say who is listening on \(socketPath)"
        }
        if believesOnlySystemUser {
            guard let system = systemUID(), system == peer else {
                return "the process listening on \(socketPath) runs as uid \(peer), not as Airlock's system user "
                    + "\(systemUserName), the only one this hook believes (--system)"
            }
            // The name comes from the environment (tests move it): an agent that gets its own
            // name into its harness's environment must not make its own listener "Airlock's".
            if refusesOwnAccount, system == ownUID {
                return "Airlock's system user \(systemUserName) is uid \(system), this hook's own account: "
                    + "with --system it believes a broker of another account, never this hook's own account"
            }
            if system == 0 || systemUserName == "root" {
                return "Airlock's system user is named \(systemUserName) (uid \(system)): a separated broker never "
                    + "runs as root, and this hook (--system) believes never root"
            }
        } else if peer != ownUID {
            guard let system = systemUID(), system == peer else {
                return "the process listening on \(socketPath) runs as uid \(peer), which is neither this user "
                    + "(uid \(ownUID)) nor Airlock's system user \(systemUserName)"
            }
        }
        let directory = AirlockLocations.directory(of: socketPath)
        var info = stat()
        guard stat(directory.isEmpty ? "." : directory, &info) == 0 else {
            return "cannot inspect the socket's directory \(directory) (errno \(errno))"
        }
        guard info.st_uid == peer else {
            return "the socket's directory \(directory) belongs to uid \(info.st_uid), not to the server's uid \(peer)"
        }
        if UInt32(info.st_mode) & UInt32(S_IWGRP | S_IWOTH) != 0 {
            return "the socket's directory \(directory) is writable by other users, who could put their own "
                + "listener there (mode \(String(UInt32(info.st_mode) & 0o7777, radix: 8)))"
        }
        return nil
    }

    /// The uid of the system user, from the password file; nil when there is none.
    public func systemUID() -> UInt32? {
        guard let text = Self.readSmallFile(passwordFile) else { return nil }
        for line in text.split(separator: 0x0A) {
            let fields = line.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard fields.count > 2, fields[0].elementsEqual(systemUserName.utf8) else { continue }
            return UInt32(String(decoding: fields[2], as: UTF8.self))
        }
        return nil
    }

    /// The peer's uid as the kernel recorded it when the connection was made.
    public static func peerUID(_ descriptor: Int32) -> UInt32? {
        #if os(Linux)
            var credentials = LinuxUcred()
            var length = socklen_t(MemoryLayout<LinuxUcred>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0,
                length == socklen_t(MemoryLayout<LinuxUcred>.size)
            else { return nil }
            return credentials.uid
        #else
            var uid: uid_t = 0
            var gid: gid_t = 0
            guard getpeereid(descriptor, &uid, &gid) == 0 else { return nil }
            return uid
        #endif
    }

    private static func readSmallFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while bytes.count < 4_194_304 {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }
}

#if os(Linux)
    /// Glibc's `struct ucred`, which Swift does not import (it needs `_GNU_SOURCE`): same fields,
    /// same layout.
    struct LinuxUcred {
        var pid: Int32 = 0
        var uid: UInt32 = 0
        var gid: UInt32 = 0
    }
#endif
