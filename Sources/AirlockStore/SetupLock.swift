#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Cross-process helpers for first-time setup of a store file.
///
/// The lock is an advisory `flock` on a file beside the store, never on the store itself:
/// closing any descriptor of a database file drops the POSIX locks SQLite holds on it.
enum SetupLock {
    /// Runs `body` while holding an exclusive lock on `path`, waiting for other processes.
    static func withLock<T>(path: String, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: errorText()) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .cannotOpen(path: path, reason: errorText()) }
        }
        return try body()
    }

    /// Creates an empty database file readable by its owner only, unless it exists already.
    /// SQLite gives the `-wal` and `-shm` files the same permissions.
    static func createPrivateFile(path: String) throws(StoreError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
        } else if errno != EEXIST {
            throw .cannotOpen(path: path, reason: errorText())
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
