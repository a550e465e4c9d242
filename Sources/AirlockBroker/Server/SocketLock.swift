#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Makes a socket path safe to bind and keeps it ours while the broker runs.
///
/// Order matters: the directory is made private first; then a live broker is detected by
/// connecting to the socket (the clear "already listening" message); then an exclusive
/// `flock` on `<socket>.lock` closes the race between two brokers starting at once; only the
/// lock holder removes a stale socket file. The kernel drops the lock when the process dies,
/// so a crashed broker never blocks the next one.
final class SocketLock: Sendable {
    let socketPath: String
    private let lockDescriptor: Int32

    /// The longest socket path the kernel takes (`sun_path` less its terminating NUL).
    static var maximumPathBytes: Int {
        MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1
    }

    private init(socketPath: String, lockDescriptor: Int32) {
        self.socketPath = socketPath
        self.lockDescriptor = lockDescriptor
    }

    /// Prepares `socketPath` for binding: private directory, no live broker, lock held, stale
    /// socket file removed.
    static func acquire(_ socketPath: String, directoryMode: mode_t = 0o700) throws(BrokerError) -> SocketLock {
        guard socketPath.utf8.count <= maximumPathBytes else {
            throw .socketPathTooLong(socketPath, limit: maximumPathBytes)
        }
        try prepareDirectory(directory(of: socketPath), mode: directoryMode)
        if isListening(socketPath) { throw .alreadyRunning(socketPath: socketPath) }
        let lockPath = socketPath + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .systemCall("open", path: lockPath, errno: errno) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .alreadyRunning(socketPath: socketPath) }
            throw .systemCall("flock", path: lockPath, errno: code)
        }
        let lock = SocketLock(socketPath: socketPath, lockDescriptor: descriptor)
        do throws(BrokerError) {
            try removeStaleSocket(socketPath)
        } catch {
            lock.release(removingSocket: false)
            throw error
        }
        return lock
    }

    /// Gives the bound socket its permissions: owner-only for one user; for the separated
    /// deployment's sockets, everyone or one group.
    func setSocketPermissions(mode: mode_t = 0o600, group: UInt32? = nil) throws(BrokerError) {
        if let group, chown(socketPath, getuid(), group) != 0 {
            throw .systemCall("chown", path: socketPath, errno: errno)
        }
        guard chmod(socketPath, mode) == 0 else { throw .systemCall("chmod", path: socketPath, errno: errno) }
    }

    /// Removes the socket file (when asked) and drops the lock; idempotent enough for shutdown.
    func release(removingSocket: Bool = true) {
        if removingSocket { unlink(socketPath) }
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
    }

    // MARK: Steps

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Creates the directory (and missing parents) with `mode`. An existing directory is used
    /// only when no other user could put a socket in it: owned by us, and writable by nobody
    /// else, sticky or not (a sticky `/tmp` lets anyone bind a name there first) — what the
    /// hook's `PeerCheck` asks of the broker's directory, so a broker never listens where its
    /// hooks would refuse it. We never chmod a directory we did not make.
    static func prepareDirectory(_ directory: String, mode: mode_t = 0o700) throws(BrokerError) {
        try makeDirectories(directory, mode: mode)
        var info = stat()
        guard stat(directory, &info) == 0 else { throw .systemCall("stat", path: directory, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .unsafeDirectory(directory, reason: "it is not a directory")
        }
        guard info.st_uid == getuid() else {
            throw .unsafeDirectory(
                directory, reason: "it belongs to uid \(info.st_uid), not to this broker's user (uid \(getuid()))")
        }
        if info.st_mode & (S_IWGRP | S_IWOTH) != 0 {
            let sticky = info.st_mode & S_ISVTX != 0 ? " (sticky or not: anyone may bind a name there first)" : ""
            throw .unsafeDirectory(
                directory, reason: "other users may write to it and could put their own socket there" + sticky)
        }
    }

    /// `mkdir -p`, each new directory `mode` whatever the umask.
    private static func makeDirectories(_ directory: String, mode: mode_t) throws(BrokerError) {
        var info = stat()
        if stat(directory, &info) == 0 { return }
        guard errno == ENOENT else { throw .systemCall("stat", path: directory, errno: errno) }
        let parent = self.directory(of: directory)
        if parent != directory { try makeDirectories(parent, mode: mode) }
        if mkdir(directory, mode) == 0 {
            // mkdir applies the umask; say exactly what we mean.
            guard chmod(directory, mode) == 0 else { throw .systemCall("chmod", path: directory, errno: errno) }
        } else if errno != EEXIST {
            throw .systemCall("mkdir", path: directory, errno: errno)
        }
    }

    /// True when something accepts connections on `path` (or its backlog is full, which also
    /// means a live listener).
    static func isListening(_ path: String) -> Bool {
        let descriptor = socket(AF_UNIX, socketStreamType, 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        var address = sockaddr_un()
        guard fill(&address, path: path) else { return false }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return result == 0 || errno == EAGAIN || errno == EINPROGRESS
    }

    /// Removes a socket file nobody listens on. Anything that is not a socket is left alone.
    static func removeStaleSocket(_ path: String) throws(BrokerError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .systemCall("lstat", path: path, errno: errno)
        }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else { throw .notASocket(path) }
        // We hold the lock, so nobody can be starting on this path; a listener here now would
        // be a broker from before locks existed.
        if isListening(path) { throw .alreadyRunning(socketPath: path) }
        guard unlink(path) == 0 || errno == ENOENT else { throw .systemCall("unlink", path: path, errno: errno) }
    }

    private static func fill(_ address: inout sockaddr_un, path: String) -> Bool {
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count <= maximumPathBytes else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return true
    }

    #if os(Linux)
        private static let socketStreamType = Int32(SOCK_STREAM.rawValue)
    #else
        private static let socketStreamType = SOCK_STREAM
    #endif
}
